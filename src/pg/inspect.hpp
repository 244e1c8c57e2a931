// The inspector: a live PostgreSQL schema read back into the IR, from pg_catalog (not
// information_schema, which is slow and hides what the current role does not own). One query
// per kind of object for the whole schema, never one per table, so thousands of tables cost
// the same eight round trips as one.
#pragma once

#include <optional>
#include <string>

#include "pg/session.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/inspect.hpp"
#include "schemagen/ir.hpp"

namespace schemagen::pg {

struct InspectOptions {
  std::string schema = "public";  ///< the PostgreSQL schema to read
  /// Also list the database's other schemas and its extensions as objects: right when the
  /// whole database is a scratch of ours, wrong in a shared one (others change it).
  bool database_wide = false;
};

/// Reads `options.schema` through `session`. nullopt with an error (E0809) when a catalog
/// query fails. The session's settings are left as they were.
[[nodiscard]] std::optional<inspect::Catalog> Inspect(Session& session,
                                                      const InspectOptions& options,
                                                      Diagnostics& diagnostics);

/// The IR type of a format_type() text: "character varying(255)" -> kString 255,
/// "numeric(12,2)" -> kDecimal 12 2; a type with no TypeKind keeps its text in `pg_name`.
ir::Type TypeFromPg(const std::string& format_type);

}  // namespace schemagen::pg
