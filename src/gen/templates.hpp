// Templates decide the shape of generated files; C++ view models decide their content.
// kainjow Mustache is used only here and in the generators that build view models.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schemagen/diagnostics.hpp"

namespace schemagen {

using TemplateData = kainjow::mustache::data;

/// The templates compiled into the binary (templates/*.mustache), by file name.
const std::map<std::string, std::string>& EmbeddedTemplates();

/// The templates of one run: the built-in ones, each replaced by the file of the same name in
/// the override directory when there is one.
class Templates {
 public:
  /// Reads the override directory (may be empty). Unknown files there are reported, so a typo
  /// in a file name doesn't silently leave the built-in template in use.
  [[nodiscard]] static std::optional<Templates> Load(const std::string& override_dir,
                                                     Diagnostics& diagnostics);
  Templates() = default;
  /// The same texts with a cache of parsed templates of its own: Render is not thread-safe
  /// (kainjow keeps state in a parsed template), so each thread renders from its own copy.
  Templates(const Templates& other) : texts_(other.texts_), origins_(other.origins_) {}
  Templates& operator=(const Templates&) = delete;
  Templates(Templates&&) = default;
  Templates& operator=(Templates&&) = default;
  /// Renders template `name`. A value the template names but `data` lacks is an error naming
  /// the template's file and line (never silent empty text); so is a malformed template.
  [[nodiscard]] std::optional<std::string> Render(const std::string& name, const TemplateData& data,
                                                  Diagnostics& diagnostics) const;
  /// Where template `name` came from: "templates/x.mustache" (built in) or the override path.
  const std::string& Origin(const std::string& name) const { return origins_.at(name); }

 private:
  std::map<std::string, std::string> texts_;
  std::map<std::string, std::string> origins_;
  /// Each template is parsed once, on first use, and rendered many times (once per model).
  mutable std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed_;
};

/// A data list from a vector of data, moving the items (kainjow's push_back copies them).
TemplateData List(std::vector<TemplateData> items);
/// Sets `name` in the object `data` to `value`, moving it (kainjow's set() copies).
void Set(TemplateData& data, const std::string& name, TemplateData value);
/// Moves the value `name` out of the object `data` (which keeps an empty value there).
TemplateData Take(TemplateData& data, const std::string& name);

}  // namespace schemagen
