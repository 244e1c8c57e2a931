// The verify report as text (a line per migration, then the schema and isolation results and
// a summary) and as one JSON document for CI systems.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

#include "schemagen/text.hpp"
#include "schemagen/verify.hpp"

namespace schemagen::verify {
namespace {

const char* StatusWord(Status status) {
  switch (status) {
    case Status::kOk:
      return "ok";
    case Status::kFailed:
      return "FAIL";
    case Status::kSkipped:
      return "skip";
  }
  return "?";
}

const char* StatusJson(Status status) {
  switch (status) {
    case Status::kOk:
      return "ok";
    case Status::kFailed:
      return "failed";
    case Status::kSkipped:
      return "skipped";
  }
  return "?";
}

std::string Duration(double ms) {
  if (ms < 0) return "not run";
  return ms < 1000 ? fmt::format("{:.0f} ms", ms) : fmt::format("{:.2f} s", ms / 1000);
}

std::string Plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// The rows written before the UP and what the check made of them.
void Rows(const RowsCheck& rows, std::string& out) {
  if (!rows.checked) return;
  out += fmt::format("      rows: {}, {} kept ({} written before this UP)\n",
                     Plural(rows.tables, "table"), Plural(rows.kept, "row"), rows.written);
  for (const TableNote& t : rows.not_compared) {
    out += fmt::format("      rows: {} not compared: {}\n", t.table, t.reason);
  }
  for (const TableNote& t : rows.not_written) {
    out += fmt::format("      rows: none written into {}: {}\n", t.table, t.reason);
  }
  for (const TableNote& t : rows.emptied) {
    out += fmt::format("      rows: {} emptied: {}\n", t.table, t.reason);
  }
}

void Migrations(const Report& report, std::string& out) {
  for (const MigrationResult& m : report.migrations) {
    if (m.status == Status::kSkipped) {
      out += fmt::format("skip  {}  (not run: an earlier migration failed)\n", m.name);
      continue;
    }
    out += fmt::format("{:<5} {}  {} (up {}, down {}, up again {})\n", StatusWord(m.status), m.name,
                       Duration(m.total_ms), Duration(m.up_ms), Duration(m.down_ms),
                       Duration(m.up_again_ms));
    Rows(m.rows, out);
    bool state_differs = false;
    for (const Problem& p : m.problems) state_differs = state_differs || p.step == "state";
    if (!m.state.empty() && !state_differs) {
      out += fmt::format("      state: as recorded in {}\n", m.state);
    }
    for (const Problem& p : m.problems) out += fmt::format("      {}: {}\n", p.file, p.message);
  }
}

// The recorded states: how many were compared, and those that could not be.
void History(const Report& report, std::string& out) {
  const HistoryCheck& history = report.history;
  if (history.states == 0) return;
  std::size_t differences = 0;
  for (const MigrationResult& m : report.migrations) {
    for (const Problem& p : m.problems) differences += p.step == "state" ? 1 : 0;
  }
  out += fmt::format("history: {} in {}/, {} compared", Plural(history.states, "recorded state"),
                     "schemagen-state", history.compared);
  out += differences > 0 ? fmt::format(", {} (above)\n", Plural(differences, "difference"))
         : history.compared == history.states ? ": each one matched after its last migration\n"
                                              : "\n";
  for (const Problem& p : history.problems) {
    out += fmt::format("      {}: {}\n", p.file, p.message);
  }
}

void Schema(const Report& report, std::string& out) {
  if (!report.schema.checked) return;
  std::size_t differences = 0;
  for (const MigrationResult& m : report.migrations) {
    for (const Problem& p : m.problems) differences += p.step == "schema" ? 1 : 0;
  }
  if (!report.schema.compared) {
    out += "schema: not compared with the DSL's: the last migration did not run\n";
  } else if (differences > 0) {
    out += fmt::format("schema: {} from the DSL's schema (above)\n",
                       Plural(differences, "difference"));
  } else {
    out += fmt::format("schema: the migrations produce the DSL's schema ({})\n",
                       Plural(report.schema.tables, "table"));
  }
  for (const Problem& p : report.schema.problems) {
    out += fmt::format("      {}: {}\n", p.file, p.message);
  }
}

// "as company 2: read 0/1, updated 0, deleted 0, wrote 0/2; references 0/3; no company 0/1":
// how many cross-tenant reads, writes and references succeeded, of those tried.
std::string CountsText(const CrossTenantCounts& n) {
  std::vector<std::string> parts;
  if (n.visible >= 0) {
    parts.push_back(fmt::format("as company 2: read {}/{}, updated {}, deleted {}, wrote {}/{}",
                                n.visible, n.rows, std::max(n.updated, 0L), std::max(n.deleted, 0L),
                                n.writes - n.writes_rejected, n.writes));
  }
  if (n.references > 0) {
    parts.push_back(fmt::format("references across companies {}/{}",
                                n.references - n.references_rejected, n.references));
  }
  if (n.unset >= 0) parts.push_back(fmt::format("read with no company set {}", n.unset));
  if (n.without_tenant > 0) {
    parts.push_back(fmt::format("rows without a company {}/{}",
                                n.without_tenant - n.without_tenant_rejected, n.without_tenant));
  }
  if (parts.empty()) return "";
  return fmt::format("succeeded across tenants: {}", fmt::join(parts, "; "));
}

void Isolation(const Report& report, std::string& out) {
  const IsolationCheck& check = report.isolation;
  if (!check.checked) {
    if (!check.skipped.empty()) out += "tenant isolation: not checked: " + check.skipped + "\n";
    return;
  }
  out += fmt::format("tenant isolation ({}, rows written as {}{}):\n",
                     Plural(check.tables.size(), "tenant table"), check.role,
                     check.setting.empty() ? "" : ", row-level security on " + check.setting);
  for (const TableIsolation& t : check.tables) {
    out += fmt::format("  {:<5} {}: {} held\n", StatusWord(t.status), t.table,
                       Plural(t.passed.size(), "check"));
    if (const std::string counts = CountsText(t.counts); !counts.empty())
      out += fmt::format("        {}\n", counts);
    for (const std::string& p : t.problems) out += fmt::format("        {}\n", p);
    for (const std::string& n : t.notes) out += fmt::format("        note: {}\n", n);
    if (!t.skipped.empty()) out += fmt::format("        {}\n", t.skipped);
  }
}

std::string Summary(const Report& report) {
  std::size_t failed = 0;
  for (const MigrationResult& m : report.migrations) failed += m.status == Status::kOk ? 0 : 1;
  std::size_t tables_failed = 0;
  for (const TableIsolation& t : report.isolation.tables) {
    tables_failed += t.status == Status::kFailed ? 1 : 0;
  }
  std::string out = report.ok() ? "verify: ok: " : "verify: FAILED: ";
  if (report.signal != 0) out = "verify: INTERRUPTED: ";
  out += fmt::format("{} of {} verified", Plural(report.migrations.size() - failed, "migration"),
                     report.migrations.size());
  if (tables_failed > 0) out += fmt::format(", {} not isolated", Plural(tables_failed, "table"));
  return out + fmt::format(" ({:.2f} s)\n", report.seconds);
}

nlohmann::json ProblemsJson(const std::vector<Problem>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const Problem& p : problems) {
    out.push_back({{"file", p.file}, {"step", p.step}, {"message", p.message}});
  }
  return out;
}

// A step's time, null when it did not run.
nlohmann::json Ms(double ms) { return ms < 0 ? nlohmann::json() : nlohmann::json(ms); }

// "" as null: a reason that is absent, not empty.
nlohmann::json OrNull(const std::string& text) {
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

nlohmann::json NotesJson(const std::vector<TableNote>& notes) {
  nlohmann::json out = nlohmann::json::array();
  for (const TableNote& t : notes) out.push_back({{"table", t.table}, {"reason", t.reason}});
  return out;
}

// Null when no rows were written (the schema had no tables before the UP).
nlohmann::json RowsJson(const RowsCheck& rows) {
  if (!rows.checked) return nlohmann::json();
  return {{"written", rows.written},
          {"tables", rows.tables},
          {"kept", rows.kept},
          {"not_written", NotesJson(rows.not_written)},
          {"not_compared", NotesJson(rows.not_compared)},
          {"emptied", NotesJson(rows.emptied)}};
}

nlohmann::json MigrationJson(const MigrationResult& m) {
  return {{"name", m.name},
          {"status", StatusJson(m.status)},
          {"ms",
           {{"up", Ms(m.up_ms)},
            {"down", Ms(m.down_ms)},
            {"up_again", Ms(m.up_again_ms)},
            {"total", m.total_ms}}},
          {"rows", RowsJson(m.rows)},
          {"state", OrNull(m.state)},
          {"problems", ProblemsJson(m.problems)}};
}

nlohmann::json IsolationJson(const IsolationCheck& check) {
  nlohmann::json tables = nlohmann::json::array();
  for (const TableIsolation& t : check.tables) {
    const CrossTenantCounts& n = t.counts;
    auto measured = [](long v) { return v < 0 ? nlohmann::json() : nlohmann::json(v); };
    tables.push_back({{"table", t.table},
                      {"status", StatusJson(t.status)},
                      {"counts",
                       {{"company_rows", measured(n.rows)},
                        {"visible_across", measured(n.visible)},
                        {"updated_across", measured(n.updated)},
                        {"deleted_across", measured(n.deleted)},
                        {"visible_without_company", measured(n.unset)},
                        {"writes_across", n.writes},
                        {"writes_across_rejected", n.writes_rejected},
                        {"references_across", n.references},
                        {"references_across_rejected", n.references_rejected},
                        {"without_company", n.without_tenant},
                        {"without_company_rejected", n.without_tenant_rejected}}},
                      {"passed", t.passed},
                      {"notes", t.notes},
                      {"problems", t.problems},
                      {"skipped", OrNull(t.skipped)}});
  }
  return {{"checked", check.checked},
          {"skipped", OrNull(check.skipped)},
          {"role", check.role},
          {"tenant_table", check.tenant_table},
          {"row_level_security_setting", OrNull(check.setting)},
          {"tables", tables}};
}

}  // namespace

std::string RenderText(const Report& report) {
  std::string out = fmt::format("verify: {} in {}", Plural(report.migrations.size(), "migration"),
                                report.migrations_dir);
  if (report.target != 0) out += fmt::format(", written for PostgreSQL {}", report.target);
  out += "\n       on " + report.server;
  if (!report.server_version.empty()) out += ", " + report.server_version;
  out += ", " + report.scratch + "\n";
  Migrations(report, out);
  History(report, out);
  Schema(report, out);
  Isolation(report, out);
  out += Summary(report);
  // File names from the migrations directory and the server's messages may hold control
  // characters: never raw on a terminal (each line escaped, the line ends kept).
  std::string safe;
  safe.reserve(out.size());
  for (std::size_t start = 0; start < out.size();) {
    const std::size_t end = std::min(out.find('\n', start), out.size());
    safe += text::EscapeControls(std::string_view(out).substr(start, end - start));
    if (end < out.size()) safe += '\n';
    start = end + 1;
  }
  return safe;
}

std::string RenderJson(const Report* report, const Diagnostics& diagnostics) {
  nlohmann::json errors = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics.all()) {
    if (d.severity == Severity::kError)
      errors.push_back({{"code", d.code}, {"message", d.message}});
  }
  if (report == nullptr) {
    return nlohmann::json{{"ok", false}, {"errors", errors}}.dump(2) + "\n";
  }
  nlohmann::json migrations = nlohmann::json::array();
  for (const MigrationResult& m : report->migrations) migrations.push_back(MigrationJson(m));
  const nlohmann::json out = {{"ok", report->ok() && errors.empty()},
                              {"errors", errors},
                              {"server", report->server},
                              {"server_version", report->server_version},
                              {"target", report->target},
                              {"scratch", report->scratch},
                              {"migrations_dir", report->migrations_dir},
                              {"seconds", report->seconds},
                              {"signal", report->signal},
                              {"migrations", migrations},
                              {"history",
                               {{"states", report->history.states},
                                {"compared", report->history.compared},
                                {"problems", ProblemsJson(report->history.problems)}}},
                              {"schema",
                               {{"checked", report->schema.checked},
                                {"compared", report->schema.compared},
                                {"tables", report->schema.tables},
                                {"problems", ProblemsJson(report->schema.problems)}}},
                              {"isolation", IsolationJson(report->isolation)}};
  return out.dump(2) + "\n";
}

}  // namespace schemagen::verify
