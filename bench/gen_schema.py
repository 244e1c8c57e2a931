#!/usr/bin/env python3
"""Synthetic schemas for the benchmarks: one schema of N entities in three languages.

    gen_schema.py --entities 1000 --out DIR [--seed 8] [--changed]

writes
    DIR/entities-N.dsl         schemagen
    DIR/drizzle-N/schema.ts    Drizzle ORM (drizzle-orm/pg-core pgTable), for drizzle-kit generate
    DIR/schema-N.dbml          DBML, for @dbml/cli's dbml2sql
    DIR/entities-N-changed.dsl (with --changed) the same schema with one field widened, the
                               second state of the diff and evolution benchmarks

All three describe the same tables, columns, references and indexes, with the same table,
column, index and foreign-key names schemagen derives (long names shortened by the same rule).
What the peers express differently, as their users would write it:
  - an enum is a PostgreSQL enum type (pgEnum / DBML Enum); schemagen writes varchar(255) + CHECK;
  - DBML has no partial index, so the tenant-scoped unique of a soft-deleted entity is a plain
    unique index there (Drizzle gets the same WHERE clause as schemagen);
  - Drizzle has no table or column comments; doc comments become TSDoc there.

Entity i is generated from its own random stream seeded with (seed, i), so the schema of 100
entities is the first 100 entities of the schema of 1,000: the sizes differ only in N.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
from dataclasses import dataclass, field

MAX_IDENTIFIER = 63

DOMAINS = ["Sales", "Billing", "Support", "Crm", "Stock", "Fleet", "Hr", "Ops", "Legal", "Market",
           "Finance", "Audit", "Travel", "Health", "Event", "Media", "Retail", "Payroll"]
# Nouns whose plural is a plain "s" in schemagen's (and English) rules.
NOUNS = ["Invoice", "Order", "Ticket", "Payment", "Product", "Shipment", "Account", "Contract",
         "Task", "Report", "Document", "Message", "Comment", "Project", "Member", "Team",
         "Vendor", "Supplier", "Warehouse", "Item", "Note", "Campaign", "Lead", "Quote",
         "Receipt", "Refund", "Plan", "Device", "Template", "Rule", "Schedule", "Booking",
         "Room", "Vehicle", "Route", "Driver", "Asset", "Role", "Tag", "Channel", "Contact",
         "Visit", "Claim", "Review", "Survey", "Badge", "Goal", "Budget", "Permit", "Alert"]
ENUM_VALUES = [["draft", "active", "archived"], ["open", "pending", "closed"],
               ["new", "in_progress", "done", "canceled"], ["low", "medium", "high"],
               ["requested", "approved", "rejected"], ["scheduled", "running", "finished", "failed"]]


@dataclass(frozen=True)
class FieldType:
    """One field of the pool, in each language."""
    name: str          # camelCase field name
    dsl: str           # schemagen type (with '?' when nullable)
    default_dsl: str   # "" or the DSL default literal
    drizzle: str       # Drizzle builder call, {col} = the column name
    dbml: str          # DBML type
    dbml_default: str  # "" or the DBML default setting value
    nullable: bool


def _f(name, dsl, drizzle, dbml, default_dsl="", drizzle_default="", dbml_default=""):
    nullable = dsl.endswith("?")
    builder = drizzle + ("" if nullable else ".notNull()") + drizzle_default
    return FieldType(name, dsl, default_dsl, builder, dbml, dbml_default, nullable)


TZ = "{ withTimezone: true }"
POOL = [
    _f("amount", "decimal(12, 2)", "numeric('{col}', { precision: 12, scale: 2 })",
       "numeric(12,2)", "0", ".default('0')", "0"),
    _f("price", "decimal(10, 2)?", "numeric('{col}', { precision: 10, scale: 2 })",
       "numeric(10,2)"),
    _f("quantity", "integer", "integer('{col}')", "integer", "0", ".default(0)", "0"),
    _f("priority", "smallint", "smallint('{col}')", "smallint", "0", ".default(0)", "0"),
    _f("views", "bigint", "bigint('{col}', { mode: 'number' })", "bigint", "0", ".default(0)",
       "0"),
    _f("ratio", "double?", "doublePrecision('{col}')", '"double precision"'),
    _f("score", "real?", "real('{col}')", "real"),
    _f("notes", "text?", "text('{col}')", "text"),
    _f("description", "text?", "text('{col}')", "text"),
    _f("metadata", "jsonb", "jsonb('{col}')", "jsonb", '"{}"', ".default({})", "'{}'"),
    _f("settings", "jsonb?", "jsonb('{col}')", "jsonb"),
    _f("isActive", "boolean", "boolean('{col}')", "boolean", "true", ".default(true)", "true"),
    _f("archived", "boolean", "boolean('{col}')", "boolean", "false", ".default(false)", "false"),
    _f("dueOn", "date?", "date('{col}')", "date"),
    _f("startsOn", "date", "date('{col}')", "date", "now()", ".default(sql`CURRENT_DATE`)",
       "`CURRENT_DATE`"),
    _f("closedAt", "datetime?", "timestamp('{col}', " + TZ + ")", "timestamptz"),
    _f("scheduledAt", "datetime", "timestamp('{col}', " + TZ + ")", "timestamptz", "now()",
       ".defaultNow()", "`now()`"),
    _f("externalId", "uuid?", "uuid('{col}')", "uuid"),
    _f("token", "uuid", "uuid('{col}')", "uuid", "uuid()", ".defaultRandom()",
       "`gen_random_uuid()`"),
    _f("email", "string(255)?", "varchar('{col}', { length: 255 })", "varchar(255)"),
    _f("phone", "string(20)?", "varchar('{col}', { length: 20 })", "varchar(20)"),
    _f("reference", "string(100)?", "varchar('{col}', { length: 100 })", "varchar(100)"),
    _f("color", "string(7)", "varchar('{col}', { length: 7 })", "varchar(7)", '"#cccccc"',
       ".default('#cccccc')", "'#cccccc'"),
]
CODE = _f("code", "string(40)", "varchar('{col}', { length: 40 })", "varchar(40)")
TITLE = _f("title", "string(200)", "varchar('{col}', { length: 200 })", "varchar(200)")
EXTRA_FIELDS = 7  # + code, title, status = 10 declared fields


# ---- naming, as schemagen's src/core/naming.cpp and src/sema/constraints.cpp do it ----------

def snake(name: str) -> str:
    """camelCase / PascalCase -> snake_case; digits stay with the preceding word."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def camel(name: str) -> str:
    return name[0].lower() + name[1:]


