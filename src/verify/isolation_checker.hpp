// The tenant isolation check's working state (isolation.cpp): one Checker per run, its probes
// of what a company can reach of another's rows in isolation_probes.cpp.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pg/scratch.hpp"
#include "verify/isolation.hpp"
#include "verify/rows.hpp"

namespace schemagen::verify::detail {

constexpr const char* kUniqueViolation = "23505";
constexpr const char* kNotNullViolation = "23502";
constexpr const char* kForeignKeyViolation = "23503";
constexpr const char* kPolicyViolation = "42501";  // insufficient_privilege: WITH CHECK

// After company 1 was deleted: `left` of its rows in the table (must be "0") and `kept` of
// company 2's (must be "1"). True when both hold.
bool DeleteVerdict(const std::string& left, const std::string& kept, TableIsolation& out);

class Checker {
 public:
  Checker(pg::Scratch& scratch, const ir::Schema& model, const ir::Schema& actual,
          const Tenancy& tenancy)
      : scratch_(scratch),
        model_(model),
        actual_(actual),
        tenancy_(tenancy),
        rows_(scratch.session(), model, tenancy) {}

  IsolationCheck Run();

 private:
  bool Prepare(IsolationCheck& out);
  std::string Exec(const std::string& sql, const std::vector<std::string>& params = {});
  TableIsolation CheckTable(const TenantTable& tenant, bool& delete_pending);
  bool CheckRows(const ir::Table& table, const TenantTable& tenant, TableIsolation& out);
  void CheckDeletes(IsolationCheck& out, const std::vector<std::size_t>& pending);
  bool DeleteOnce(IsolationCheck& out, const std::vector<std::size_t>& pending,
                  std::vector<std::size_t>& alone);
  void DeleteAlone(const TenantTable& tenant, TableIsolation& out);
  pg::Result Probe(const std::function<pg::Result()>& run);
  pg::Result ProbeInsert(const ir::Table& table, const RowMaker::Company& company, int variant,
                         const std::map<std::string, std::string>& preset);
  long Count(const std::string& sql, const std::vector<std::string>& params);
  bool ActAs(const std::string& tenant);
  void CheckReferences(const ir::Table& table, const TenantTable& tenant,
                       const RowMaker::Company& a, const RowMaker::Company& b, TableIsolation& out);
  void CheckWithoutTenant(const ir::Table& table, const TenantTable& tenant,
                          const RowMaker::Company& b, TableIsolation& out);
  void CheckRowSecurity(const ir::Table& table, const TenantTable& tenant,
                        const RowMaker::Company& a, const RowMaker::Company& b,
                        const RowValues& b_row, TableIsolation& out);
  bool CheckDelete(const ir::Table& table, const TenantTable& tenant, const RowMaker::Company& a,
                   const RowMaker::Company& b, TableIsolation& out);
  std::string MakeCompanies(RowMaker::Company& a, RowMaker::Company& b, int first_slot);
  void KeepParents(const ir::Table& table);
  const ir::Table* ModelTable(const std::string& name) const;

  pg::Scratch& scratch_;
  const ir::Schema& model_;
  const ir::Schema& actual_;
  const Tenancy& tenancy_;
  RowMaker rows_;
  bool bypasses_rls_ = false;  // the role the rows are written as has BYPASSRLS
  // Companies 1 and 2, made once for every table (companies_error_ says why not).
  RowMaker::Company a_;
  RowMaker::Company b_;
  std::string companies_error_;
  std::map<std::string, const ir::Table*> model_tables_;
  std::set<std::string> tenant_tables_;
  std::set<std::string> checked_;  // the tenant tables whose row checks are done
};

}  // namespace schemagen::verify::detail
