#include "verify/data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>

#include "pg/interrupt.hpp"
#include "schemagen/naming.hpp"
#include "verify/values.hpp"

namespace schemagen::verify {
namespace {

using naming::QuoteIdent;

constexpr int kRowsPerTable = 2;      ///< rows written into each table before each UP
constexpr int kFirstVariant = 3;      ///< the isolation check's rows use variants 0 to 2
constexpr std::size_t kChunk = 100;   ///< tables per UNION ALL query
constexpr std::size_t kExamples = 3;  ///< rows described in a message

// An identifier as PostgreSQL reads it: "Quoted" as written, others folded to lower case.
std::string Unquote(const std::string& ident) {
  if (ident.size() >= 2 && ident.front() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < ident.size(); ++i) {
      out += ident[i];
      if (ident[i] == '"') ++i;  // "" stands for "
    }
    return out;
  }
  std::string out = ident;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The last part of a possibly schema-qualified name: public."Tickets" -> Tickets.
std::string LastPart(const std::string& name) {
  static const std::regex kPart(R"re("(?:[^"]|"")+"|[^."]+)re");
  std::string last;
  for (std::sregex_iterator it(name.begin(), name.end(), kPart), end; it != end; ++it) {
    last = it->str();
  }
  return Unquote(last);
}

const char* const kIdent = R"re((?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))re";

std::string Quote(const std::optional<std::string>& value) {
  return value ? naming::QuoteLiteral(*value) : "NULL";
}

std::optional<std::string> ValueOf(const RowValues& row, const std::string& column) {
  const auto it = row.find(column);
  return it == row.end() ? std::nullopt : it->second;
}

// The values of `columns` (first: before names, or second: after names) as one string.
std::string Key(const RowValues& row,
                const std::vector<std::pair<std::string, std::string>>& columns, bool after) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [before, now] : columns) {
    const std::optional<std::string> value = ValueOf(row, after ? now : before);
    out.push_back(value ? nlohmann::json(*value) : nlohmann::json());
  }
  return out.dump();
}

// "id 3: name 'v3' -> 'x'" or "id 3: gone", for a row of `before` not found after the UP.
std::string Describe(const RowValues& row, const std::vector<RowValues>& after,
                     const std::vector<std::pair<std::string, std::string>>& columns,
                     const std::vector<std::string>& key) {
  std::vector<std::pair<std::string, std::string>> key_columns;
  for (const auto& column : columns) {
    if (std::find(key.begin(), key.end(), column.first) != key.end()) key_columns.push_back(column);
  }
  if (key_columns.empty() || key_columns.size() != key.size()) {
    std::vector<std::string> values;
    for (const auto& [before, now] : columns) {
      if (values.size() == 4) break;
      values.push_back(before + " " + Quote(ValueOf(row, before)));
    }
    return fmt::format("the row with {} is gone or changed", fmt::join(values, ", "));
  }
  std::vector<std::string> id;
  for (const auto& [before, now] : key_columns) {
    id.push_back(before + " " + ValueOf(row, before).value_or("NULL"));
  }
  const std::string wanted = Key(row, key_columns, false);
  for (const RowValues& candidate : after) {
    if (Key(candidate, key_columns, true) != wanted) continue;
    std::vector<std::string> changes;
    for (const auto& [before, now] : columns) {
      const std::optional<std::string> was = ValueOf(row, before);
      const std::optional<std::string> is = ValueOf(candidate, now);
      if (was == is) continue;
      changes.push_back(fmt::format("{} {} -> {}",
                                    before == now ? now : now + " (was " + before + ")", Quote(was),
                                    Quote(is)));
    }
    if (!changes.empty()) {
      return fmt::format("{}: {}", fmt::join(id, ", "), fmt::join(changes, ", "));
    }
  }
  return fmt::format("{}: gone", fmt::join(id, ", "));
}

// The tables in an order where every NOT NULL foreign key's table comes before its referrers
// (as far as cycles allow): explicit rows then get parents that were explicit rows too.
std::vector<const ir::Table*> ParentsFirst(const ir::Schema& schema) {
  std::vector<const ir::Table*> out;
  std::set<std::string> done;
  std::function<void(const ir::Table&)> visit = [&](const ir::Table& table) {
    if (!done.insert(table.name).second) return;
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      bool required = true;
      for (const std::string& column : fk.columns) {
        const ir::Column* c = table.FindColumn(column);
        required = required && c != nullptr && !c->nullable;
      }
      const ir::Table* parent = TableNamed(schema, fk.ref_table);
      if (required && parent != nullptr) visit(*parent);
    }
    out.push_back(&table);
  };
  for (const ir::Table& table : schema.tables) visit(table);
  return out;
}

// Every column a made-up value can go into: not serial, not a foreign key (those take a
// parent's key when they must, NULL otherwise).
std::set<std::string> Fillable(const ir::Table& table) {
  std::set<std::string> out;
  for (const ir::Column& column : table.columns) {
    if (column.auto_increment) continue;
    bool key = false;
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      key = key || std::find(fk.columns.begin(), fk.columns.end(), column.name) != fk.columns.end();
    }
    if (!key) out.insert(column.name);
  }
  return out;
}

const DataHazard* HazardOf(const std::vector<DataHazard>& hazards, const std::string& before,
                           const std::string& now) {
  for (const DataHazard& h : hazards) {
    if (h.loses_data && (h.table == before || h.table == now)) return &h;
  }
  return nullptr;
}

}  // namespace

