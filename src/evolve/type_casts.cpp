// The type rules of ALTER COLUMN TYPE: which conversions rewrite the table, need USING, round
// or can fail, as PostgreSQL 12-18 apply them.
#include "evolve/plan_support.hpp"

namespace schemagen::evolve::planning {

bool TextLike(const ir::Type& t) {
  return t.kind == ir::TypeKind::kString || t.kind == ir::TypeKind::kText ||
         t.kind == ir::TypeKind::kEnum;
}
int TextLimit(const ir::Type& t) { return t.kind == ir::TypeKind::kText ? 0 : t.length; }

int IntegerRank(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::kSmallInt:
      return 1;
    case ir::TypeKind::kInteger:
      return 2;
    case ir::TypeKind::kBigInt:
      return 3;
    default:
      return 0;
  }
}
bool Numeric(const ir::Type& t) {
  return IntegerRank(t) > 0 || t.kind == ir::TypeKind::kDecimal || t.kind == ir::TypeKind::kReal ||
         t.kind == ir::TypeKind::kDouble;
}
int IntegerDigits(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::kSmallInt:
      return 5;
    case ir::TypeKind::kInteger:
      return 10;
    case ir::TypeKind::kBigInt:
      return 19;
    case ir::TypeKind::kDecimal:
      return t.precision == 0 ? 1000 : t.precision - t.scale;
    default:
      return 0;
  }
}

bool NoRewrite(const ir::Type& from, const ir::Type& to) {
  if (TextLike(from) && TextLike(to)) {
    const int a = TextLimit(from);
    const int b = TextLimit(to);
    return b == 0 || (a != 0 && b >= a);
  }
  if (from.kind == ir::TypeKind::kDecimal && to.kind == ir::TypeKind::kDecimal) {
    return to.precision == 0 ||
           (from.precision != 0 && to.scale == from.scale && to.precision >= from.precision);
  }
  return false;
}

// PostgreSQL converts `from` to `to` in ALTER COLUMN TYPE without a USING clause (an implicit
bool AssignmentCast(const ir::Type& from, const ir::Type& to) {
  using K = ir::TypeKind;
  if (TextLike(to)) return true;  // I/O conversion to a string type is an assignment cast
  if (Numeric(from) && Numeric(to)) return true;
  if ((from.kind == K::kDate || from.kind == K::kDateTime) &&
      (to.kind == K::kDate || to.kind == K::kDateTime))
    return true;
  if ((from.kind == K::kJson || from.kind == K::kJsonb) &&
      (to.kind == K::kJson || to.kind == K::kJsonb))
    return true;
  return false;
}

bool Rounds(const ir::Type& from, const ir::Type& to) {
  using K = ir::TypeKind;
  if (Numeric(from) && Numeric(to)) {
    const bool fraction = from.kind == K::kReal || from.kind == K::kDouble ||
                          (from.kind == K::kDecimal && (from.precision == 0 || from.scale > 0));
    if (IntegerRank(to) > 0) return fraction;
    if (to.kind == K::kDecimal && to.precision != 0) {
      return fraction && (from.kind != K::kDecimal || from.precision == 0 || to.scale < from.scale);
    }
    if (to.kind == K::kReal) return from.kind != K::kSmallInt;
    if (to.kind == K::kDouble) return from.kind == K::kBigInt || from.kind == K::kDecimal;
    return false;
  }
  return from.kind == K::kDateTime && to.kind == K::kDate;
}

// Converting `from` to `to` can fail on some values (too long, out of range): the migration
bool MayFail(const ir::Type& from, const ir::Type& to) {
  if (!AssignmentCast(from, to)) return true;
  if (TextLike(to)) {
    const int limit = TextLimit(to);
    if (limit == 0) return false;
    return !TextLike(from) || TextLimit(from) == 0 || limit < TextLimit(from);
  }
  if (Numeric(from) && Numeric(to))
    return IntegerDigits(to) < IntegerDigits(from) && !Rounds(from, to);
  return false;
}

std::string FitReason(const char* who, const ir::Type& target, const ir::Type& from) {
  if (TextLike(target) && TextLimit(target) != 0) {
    return fmt::format("{} fails once a value is longer than {} characters", who,
                       TextLimit(target));
  }
  if (IntegerRank(target) > 0 && (IntegerRank(from) > 0)) {
    return fmt::format("{} fails once a value is out of {}'s range", who, ir::PgTypeName(target));
  }
  if (Numeric(target)) {
    return Rounds(from, target) ? fmt::format("{} rounds values to {}", who, ir::PgTypeName(target))
                                : fmt::format("{} fails once a value is out of {}'s range", who,
                                              ir::PgTypeName(target));
  }
  if (target.kind == ir::TypeKind::kDate) {
    return fmt::format("{} drops the time of day", who);
  }
  return fmt::format("{} fails on a value {} can't hold", who, ir::PgTypeName(target));
}

std::string TypeSql(const ir::Column& column) {
  ir::Column plain = column;
  plain.auto_increment = false;  // ALTER COLUMN TYPE takes the base type
  return sql::ColumnType(plain);
}

bool HasDefault(const ir::Column& column) {
  return column.default_value && column.default_value->kind != ir::Default::Kind::kNull;
}

bool VolatileDefault(const ir::Column& column) {
  // A SQL default may call anything (nextval, clock_timestamp, uuid_generate_v4): schemagen
  // can't tell a constant one, so it counts as volatile.
  return HasDefault(column) && (column.default_value->kind == ir::Default::Kind::kRandomUuid ||
                                column.default_value->kind == ir::Default::Kind::kSql);
}

std::string BackfillSql(const ir::Column& column, const ir::Default& value) {
  ir::Column with = column;
  with.default_value = value;
  return sql::DefaultExpression(with);
}

}  // namespace schemagen::evolve::planning
