#!/usr/bin/env python3
"""Checks that the generated Markdown documents render every user string unchanged in meaning.

Usage: check_markdown.py [--cmark PATH] TREE[=STATE_TREE] ...

TREE holds docs/**/*.md as schemagen wrote them; STATE_TREE (default: TREE) holds the
migrations and their schemagen-state/*.json snapshots. With a STATE_TREE of its own, TREE is a
documents-only tree (tests/docs-en) whose SQL blocks are not compared with files. Each document is rendered with
cmark-gfm, the CommonMark + GitHub Flavored Markdown reference implementation GitHub itself
renders with (tables on, raw HTML kept as GitHub keeps <b> or <br>), and the rendered text is
compared with the schema the last snapshot records:

- the title ends with the feature;
- every model section "Model (table)" has the table's doc comment as its paragraph, and in its
  column table one row per column whose name, string default (as the SQL literal) and doc
  comment read back exactly, newlines included;
- every CHECK constraint reads back as "CHECK name: expression";
- the schema's doc comment is a paragraph of the schema-change document, and each Resumo row
  "Model | table | first line of the doc" reads back;
- every SQL code block is byte for byte one of the migration files (the text says it is);
- every table row has as many cells as its header (an unescaped pipe would add one).

A doc comment with `ticks`, *stars*, <b>tags</b>, a trailing backslash or a leading "# " must
render as those characters, not as code, emphasis, HTML, a line break or a heading.
"""

import argparse
import html.parser
import json
import pathlib
import subprocess
import sys


class Node:
    def __init__(self, tag, parent=None):
        self.tag = tag
        self.parent = parent
        self.children = []
        self.attrs = {}

    def text(self):
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            else:
                out.append(child.text())
        return "".join(out)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()


class TreeBuilder(html.parser.HTMLParser):
    VOID = {"br", "hr", "img", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, self.current)
        node.attrs = dict(attrs)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def render(cmark, path):
    html_text = subprocess.run(
        [cmark, "--extension", "table", "--extension", "strikethrough", "--extension",
         "autolink", "--unsafe", "--to", "html", str(path)],
        check=True, capture_output=True, text=True).stdout
    builder = TreeBuilder()
    builder.feed(html_text)
    builder.close()
    return builder.root


def lines(text):
    """Text as rendered, compared line by line: Markdown drops the spaces around a line."""
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def sql_literal(value):
    return "'" + value.replace("'", "''") + "'"