def fnv1a(text: str) -> int:
    h = 2166136261
    for byte in text.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def fit(name: str) -> str:
    """A constraint or index name within PostgreSQL's 63 bytes, as schemagen shortens it."""
    if len(name) <= MAX_IDENTIFIER:
        return name
    return f"{name[:MAX_IDENTIFIER - 9]}_{fnv1a(name):08x}"


# ---- the model -------------------------------------------------------------------------------

@dataclass
class Reference:
    target: "Entity"
    nullable: bool
    on_delete: str  # "cascade", "set null", "no action"

    @property
    def field(self) -> str:
        return camel(self.target.name)

    @property
    def column(self) -> str:
        return snake(self.field) + "_id"


@dataclass
class Entity:
    index: int
    name: str
    doc: str
    soft_delete: bool = True
    enum_values: list[str] = field(default_factory=list)
    fields: list[FieldType] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)

    @property
    def table(self) -> str:
        return snake(self.name) + "s"

    @property
    def var(self) -> str:
        return camel(self.name) + "s"

    @property
    def enum_name(self) -> str:
        return self.name + "Status"

    @property
    def enum_sql(self) -> str:
        return snake(self.enum_name)

    def unique_columns(self) -> list[str]:
        """Declared unique: (parent, code) when the entity has a reference, else (code, title)."""
        return [self.refs[0].column, "code"] if self.refs else ["code", "title"]

    def unique_fields(self) -> list[str]:
        return [self.refs[0].field, "code"] if self.refs else ["code", "title"]


