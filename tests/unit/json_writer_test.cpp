// json_writer against nlohmann::json: the writers must print exactly what the DOM printer the
// snapshots were first written with printed (its compact dump, and the line-width rule kept
// here as the reference), or every existing history would hash differently.
#include "evolve/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace schemagen {
namespace {

using nlohmann::json;
namespace jw = json_writer;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The reference: the DOM printer of src/evolve/state.cpp before json_writer.
bool Fits(const json& value, std::size_t& budget) {
  if (value.is_object() || value.is_array()) {
    if (budget < 2) return false;
    budget -= 2;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::size_t key = value.is_object() ? it.key().size() + 4 : 1;
      if (budget < key || !Fits(*it, budget -= key)) return false;
    }
    return true;
  }
  const std::size_t size =
      value.is_string() ? value.get_ref<const std::string&>().size() + 2 : Dump(value).size();
  if (budget < size) return false;
  budget -= size;
  return true;
}

void PrettyInto(const json& value, std::size_t depth, std::string& out) {
  std::size_t budget = jw::kLineWidth > depth * 2 + 20 ? jw::kLineWidth - depth * 2 - 20 : 0;
  if (!(value.is_object() || value.is_array()) || value.empty() || Fits(value, budget)) {
    out += Dump(value);
    return;
  }
  const bool object = value.is_object();
  out += object ? "{\n" : "[\n";
  std::size_t i = 0;
  for (auto it = value.begin(); it != value.end(); ++it, ++i) {
    out.append((depth + 1) * 2, ' ');
    if (object) {
      out += Dump(json(it.key()));
      out += ": ";
    }
    PrettyInto(*it, depth + 1, out);
    if (i + 1 < value.size()) out += ',';
    out += '\n';
  }
  out.append(depth * 2, ' ');
  out += object ? '}' : ']';
}

// Replays a DOM value into a writer (std::map order: ascending keys).
template <typename W>
void Write(W& w, const json& value) {
  if (value.is_object()) {
    w.Object([&](auto& o) {
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (o.Stopped()) break;
        o.Key(it.key());
        Write(o, *it);
      }
    });
  } else if (value.is_array()) {
    w.Array([&](auto& a) {
      for (const json& item : value) {
        if (a.Stopped()) break;
        Write(a, item);
      }
    });
  } else if (value.is_string()) {
    w.String(value.get_ref<const std::string&>());
  } else if (value.is_boolean()) {
    w.Bool(value.get<bool>());
  } else {
    w.Int(value.get<std::int64_t>());
  }
}

std::string Compact(const json& value) {
  std::string out;
  jw::CompactWriter writer(out);
  Write(writer, value);
  return out;
}

std::string Pretty(const json& value) {
  std::string out;
  jw::PrettyWriter writer(out);
  Write(writer, value);
  return out;
}

std::string Reference(const json& value) {
  std::string out;
  PrettyInto(value, 0, out);
  return out;
}

// Strings that exercise the escaping: quotes, backslashes, every control character, UTF-8 of
// each length, invalid UTF-8 (overlong, surrogate, truncated, beyond U+10FFFF, lone
// continuation), and lengths around the line width.
unsigned Pick(std::mt19937& random, unsigned n) { return static_cast<unsigned>(random() % n); }

std::string RandomString(std::mt19937& random) {
  static const char* const kPieces[] = {"a",
                                        "id",
                                        "\"",
                                        "\\",
                                        "\b",
                                        "\f",
                                        "\n",
                                        "\r",
                                        "\t",
                                        "\x01",
                                        "\x1f",
                                        "\x7f",
                                        " ",
                                        "/",
                                        "é",
                                        "€",
                                        "😀",
                                        "\xc0\xaf",
                                        "\xed\xa0\x80",
                                        "\xe2\x82",
                                        "\xf4\x90\x80\x80",
                                        "\x80",
                                        "\xff",
                                        "company_id",
                                        "<b>",
                                        "'"};
  std::string s;
  const unsigned pieces = Pick(random, 12);
  for (unsigned i = 0; i < pieces; ++i) s += kPieces[Pick(random, std::size(kPieces))];
  if (Pick(random, 8) == 0) s += std::string(Pick(random, 300), 'x');
  return s;
}

json RandomValue(std::mt19937& random, int depth) {
  const unsigned kind = Pick(random, depth > 5 ? 3 : 5);
  switch (kind) {
    case 0:
      return RandomString(random);
    case 1:
      return static_cast<std::int64_t>(Pick(random, 2000)) - 1000;
    case 2:
      return Pick(random, 2) == 0;
    case 3: {
      json object = json::object();
      const unsigned members = Pick(random, 7);
      for (unsigned i = 0; i < members; ++i)
        object[RandomString(random)] = RandomValue(random, depth + 1);
      return object;
    }
    default: {
      json array = json::array();
      const unsigned items = Pick(random, 7);
      for (unsigned i = 0; i < items; ++i) array.push_back(RandomValue(random, depth + 1));
      return array;
    }
  }
}

TEST(JsonWriterTest, PrintsWhatTheDomPrinted) {
  std::mt19937 random(20261123);
  for (int i = 0; i < 3000; ++i) {
    const json value = RandomValue(random, 0);
    ASSERT_EQ(Compact(value), Dump(value)) << "case " << i;
    ASSERT_EQ(Pretty(value), Reference(value)) << "case " << i;
  }
}

TEST(JsonWriterTest, LineWidthBoundary) {
  // An object whose measured width is exactly the budget stays on one line; one more
  // character breaks it.
  for (std::size_t length = 200; length < 240; ++length) {
    const json value = {{"k", {{"name", std::string(length, 'x')}}}};
    EXPECT_EQ(Pretty(value), Reference(value)) << length;
  }
}

TEST(JsonWriterTest, EmptyContainersAndScalarsAtTheTop) {
  for (const json& value : {json::object(), json::array(), json("x"), json(7), json(false),
                            json{{"a", json::object()}, {"b", json::array()}}}) {
    EXPECT_EQ(Pretty(value), Reference(value));
    EXPECT_EQ(Compact(value), Dump(value));
  }
}

TEST(JsonWriterTest, KeysOutOfOrderAreAProgrammingError) {
  std::string out;
  jw::CompactWriter writer(out);
  EXPECT_THROW(writer.Object([](auto& o) {
    o.Key("name");
    o.String("x");
    o.Key("kind");
    o.String("y");
  }),
               std::logic_error);
  std::string pretty;
  jw::PrettyWriter pretty_writer(pretty);
  EXPECT_THROW(pretty_writer.Object([](auto& o) {
    o.Key("b");
    o.Int(1);
    o.Key("b");
    o.Int(2);
  }),
               std::logic_error);
}

TEST(JsonWriterTest, HashesWhatItWouldHaveHeld) {
  std::mt19937 random(7);
  json big = json::array();
  for (int i = 0; i < 5000; ++i) big.push_back(RandomValue(random, 3));
  jw::Sha256Stream streamed;
  {
    std::string buffer;
    jw::CompactWriter writer(buffer, &streamed);
    Write(writer, big);
  }
  jw::Sha256Stream whole;
  whole.Update(Dump(big));
  EXPECT_EQ(streamed.Finish(), whole.Finish());
}

}  // namespace
}  // namespace schemagen
