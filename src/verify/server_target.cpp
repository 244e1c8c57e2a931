#include "verify/server_target.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace schemagen::verify {

int MigrationsTarget(const Options& options, const std::vector<RecordedState>& states) {
  int target = 0;
  for (const RecordedState& state : states)
    target = std::max(target, ir::PostgresTarget(state.snapshot.schema));
  if (target == 0 && options.expected) target = ir::PostgresTarget(*options.expected);
  return target == 0 ? ir::kOldestPostgres : target;
}

bool ServerRunsTarget(pg::Session& session, Report& report, Diagnostics& diagnostics) {
  const pg::Result version = session.Exec("SELECT current_setting('server_version')");
  const std::string text = version.ok() && !version.rows.empty() ? version.Text(0, 0) : "";
  report.server_version = "PostgreSQL " + text.substr(0, text.find(' '));
  const int major = session.ServerVersion() / 10000;
  if (major >= report.target) return true;
  diagnostics
      .Error("E0810", std::nullopt,
             fmt::format("the server is {}, older than PostgreSQL {}, the target the migrations "
                         "are written for",
                         report.server_version, report.target))
      .notes.push_back(
          {fmt::format("verify on PostgreSQL {} or newer (--postgres-bin DIR for a throwaway "
                       "server of that major), or write the migrations for this server with "
                       "`postgres {}` in the schema header",
                       report.target, std::max(major, ir::kOldestPostgres)),
           std::nullopt});
  return false;
}

}  // namespace schemagen::verify