Renames::Renames(const std::vector<SqlStatement>& statements) {
  const std::string ident = kIdent;
  const std::string qualified = ident + R"re((?:\s*\.\s*)re" + ident + ")?";
  const std::string alter =
      R"re(^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?()re" + qualified + R"re())re";
  static const std::regex kTable(alter + R"re(\s+RENAME\s+TO\s+()re" + ident + R"re()\s*$)re",
                                 std::regex::icase);
  static const std::regex kColumn(alter + R"re(\s+RENAME\s+(?:COLUMN\s+)?()re" + ident +
                                      R"re()\s+TO\s+()re" + ident + R"re()\s*$)re",
                                  std::regex::icase);
  for (const SqlStatement& statement : statements) {
    std::smatch m;
    if (std::regex_match(statement.text, m, kTable)) {
      Entry(LastPart(m[1].str())).now = Unquote(m[2].str());
    } else if (std::regex_match(statement.text, m, kColumn)) {
      Renamed& table = Entry(LastPart(m[1].str()));
      const std::string from = Unquote(m[2].str());
      const std::string to = Unquote(m[3].str());
      bool found = false;
      for (auto& [before, now] : table.columns) {
        if (now == from && !found) {
          now = to;
          found = true;
        }
      }
      if (!found) table.columns[from] = to;
    }
  }
}

Renames::Renamed& Renames::Entry(const std::string& now) {
  for (Renamed& r : tables_) {
    if (r.now == now) return r;
  }
  return tables_.emplace_back(Renamed{now, now, {}});
}

std::string Renames::Table(const std::string& before) const {
  for (const Renamed& r : tables_) {
    if (r.before == before) return r.now;
  }
  return before;
}

std::string Renames::Column(const std::string& table, const std::string& column) const {
  for (const Renamed& r : tables_) {
    if (r.before != table) continue;
    const auto it = r.columns.find(column);
    if (it != r.columns.end()) return it->second;
  }
  return column;
}