def make_entity(seed: int, i: int, earlier: list[Entity]) -> Entity:
    rng = random.Random(f"{seed}:{i}")
    domain = DOMAINS[i % len(DOMAINS)]
    noun = rng.choice(NOUNS)
    name = f"{domain}{i}{noun}"
    entity = Entity(i, name, f"{noun}s of the {domain.lower()} area (synthetic entity {i}).")
    entity.soft_delete = rng.random() >= 0.2
    entity.enum_values = rng.choice(ENUM_VALUES)
    entity.fields = [CODE, TITLE] + rng.sample(POOL, EXTRA_FIELDS)
    if earlier:
        count = min(len(earlier), rng.choice([1, 1, 2, 2, 3]))
        recent = earlier[-50:]
        targets: list[Entity] = []
        while len(targets) < count:
            candidate = rng.choice(recent if rng.random() < 0.7 else earlier)
            if candidate not in targets:
                targets.append(candidate)
        for target in targets:
            roll = rng.random()
            if roll < 0.5:
                entity.refs.append(Reference(target, False, "cascade"))
            elif roll < 0.85:
                entity.refs.append(Reference(target, True, "set null"))
            else:
                entity.refs.append(Reference(target, False, "no action"))
    return entity


def make_schema(n: int, seed: int) -> list[Entity]:
    entities: list[Entity] = []
    for i in range(1, n + 1):
        entities.append(make_entity(seed, i, entities))
    return entities


def check_names(entities: list[Entity]) -> None:
    for e in entities:
        for ident in [e.table] + [r.column for r in e.refs]:
            if len(ident) > MAX_IDENTIFIER:
                sys.exit(f"gen_schema: identifier too long: {ident}")


# ---- schemagen DSL ---------------------------------------------------------------------------

COMPANY_DSL = """\
/// A customer company: the tenant root. Every other table belongs to one.
entity Company global {
  name      string(255)
  /// Company registry number, digits only.
  document  string(14)? unique
  active    boolean = true
}
"""


def dsl_entity(e: Entity, changed: bool) -> str:
    width = 16  # field names in a column, as people align them
    out = [f"/// Lifecycle states of a {e.name}.",
           f"enum {e.enum_name} {{ {' '.join(e.enum_values)} }}", "",
           f"/// {e.doc}", f"entity {e.name}{'' if e.soft_delete else ' no_soft_delete'} {{"]
    for f in e.fields:
        if f.name == "code":
            out.append("  /// Business code, unique within its parent.")
        dsl_type = f.dsl
        if changed and f.name == "title":
            dsl_type = "string(300)"
        line = f"  {f.name:<{width}} {dsl_type}"
        if f.default_dsl:
            line += f" = {f.default_dsl}"
        out.append(line)
        if f.name == "title":
            out.append(f"  /// Where the {e.name} stands.")
            out.append(f"  {'status':<{width}} {e.enum_name} = {e.enum_values[0]}")
    for r in e.refs:
        line = f"  {r.field:<{width}} -> {r.target.name}{'?' if r.nullable else ''}"
        if r.on_delete == "cascade":
            line += " on delete cascade"
        out.append(line)
    out.append("  index(status, createdAt desc)")
    out.append(f"  unique({', '.join(e.unique_fields())})")
    out.append("}")
    return "\n".join(out) + "\n"


def write_dsl(entities: list[Entity], path: str, changed_index: int | None) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("/// Synthetic benchmark schema: a multi-tenant backend of "
                  f"{len(entities)} entities.\n")
        out.write("schema bench {\n  tenant    Company\n  feature   \"bench\"\n"
                  "  timestamp 20260101000000\n}\n\n")
        out.write(COMPANY_DSL)
        for e in entities:
            out.write("\n")
            out.write(dsl_entity(e, e.index == changed_index))


# ---- what schemagen adds, spelled out for the peers ------------------------------------------

