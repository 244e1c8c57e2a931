// Streaming JSON writers for the snapshots (src/evolve/state.cpp), without a DOM.
//
// A document is described once, by a function template that calls a writer's
//   Key(k)                      inside an object, before each member's value; keys must come
//                               in ascending byte order (the order std::map gave the DOM)
//   String(s) / Int(i) / Bool(b)
//   Object(f) / Array(f)        f(writer) writes the members
// and any writer can run it:
//   CompactWriter   the compact form (what hashes are taken over), into a string or a hash;
//   PrettyWriter    the snapshot file's form: a container whose compact form fits the line
//                   (kLineWidth, counted as the former DOM printer counted it) stays on one
//                   line, the rest is one member a line with two-space indents;
//   MeasureWriter   (used by PrettyWriter) the width of a container, stopping at a budget.
// Loops over members ask `writer.Stopped()` so measuring walks no further than the budget.
//
// The bytes are those nlohmann::json::dump(-1, ' ', false, replace) printed for the same
// values: strings escaped the same way (\" \\ \b \f \n \r \t, \u00xx for other control
// characters, UTF-8 copied; a string that is not valid UTF-8 is escaped by nlohmann itself,
// which writes U+FFFD for the invalid bytes). tests/unit/state_test.cpp compares both.
#pragma once

#include <openssl/evp.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace schemagen::json_writer {

/// A snapshot line is at most this wide: a column, an index or a key fits on one line, so a
/// diff of two snapshots shows one line per changed part, and the file stays small.
inline constexpr std::size_t kLineWidth = 240;

/// Appends `s` as a JSON string (quoted and escaped).
void AppendString(std::string& out, std::string_view s);

/// Appends `i` in decimal, as JSON writes an integer.
inline void AppendInt(std::string& out, std::int64_t i) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, i);
  out.append(buffer, result.ptr);
}

/// SHA-256 over text fed in pieces: "sha256:" + 64 lowercase hex digits.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(std::string_view text);
  std::string Finish();

 private:
  EVP_MD_CTX* context_;
  bool ok_ = true;
};

// Checks the ascending key order of the objects being written (a programming error if not:
// the hash and the file would depend on the order the writer's caller chose).
class KeyOrder {
 public:
  void Open() { last_.emplace_back(); }
  void Close() { last_.pop_back(); }
  void Check(std::string_view key) {
    std::string_view& last = last_.back();
    if (!last.empty() && !(last < key))
      throw std::logic_error("json_writer: key '" + std::string(key) + "' after '" +
                             std::string(last) + "'");
    last = key;
  }

 private:
  std::vector<std::string_view> last_;
};

/// The compact form, appended to `out`; with a hash, `out` is fed to it and emptied as it
/// grows, so a large document is hashed without being held.
class CompactWriter {
 public:
  explicit CompactWriter(std::string& out, Sha256Stream* hash = nullptr) : out_(out), hash_(hash) {}
  ~CompactWriter() { Flush(); }
  CompactWriter(const CompactWriter&) = delete;
  CompactWriter& operator=(const CompactWriter&) = delete;

  static constexpr bool Stopped() { return false; }
  void Key(std::string_view key) {
    order_.Check(key);
    Separate();
    AppendString(out_, key);
    out_ += ':';
    after_key_ = true;
  }
  void String(std::string_view s) {
    Value();
    AppendString(out_, s);
  }
  void Int(std::int64_t i) {
    Value();
    AppendInt(out_, i);
  }
  void Bool(bool b) {
    Value();
    out_ += b ? "true" : "false";
  }
  template <typename F>
  void Object(F&& members) {
    Value();
    out_ += '{';
    first_.push_back(true);
    order_.Open();
    members(*this);
    order_.Close();
    first_.pop_back();
    out_ += '}';
  }
  template <typename F>
  void Array(F&& items) {
    Value();
    out_ += '[';
    first_.push_back(true);
    items(*this);
    first_.pop_back();
    out_ += ']';
  }
  void Flush() {
    if (hash_ != nullptr) {
      hash_->Update(out_);
      out_.clear();
    }
  }

 private:
  void Separate() {
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }
  void Value() {
    if (after_key_) {
      after_key_ = false;
    } else {
      Separate();  // an array's item
    }
    if (hash_ != nullptr && out_.size() >= (1u << 16)) Flush();
  }