bool ComparableTypes(const ir::Type& a, const ir::Type& b) {
  if (!a.pg_name.empty() || !b.pg_name.empty()) return a.pg_name == b.pg_name;
  auto family = [](ir::TypeKind kind) {
    switch (kind) {
      case ir::TypeKind::kString:
      case ir::TypeKind::kText:
      case ir::TypeKind::kEnum:
        return 1;
      case ir::TypeKind::kSmallInt:
      case ir::TypeKind::kInteger:
      case ir::TypeKind::kBigInt:
        return 2;
      default:
        return 0;
    }
  };
  if (family(a.kind) != 0 && family(a.kind) == family(b.kind)) return true;
  return a.kind == b.kind && a.length == b.length && a.precision == b.precision &&
         a.scale == b.scale;
}

std::vector<std::string> MissingRows(
    const std::vector<RowValues>& before, const std::vector<RowValues>& after,
    const std::vector<std::pair<std::string, std::string>>& columns,
    const std::vector<std::string>& key, std::size_t& kept) {
  std::map<std::string, std::size_t> found;
  for (const RowValues& row : after) ++found[Key(row, columns, true)];
  std::vector<const RowValues*> missing;
  for (const RowValues& row : before) {
    const auto it = found.find(Key(row, columns, false));
    if (it != found.end() && it->second > 0) {
      --it->second;
      ++kept;
    } else {
      missing.push_back(&row);
    }
  }
  std::vector<std::string> out;
  for (const RowValues* row : missing) {
    if (out.size() == kExamples) {
      out.push_back(fmt::format("and {} more", missing.size() - kExamples));
      break;
    }
    out.push_back(Describe(*row, after, columns, key));
  }
  return out;
}

std::optional<RowsTracker::Contents> RowsTracker::Read(const std::vector<std::string>& tables,
                                                       std::string& error) {
  Contents out;
  for (std::size_t first = 0; first < tables.size(); first += kChunk) {
    std::vector<std::string> parts;
    for (std::size_t i = first; i < std::min(tables.size(), first + kChunk); ++i) {
      out[tables[i]];  // a table without rows is there too
      parts.push_back(fmt::format(
          "SELECT {}, (SELECT json_object_agg(schemagen_k, schemagen_v) FROM "
          "json_each_text(row_to_json(schemagen_row.*)) e(schemagen_k, schemagen_v))::text "
          "FROM {} schemagen_row",
          i, QuoteIdent(tables[i])));
    }
    const pg::Result result = session_.Exec(fmt::format("{}", fmt::join(parts, " UNION ALL ")));
    if (!result.ok()) {
      error = result.error;
      return std::nullopt;
    }
    for (const pg::Row& row : result.rows) {
      const std::size_t i = std::stoul(row.at(0).value_or("0"));
      RowValues values;
      const nlohmann::json json = nlohmann::json::parse(row.at(1).value_or("{}"), nullptr, false);
      if (json.is_object()) {
        for (const auto& [name, value] : json.items()) {
          values[name] = value.is_string() ? std::optional<std::string>(value.get<std::string>())
                                           : std::nullopt;
        }
      }
      out[tables.at(i)].push_back(std::move(values));
    }
  }
  return out;
}

std::optional<RowsTracker::Counts> RowsTracker::Count(const ir::Schema& schema,
                                                      std::string& error) {
  Counts out;
  for (std::size_t first = 0; first < schema.tables.size(); first += kChunk) {
    std::vector<std::string> parts;
    for (std::size_t i = first; i < std::min(schema.tables.size(), first + kChunk); ++i) {
      parts.push_back(
          fmt::format("SELECT {}, count(*) FROM {}", i, QuoteIdent(schema.tables[i].name)));
    }
    const pg::Result result = session_.Exec(fmt::format("{}", fmt::join(parts, " UNION ALL ")));
    if (!result.ok()) {
      error = result.error;
      return std::nullopt;
    }
    for (const pg::Row& row : result.rows) {
      out[schema.tables.at(std::stoul(row.at(0).value_or("0"))).name] =
          std::stoul(row.at(1).value_or("0"));
    }
  }
  return out;
}

