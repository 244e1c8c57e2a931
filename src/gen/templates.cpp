#include "gen/templates.hpp"

#include "schemagen/file_system.hpp"
#include "schemagen/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace schemagen {
namespace {

namespace mustache = kainjow::mustache;

// A context that remembers every name it could not resolve: kainjow renders a missing value
// as empty text, which would silently produce broken code.
class StrictContext final : public mustache::basic_context<std::string> {
 public:
  explicit StrictContext(const TemplateData* data) : inner_(data) {}
  void push(const TemplateData* data) override { inner_.push(data); }
  void pop() override { inner_.pop(); }
  const TemplateData* get(const std::string& name) const override {
    const TemplateData* value = inner_.get(name);
    if (value == nullptr && missing_.empty()) missing_ = name;
    return value;
  }
  const TemplateData* get_partial(const std::string& name) const override {
    return inner_.get_partial(name);
  }
  const std::string& missing() const { return missing_; }

 private:
  mustache::context<std::string> inner_;
  mutable std::string missing_;
};

// The 1-based line of the first tag that names `name`.
int LineOfTag(const std::string& text, const std::string& name) {
  for (const char* prefix : {"{{", "{{#", "{{^", "{{{", "{{&", "{{/"}) {
    for (const char* space : {"", " "}) {
      const std::size_t at = text.find(std::string(prefix) + space + name);
      if (at != std::string::npos) {
        return 1 + static_cast<int>(
                       std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
      }
    }
  }
  return 1;
}

}  // namespace

std::vector<std::string> BuiltInTemplateNames() {
  std::vector<std::string> names;
  for (const auto& [name, text] : EmbeddedTemplates()) names.push_back(name);
  return names;
}

TemplateData List(std::vector<TemplateData> items) {
  TemplateData list{TemplateData::type::list};
  // list_value() is a const view of the list kainjow owns on the heap; moving into it avoids
  // the deep copy push_back(const&) makes of every item.
  auto& storage = const_cast<kainjow::mustache::basic_list<std::string>&>(list.list_value());
  storage.reserve(items.size());
  for (TemplateData& item : items) storage.push_back(std::move(item));
  return list;
}

void Set(TemplateData& data, const std::string& name, TemplateData value) {
  data.set(name, TemplateData{false});
  const TemplateData* slot = data.get(name);
  if (slot != nullptr) const_cast<TemplateData&>(*slot) = std::move(value);
}

TemplateData Take(TemplateData& data, const std::string& name) {
  const TemplateData* slot = data.get(name);
  if (slot == nullptr) return TemplateData{};
  TemplateData out = std::move(const_cast<TemplateData&>(*slot));
  const_cast<TemplateData&>(*slot) = TemplateData{false};
  return out;
}

std::optional<Templates> Templates::Load(const std::string& override_dir,
                                         Diagnostics& diagnostics) {
  Templates t;
  for (const auto& [name, text] : EmbeddedTemplates()) {
    t.texts_[name] = text;
    t.origins_[name] = "templates/" + name;
  }
  if (override_dir.empty()) return t;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(override_dir, ec)) {
    diagnostics.Error("E0701", std::nullopt,
                      fmt::format("template directory '{}' does not exist", override_dir));
    return std::nullopt;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(override_dir, ec)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    const std::string name = path.filename().string();
    if (path.extension() != ".mustache") continue;
    if (t.texts_.count(name) == 0) {
      std::vector<std::string> known;
      for (const auto& [known_name, text] : t.texts_) known.push_back(known_name);
      Diagnostic& d = diagnostics.Error(
          "E0702", std::nullopt,
          fmt::format("'{}' does not replace any built-in template", path.string()));
      if (auto match = ClosestMatch(name, known)) {
        d.notes.push_back({fmt::format("did you mean '{}'?", *match), std::nullopt});
      }
      continue;
    }
    std::string error;
    std::optional<std::string> text = ReadWholeFile(path.string(), error);
    if (!text) {
      diagnostics.Error("E0701", std::nullopt,
                        fmt::format("can't read template '{}': {}", path.string(), error));
      continue;
    }
    t.texts_[name] = std::move(*text);
    t.origins_[name] = path.string();
  }
  if (diagnostics.HasErrors()) return std::nullopt;
  return t;
}

std::optional<std::string> Templates::Render(const std::string& name, const TemplateData& data,
                                             Diagnostics& diagnostics) const {
  const std::string& text = texts_.at(name);
  std::unique_ptr<mustache::mustache>& parsed = parsed_[name];
  if (!parsed) parsed = std::make_unique<mustache::mustache>(text);
  mustache::mustache& tmpl = *parsed;
  tmpl.set_custom_escape([](const std::string& s) { return s; });  // view models escape
  if (!tmpl.is_valid()) {
    diagnostics.Error("E0703", std::nullopt,
                      fmt::format("{}: invalid template: {}", Origin(name), tmpl.error_message()));
    return std::nullopt;
  }
  StrictContext context(&data);
  // Appended straight into the result: kainjow's own render(context) collects the pieces in
  // an ostringstream and copies them out, twice a document's size at the end.
  struct Appender {
    std::string& out;
    Appender& operator<<(const std::string& piece) {
      out += piece;
      return *this;
    }
  };
  std::string out;
  Appender appender{out};
  tmpl.render(context, appender);
  if (!tmpl.is_valid()) {
    diagnostics.Error("E0703", std::nullopt,
                      fmt::format("{}: invalid template: {}", Origin(name), tmpl.error_message()));
    return std::nullopt;
  }
  if (!context.missing().empty()) {
    diagnostics.Error(
        "E0704", std::nullopt,
        fmt::format("{}:{}: the template uses '{}', which its view model does not "
                    "have",
                    Origin(name), LineOfTag(text, context.missing()), context.missing()));
    return std::nullopt;
  }
  return out;
}

}  // namespace schemagen
