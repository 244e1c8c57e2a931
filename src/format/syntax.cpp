#include "format/syntax.hpp"

namespace schemagen::formatting {
namespace {

std::string RangeText(const ast::Check& check) {
  std::string text;
  if (check.min) text += check.min->text;
  text += "..";
  if (check.max) text += check.max->text;
  return text;
}

std::string ActionText(const ast::Action& action) {
  switch (action.kind) {
    case ast::Action::Kind::kCascade:
      return "cascade";
    case ast::Action::Kind::kRestrict:
      return "restrict";
    case ast::Action::Kind::kSetNull:
      return "set null";
    case ast::Action::Kind::kSetDefault:
      return "set default";
    case ast::Action::Kind::kNoAction:
      return "no action";
  }
  return "no action";
}

std::string OptionText(const ast::FieldOption& option) {
  switch (option.kind) {
    case ast::FieldOption::Kind::kUnique:
      return std::string(option.as_index ? "unique_index" : "unique") +
             (option.global ? " global" : "");
    case ast::FieldOption::Kind::kIndex:
      return option.index_method ? "index(" + option.index_method->text + ")" : "index";
    case ast::FieldOption::Kind::kDefault:
      return "= " + LiteralText(*option.value);
    case ast::FieldOption::Kind::kCheck:
      return CheckText(*option.check);
    case ast::FieldOption::Kind::kColumn:
      return "column " + Quote(option.value->text);
    case ast::FieldOption::Kind::kOnDelete:
      return "on delete " + ActionText(*option.action);
    case ast::FieldOption::Kind::kOnUpdate:
      return "on update " + ActionText(*option.action);
    case ast::FieldOption::Kind::kWas:
      return "was " + option.value->text;
    case ast::FieldOption::Kind::kUsing:
      return "using sql " + Quote(option.value->text);
    case ast::FieldOption::Kind::kBackfill:
      return "backfill " + LiteralText(*option.value);
    case ast::FieldOption::Kind::kName:
      return "name " + Quote(option.value->text);
    case ast::FieldOption::Kind::kPrimary:
      return "primary";
    case ast::FieldOption::Kind::kNoForeignKey:
      return "no_foreign_key";
  }
  return "";
}

// The part between the name and the options: the type or the relation.
std::string FieldTypeText(const ast::Field& field) {
  const std::string nullable = field.nullable ? "?" : "";
  switch (field.kind) {
    case ast::Field::Kind::kColumn: {
      std::string text = field.type.text;
      for (std::size_t i = 0; i < field.type_args.size(); ++i) {
        text += (i == 0 ? "(" : ", ") + field.type_args[i].text;
      }
      if (!field.type_args.empty()) text += ")";
      return text + nullable;
    }
    case ast::Field::Kind::kBelongsTo:
      return "-> " + field.type.text + nullable;
    case ast::Field::Kind::kHasMany:
    case ast::Field::Kind::kHasOne: {
      std::string text = "<- " + field.type.text;
      if (field.kind == ast::Field::Kind::kHasMany) text += "[]";
      if (field.via) text += " via " + field.via->text;
      return text;
    }
    case ast::Field::Kind::kManyToMany:
      return "<-> " + field.type.text + "[] through " + (field.through ? field.through->text : "");
  }
  return "";
}

}  // namespace

std::string Quote(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string LiteralText(const ast::Literal& literal) {
  switch (literal.kind) {
    case ast::Literal::Kind::kString:
      return Quote(literal.text);
    case ast::Literal::Kind::kCall: {
      // The name only: the parser takes `now/* x */()` to call "now/*".
      const std::size_t end = literal.text.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
      return literal.text.substr(0, end) + "()";
    }
    case ast::Literal::Kind::kNull:
      return "null";
    case ast::Literal::Kind::kSql:
      return "sql " + Quote(literal.text);
    case ast::Literal::Kind::kNumber:
    case ast::Literal::Kind::kBool:
    case ast::Literal::Kind::kIdent:
      return literal.text;
  }
  return literal.text;
}

std::string CheckText(const ast::Check& check) {
  switch (check.kind) {
    case ast::Check::Kind::kRange:
      return "check(" + RangeText(check) + ")";
    case ast::Check::Kind::kLength:
      return "check(length " + RangeText(check) + ")";
    case ast::Check::Kind::kMatch:
      return "check(match " + Quote(check.text) + ")";
    case ast::Check::Kind::kSql:
      return "check(sql " + Quote(check.text) + ")";
  }
  return "";
}

std::string FieldBodyText(const ast::Field& field) {
  std::string text = FieldTypeText(field);
  for (const ast::FieldOption& option : field.options) text += " " + OptionText(option);
  return text;
}

std::string IndexDeclText(const ast::IndexDecl& index) {
  std::string text = index.primary    ? "primary("
                     : index.as_index ? "unique_index("
                     : index.unique   ? "unique("
                                      : "index(";
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    if (i > 0) text += ", ";
    text += index.columns[i].name.text;
    if (index.columns[i].descending) text += " desc";
  }
  text += ")";
  if (index.method) text += " using " + index.method->text;
  if (index.where) text += " where sql " + Quote(index.where->text);
  if (index.global) text += " global";
  if (index.name) text += " name " + Quote(index.name->text);
  return text;
}

std::string EntityHeaderText(const ast::Entity& entity) {
  std::string text = "entity " + entity.name.text;
  for (const ast::EntityOption& option : entity.options) {
    text += " " + option.name.text;
    if (option.value) text += " " + Quote(option.value->text);
  }
  return text;
}

std::string EnumValueText(const ast::EnumValue& value) {
  return value.value.kind == ast::Literal::Kind::kString ? Quote(value.value.text)
                                                         : value.value.text;
}

}  // namespace schemagen::formatting
