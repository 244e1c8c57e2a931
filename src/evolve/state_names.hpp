// The words a snapshot writes for the IR's enumerations, shared by its writer and its reader.
#pragma once

#include <cstddef>

#include "schemagen/evolve.hpp"
#include "schemagen/ir.hpp"

namespace schemagen::state::detail {

template <typename E>
struct Named {
  E value;
  const char* name;
};

constexpr Named<ir::Naming> kNamings[] = {{ir::Naming::kSnakeCase, "snake_case"},
                                          {ir::Naming::kPascalCase, "pascal_case"}};

constexpr Named<ir::TypeKind> kTypeKinds[] = {
    {ir::TypeKind::kString, "string"},     {ir::TypeKind::kText, "text"},
    {ir::TypeKind::kInteger, "integer"},   {ir::TypeKind::kBigInt, "bigint"},
    {ir::TypeKind::kSmallInt, "smallint"}, {ir::TypeKind::kDecimal, "decimal"},
    {ir::TypeKind::kReal, "real"},         {ir::TypeKind::kDouble, "double"},
    {ir::TypeKind::kBoolean, "boolean"},   {ir::TypeKind::kDate, "date"},
    {ir::TypeKind::kDateTime, "datetime"}, {ir::TypeKind::kUuid, "uuid"},
    {ir::TypeKind::kJson, "json"},         {ir::TypeKind::kJsonb, "jsonb"},
    {ir::TypeKind::kEnum, "enum"}};

using DefaultKind = ir::Default::Kind;
constexpr Named<DefaultKind> kDefaultKinds[] = {{DefaultKind::kNumber, "number"},
                                                {DefaultKind::kString, "string"},
                                                {DefaultKind::kBool, "bool"},
                                                {DefaultKind::kNow, "now"},
                                                {DefaultKind::kCurrentDate, "current_date"},
                                                {DefaultKind::kRandomUuid, "random_uuid"},
                                                {DefaultKind::kNull, "null"},
                                                {DefaultKind::kSql, "sql"}};

constexpr Named<ir::ColumnOrigin> kOrigins[] = {
    {ir::ColumnOrigin::kDeclared, "declared"},    {ir::ColumnOrigin::kId, "id"},
    {ir::ColumnOrigin::kTenant, "tenant"},        {ir::ColumnOrigin::kCreatedAt, "created_at"},
    {ir::ColumnOrigin::kUpdatedAt, "updated_at"}, {ir::ColumnOrigin::kDeletedAt, "deleted_at"},
    {ir::ColumnOrigin::kReference, "reference"}};

constexpr Named<ir::Action> kActions[] = {{ir::Action::kNoAction, "no_action"},
                                          {ir::Action::kRestrict, "restrict"},
                                          {ir::Action::kCascade, "cascade"},
                                          {ir::Action::kSetNull, "set_null"},
                                          {ir::Action::kSetDefault, "set_default"}};

constexpr Named<ir::IndexReason> kReasons[] = {{ir::IndexReason::kTenant, "tenant"},
                                               {ir::IndexReason::kForeignKey, "foreign_key"},
                                               {ir::IndexReason::kUnique, "unique"},
                                               {ir::IndexReason::kDeclared, "declared"}};

using CheckKind = ir::Check::Kind;
constexpr Named<CheckKind> kCheckKinds[] = {{CheckKind::kEnum, "enum"},
                                            {CheckKind::kRange, "range"},
                                            {CheckKind::kLength, "length"},
                                            {CheckKind::kMatch, "match"},
                                            {CheckKind::kRawSql, "raw_sql"}};

using RelationKind = ir::Relation::Kind;
constexpr Named<RelationKind> kRelationKinds[] = {
    {RelationKind::kBelongsTo, "belongs_to"},
    {RelationKind::kHasMany, "has_many"},
    {RelationKind::kHasOne, "has_one"},
    {RelationKind::kBelongsToMany, "belongs_to_many"}};

// The same words as evolve::SafetyName, kept here so the state does not depend on the planner.
constexpr Named<evolve::Safety> kSafeties[] = {{evolve::Safety::kSafe, "safe"},
                                               {evolve::Safety::kLock, "lock"},
                                               {evolve::Safety::kDataLossDown, "data-loss-down"},
                                               {evolve::Safety::kDataLossUp, "data-loss"},
                                               {evolve::Safety::kIrreversible, "irreversible"}};

template <typename E, std::size_t N>
const char* NameOf(const Named<E> (&names)[N], E value) {
  for (const Named<E>& named : names) {
    if (named.value == value) return named.name;
  }
  return "?";  // every enumerator is listed; a reader rejects "?"
}

}  // namespace schemagen::state::detail
