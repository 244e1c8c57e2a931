// The steps an evolution needs for the SQL forms that depend on the target PostgreSQL major
// (sql_targets.cpp): the triggers of ON DELETE SET NULL (columns) before 15 and pgcrypto
// before 13, compared between the previous state (under its target) and the next one.
#pragma once

#include <vector>

#include "schemagen/evolve.hpp"
#include "schemagen/ir.hpp"

namespace schemagen::evolve {

struct TargetForms {
  std::vector<Step> before;  ///< first: what the previous state had and the next one doesn't
  std::vector<Step> keys;    ///< with the keys: a key whose form changes with the target
  std::vector<Step> after;   ///< last: what the next state has and the previous one didn't
};

/// `renamed` is `previous` with the plan's renames applied (the names the keys have when the
/// key steps run).
TargetForms PlanTargetForms(const ir::Schema& previous, const ir::Schema& renamed,
                            const ir::Schema& next);

}  // namespace schemagen::evolve
