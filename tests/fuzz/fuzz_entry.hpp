// The fuzz targets' entry points (tests/fuzz/README.md). Each takes the raw input and runs one
// part of the pipeline on it; none may crash, hang or trip a sanitizer on any input. The
// libFuzzer executables (fuzz_main.cpp) and the regression test that replays
// tests/fuzz/regressions/ in the normal build (tests/unit/fuzz_regressions_test.cpp) call the
// same functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemagen::fuzz {

/// parse: the parser alone, then the formatter on what parsed; diagnostics rendered.
void Parse(std::string_view input);
/// analyze: parse + semantic pass (imports through an in-memory file system holding only the
/// input itself); diagnostics rendered as text and JSON.
void Analyze(std::string_view input);
/// generate: the whole first run, as the CLI does it: compile, then Generate into a MemorySink
/// (the create migration, every generator, the recorded history).
void Generate(std::string_view input);
/// evolve: the input split at the first kEvolveSeparator line into two DSL texts; the first
/// is generated as a first run, the second as the next run over that run's files (history
/// loaded from its snapshot, planned previous -> next with every hazard allowed, generated).
void Evolve(std::string_view input);
/// state: state::FromJson on the raw input, and ToJson/FromJson again on what loaded.
void State(std::string_view input);

/// The line that separates the two schemas of an evolve input.
inline constexpr std::string_view kEvolveSeparator = "\n#####\n";

/// The targets by name, as the directories of tests/fuzz/regressions/ and the executables
/// (fuzz_<name>) are named.
struct Target {
  const char* name;
  void (*run)(std::string_view input);
};
const std::vector<Target>& Targets();

}  // namespace schemagen::fuzz