def index_names(e: Entity) -> dict[str, str]:
    t = e.table
    names = {"company": fit(f"{t}_company_id_idx"),
             "status": fit(f"{t}_status_created_at_idx"),
             "unique": fit(f"{t}_company_id_{'_'.join(e.unique_columns())}_key")}
    for r in e.refs:
        names[r.column] = fit(f"{t}_{r.column}_idx")
        names["fk:" + r.column] = fit(f"{t}_{r.column}_fkey")
    names["fk:company_id"] = fit(f"{t}_company_id_fkey")
    return names


# ---- Drizzle ---------------------------------------------------------------------------------

DRIZZLE_HEADER = """\
// Synthetic benchmark schema ({n} entities), generated by bench/gen_schema.py. Do not edit.
import {{ sql }} from "drizzle-orm";
import {{
  bigint, boolean, date, doublePrecision, foreignKey, index, integer, jsonb, numeric, pgEnum,
  pgTable, real, serial, smallint, text, timestamp, unique, uniqueIndex, uuid, varchar,
}} from "drizzle-orm/pg-core";

/** A customer company: the tenant root. Every other table belongs to one. */
export const companies = pgTable("companies", {{
  id: serial("id").primaryKey(),
  name: varchar("name", {{ length: 255 }}).notNull(),
  /** Company registry number, digits only. */
  document: varchar("document", {{ length: 14 }}),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", {{ withTimezone: true }}).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", {{ withTimezone: true }}).notNull().defaultNow(),
  deletedAt: timestamp("deleted_at", {{ withTimezone: true }}),
}}, (t) => [
  uniqueIndex("companies_document_key").on(t.document).where(sql`deleted_at IS NULL`),
]);
"""


def drizzle_entity(e: Entity) -> str:
    names = index_names(e)
    values = ", ".join(f'"{v}"' for v in e.enum_values)
    out = [f"export const {camel(e.enum_name)} = pgEnum(\"{e.enum_sql}\", [{values}]);", "",
           f"/** {e.doc} */",
           f"export const {e.var} = pgTable(\"{e.table}\", {{",
           '  id: serial("id").primaryKey(),',
           '  companyId: integer("company_id").notNull(),']
    for f in e.fields:
        builder = f.drizzle.replace("{col}", snake(f.name)).replace("'", '"')
        out.append(f"  {f.name}: {builder},")
        if f.name == "title":
            out.append(f'  status: {camel(e.enum_name)}("status").notNull()'
                       f'.default("{e.enum_values[0]}"),')
    for r in e.refs:
        out.append(f'  {r.field}Id: integer("{r.column}"){"" if r.nullable else ".notNull()"},')
    out.append('  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),')
    out.append('  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),')
    if e.soft_delete:
        out.append('  deletedAt: timestamp("deleted_at", { withTimezone: true }),')
    out.append("}, (t) => [")
    out.append(f'  foreignKey({{ name: "{names["fk:company_id"]}", columns: [t.companyId], '
               'foreignColumns: [companies.id] }).onDelete("cascade").onUpdate("cascade"),')
    for r in e.refs:
        out.append(f'  foreignKey({{ name: "{names["fk:" + r.column]}", columns: [t.{r.field}Id], '
                   f'foreignColumns: [{r.target.var}.id] }})'
                   f'.onDelete("{r.on_delete}").onUpdate("cascade"),')
    out.append(f'  index("{names["company"]}").on(t.companyId),')
    for r in e.refs:
        out.append(f'  index("{names[r.column]}").on(t.{r.field}Id),')
    out.append(f'  index("{names["status"]}").on(t.status, t.createdAt.desc()),')
    ref_fields = {r.field for r in e.refs}
    cols = ", ".join(["t.companyId"] + [f"t.{f}Id" if f in ref_fields else f"t.{f}"
                                        for f in e.unique_fields()])
    if e.soft_delete:
        out.append(f'  uniqueIndex("{names["unique"]}").on({cols}).where(sql`deleted_at IS NULL`),')
    else:
        out.append(f'  unique("{names["unique"]}").on({cols}),')
    out.append("]);")
    return "\n".join(out) + "\n"


