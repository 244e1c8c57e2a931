// One libFuzzer executable per target: SCHEMAGEN_FUZZ_TARGET names the entry point of
// fuzz_entry.hpp (tests/fuzz/CMakeLists.txt builds fuzz_parse, fuzz_analyze, ...).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  schemagen::fuzz::SCHEMAGEN_FUZZ_TARGET(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
