// Creation order: every table after the tables it references, declaration order otherwise.
// A reference cycle is broken at the earliest-declared table that lies on a cycle: its foreign
// keys to the other tables of that cycle become `deferred` (added with ALTER TABLE once all
// tables exist). Keys to tables outside the cycle are never deferred.
#include <set>

#include "sema/analyzer.hpp"

namespace schemagen::sema {
namespace {

// True when `to` can reach `from` through references among tables not yet created and keys
// not yet deferred, i.e. the key from -> to lies on a cycle.
bool ReachesBack(const std::vector<EntityInfo>& entities,
                 const std::map<std::string, std::size_t>& by_table,
                 const std::set<std::string>& created, const std::string& from,
                 const std::string& to) {
  std::vector<std::string> stack = {to};
  std::set<std::string> seen;
  while (!stack.empty()) {
    const std::string table = stack.back();
    stack.pop_back();
    if (table == from) return true;
    if (!seen.insert(table).second) continue;
    for (const ir::ForeignKey& fk : entities[by_table.at(table)].table.foreign_keys) {
      if (!fk.deferred && fk.ref_table != table && created.count(fk.ref_table) == 0) {
        stack.push_back(fk.ref_table);
      }
    }
  }
  return false;
}

}  // namespace

std::vector<ir::Table> Analyzer::OrderTables() {
  std::map<std::string, std::size_t> by_table;
  for (std::size_t i = 0; i < entities_.size(); ++i) by_table[entities_[i].table.name] = i;
  std::vector<ir::Table> ordered;
  std::set<std::string> created;
  std::vector<bool> done(entities_.size(), false);
  auto ready = [&](const ir::Table& t) {
    for (const ir::ForeignKey& fk : t.foreign_keys) {
      if (!fk.deferred && fk.ref_table != t.name && created.count(fk.ref_table) == 0) return false;
    }
    return true;
  };
  while (ordered.size() < entities_.size()) {
    std::size_t pick = entities_.size();
    for (std::size_t i = 0; i < entities_.size() && pick == entities_.size(); ++i) {
      if (!done[i] && ready(entities_[i].table)) pick = i;
    }
    if (pick == entities_.size()) {  // only cycles are left waiting: break the earliest one
      for (std::size_t i = 0; i < entities_.size(); ++i) {
        if (done[i]) continue;
        bool deferred_any = false;
        for (ir::ForeignKey& fk : entities_[i].table.foreign_keys) {
          const std::string& self = entities_[i].table.name;
          if (!fk.deferred && fk.ref_table != self && created.count(fk.ref_table) == 0 &&
              ReachesBack(entities_, by_table, created, self, fk.ref_table)) {
            fk.deferred = true;
            deferred_any = true;
          }
        }
        if (deferred_any) break;
      }
      continue;
    }
    done[pick] = true;
    created.insert(entities_[pick].table.name);
    ordered.push_back(entities_[pick].table);
  }
  return ordered;
}

}  // namespace schemagen::sema