def write_drizzle(entities: list[Entity], path: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(DRIZZLE_HEADER.format(n=len(entities)))
        for e in entities:
            out.write("\n")
            out.write(drizzle_entity(e))


# ---- DBML ------------------------------------------------------------------------------------

DBML_COMPANY = """\
Table companies [note: 'A customer company: the tenant root. Every other table belongs to one.'] {
  id serial [pk]
  name varchar(255) [not null]
  document varchar(14) [note: 'Company registry number, digits only.']
  active boolean [not null, default: true]
  created_at timestamptz [not null, default: `now()`]
  updated_at timestamptz [not null, default: `now()`]
  deleted_at timestamptz
  indexes {
    document [unique, name: 'companies_document_key']
  }
}
"""


def dbml_entity(e: Entity) -> str:
    names = index_names(e)
    out = [f"Enum {e.enum_sql} {{", *[f"  {v}" for v in e.enum_values], "}", "",
           f"Table {e.table} [note: '{e.doc}'] {{",
           "  id serial [pk]",
           "  company_id integer [not null]"]
    for f in e.fields:
        settings = [] if f.nullable else ["not null"]
        if f.dbml_default:
            settings.append(f"default: {f.dbml_default}")
        if f.name == "code":
            settings.append("note: 'Business code, unique within its parent.'")
        out.append(f"  {snake(f.name)} {f.dbml}" + (f" [{', '.join(settings)}]" if settings else ""))
        if f.name == "title":
            out.append(f"  status {e.enum_sql} [not null, default: '{e.enum_values[0]}', "
                       f"note: 'Where the {e.name} stands.']")
    for r in e.refs:
        out.append(f"  {r.column} integer" + ("" if r.nullable else " [not null]"))
    out.append("  created_at timestamptz [not null, default: `now()`]")
    out.append("  updated_at timestamptz [not null, default: `now()`]")
    if e.soft_delete:
        out.append("  deleted_at timestamptz")
    out.append("  indexes {")
    out.append(f"    company_id [name: '{names['company']}']")
    for r in e.refs:
        out.append(f"    {r.column} [name: '{names[r.column]}']")
    out.append(f"    (status, `created_at DESC`) [name: '{names['status']}']")
    out.append(f"    ({', '.join(['company_id'] + e.unique_columns())}) "
               f"[unique, name: '{names['unique']}']")
    out.append("  }")
    out.append("}")
    out.append(f"Ref {names['fk:company_id']}: {e.table}.company_id > companies.id "
               "[delete: cascade, update: cascade]")
    for r in e.refs:
        out.append(f"Ref {names['fk:' + r.column]}: {e.table}.{r.column} > {r.target.table}.id "
                   f"[delete: {r.on_delete}, update: cascade]")
    return "\n".join(out) + "\n"


def write_dbml(entities: list[Entity], path: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"// Synthetic benchmark schema ({len(entities)} entities), generated by "
                  "bench/gen_schema.py. Do not edit.\n")
        out.write(DBML_COMPANY)
        for e in entities:
            out.write("\n")
            out.write(dbml_entity(e))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", "-n", type=int, action="append", required=True,
                        help="number of entities besides the tenant (repeatable)")
    parser.add_argument("--out", "-o", required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--changed", action="store_true",
                        help="also write entities-N-changed.dsl (one field widened)")
    parser.add_argument("--only-dsl", action="store_true", help="write only the .dsl files")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for n in args.entities:
        entities = make_schema(n, args.seed)
        check_names(entities)
        write_dsl(entities, os.path.join(args.out, f"entities-{n}.dsl"), None)
        if args.changed:
            write_dsl(entities, os.path.join(args.out, f"entities-{n}-changed.dsl"), (n + 1) // 2)
        if not args.only_dsl:
            write_drizzle(entities, os.path.join(args.out, f"drizzle-{n}", "schema.ts"))
            write_dbml(entities, os.path.join(args.out, f"schema-{n}.dbml"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