def unescape_e_string(literal):
    """The value of E'...' as PostgreSQL reads it (the escapes schemagen writes)."""
    body, out, i = literal[2:-1], [], 0
    simple = {"n": "\n", "r": "\r", "t": "\t"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n == "x":
                out.append(chr(int(body[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append(simple.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def table_rows(table):
    rows = []
    for tr in table.walk():
        if tr.tag == "tr":
            rows.append([cell.text() for cell in tr.children
                         if isinstance(cell, Node) and cell.tag in ("td", "th")])
    return rows


def last_state(state_tree):
    states = sorted(state_tree.glob("**/schemagen-state/*.json"))
    if not states:
        return None, None
    return json.loads(states[-1].read_text(encoding="utf-8")), states[-1].parent.parent


class Checker:
    def __init__(self, cmark):
        self.cmark = cmark
        self.failures = []
        self.checked = 0

    def expect(self, path, what, actual, expected):
        self.checked += 1
        if lines(actual) != lines(expected):
            self.failures.append(f"{path}: {what}\n    rendered: {actual!r}\n    expected: {expected!r}")

    def check_document(self, path, schema, migrations_dir, own_files):
        root = render(self.cmark, path)
        blocks = [n for n in root.children if isinstance(n, Node)]
        tables = {t["name"]: t for t in schema["tables"]}
        by_heading = {f'{t["model"]} ({t["name"]})': t for t in schema["tables"]}
        paragraphs = [lines(n.text()) for n in blocks if n.tag == "p"]
        is_changes = path.name.startswith("schema-changes-")

        for table in root.walk():
            if table.tag != "table":
                continue
            rows = table_rows(table)
            for row in rows[1:]:
                self.expect(path, f"cells in a row of the table headed {rows[0]}",
                            str(len(row)), str(len(rows[0])))
                # Resumo: Model | table | first line of its doc.
                if len(row) == 3 and row[1] in tables and row[0] == tables[row[1]]["model"]:
                    doc = tables[row[1]].get("doc", "")
                    self.expect(path, f"summary of {row[1]}", row[2], doc.split("\n")[0])

        if is_changes:
            h1 = next((n for n in blocks if n.tag == "h1"), None)
            self.expect(path, "title", h1.text() if h1 else "",
                        (h1.text().split(": ", 1)[0] if h1 else "") + ": " + schema["feature"])
            if schema.get("doc"):
                self.checked += 1
                if lines(schema["doc"]) not in paragraphs:
                    self.failures.append(f"{path}: the schema's doc comment is no paragraph\n"
                                         f"    expected: {schema['doc']!r}\n"
                                         f"    paragraphs: {paragraphs[:4]!r}")
            files = {p.read_text(encoding="utf-8") for p in migrations_dir.glob("*.sql")}
            for node in root.walk() if own_files else ():
                if node.tag == "code" and node.parent.tag == "pre" and \
                        node.attrs.get("class") == "language-sql":
                    self.checked += 1
                    if node.text() not in files:
                        self.failures.append(f"{path}: a SQL block is no migration file of "
                                             f"{migrations_dir}:\n{node.text()[:300]!r}")

        for i, block in enumerate(blocks):
            if block.tag != "h3" or block.text() not in by_heading:
                continue
            table = by_heading[block.text()]
            section = []
            for b in blocks[i + 1:]:
                if b.tag.startswith("h") and len(b.tag) == 2 and b.tag <= "h3":
                    break
                section.append(b)
            first = section[0] if section else None
            doc = table.get("doc", "")
            if doc:
                self.expect(path, f"doc comment of {table['name']}",
                            first.text() if first is not None and first.tag == "p" else "", doc)
            column_table = next((b for b in section if b.tag == "table"), None)
            rows = table_rows(column_table) if column_table is not None else []
            by_name = {row[0]: row for row in rows[1:] if row}
            for column in table["columns"]:
                row = by_name.get(column["name"])
                self.checked += 1
                if row is None:
                    self.failures.append(f"{path}: no row for column {column['name']!r} of "
                                         f"{table['name']!r}; rows: {list(by_name)!r}")
                    continue
                if column.get("doc"):
                    self.expect(path, f"doc comment of {table['name']}.{column['name']}",
                                row[4], column["doc"])
                default = column.get("default")
                if default and default.get("kind") == "string":
                    # The literal, and for jsonb or an enum type the cast PostgreSQL needs.
                    # A value with a newline or a tab is shown as E'...' on one line.
                    literal = sql_literal(default.get("value", ""))  # "" is not written
                    rendered = row[3].split("::")[0] if "::" in row[3] else row[3]
                    if rendered.startswith("E'") and rendered.endswith("'"):
                        rendered = sql_literal(unescape_e_string(rendered))
                    self.expect(path, f"default of {table['name']}.{column['name']}", rendered,
                                literal)
            items = [lines(li.text()) for b in section if b.tag == "ul"
                     for li in b.children if isinstance(li, Node) and li.tag == "li"]
            for check in table.get("checks", []):
                expected = lines(f'CHECK {check["name"]}: ' +
                                 " ".join(check["expression"].split("\n")))
                self.checked += 1
                if expected not in items:
                    self.failures.append(f"{path}: no item {expected!r} among {items!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cmark", default="cmark-gfm")
    parser.add_argument("trees", nargs="+", metavar="TREE[=STATE_TREE]")
    args = parser.parse_args()
    checker = Checker(args.cmark)
    documents = 0
    for spec in args.trees:
        tree, _, state_tree = spec.partition("=")
        tree = pathlib.Path(tree)
        state, migrations_dir = last_state(pathlib.Path(state_tree or tree))
        if state is None:
            checker.failures.append(f"{spec}: no schemagen-state/*.json snapshot")
            continue
        for path in sorted(tree.glob("docs/**/*.md")):
            checker.check_document(path, state["schema"], migrations_dir, not state_tree)
            documents += 1
    for failure in checker.failures:
        print("FAIL " + failure)
    print(f"{documents} documents, {checker.checked} checks, {len(checker.failures)} failures")
    return 1 if checker.failures or documents == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
