#include <iostream>
#include <optional>
#include <string>

#include "cli/cli.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/format.hpp"
#include "schemagen/output.hpp"
#include "schemagen/source.hpp"
#include "schemagen/text.hpp"

namespace schemagen::cli {

int RunFmt(const FmtArgs& args) {
  int status = kExitOk;
  std::size_t unformatted = 0;
  for (const std::string& path : args.files) {
    std::string text;
    std::string read_error;
    if (!ReadInput(path, text, read_error)) {
      std::cerr << "schemagen: error: can't read '" << schemagen::text::EscapeControls(path)
                << "': " << read_error << "\n";
      status = kExitDiagnostics;
      continue;
    }
    schemagen::SourceManager sources;
    schemagen::Diagnostics diagnostics;
    const std::string original = text;
    const auto file = sources.Add(path == "-" ? "<stdin>" : path, std::move(text));
    const std::optional<std::string> formatted = schemagen::FormatFile(sources, file, diagnostics);
    std::cerr << schemagen::RenderAll(diagnostics, sources, {UseColor(args.color), 50});
    if (!formatted) {
      status = kExitDiagnostics;
    } else if (path == "-") {
      std::cout << *formatted;
    } else if (*formatted != original) {
      ++unformatted;
      if (args.check) {
        std::cout << "not formatted: " << path << "\n";
        status = kExitDiagnostics;
      } else if (const std::string error = schemagen::WriteFileAtomically(path, *formatted);
                 !error.empty()) {
        std::cerr << "schemagen: error: " << error << "\n";
        status = kExitDiagnostics;
      } else {
        std::cout << "formatted " << path << "\n";
      }
    }
  }
  if (args.check && unformatted > 0) {
    std::cout << "schemagen: " << unformatted << " file" << (unformatted == 1 ? "" : "s")
              << " not formatted; run schemagen fmt\n";
  }
  return status;
}

}  // namespace schemagen::cli
