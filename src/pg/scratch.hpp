// Where verify works, and the only place it works: a database it creates and drops
// (`schemagen_verify_<random>`), or, when the role may not create databases, a schema of that
// name in the connected database, with the working session's search_path set to it. Every
// schema and role verify needs besides is made here too, named after the scratch, and
// removed with it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pg/session.hpp"
#include "schemagen/diagnostics.hpp"

namespace schemagen::pg {

class Scratch {
 public:
  /// Connects with `info` (described as `what` in errors), creates the scratch and a working
  /// session in it. nullptr with an error: E0803 no connection, E0806 no scratch possible.
  [[nodiscard]] static std::unique_ptr<Scratch> Create(const ConnInfo& info,
                                                       const std::string& what,
                                                       Diagnostics& diagnostics);
  /// Drop() if not done yet.
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  /// Removes everything this object created: extra schemas, the scratch, then the roles.
  /// Closes the working session first so nothing holds a lock. False with an error (E0807)
  /// naming whatever could not be removed.
  bool Drop(Diagnostics& diagnostics);

  /// True for a scratch database, false for the schema fallback.
  bool is_database() const { return is_database_; }
  /// "schemagen_verify_1f3a9c0b2d4e".
  const std::string& name() const { return name_; }
  /// The schema migrations create their objects in: "public" of the scratch database, or the
  /// scratch schema.
  const std::string& schema() const { return schema_; }
  /// "scratch database schemagen_verify_..." or "scratch schema schemagen_verify_... in
  /// database app".
  std::string Describe() const;
  /// The server and login, without any password: "app@db.internal:5432/app".
  std::string server() const { return server_; }
  /// The working session, inside the scratch.
  Session& session() { return *work_; }

  /// Creates the schema `<name>_<suffix>` (dropped with the scratch) and returns its name.
  [[nodiscard]] std::optional<std::string> CreateSchema(const std::string& suffix,
                                                        Diagnostics& diagnostics);
  /// Drops the extensions created in `schema` (with what uses them there). False with an
  /// E0807 diagnostic on failure.
  bool DropExtensionsIn(const std::string& schema, Diagnostics& diagnostics);
  /// Drops a schema CreateSchema made, with everything in it.
  [[nodiscard]] bool DropSchema(const std::string& schema, Diagnostics& diagnostics);
  /// Creates a role `<name>_<suffix>`: NOLOGIN, no superuser, CREATEDB, CREATEROLE or
  /// BYPASSRLS, that the current user may SET ROLE to; dropped with the scratch. nullopt with
  /// the server's reason in `why_not` when the current user may not create roles.
  [[nodiscard]] std::optional<std::string> CreateRole(const std::string& suffix,
                                                      std::string& why_not);

 private:
  Scratch() = default;
  bool CreateDatabase(const ConnInfo& info, const std::string& what, Diagnostics& diagnostics);
  bool CreateScratchSchema(const ConnInfo& info, const std::string& what, Diagnostics& diagnostics);
  bool DropScratch(Diagnostics& diagnostics);

  std::unique_ptr<Session> admin_;  ///< where the scratch was created from; drops it
  std::unique_ptr<Session> work_;
  ConnInfo info_;
  std::string name_;
  std::string schema_;
  std::string database_;  ///< the connected database (the schema fallback lives there)
  std::string server_;
  bool is_database_ = false;
  bool dropped_ = false;
  std::vector<std::string> schemas_;
  std::vector<std::string> roles_;
};

/// A fresh scratch name: "schemagen_verify_" and 12 random hex digits.
std::string ScratchName();

}  // namespace schemagen::pg
