// Changes as messages a reader can act on: which table, which part, what was expected and what
// was found, in PostgreSQL's own spelling of types and expressions.
#include <fmt/format.h>

#include "schemagen/diff.hpp"
#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"

namespace schemagen::diff {
namespace {

// True when `text` is one parenthesized group: "(a AND b)", not "(a) AND (b)".
bool Parenthesized(const std::string& text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0 && i + 1 < text.size()) return false;
  }
  return depth == 0;
}

std::string Wrapped(const std::string& expression) {
  return Parenthesized(expression) ? expression : "(" + expression + ")";
}

std::string SerialName(const ir::Type& type) {
  switch (type.kind) {
    case ir::TypeKind::kInteger:
      return "serial";
    case ir::TypeKind::kBigInt:
      return "bigserial";
    case ir::TypeKind::kSmallInt:
      return "smallserial";
    default:
      return ir::PgTypeName(type) + " auto-increment";
  }
}

std::string Comment(const std::string& text) {
  return text.empty() ? "none" : naming::QuoteLiteral(text);
}

std::string JoinNames(const std::vector<std::string>& names) {
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string KeyText(const PrimaryKey& key) {
  return key.columns.empty() ? "none" : fmt::format("{} ({})", key.name, JoinNames(key.columns));
}

std::string UniqueText(const ir::UniqueConstraint& unique) {
  return fmt::format("UNIQUE ({})", JoinNames(unique.columns));
}

// What each kind of part is called in messages, and how its definition reads.
std::string Noun(const ir::Index&) { return "index"; }
std::string Noun(const ir::ForeignKey&) { return "foreign key"; }
std::string Noun(const ir::UniqueConstraint&) { return "unique constraint"; }
std::string Noun(const ir::Check&) { return "check constraint"; }
std::string Noun(const ir::Column&) { return "column"; }
std::string Noun(const ir::Policy&) { return "row-level security policy"; }
std::string Text(const ir::Policy& policy) { return PolicyText(policy); }
std::string Text(const ir::Index& index) { return IndexText(index); }
std::string Text(const ir::ForeignKey& key) { return ForeignKeyText(key); }
std::string Text(const ir::UniqueConstraint& unique) { return UniqueText(unique); }
std::string Text(const ir::Check& check) { return CheckText(check); }
std::string Text(const ir::Column& column) { return ColumnText(column); }

// Describes one table change; `prefix` is "table <name>: ".
struct TableChangeWriter {
  const std::string& prefix;
  std::vector<std::string>& out;

  template <typename T>
  void operator()(const Add<T>& c) {
    out.push_back(fmt::format("{}unexpected {} {} {}", prefix, Noun(c.object), c.object.name,
                              Text(c.object)));
  }
  template <typename T>
  void operator()(const Drop<T>& c) {
    out.push_back(
        fmt::format("{}missing {} {} {}", prefix, Noun(c.object), c.object.name, Text(c.object)));
  }
  template <typename T>
  void operator()(const Modify<T>& c) {
    out.push_back(fmt::format("{}{} {}: expected {}, found {}", prefix, Noun(c.from), c.from.name,
                              Text(c.from), Text(c.to)));
  }
  void operator()(const ModifyColumn& c) {
    const std::string column = fmt::format("{}column {}: ", prefix, c.from.name);
    if (c.facets.Definition()) {
      out.push_back(
          fmt::format("{}expected {}, found {}", column, ColumnText(c.from), ColumnText(c.to)));
    }
    if (c.facets.comment) {
      out.push_back(fmt::format("{}comment: expected {}, found {}", column, Comment(c.from.doc),
                                Comment(c.to.doc)));
    }
  }
  void operator()(const ModifyPrimaryKey& c) {
    out.push_back(fmt::format("{}primary key: expected {}, found {}", prefix, KeyText(c.from),
                              KeyText(c.to)));
  }
  void operator()(const ModifyRowSecurity& c) {
    auto text = [](const RowSecurity& r) {
      return !r.enabled ? std::string("disabled")
             : r.forced ? std::string("enabled and forced")
                        : std::string("enabled, not forced (the table's owner bypasses it)");
    };
    out.push_back(fmt::format("{}row-level security: expected {}, found {}", prefix, text(c.from),
                              text(c.to)));
  }
  void operator()(const ModifyTableComment& c) {
    out.push_back(
        fmt::format("{}comment: expected {}, found {}", prefix, Comment(c.from), Comment(c.to)));
  }
};

std::string ObjectText(const inspect::Object& object) {
  return object.detail.empty() ? object.name : fmt::format("{} ({})", object.name, object.detail);
}

struct ChangeWriter {
  std::vector<std::string>& out;

  void operator()(const AddTable& c) { out.push_back("unexpected table " + c.object.name); }
  void operator()(const DropTable& c) { out.push_back("missing table " + c.object.name); }
  void operator()(const ModifyTable& c) {
    const std::string prefix = "table " + c.table + ": ";
    for (const TableChange& change : c.changes) std::visit(TableChangeWriter{prefix, out}, change);
  }
  void operator()(const AddObject& c) {
    out.push_back(fmt::format("unexpected {} {}", c.object.kind, ObjectText(c.object)));
  }
  void operator()(const DropObject& c) {
    out.push_back(fmt::format("missing {} {}", c.object.kind, ObjectText(c.object)));
  }
  void operator()(const ModifyObject& c) {
    out.push_back(fmt::format("{} {}: expected {}, found {}", c.from.kind, c.from.name,
                              c.from.detail, c.to.detail));
  }
};

}  // namespace

std::string PolicyText(const ir::Policy& policy) {
  std::string out = policy.command;
  if (!policy.using_expr.empty()) out += " USING " + Wrapped(policy.using_expr);
  if (!policy.check_expr.empty()) out += " WITH CHECK " + Wrapped(policy.check_expr);
  return out;
}

std::string ColumnText(const ir::Column& column) {
  std::string out = column.auto_increment ? SerialName(column.type) : ir::PgTypeName(column.type);
  out += column.nullable ? " NULL" : " NOT NULL";
  if (column.default_value && column.default_value->kind != ir::Default::Kind::kNull) {
    out += " DEFAULT " + sql::DefaultExpression(column);
  }
  return out;
}

std::string IndexText(const ir::Index& index) {
  std::vector<std::string> columns;
  for (const ir::IndexColumn& c : index.columns) {
    columns.push_back(c.descending ? c.name + " DESC" : c.name);
  }
  std::string out =
      fmt::format("{}{} ({})", index.unique ? "UNIQUE " : "", index.method, JoinNames(columns));
  if (!index.where.empty()) out += " WHERE " + Wrapped(index.where);
  return out;
}

std::string ForeignKeyText(const ir::ForeignKey& key) {
  std::string on_delete = ir::ActionSql(key.on_delete);
  if (!key.set_null_columns.empty()) on_delete += " (" + JoinNames(key.set_null_columns) + ")";
  return fmt::format("({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}", JoinNames(key.columns),
                     key.ref_table, JoinNames(key.ref_columns), on_delete,
                     ir::ActionSql(key.on_update));
}

std::string CheckText(const ir::Check& check) { return "CHECK " + Wrapped(check.expression); }

std::vector<std::string> Describe(const Change& change) {
  std::vector<std::string> out;
  std::visit(ChangeWriter{out}, change);
  return out;
}

std::vector<std::string> Describe(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const Change& change : changes) std::visit(ChangeWriter{out}, change);
  return out;
}

}  // namespace schemagen::diff
