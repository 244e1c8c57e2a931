// The generator interface (protoc's CodeGenerator, flatc's one-file-per-language): each
// generator reads only the IR and writes only through the sink. Generators are registered
// explicitly in driver.cpp, never through static initialisers.
#pragma once

#include <memory>
#include <string_view>

#include "schemagen/ir.hpp"
#include "schemagen/output.hpp"

namespace schemagen {

class Generator {
 public:
  virtual ~Generator() = default;
  /// A short stable name, like "sql".
  virtual std::string_view name() const = 0;
  virtual void Generate(const ir::Schema& schema, OutputSink& sink) const = 0;
};

/// The PostgreSQL DDL pair `<migrations>/<timestamp>-create-<feature>.up.sql` / `.down.sql`.
std::unique_ptr<Generator> MakeSqlGenerator();

}  // namespace schemagen
