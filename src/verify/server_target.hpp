// What verify checks about the server before a migration runs (docs/postgres-versions.md): the
// PostgreSQL major the migrations are written for, and whether the server is at least that.
#pragma once

#include <vector>

#include "pg/session.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/verify.hpp"
#include "verify/migrations.hpp"

namespace schemagen::verify {

/// The major the migrations are written for: the newest target of a recorded state (each
/// migration uses its run's forms), else the DSL's, else ir::kOldestPostgres.
int MigrationsTarget(const Options& options, const std::vector<RecordedState>& states);

/// Sets report.server_version from the server; false, with E0810, when the server is older
/// than report.target: the migrations use forms it does not have.
bool ServerRunsTarget(pg::Session& session, Report& report, Diagnostics& diagnostics);

}  // namespace schemagen::verify