std::vector<std::string> RowsTracker::BeforeUp(const ir::Schema& live, int batch, RowsCheck& out) {
  before_ = live;
  before_rows_.clear();
  counts_.clear();
  excused_.clear();
  if (live.tables.empty()) return {};
  out.checked = true;
  const ir::Schema model = LiftChecks(live);
  const std::vector<const ir::Table*> order = ParentsFirst(model);
  const Tenancy none;
  std::map<std::string, std::string> failed;  // table -> why its rows could not be made
  for (int world = 0; world < kRowsPerTable; ++world) {
    // Each of the table's rows gets parents of its own, so a unique key over foreign keys
    // (a junction's) holds; variants keep unique values apart from batch to batch.
    const int variant = kFirstVariant + kRowsPerTable * batch + world;
    RowMaker maker(session_, model, none);
    maker.set_parent_variant(variant);
    for (const ir::Table* table : order) {
      if (pg::InterruptGuard::Interrupted()) return {};
      if (maker.Parent(table->name) != nullptr) continue;  // made as a parent already
      std::optional<RowValues> row = maker.Insert(*table, nullptr, variant, Fillable(*table));
      if (!row) row = maker.Insert(*table, nullptr, variant, {});  // only what it needs
      if (!row) {
        failed.emplace(table->name, maker.error());
        continue;
      }
      maker.Remember(table->name, std::move(*row));
    }
    out.written += maker.inserted();
  }
  for (const auto& [table, why] : failed) out.not_written.push_back({table, why});
  std::vector<std::string> tables;
  for (const ir::Table& table : live.tables) tables.push_back(table.name);
  std::string error;
  std::optional<Contents> rows = Read(tables, error);
  if (!rows) return {"can't read the rows written before the UP: " + error};
  before_rows_ = std::move(*rows);
  return {};
}

std::vector<std::string> RowsTracker::AfterUp(const ir::Schema& after, const Renames& renames,
                                              const std::vector<DataHazard>& hazards,
                                              RowsCheck& out) {
  std::vector<std::string> problems;
  struct Compared {
    std::string before;
    const ir::Table* table;
  };
  std::vector<Compared> compared;
  std::vector<std::string> read;
  for (const auto& [name, rows] : before_rows_) {
    const std::string now = renames.Table(name);
    if (const DataHazard* hazard = HazardOf(hazards, name, now)) {
      excused_.insert(now);
      if (!rows.empty()) out.not_compared.push_back({now, hazard->reason});
      continue;
    }
    if (rows.empty()) continue;
    const ir::Table* table = TableNamed(after, now);
    if (table == nullptr) {
      out.not_compared.push_back({name, "gone after the UP"});
      continue;
    }
    if (table->row_security && !Bypasses()) {
      excused_.insert(now);
      out.not_compared.push_back(
          {now,
           "row-level security hides its rows from this role, which has no BYPASSRLS "
           "(run verify as the role migrations run as)"});
      continue;
    }
    compared.push_back({name, table});
    read.push_back(now);
  }
  std::string error;
  const std::optional<Contents> now_rows = Read(read, error);
  if (!now_rows) return {"can't read the rows after the UP: " + error};
  for (const Compared& c : compared) {
    const ir::Table* before = TableNamed(before_, c.before);
    const std::vector<RowValues>& rows = before_rows_.at(c.before);
    std::vector<std::pair<std::string, std::string>> columns;
    std::vector<std::string> key;
    for (const ir::Column& column : before->columns) {
      if (column.primary_key) key.push_back(column.name);
      const ir::Column* now = c.table->FindColumn(renames.Column(c.before, column.name));
      if (now != nullptr && ComparableTypes(column.type, now->type)) {
        columns.emplace_back(column.name, now->name);
      }
    }
    std::size_t kept = 0;
    const std::vector<std::string> missing =
        MissingRows(rows, now_rows->at(c.table->name), columns, key, kept);
    ++out.tables;
    out.kept += kept;
    if (missing.empty()) continue;
    problems.push_back(fmt::format("rows of {} changed or lost by the UP ({} of {}): {}",
                                   c.table->name, rows.size() - kept, rows.size(),
                                   fmt::join(missing, "; ")));
  }
  return problems;
}

