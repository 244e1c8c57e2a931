// Creation order: every table after the tables it references, declaration order otherwise.
// A reference cycle is broken at the earliest-declared table that lies on a cycle: its foreign
// keys to the other tables of that cycle become `deferred` (added with ALTER TABLE once all
// tables exist). Keys to tables outside the cycle are never deferred.
#include <functional>
#include <map>
#include <queue>
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
  const std::size_t n = entities_.size();
  std::map<std::string, std::size_t> by_table;
  for (std::size_t i = 0; i < n; ++i) by_table[entities_[i].table.name] = i;
  // Kahn's algorithm: waiting[i] counts the tables i references that aren't created yet; the
  // heap releases ready tables in declaration order.
  std::vector<std::size_t> waiting(n, 0);
  std::vector<std::vector<std::size_t>> referrers(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const ir::ForeignKey& fk : entities_[i].table.foreign_keys) {
      auto target = by_table.find(fk.ref_table);
      if (fk.deferred || target == by_table.end() || target->second == i) continue;
      ++waiting[i];
      referrers[target->second].push_back(i);
    }
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i) {
    if (waiting[i] == 0) ready.push(i);
  }
  std::vector<bool> done(n, false);
  std::set<std::string> created;
  std::vector<std::size_t> order;
  while (order.size() < n) {
    if (ready.empty()) BreakEarliestCycle(by_table, created, done, waiting, ready);
    const std::size_t pick = ready.top();
    ready.pop();
    if (done[pick]) continue;
    done[pick] = true;
    created.insert(entities_[pick].table.name);
    order.push_back(pick);
    for (std::size_t referrer : referrers[pick]) {
      if (!done[referrer] && waiting[referrer] > 0 && --waiting[referrer] == 0)
        ready.push(referrer);
    }
  }
  std::vector<ir::Table> ordered;
  ordered.reserve(n);
  for (std::size_t i : order) ordered.push_back(std::move(entities_[i].table));
  return ordered;
}

// Only cycles are left waiting: defer the keys of the earliest-declared table that lies on a
// cycle, to the other tables of that cycle, and release it if nothing else holds it back.
void Analyzer::BreakEarliestCycle(
    const std::map<std::string, std::size_t>& by_table, const std::set<std::string>& created,
    const std::vector<bool>& done, std::vector<std::size_t>& waiting,
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>>& ready) {
  for (std::size_t i = 0; i < entities_.size(); ++i) {
    if (done[i]) continue;
    const std::string& self = entities_[i].table.name;
    bool deferred_any = false;
    for (ir::ForeignKey& fk : entities_[i].table.foreign_keys) {
      auto target = by_table.find(fk.ref_table);
      if (fk.deferred || target == by_table.end() || target->second == i ||
          created.count(fk.ref_table) > 0 ||
          !ReachesBack(entities_, by_table, created, self, fk.ref_table)) {
        continue;
      }
      fk.deferred = true;
      deferred_any = true;
      --waiting[i];
    }
    if (deferred_any) {
      if (waiting[i] == 0) ready.push(i);
      return;
    }
  }
}

}  // namespace schemagen::sema
