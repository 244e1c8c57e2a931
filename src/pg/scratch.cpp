#include "pg/scratch.hpp"

#include <random>

#include "pg/interrupt.hpp"
#include "schemagen/naming.hpp"

namespace schemagen::pg {
namespace {

using naming::QuoteIdent;

constexpr const char* kInsufficientPrivilege = "42501";

enum class Outcome { kDone, kDenied, kFailed };

}  // namespace

std::string ScratchName() {
  std::random_device random;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string name = "schemagen_verify_";
  for (int i = 0; i < 12; ++i) name += "0123456789abcdef"[digit(random)];
  return name;
}

std::unique_ptr<Scratch> Scratch::Create(const ConnInfo& info, const std::string& what,
                                         Diagnostics& diagnostics) {
  const std::size_t errors = diagnostics.error_count();
  std::unique_ptr<Scratch> scratch(new Scratch());
  scratch->info_ = info;
  scratch->admin_ = Session::Open(info, what, diagnostics);
  if (!scratch->admin_) {
    scratch->dropped_ = true;
    return nullptr;
  }
  scratch->server_ = scratch->admin_->Describe();
  scratch->name_ = ScratchName();
  const Result role = scratch->admin_->Exec(
      "SELECT current_database(), rolcreatedb OR rolsuper FROM pg_roles "
      "WHERE rolname = current_user");
  scratch->database_ = role.Text(0, 0);
  if (role.Text(0, 1) == "t" && scratch->CreateDatabase(info, what, diagnostics)) {
    return scratch;
  }
  if (diagnostics.error_count() > errors) return nullptr;
  if (scratch->CreateScratchSchema(info, what, diagnostics)) return scratch;
  return nullptr;  // the destructor removes whatever was made
}

Scratch::~Scratch() {
  Diagnostics ignored;
  (void)Drop(ignored);
}

bool Scratch::CreateDatabase(const ConnInfo& info, const std::string& what,
                             Diagnostics& diagnostics) {
  // template0: a pristine database, whatever was added to template1 on this server.
  const Result created =
      admin_->Exec("CREATE DATABASE " + QuoteIdent(name_) + " TEMPLATE template0");
  if (!created.ok()) {
    if (created.sqlstate == kInsufficientPrivilege) return false;
    diagnostics.Error("E0806", std::nullopt,
                      "can't create the scratch database " + name_ + ": " + created.error);
    return false;
  }
  is_database_ = true;
  schema_ = "public";
  work_ = Session::Open(info.WithDatabase(name_), what + " (database " + name_ + ")", diagnostics);
  return work_ != nullptr;
}

bool Scratch::CreateScratchSchema(const ConnInfo& info, const std::string& what,
                                  Diagnostics& diagnostics) {
  const Result created = admin_->Exec("CREATE SCHEMA " + QuoteIdent(name_));
  if (!created.ok()) {
    diagnostics.Error("E0806", std::nullopt,
                      "can't create a scratch: the login " + server_ +
                          " may neither create databases (CREATEDB) nor create schemas in "
                          "database " +
                          database_ + ": " + created.error);
    return false;
  }
  schema_ = name_;
  work_ = Session::Open(info, what, diagnostics);
  if (!work_) return false;
  const Result path = work_->Exec("SET search_path TO " + QuoteIdent(name_));
  if (!path.ok()) {
    diagnostics.Error("E0806", std::nullopt, "can't use the scratch schema: " + path.error);
    return false;
  }
  return true;
}

std::string Scratch::Describe() const {
  return is_database_ ? "scratch database " + name_
                      : "scratch schema " + name_ + " in database " + database_;
}

std::optional<std::string> Scratch::CreateSchema(const std::string& suffix,
                                                 Diagnostics& diagnostics) {
  const std::string schema = name_ + "_" + suffix;
  const Result created = work_->Exec("CREATE SCHEMA " + QuoteIdent(schema));
  if (!created.ok()) {
    diagnostics.Error("E0806", std::nullopt,
                      "can't create schema " + schema + ": " + created.error);
    return std::nullopt;
  }
  schemas_.push_back(schema);
  return schema;
}

bool Scratch::DropSchema(const std::string& schema, Diagnostics& diagnostics) {
  const Result dropped = work_->Exec("DROP SCHEMA " + QuoteIdent(schema) + " CASCADE");
  if (!dropped.ok()) {
    diagnostics.Error("E0807", std::nullopt, "can't drop schema " + schema + ": " + dropped.error);
    return false;
  }
  std::erase(schemas_, schema);
  return true;
}

bool Scratch::DropExtensionsIn(const std::string& schema, Diagnostics& diagnostics) {
  const Result found = work_->Exec(
      "SELECT extname FROM pg_extension WHERE extnamespace = "
      "(SELECT oid FROM pg_namespace WHERE nspname = $1) ORDER BY 1",
      {schema});
  std::string error = found.ok() ? "" : found.error;
  for (std::size_t i = 0; error.empty() && i < found.rows.size(); ++i) {
    const Result dropped =
        work_->Exec("DROP EXTENSION " + QuoteIdent(found.Text(i, 0)) + " CASCADE");
    if (!dropped.ok()) error = dropped.error;
  }
  if (!error.empty()) {
    diagnostics.Error("E0807", std::nullopt,
                      "can't drop the extensions of schema " + schema + ": " + error);
  }
  return error.empty();
}

std::optional<std::string> Scratch::CreateRole(const std::string& suffix, std::string& why_not) {
  const std::string role = name_ + "_" + suffix;
  const Result created = admin_->Exec("CREATE ROLE " + QuoteIdent(role) +
                                      " NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS");
  if (!created.ok()) {
    why_not = created.error;
    return std::nullopt;
  }
  roles_.push_back(role);
  // A superuser may SET ROLE to anyone; anybody else needs the membership.
  const Result granted = admin_->Exec(
      "DO $$BEGIN IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN "
      "EXECUTE format('GRANT %I TO %I', " +
      naming::QuoteLiteral(role) + ", current_user); END IF; END$$");
  if (!granted.ok()) {
    why_not = granted.error;
    return std::nullopt;
  }
  return role;
}

bool Scratch::DropScratch(Diagnostics& diagnostics) {
  std::string sql = "DROP SCHEMA IF EXISTS " + QuoteIdent(name_) + " CASCADE";
  if (is_database_) {
    // WITH (FORCE) (PostgreSQL 13+) ends any session still connected, ours included.
    sql = "DROP DATABASE IF EXISTS " + QuoteIdent(name_) +
          (admin_->ServerVersion() >= 130000 ? " WITH (FORCE)" : "");
  }
  const Result dropped = admin_->Exec(sql);
  if (dropped.ok()) return true;
  diagnostics.Error(
      "E0807", std::nullopt,
      "could not remove the " + Describe() + ": " + dropped.error + "; remove it by hand");
  return false;
}

bool Scratch::Drop(Diagnostics& diagnostics) {
  if (dropped_) return true;
  dropped_ = true;
  work_.reset();  // ends its transaction and releases its locks
  ConnInfo info = info_;
  if (InterruptGuard::Interrupted()) {
    // Interrupted: clean up promptly or say what is left; never wait on a server that stopped.
    info.connect_timeout = 5;
    info.statement_timeout = 2;
  }
  if (!admin_ || !admin_->IsOpen()) admin_ = Session::Open(info, server_, diagnostics);
  if (!admin_) return false;
  if (InterruptGuard::Interrupted()) admin_->LimitStatementsTo(2);
  bool ok = true;
  if (!is_database_) {
    for (const std::string& schema : schemas_) {
      const Result r = admin_->Exec("DROP SCHEMA IF EXISTS " + QuoteIdent(schema) + " CASCADE");
      if (!r.ok()) {
        diagnostics.Error("E0807", std::nullopt,
                          "could not drop schema " + schema + ": " + r.error);
        ok = false;
      }
    }
  }
  if (!schema_.empty() || is_database_) ok = DropScratch(diagnostics) && ok;
  for (const std::string& role : roles_) {
    const Result r = admin_->Exec("DROP ROLE IF EXISTS " + QuoteIdent(role));
    if (!r.ok()) {
      diagnostics.Error("E0807", std::nullopt, "could not drop role " + role + ": " + r.error);
      ok = false;
    }
  }
  return ok;
}

}  // namespace schemagen::pg