std::vector<std::string> RowsTracker::BeforeDown(const ir::Schema& after) {
  std::string error;
  std::optional<Counts> counts = Count(after, error);
  if (!counts) return {"can't count the rows before the DOWN: " + error};
  counts_ = std::move(*counts);
  return {};
}

bool RowsTracker::Empty(const std::vector<std::string>& tables, const std::string& reason,
                        const ir::Schema& live, bool before_up, RowsCheck& out,
                        std::vector<std::string>& problems) {
  if (tables.empty()) return false;
  std::string error;
  const std::optional<Counts> was = Count(live, error);
  std::vector<std::string> quoted;
  for (const std::string& table : tables) quoted.push_back(QuoteIdent(table));
  const pg::Result truncated =
      session_.Exec(fmt::format("TRUNCATE {} CASCADE", fmt::join(quoted, ", ")));
  if (!truncated.ok()) {
    problems.push_back("can't empty " + fmt::format("{}", fmt::join(tables, ", ")) + ": " +
                       truncated.error);
    return false;
  }
  std::optional<Counts> now = Count(live, error);
  if (!was || !now) {
    problems.push_back("can't count the rows: " + error);
    return true;
  }
  for (const auto& [table, rows] : *was) {
    if (rows == 0 || now->at(table) != 0) continue;
    const bool named = std::find(tables.begin(), tables.end(), table) != tables.end();
    out.emptied.push_back(
        {table, named ? reason
                      : fmt::format("it references {}, emptied for the {} (TRUNCATE ... CASCADE)",
                                    fmt::join(tables, ", "), before_up ? "UP" : "DOWN")});
  }
  if (!before_up) {
    counts_ = std::move(*now);
    return true;
  }
  std::vector<std::string> names;
  for (const ir::Table& table : before_.tables) names.push_back(table.name);
  std::optional<Contents> rows = Read(names, error);
  if (!rows) {
    problems.push_back("can't read the rows before the UP: " + error);
  } else {
    before_rows_ = std::move(*rows);
  }
  return true;
}

bool RowsTracker::Bypasses() {
  if (!bypasses_) {
    const pg::Result r =
        session_.Exec("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user");
    bypasses_ = r.ok() && r.Text(0, 0) == "t";
  }
  return *bypasses_;
}

std::vector<std::string> RowsTracker::AfterUpAgain(const ir::Schema& again) {
  std::string error;
  const std::optional<Counts> counts = Count(again, error);
  if (!counts) return {"can't count the rows after the UP again: " + error};
  std::vector<std::string> problems;
  for (const auto& [table, before] : counts_) {
    const auto now = counts->find(table);
    if (before == 0 || excused_.count(table) != 0 || now == counts->end()) continue;
    if (now->second >= before) continue;
    problems.push_back(
        fmt::format("table {} held {} rows before the DOWN and {} after the DOWN and "
                    "the UP again",
                    table, before, now->second));
  }
  return problems;
}

void RowsTracker::Clear(const ir::Schema& live) {
  std::string error;
  const std::optional<Counts> counts = Count(live, error);
  if (!counts) return;
  std::vector<std::string> full;
  for (const auto& [table, rows] : *counts) {
    if (rows > 0) full.push_back(QuoteIdent(table));
  }
  // In chunks, each its own transaction: a lock per table, not thousands in one.
  for (std::size_t first = 0; first < full.size(); first += kChunk) {
    const auto end =
        full.begin() + static_cast<std::ptrdiff_t>(std::min(full.size(), first + kChunk));
    (void)session_.Exec(
        fmt::format("TRUNCATE {} CASCADE",
                    fmt::join(full.begin() + static_cast<std::ptrdiff_t>(first), end, ", ")));
  }
}

}  // namespace schemagen::verify
