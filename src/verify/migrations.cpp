#include "verify/migrations.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "verify/statements.hpp"

namespace schemagen::verify {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUp = ".up.sql";
constexpr std::string_view kDown = ".down.sql";

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() > suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Names of the pairs found: name -> {has up, has down}.
using Pairs = std::map<std::string, std::pair<bool, bool>>;

std::optional<Pairs> ListPairs(const fs::path& dir, Diagnostics& diagnostics) {
  std::error_code ec;
  Pairs pairs;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    std::error_code type_error;
    if (!entry.is_regular_file(type_error)) continue;
    if (EndsWith(file, kUp)) pairs[file.substr(0, file.size() - kUp.size())].first = true;
    if (EndsWith(file, kDown)) pairs[file.substr(0, file.size() - kDown.size())].second = true;
  }
  if (ec) {
    diagnostics.Error("E0801", std::nullopt,
                      "can't read the migrations directory " + dir.string() + ": " + ec.message());
    return std::nullopt;
  }
  return pairs;
}

bool CheckPaired(const fs::path& dir, const Pairs& pairs, Diagnostics& diagnostics) {
  bool ok = true;
  for (const auto& [name, has] : pairs) {
    if (has.first && has.second) continue;
    const std::string present = name + std::string(has.first ? kUp : kDown);
    const std::string missing = name + std::string(has.first ? kDown : kUp);
    diagnostics.Error("E0802", std::nullopt,
                      (dir / present).string() + " has no matching " + missing +
                          ": verify applies and reverts every migration");
    ok = false;
  }
  return ok;
}

}  // namespace

std::optional<std::vector<MigrationFiles>> ReadMigrations(const std::string& dir,
                                                          const std::string& hint,
                                                          Diagnostics& diagnostics) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diagnostics.Error("E0801", std::nullopt, "no migrations directory " + dir + hint);
    return std::nullopt;
  }
  const std::optional<Pairs> pairs = ListPairs(dir, diagnostics);
  if (!pairs) return std::nullopt;
  if (pairs->empty()) {
    diagnostics.Error("E0801", std::nullopt, "no migrations (*.up.sql) in " + dir + hint);
    return std::nullopt;
  }
  if (!CheckPaired(dir, *pairs, diagnostics)) return std::nullopt;
  std::vector<MigrationFiles> out;
  for (const auto& [name, has] : *pairs) {  // std::map: byte order of the names
    const auto up = ReadText(fs::path(dir) / (name + std::string(kUp)));
    const auto down = ReadText(fs::path(dir) / (name + std::string(kDown)));
    if (!up || !down) {
      diagnostics.Error("E0801", std::nullopt, "can't read migration " + name + " in " + dir);
      return std::nullopt;
    }
    out.push_back({name, *up, *down, !HasNoTransactionMarker(*up), !HasNoTransactionMarker(*down)});
  }
  return out;
}

std::vector<RecordedState> ReadStates(const std::string& dir, Diagnostics& diagnostics) {
  const fs::path states = fs::path(dir) / state::kStateDir;
  std::error_code ec;
  if (!fs::is_directory(states, ec)) return {};
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(states, ec)) {
    const std::string file = entry.path().filename().string();
    std::error_code type_error;
    if (entry.is_regular_file(type_error) && EndsWith(file, ".json")) names.push_back(file);
  }
  std::sort(names.begin(), names.end());
  std::vector<RecordedState> out;
  for (const std::string& name : names) {
    const std::string relative = std::string(state::kStateDir) + "/" + name;
    const std::optional<std::string> text = ReadText(states / name);
    if (!text) {
      diagnostics.Error("E0801", std::nullopt, "can't read " + (states / name).string());
      continue;
    }
    std::optional<state::Snapshot> snapshot =
        state::FromJson(*text, (states / name).string(), diagnostics);
    if (snapshot) out.push_back({relative, std::move(*snapshot)});
  }
  return out;
}

}  // namespace schemagen::verify