  std::string& out_;
  Sha256Stream* hash_;
  std::vector<bool> first_;
  KeyOrder order_;
  bool after_key_ = false;
};

/// The width of one container as the line-width rule counts it: 2 for the brackets, then per
/// member its key's length + 4 (quotes, colon, comma) or 1 (an item's comma), plus the
/// member's width; a string counts its unescaped length + 2. Stops once over `budget`.
class MeasureWriter {
 public:
  explicit MeasureWriter(std::size_t budget) : budget_(budget) {}

  /// Over the budget, once the container's first member was counted (an empty container
  /// always fits).
  bool Stopped() const { return over_ && members_ > 0; }
  bool fits() const { return !over_; }
  /// Members of the measured container itself.
  std::size_t members() const { return members_; }

  void Key(std::string_view key) {
    if (depth_ == 1) ++members_;
    Take(key.size() + 4);
    after_key_ = true;
  }
  void String(std::string_view s) {
    Value();
    Take(s.size() + 2);
  }
  void Int(std::int64_t i) {
    Value();
    std::string digits;
    AppendInt(digits, i);  // short: no allocation
    Take(digits.size());
  }
  void Bool(bool b) {
    Value();
    Take(b ? 4 : 5);
  }
  template <typename F>
  void Object(F&& members) {
    Container(members);
  }
  template <typename F>
  void Array(F&& items) {
    Container(items);
  }

 private:
  template <typename F>
  void Container(F& members) {
    Value();
    Take(2);
    if (over_ && depth_ > 0) return;
    ++depth_;
    members(*this);
    --depth_;
  }
  void Value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (depth_ == 1) ++members_;
    Take(1);  // an array item's comma
  }
  void Take(std::size_t width) {
    if (width > budget_) {
      over_ = true;
      budget_ = 0;
    } else {
      budget_ -= width;
    }
  }

  std::size_t budget_;
  std::size_t depth_ = 0;
  std::size_t members_ = 0;
  bool over_ = false;
  bool after_key_ = false;
};

/// The snapshot file's form (see the top of this file), appended to `out`.
class PrettyWriter {
 public:
  explicit PrettyWriter(std::string& out) : out_(out) {}

  static constexpr bool Stopped() { return false; }
  void Key(std::string_view key) {
    order_.Check(key);
    NewLine();
    AppendString(out_, key);
    out_ += ": ";
    after_key_ = true;
  }
  void String(std::string_view s) {
    Value();
    AppendString(out_, s);
  }
  void Int(std::int64_t i) {
    Value();
    AppendInt(out_, i);
  }
  void Bool(bool b) {
    Value();
    out_ += b ? "true" : "false";
  }
  template <typename F>
  void Object(F&& members) {
    Container(members, '{', '}', true);
  }
  template <typename F>
  void Array(F&& items) {
    Container(items, '[', ']', false);
  }

 private:
  template <typename F>
  void Container(F& members, char open, char close, bool object) {
    Value();
    const std::size_t depth = first_.size();
    // The member's key (up to ~20 characters) shares the line.
    MeasureWriter measure(kLineWidth > depth * 2 + 20 ? kLineWidth - depth * 2 - 20 : 0);
    if (object) {
      measure.Object(members);
    } else {
      measure.Array(members);
    }
    if (measure.fits() || measure.members() == 0) {
      CompactWriter compact(out_);
      if (object) {
        compact.Object(members);
      } else {
        compact.Array(members);
      }
      return;
    }
    out_ += open;
    first_.push_back(true);
    if (object) order_.Open();
    members(*this);
    if (object) order_.Close();
    first_.pop_back();
    out_ += '\n';
    out_.append(depth * 2, ' ');
    out_ += close;
  }
  void NewLine() {
    out_ += first_.back() ? "\n" : ",\n";
    first_.back() = false;
    out_.append(first_.size() * 2, ' ');
  }
  void Value() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_.empty()) {
      NewLine();  // an array's item
    }
  }

  std::string& out_;
  std::vector<bool> first_;
  KeyOrder order_;
  bool after_key_ = false;
};

}  // namespace schemagen::json_writer
