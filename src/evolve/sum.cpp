// schemagen.sum: the SHA-256 of every migration file, and the total over them, so that an
// edited migration or a merge that mixed two branches' entries is detected.
#include <algorithm>
#include <set>
#include <string>

#include "schemagen/state.hpp"

namespace schemagen::state {
namespace {

constexpr const char* kSumHeader =
    "# schemagen.sum: the SHA-256 of every migration file schemagen generated here. Do not "
    "edit;\n"
    "# after a deliberate edit of a migration run `schemagen --rehash`.\n";

bool IsHash(std::string_view text) {
  constexpr std::string_view kPrefix = "sha256:";
  if (text.size() != kPrefix.size() + 64 || text.substr(0, kPrefix.size()) != kPrefix) return false;
  return std::all_of(text.begin() + kPrefix.size(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool IsConflictMarker(std::string_view line) {
  for (std::string_view marker : {"<<<<<<<", "=======", ">>>>>>>", "|||||||"}) {
    if (line.substr(0, marker.size()) == marker) return true;
  }
  return false;
}

std::string EntryLines(std::vector<std::pair<std::string, std::string>> files) {
  std::sort(files.begin(), files.end());
  std::string lines;
  for (const auto& [name, hash] : files) lines += name + " " + hash + "\n";
  return lines;
}

}  // namespace

std::string RenderSum(const Sum& sum) {
  const std::string entries = EntryLines(sum.files);
  return std::string(kSumHeader) + "total " + Sha256(entries) + "\n" + entries;
}

std::optional<Sum> ParseSum(std::string_view text, const std::string& path,
                            Diagnostics& diagnostics) {
  Sum sum;
  std::optional<std::string> total;
  std::size_t total_line = 0;
  std::set<std::string> names;
  bool malformed = false;
  const auto fail = [&](std::size_t number, const std::string& message) {
    diagnostics.Error("E0954", std::nullopt, path + ":" + std::to_string(number) + ": " + message);
    malformed = true;
  };
  std::size_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (IsConflictMarker(line)) {
      fail(number,
           "an unresolved git merge conflict. Keep the entries of both sides, drop the "
           "markers and the total lines, and rerun schemagen: it checks the history "
           "and explains a branch conflict");
      continue;
    }
    const std::size_t space = line.rfind(' ');
    const std::string name(line.substr(0, space == std::string_view::npos ? 0 : space));
    const std::string_view hash = space == std::string_view::npos ? "" : line.substr(space + 1);
    if (name.empty() || !IsHash(hash)) {
      fail(number, "expected `NAME sha256:HEX` (64 lowercase hex digits), found `" +
                       std::string(line) + "`");
    } else if (name == "total") {
      if (total)
        fail(number, "a second total line (the first is line " + std::to_string(total_line) + ")");
      total = std::string(hash);
      total_line = number;
    } else if (!names.insert(name).second) {
      fail(number, "a second entry for " + name);
    } else {
      sum.files.emplace_back(name, std::string(hash));
    }
  }
  if (malformed) return std::nullopt;
  std::sort(sum.files.begin(), sum.files.end());
  // No total line: what resolving a merge conflict leaves (the advice of E0955 and of a
  // conflict marker). Every entry is still checked against its file; the run writes the total
  // again.
  if (!total) return sum;
  const std::string actual = Sha256(EntryLines(sum.files));
  if (actual != *total) {
    diagnostics.Error(
        "E0955", std::nullopt,
        path + ":" + std::to_string(total_line) +
            ": schemagen.sum was edited or merged by hand: the total line says " + *total +
            " but the entries hash to " + actual +
            ". Two branches that each generated a migration both change the total line, so git "
            "reports a conflict there: keep the entries of both sides, delete the total line and "
            "rerun schemagen (it writes the total again), which checks the history and explains "
            "a branch conflict. After a deliberate edit of a migration, run `schemagen --rehash`");
    return std::nullopt;
  }
  return sum;
}

}  // namespace schemagen::state
