// Field types: the DSL's type names and arguments resolved to PostgreSQL types.
#include <fmt/format.h>

#include <cstdlib>

#include "sema/analyzer.hpp"

namespace schemagen::sema {
namespace {

using ir::TypeKind;

struct BuiltinType {
  const char* name;
  TypeKind kind;
};
constexpr BuiltinType kBuiltinTypes[] = {
    {"string", TypeKind::kString},     {"varchar", TypeKind::kString},
    {"text", TypeKind::kText},         {"integer", TypeKind::kInteger},
    {"int", TypeKind::kInteger},       {"bigint", TypeKind::kBigInt},
    {"smallint", TypeKind::kSmallInt}, {"decimal", TypeKind::kDecimal},
    {"numeric", TypeKind::kDecimal},   {"real", TypeKind::kReal},
    {"double", TypeKind::kDouble},     {"boolean", TypeKind::kBoolean},
    {"bool", TypeKind::kBoolean},      {"date", TypeKind::kDate},
    {"datetime", TypeKind::kDateTime}, {"timestamptz", TypeKind::kDateTime},
    {"uuid", TypeKind::kUuid},         {"json", TypeKind::kJson},
    {"jsonb", TypeKind::kJsonb},
};

}  // namespace

std::string TypeDescription(const ir::Type& type) {
  return type.kind == TypeKind::kEnum ? "enum " + type.enum_name : ir::PgTypeName(type);
}

std::optional<ir::Type> Analyzer::ResolveType(const ast::Field& field) {
  const std::string& name = field.type.text;
  const BuiltinType* builtin = nullptr;
  for (const BuiltinType& b : kBuiltinTypes) {
    if (name == b.name) builtin = &b;
  }
  ir::Type type;
  if (builtin == nullptr) {
    if (enums_.count(name) > 0) {
      type = {TypeKind::kEnum, 255, 0, 0, name};
    } else if (entity_index_.count(name) > 0) {
      diag_
          .Error("E0202", field.type.span,
                 fmt::format("'{}' is an entity, not a column type", name))
          .notes.push_back(
              {fmt::format("a reference is written with an arrow: {} -> {}", field.name.text, name),
               std::nullopt});
      return std::nullopt;
    } else {
      std::vector<std::string> candidates;
      for (const BuiltinType& b : kBuiltinTypes) candidates.emplace_back(b.name);
      if (WorthSuggesting(diag_)) {
        for (const auto& [enum_name, e] : enums_) candidates.push_back(enum_name);
        for (const std::string& entity : EntityNames()) candidates.push_back(entity);
      }
      Diagnostic& d = diag_.Error("E0202", field.type.span, fmt::format("unknown type '{}'", name));
      if (field.name.text == "unique" || field.name.text == "index") {
        d.notes.push_back(
            {fmt::format("an entity-level {} lists its columns in parentheses: {}({})",
                         field.name.text, field.name.text, name),
             std::nullopt});
      }
      if (d.notes.empty()) SuggestClosest(d, name, candidates);
      if (d.notes.empty()) {
        d.notes.push_back(
            {"types are string(n), text, integer, bigint, smallint, decimal(p, s), "
             "real, double, boolean, date, datetime, uuid, json, jsonb, or an enum's "
             "name",
             std::nullopt});
      }
      return std::nullopt;
    }
  } else {
    type.kind = builtin->kind;
  }
  const auto& args = field.type_args;
  // Reported at the first argument too many, or at the type when it has none.
  auto arg_error = [&](std::size_t extra, const std::string& message) {
    diag_.Error("E0301", args.empty() ? field.type.span : args[extra].span, message);
    return std::nullopt;
  };
  auto number = [&](std::size_t i, long long lo, long long hi) -> std::optional<int> {
    try {
      const long long v = std::stoll(args[i].text);
      if (v >= lo && v <= hi) return static_cast<int>(v);
    } catch (const std::exception&) {
    }
    diag_.Error(
        "E0302", args[i].span,
        fmt::format("'{}' is out of range for {}: expected {} to {}", args[i].text, name, lo, hi));
    return std::nullopt;
  };
  if (type.kind == TypeKind::kString) {
    if (args.size() > 1)
      return arg_error(
          1, fmt::format("{} takes one argument, the maximum length, like string(255)", name));
    type.length = 255;
    if (args.size() == 1) {
      auto length = number(0, 1, 10485760);
      if (!length) return std::nullopt;
      type.length = *length;
    }
  } else if (type.kind == TypeKind::kDecimal) {
    if (args.size() > 2)
      return arg_error(2,
                       fmt::format("{} takes a precision and a scale, like decimal(12, 2)", name));
    if (!args.empty()) {
      auto precision = number(0, 1, 1000);
      if (!precision) return std::nullopt;
      type.precision = *precision;
      if (args.size() == 2) {
        auto scale = number(1, 0, type.precision);
        if (!scale) return std::nullopt;
        type.scale = *scale;
      }
    }
  } else if (!args.empty()) {
    return arg_error(0, fmt::format("type '{}' takes no arguments", name));
  }
  return type;
}

}  // namespace schemagen::sema
