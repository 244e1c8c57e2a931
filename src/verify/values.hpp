// Valid column values made up from the IR, for the rows the tenant isolation check inserts:
// a type's simplest value, moved inside the column's range, length, enum and pattern checks.
// `variant` makes a different value of the same column (0, 1, 2...), so the rows two
// companies need do not collide on a unique key by accident.
#pragma once

#include <optional>
#include <string>

#include "schemagen/ir.hpp"

namespace schemagen::verify {

/// A value for `column` of `table` as an SQL literal ('x', typed by context), satisfying the
/// column's own checks in the IR. nullopt with the reason in `why_not` when none can be made
/// (a type without a known value, a pattern too complex for ExampleForPattern...).
[[nodiscard]] std::optional<std::string> SynthesizeValue(const ir::Schema& schema,
                                                         const ir::Table& table,
                                                         const ir::Column& column, int variant,
                                                         std::string& why_not);

/// `schema` (read back from a database) with the CHECKs PostgreSQL normalized from the DSL's
/// forms turned back into typed checks SynthesizeValue honours: `(c)::text = ANY (ARRAY[...])`
/// becomes an enum column, `(c)::text ~ '...'` a pattern, `c >= a AND c <= b` a range and
/// char_length bounds a length. Other checks stay as they are.
ir::Schema LiftChecks(ir::Schema schema);

/// A string the regular expression `pattern` (PostgreSQL's `~`) matches, built from its
/// simplest branch: literals, escapes, classes like [a-z0-9_] and \d, groups with
/// alternatives, and the quantifiers ? * + {n} {n,} {n,m} (each at its minimum). The first
/// character class picks its `variant`-th member; the first quantifier without an upper bound
/// repeats `stretch` more times (to reach a minimum length). nullopt for what it does not
/// understand (negated classes, back references, lookarounds...).
[[nodiscard]] std::optional<std::string> ExampleForPattern(const std::string& pattern, int variant,
                                                           int stretch = 0);

}  // namespace schemagen::verify
