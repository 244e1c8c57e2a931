// Creation order: every table after the tables it references, declaration order otherwise.
// A reference cycle is broken at the earliest-declared table of the cycle: its foreign keys to
// tables not yet created become `deferred` (added with ALTER TABLE once all tables exist).
#include <set>

#include "sema/analyzer.hpp"

namespace schemagen::sema {

std::vector<ir::Table> Analyzer::OrderTables() {
  std::vector<ir::Table> ordered;
  std::set<std::string> created;
  std::vector<bool> done(entities_.size(), false);
  auto ready = [&](const ir::Table& t) {
    for (const ir::ForeignKey& fk : t.foreign_keys) {
      if (fk.ref_table != t.name && created.count(fk.ref_table) == 0) return false;
    }
    return true;
  };
  while (ordered.size() < entities_.size()) {
    std::size_t pick = entities_.size();
    for (std::size_t i = 0; i < entities_.size() && pick == entities_.size(); ++i) {
      if (!done[i] && ready(entities_[i].table)) pick = i;
    }
    if (pick == entities_.size()) {  // a cycle: defer the earliest remaining table's references
      for (std::size_t i = 0; i < entities_.size() && pick == entities_.size(); ++i) {
        if (!done[i]) pick = i;
      }
      for (ir::ForeignKey& fk : entities_[pick].table.foreign_keys) {
        if (fk.ref_table != entities_[pick].table.name && created.count(fk.ref_table) == 0) {
          fk.deferred = true;
        }
      }
    }
    done[pick] = true;
    created.insert(entities_[pick].table.name);
    ordered.push_back(entities_[pick].table);
  }
  return ordered;
}

}  // namespace schemagen::sema
