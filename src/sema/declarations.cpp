// Settings, enums, entities and their options; the entry point of the semantic pass.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "schemagen/file_system.hpp"
#include "schemagen/naming.hpp"
#include "sema/analyzer.hpp"

namespace schemagen::sema {
namespace {

const std::vector<std::string> kSettings = {"tenant",
                                            "naming",
                                            "soft_delete",
                                            "feature",
                                            "timestamp",
                                            "migrations",
                                            "models",
                                            "docs",
                                            "same_tenant_references",
                                            "row_level_security",
                                            "tenant_setting",
                                            "postgres"};
const std::vector<std::string> kEntityOptions = {
    "global", "no_soft_delete", "soft_delete", "no_timestamps", "table", "was", "allow"};
// The warnings `allow "..."` may silence on an entity: those that say what isolation a legacy
// form written on purpose gives up.
const std::vector<std::string> kAllowableWarnings = {"W0604", "W0605", "W0606"};

bool IsPascalCase(const std::string& name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

bool IsValidTimestamp(const std::string& ts) {
  if (ts.size() != 14 || !std::all_of(ts.begin(), ts.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
      })) {
    return false;
  }
  auto part = [&](std::size_t pos, std::size_t len) { return std::stoi(ts.substr(pos, len)); };
  const int year = part(0, 4);
  const int month = part(4, 2);
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return false;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return part(6, 2) >= 1 && part(6, 2) <= days && part(8, 2) < 24 && part(10, 2) < 60 &&
         part(12, 2) < 60;
}

// A custom configuration parameter PostgreSQL accepts in SET and current_setting():
// "prefix.name", lower-case letters, digits and underscores.
bool IsCustomSettingName(const std::string& name) {
  const std::size_t dot = name.find('.');
  auto word = [](std::string_view w) {
    return !w.empty() && !std::isdigit(static_cast<unsigned char>(w[0])) &&
           std::all_of(w.begin(), w.end(), [](char c) {
             return std::islower(static_cast<unsigned char>(c)) != 0 ||
                    std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '_';
           });
  };
  return dot != std::string::npos && name.size() <= 63 &&
         word(std::string_view(name).substr(0, dot)) &&
         word(std::string_view(name).substr(dot + 1));
}

// A path the output may use: relative, made of plain names (no "..", ".", empty component or
// backslash), without control characters (a newline would reach file names, messages and
// comments). The same rule CommitToDisk applies to every path before it writes.
bool IsSafeRelativePath(const std::string& path) { return RelativePathProblem(path).empty(); }

}  // namespace

std::string JoinOr(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

void SuggestClosest(Diagnostic& d, const std::string& word,
                    const std::vector<std::string>& candidates) {
  if (auto match = ClosestMatch(word, candidates); match && *match != word) {
    d.notes.push_back({fmt::format("did you mean '{}'?", *match), std::nullopt});
  }
}

std::string Analyzer::TableNameFor(const std::string& model) const {
  // Snake-case first, then pluralize the last word: "UserURL" -> "user_url" -> "user_urls".
  return schema_.naming == ir::Naming::kSnakeCase ? naming::Pluralize(naming::ToSnakeCase(model))
                                                  : naming::Pluralize(model);
}

std::string Analyzer::ColumnNameFor(const std::string& attribute) const {
  return schema_.naming == ir::Naming::kSnakeCase ? naming::ToSnakeCase(attribute) : attribute;
}

std::vector<std::string> Analyzer::EntityNames() const {
  std::vector<std::string> names;
  for (const EntityInfo& e : entities_) names.push_back(e.table.model);
  return names;
}

void Analyzer::ApplySettings() {
  if (file_.schemas.empty()) return;
  const ast::SchemaDecl& decl = file_.schemas.front();
  for (std::size_t i = 1; i < file_.schemas.size(); ++i) {
    diag_.Error("E0211", file_.schemas[i].name.span, "a file has at most one schema header")
        .notes.push_back({"the first one is here", decl.name.span});
  }
  schema_.name = decl.name.text;
  schema_.doc = decl.doc;
  std::map<std::string, Span> seen;
  for (const ast::Setting& s : decl.settings) {
    const std::string& key = s.key.text;
    const ast::Literal& v = s.value;
    if (std::find(kSettings.begin(), kSettings.end(), key) == kSettings.end()) {
      Diagnostic& d = diag_.Error("E0206", s.key.span, fmt::format("unknown setting '{}'", key));
      SuggestClosest(d, key, kSettings);
      if (d.notes.empty()) {
        d.notes.push_back({fmt::format("settings are {}", JoinOr(kSettings)), std::nullopt});
      }
      continue;
    }
    if (auto [it, inserted] = seen.emplace(key, s.key.span); !inserted) {
      diag_.Error("E0213", s.key.span, fmt::format("setting '{}' is given twice", key))
          .notes.push_back({"first given here", it->second});
      continue;
    }
    auto invalid = [&](const std::string& expected) {
      diag_.Error("E0207", v.span,
                  fmt::format("invalid value for '{}': expected {}", key, expected));
    };
    using K = ast::Literal::Kind;
    if (key == "tenant") {
      if (v.kind != K::kIdent) {
        invalid("an entity name, like Company");
        continue;
      }
      schema_.tenant = v.text;
      tenant_span_ = v.span;
      tenant_declared_ = true;
    } else if (key == "naming") {
      if (v.kind == K::kIdent && v.text == "snake_case")
        schema_.naming = ir::Naming::kSnakeCase;
      else if (v.kind == K::kIdent && v.text == "pascal_case")
        schema_.naming = ir::Naming::kPascalCase;
      else
        invalid(
            "snake_case (tables ticket_messages, columns last_message_at) or pascal_case (tables "
            "TicketMessages, columns lastMessageAt)");
    } else if (key == "soft_delete" || key == "same_tenant_references" ||
               key == "row_level_security") {
      if (v.kind != K::kBool) {
        invalid("true or false");
        continue;
      }
      const bool on = v.text == "true";
      (key == "soft_delete"              ? soft_delete_default_
       : key == "same_tenant_references" ? schema_.same_tenant_references
                                         : schema_.row_level_security) = on;
    } else if (key == "tenant_setting") {
      if (v.kind != K::kString || !IsCustomSettingName(v.text)) {
        invalid(
            "a \"prefix.name\" PostgreSQL accepts as a custom setting, lower case, like "
            "\"app.current_company_id\"");
        continue;
      }
      schema_.tenant_setting = v.text;
      tenant_setting_declared_ = true;
    } else if (key == "postgres") {
      const int major = v.kind == K::kNumber && v.text.size() <= 2 ? std::atoi(v.text.c_str()) : 0;
      if (major < ir::kOldestPostgres || major > ir::kNewestPostgres) {
        invalid(fmt::format("the PostgreSQL major version the SQL must run on, {} to {}, like {}",
                            ir::kOldestPostgres, ir::kNewestPostgres, ir::kOldestPostgres));
        continue;
      }
      if (options_.postgres_override == 0) schema_.postgres = major;
    } else if (key == "feature") {
      if (v.kind != K::kString || v.text.empty()) {
        invalid("a non-empty \"string\"");
        continue;
      }
      schema_.feature = v.text;
    } else if (key == "timestamp") {
      if ((v.kind != K::kNumber && v.kind != K::kString) || !IsValidTimestamp(v.text)) {
        invalid("a date and time as YYYYMMDDHHMMSS, like 20260115090000");
        continue;
      }
      timestamp_setting_ = v;
    } else {
      if (v.kind != K::kString || !IsSafeRelativePath(v.text)) {
        invalid("a relative \"path\" inside the output directory");
        continue;
      }
      (key == "migrations" ? schema_.migrations_dir
       : key == "models"   ? schema_.models_dir
                           : schema_.docs_dir) = v.text;
      path_spans_[key] = v.span;
    }
  }
  CheckOutputDirectories();
}

// The three output directories must keep apart: sequelize-cli (and the history) read every
// file of the migrations directory as a migration, and two outputs at one path would replace
// each other.
void Analyzer::CheckOutputDirectories() {
  const std::vector<std::pair<std::string, const std::string*>> dirs = {
      {"migrations", &schema_.migrations_dir},
      {"models", &schema_.models_dir},
      {"docs", &schema_.docs_dir}};
  auto inside = [](const std::string& dir, const std::string& parent) {
    return dir == parent || dir.rfind(parent + "/", 0) == 0;
  };
  for (std::size_t a = 0; a < dirs.size(); ++a) {
    for (std::size_t b = 0; b < dirs.size(); ++b) {
      if (a == b) continue;
      const auto& [key, dir] = dirs[a];
      const auto& [other, other_dir] = dirs[b];
      const bool clash = *dir == *other_dir ? a > b
                                            : inside(*dir, *other_dir) &&
                                                  (other == "migrations" || key == "migrations");
      if (!clash) continue;
      const auto span = path_spans_.find(key);
      const auto other_span = path_spans_.find(other);
      Diagnostic& d = diag_.Error(
          "E0218", span != path_spans_.end() ? std::optional<Span>(span->second) : std::nullopt,
          *dir == *other_dir
              ? fmt::format("'{}' and '{}' are the same directory (\"{}\")", key, other, *dir)
              : fmt::format("'{}' (\"{}\") is inside '{}' (\"{}\")", key, *dir, other, *other_dir));
      d.notes.push_back(
          {key == "migrations" || other == "migrations"
               ? "sequelize-cli and schemagen's history read every file of the migrations "
                 "directory as a migration: give each output a directory of its own"
               : "two outputs in one directory could replace each other: give each output a "
                 "directory of its own",
           other_span != path_spans_.end() ? std::optional<Span>(other_span->second)
                                           : std::nullopt});
    }
  }
}

void Analyzer::CollectEnums() {
  for (const ast::Enum& e : file_.enums) {
    // A bad name is still declared, so uses of it raise no more errors.
    CheckEntityName(e.name, /*is_enum=*/true);
    if (enums_.count(e.name.text) > 0) {
      diag_.Error("E0203", e.name.span, fmt::format("enum '{}' is declared twice", e.name.text))
          .notes.push_back({"first declared here", enums_[e.name.text].span});
      continue;
    }
    ir::Enum out{e.name.text, {}, e.doc, e.name.span};
    std::map<std::string, Span> seen;
    for (const ast::EnumValue& value : e.values) {
      if (value.value.text.empty()) {
        diag_.Error("E0209", value.value.span, "an enum value can't be empty");
      } else if (auto [it, inserted] = seen.emplace(value.value.text, value.value.span);
                 !inserted) {
        diag_
            .Error("E0209", value.value.span,
                   fmt::format("enum value '{}' is listed twice", value.value.text))
            .notes.push_back({"first listed here", it->second});
      } else {
        out.values.push_back(value.value.text);
      }
    }
    if (e.values.empty()) {
      diag_.Error("E0214", e.name.span, fmt::format("enum '{}' has no values", e.name.text));
    }
    enums_.emplace(e.name.text, std::move(out));
    schema_.enums.push_back(enums_[e.name.text]);
  }
}

void Analyzer::CheckEntityName(const ast::Ident& name, bool is_enum) {
  if (IsPascalCase(name.text)) {
    if (const std::string_view shadowed = naming::TypeShadowedBy(name.text); !shadowed.empty()) {
      diag_
          .Error("E0508", name.span,
                 fmt::format("'{}' can't name a model or an enum: it would shadow {}", name.text,
                             shadowed))
          .notes.push_back(
              {is_enum ? fmt::format("choose another name, like {}Kind: an enum's name is not "
                                     "stored in the database",
                                     name.text)
                       : fmt::format("choose another name and keep the table's: `entity {}Record "
                                     "table \"{}\" {{`",
                                     name.text, TableNameFor(name.text)),
               std::nullopt});
    }
    return;
  }
  Diagnostic& d = diag_.Error(
      "E0501", name.span,
      fmt::format("'{}' is not a valid type name: entity and enum names are PascalCase, "
                  "singular, letters and digits only",
                  name.text));
  d.notes.push_back(
      {fmt::format("write it as '{}'", naming::ToPascalCase(name.text)), std::nullopt});
}

void Analyzer::CollectEntities() {
  if (schema_.tenant.empty()) schema_.tenant = "Company";
  for (const ast::Entity& e : file_.entities) {
    CheckEntityName(e.name);  // a bad name is still declared, so uses of it raise no more errors
    if (entity_index_.count(e.name.text) > 0 || enums_.count(e.name.text) > 0) {
      const Span first = entity_index_.count(e.name.text) > 0
                             ? entities_[entity_index_[e.name.text]].table.span
                             : enums_[e.name.text].span;
      diag_.Error("E0203", e.name.span, fmt::format("'{}' is declared twice", e.name.text))
          .notes.push_back({"first declared here", first});
      continue;
    }
    EntityInfo info;
    info.ast = &e;
    info.order = entities_.size();
    info.table.model = e.name.text;
    info.table.doc = e.doc;
    info.table.span = e.name.span;
    info.table.paranoid = soft_delete_default_;
    info.table.name = TableNameFor(e.name.text);
    ApplyEntityOptions(info);
    entity_index_[e.name.text] = entities_.size();
    entities_.push_back(std::move(info));
  }
  auto tenant = entity_index_.find(schema_.tenant);
  if (tenant == entity_index_.end()) {
    const auto scoped = std::find_if(entities_.begin(), entities_.end(),
                                     [](const EntityInfo& e) { return !e.table.global; });
    if (!tenant_declared_ && scoped == entities_.end()) return;
    // Without a 'tenant' setting, point at the first entity that needs the default tenant.
    Diagnostic& d =
        tenant_declared_
            ? diag_.Error("E0212", tenant_span_,
                          fmt::format("the tenant entity '{}' is not declared", schema_.tenant))
            : diag_.Error("E0212", scoped->table.span,
                          fmt::format("entity '{}' is tenant-scoped, but the tenant entity '{}' "
                                      "is not declared",
                                      scoped->table.model, schema_.tenant));
    SuggestClosest(d, schema_.tenant, EntityNames());
    if (d.notes.empty()) {
      d.notes.push_back({fmt::format("declare it, like: entity {} global {{ name string(255) }}, "
                                     "or name another one with 'tenant' in the schema header",
                                     schema_.tenant),
                         std::nullopt});
    }
    return;
  }
  entities_[tenant->second].table.global = true;  // the tenant can't be scoped to itself
  schema_.tenant_table = entities_[tenant->second].table.name;
}

// `was "OldModel"` on entities: a model name, not the entity's own, not an entity declared now
// (or a junction schemagen creates now), and claimed by one entity only. Whether the previous
// state had it is the evolution planner's concern.
void Analyzer::CheckEntityRenames() {
  std::map<std::string, const EntityInfo*> claimed;
  for (const EntityInfo& entity : entities_) {
    if (entity.ast == nullptr || entity.table.was.empty()) continue;
    const std::string& old = entity.table.was;
    const std::string& model = entity.table.model;
    Span at = entity.ast->name.span;
    for (const ast::EntityOption& option : entity.ast->options) {
      if (option.name.text == "was" && option.value) at = option.value->span;
    }
    if (!IsPascalCase(old)) {
      diag_
          .Error("E0501", at,
                 fmt::format("'{}' is not a valid model name: 'was' names the entity as the "
                             "schema wrote it, and entity names are PascalCase",
                             old))
          .notes.push_back(
              {fmt::format("write it as '{}'; 'was' takes the entity's name, not its table's",
                           naming::ToPascalCase(old)),
               std::nullopt});
      continue;
    }
    if (old == model) {
      diag_
          .Error("E0215", at,
                 fmt::format("an entity can't rename itself: '{}' says it was '{}'", model, old))
          .notes.push_back({"'was' names the entity's previous name; remove it if the entity "
                            "was not renamed",
                            std::nullopt});
      continue;
    }
    if (auto other = entity_index_.find(old); other != entity_index_.end()) {
      const EntityInfo& still = entities_[other->second];
      diag_
          .Error("E0216", at,
                 fmt::format("'{}' was '{}', but the schema still declares entity '{}'", model, old,
                             old))
          .notes.push_back({still.table.junction
                                ? fmt::format("'{}' is the junction schemagen creates for this "
                                              "many-to-many relation; renames must be unambiguous",
                                              old)
                                : fmt::format("'{}' is declared here; renames must be unambiguous: "
                                              "rename or remove it in a migration of its own first",
                                              old),
                            still.table.span});
      continue;
    }
    if (auto [it, inserted] = claimed.emplace(old, &entity); !inserted) {
      Span first = it->second->ast->name.span;
      for (const ast::EntityOption& option : it->second->ast->options) {
        if (option.name.text == "was" && option.value) first = option.value->span;
      }
      diag_
          .Error("E0217", at,
                 fmt::format("'{}' and '{}' both say they were '{}'", it->second->table.model,
                             model, old))
          .notes.push_back({fmt::format("'{}' says so here; an entity can be renamed to one new "
                                        "name only",
                                        it->second->table.model),
                            first});
    }
  }
}

// `allow "W0604 ..."`: codes separated by spaces or commas, each one of kAllowableWarnings.
void Analyzer::AllowWarnings(EntityInfo& entity, const ast::Literal& codes) {
  std::string code;
  auto take = [&] {
    if (code.empty()) return;
    if (std::find(kAllowableWarnings.begin(), kAllowableWarnings.end(), code) ==
        kAllowableWarnings.end()) {
      diag_.Error("E0207", codes.span, fmt::format("'allow' can't silence '{}'", code))
          .notes.push_back({fmt::format("it silences the warnings of legacy forms written on "
                                        "purpose: {}",
                                        JoinOr(kAllowableWarnings)),
                            std::nullopt});
    } else {
      entity.allowed_warnings.insert(code);
    }
    code.clear();
  };
  for (char c : codes.text) {
    if (c == ' ' || c == ',' || c == '\t') {
      take();
    } else {
      code += c;
    }
  }
  take();
}

void Analyzer::ApplyEntityOptions(EntityInfo& entity) {
  std::map<std::string, Span> seen;
  const std::vector<ast::EntityOption>& options = entity.ast->options;
  auto known = [](const std::string& name) {
    return std::find(kEntityOptions.begin(), kEntityOptions.end(), name) != kEntityOptions.end();
  };
  for (std::size_t i = 0; i < options.size(); ++i) {
    const ast::EntityOption& option = options[i];
    const std::string& name = option.name.text;
    if (!known(name)) {
      Diagnostic& d =
          diag_.Error("E0208", option.name.span, fmt::format("unknown entity option '{}'", name));
      SuggestClosest(d, name, kEntityOptions);
      if (d.notes.empty()) {
        d.notes.push_back(
            {fmt::format("entity options are {}",
                         JoinOr({"global", "no_soft_delete", "soft_delete", "no_timestamps",
                                 "table \"name\"", "was \"OldModel\"", "allow \"W0604\""})),
             std::nullopt});
      }
      continue;
    }
    if (auto [it, inserted] = seen.emplace(name, option.name.span); !inserted) {
      diag_.Error("E0213", option.name.span, fmt::format("entity option '{}' is given twice", name))
          .notes.push_back({"first given here", it->second});
      continue;
    }
    const bool takes_value = name == "table" || name == "was" || name == "allow";
    if (name == "was" && !option.value && i + 1 < options.size() && !options[i + 1].value &&
        !known(options[i + 1].name.text)) {
      // `was OldTicket`: the name is there, but not as a string. One error for both words.
      const ast::EntityOption& next = options[++i];
      diag_
          .Error("E0207", Span{option.span.file, option.span.begin, next.span.end},
                 "the previous name after 'was' is a string")
          .notes.push_back({fmt::format("write: was \"{}\"", next.name.text), std::nullopt});
      continue;
    }
    if (takes_value != option.value.has_value() || (name == "was" && option.value->text.empty())) {
      diag_.Error("E0207", option.span,
                  name == "table"   ? "'table' needs the table's name, like table \"tickets\""
                  : name == "allow" ? "'allow' needs the warnings it silences, like allow \"W0604\""
                  : name == "was" ? "'was' needs the entity's previous name, like was \"OldTicket\""
                                  : fmt::format("entity option '{}' takes no value", name));
      continue;
    }
    if (name == "global")
      entity.table.global = true;
    else if (name == "no_soft_delete")
      entity.table.paranoid = false;
    else if (name == "soft_delete")
      entity.table.paranoid = true;
    else if (name == "no_timestamps")
      entity.table.timestamps = false;
    else if (name == "was")
      entity.table.was = option.value->text;  // checked in CheckEntityRenames
    else if (name == "allow")
      AllowWarnings(entity, *option.value);
    else
      entity.table.name = option.value->text;
  }
  if (seen.count("soft_delete") > 0 && seen.count("no_soft_delete") > 0) {
    diag_.Error(
        "E0213", entity.ast->name.span,
        fmt::format("entity '{}' has both soft_delete and no_soft_delete", entity.table.model));
  }
  if (entity.table.paranoid && !entity.table.timestamps) {
    diag_
        .Error("E0207", entity.ast->name.span,
               fmt::format("entity '{}' has soft delete but no timestamps: Sequelize's paranoid "
                           "mode needs timestamps",
                           entity.table.model))
        .notes.push_back({"add no_soft_delete too, or drop no_timestamps", std::nullopt});
  }
}

void Analyzer::ResolveTimestamp() {
  if (options_.timestamp_override) {
    if (!IsValidTimestamp(*options_.timestamp_override)) {
      diag_.Error("E0207", std::nullopt,
                  fmt::format("--timestamp {} is not a date and time as YYYYMMDDHHMMSS",
                              *options_.timestamp_override));
    }
    schema_.timestamp = *options_.timestamp_override;
  } else if (timestamp_setting_) {
    schema_.timestamp = timestamp_setting_->text;
  } else if (options_.timestamp_fallback) {
    schema_.timestamp = *options_.timestamp_fallback;
  } else {
    schema_.timestamp = "19700101000000";
    const std::optional<Span> where =
        file_.schemas.empty() ? std::nullopt : std::optional<Span>(file_.schemas[0].name.span);
    diag_
        .Warning("W0601", where,
                 "no migration timestamp is pinned; using 19700101000000 so that output stays "
                 "reproducible")
        .notes.push_back({"add 'timestamp 20260115090000' to the schema header, or pass "
                          "--timestamp or SOURCE_DATE_EPOCH",
                          std::nullopt});
  }
  if (schema_.feature.empty()) schema_.feature = schema_.name.empty() ? "schema" : schema_.name;
}

std::optional<ir::Schema> Analyzer::Run() {
  ApplySettings();
  if (options_.postgres_override != 0) schema_.postgres = options_.postgres_override;
  CollectEnums();
  CollectEntities();
  SynthesizeJunctions();
  CheckEntityRenames();
  for (EntityInfo& entity : entities_) BuildColumns(entity);
  ResolveKeys();
  for (EntityInfo& entity : entities_) ResolveInverses(entity);
  ProtectTenancy();
  for (EntityInfo& entity : entities_) {
    AddStandardIndexes(entity);
    BuildEntityIndexes(entity);
    BuildEntityChecks(entity);
    CheckPostgresLimits(entity);
  }
  AssignNames();
  if (diag_.HasErrors()) return std::nullopt;
  ResolveTimestamp();  // after the errors: its warning would only add noise to them
  if (diag_.HasErrors()) return std::nullopt;
  schema_.tables = OrderTables();
  schema_.Reindex();
  return std::move(schema_);
}

}  // namespace schemagen::sema

namespace schemagen {

std::optional<ir::Schema> Analyze(const ast::File& file, const AnalyzeOptions& options,
                                  Diagnostics& diagnostics) {
  return sema::Analyzer(file, options, diagnostics).Run();
}

}  // namespace schemagen
