// Snapshots and schemagen.sum. The JSON is written by json_writer (no DOM: a 10,000-table
// snapshot is 64 MB), every object's keys in ascending order, so the same snapshot always
// prints the same bytes; it is read with nlohmann::json.
//
// Which members are written: bools, enums, arrays, objects and identifying strings always;
// strings that are often empty (doc, comment, where...) and numbers that are often zero only
// when set; std::optional members only when they hold a value (so "" and absent differ). A
// reader takes an absent optional member as empty, so writing and reading round-trip exactly.
//
// Unknown members: inside "schema" every member must be known. The schema is what the hash
// covers and what the next snapshot names as its parent, so the loaded schema must print back
// to exactly the recorded JSON; a member this build does not know (a hand edit that kept the
// hash, or a writer that should have raised kFormat) is an error. Outside "schema" unknown
// members are ignored: they carry nothing the history depends on, so a later build of the
// same format may add information there.
#include "schemagen/state.hpp"

#include "evolve/json_writer.hpp"
#include "evolve/state_writer.hpp"

namespace schemagen::state {

using namespace detail;  // NOLINT(google-build-using-namespace): the writers

std::string Sha256(std::string_view content) {
  json_writer::Sha256Stream hash;
  hash.Update(content);
  return hash.Finish();
}

std::string SchemaJson(const ir::Schema& schema) {
  std::string out;
  json_writer::CompactWriter writer(out);
  WriteSchema(writer, schema);
  return out;
}

std::string SchemaHash(const ir::Schema& schema) {
  json_writer::Sha256Stream hash;
  {
    std::string buffer;
    json_writer::CompactWriter writer(buffer, &hash);
    WriteSchema(writer, schema);
  }
  return hash.Finish();
}

std::string ToJson(const std::vector<std::string>& migrations, const std::string& parent,
                   const std::vector<evolve::Step>& steps, const ir::Schema& schema) {
  std::string out;
  json_writer::PrettyWriter writer(out);
  writer.Object([&](auto& o) {
    o.Key("format");
    o.Int(kFormat);
    PutString(o, "generator", "schemagen");
    PutStrings(o, "migrations", migrations);
    PutString(o, "parent", parent);
    o.Key("schema");
    WriteSchema(o, schema);
    PutString(o, "schema_hash", SchemaHash(schema));
    PutArray(o, "steps", steps, [](auto& a, const evolve::Step& s) { WriteStep(a, s); });
  });
  out += '\n';
  return out;
}

std::string ToJson(const Snapshot& snapshot) {
  return ToJson(snapshot.migrations, snapshot.parent, snapshot.steps, snapshot.schema);
}

}  // namespace schemagen::state
