#include "pg/redact.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace schemagen::pg {
namespace {

// "%41b" -> "Ab"; a malformed escape stays as written.
std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> SecretsIn(std::string_view text) {
  std::vector<std::string> found;
  auto add = [&](std::string_view secret) {
    if (secret.empty()) return;
    found.emplace_back(secret);
    if (std::string decoded = PercentDecoded(secret); decoded != secret) found.push_back(decoded);
  };
  const std::size_t scheme = text.find("://");
  if (scheme != std::string_view::npos) {
    const std::string_view rest = text.substr(scheme + 3);
    const std::size_t at = rest.rfind('@');
    const std::string_view userinfo = at != std::string_view::npos
                                          ? rest.substr(0, at)
                                          : rest.substr(0, rest.find_first_of("/?"));
    if (const std::size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      add(userinfo.substr(colon + 1));
    }
  }
  // password=... anywhere: a URL's query parameter or a key=value pair (spaces around '=').
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t at = lower.find("password"); at != std::string::npos;
       at = lower.find("password", at + 1)) {
    std::size_t i = at + 8;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t end = i;
    if (i < text.size() && text[i] == '\'') {
      for (end = i + 1; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      add(text.substr(i + 1, std::min(end, text.size()) - i - 1));
      add(text.substr(i, std::min(end + 1, text.size()) - i));
    } else {
      while (end < text.size() && text[end] != ' ' && text[end] != '&') ++end;
      add(text.substr(i, end - i));
    }
  }
  return found;
}

// libpq quotes malformed URLs (or pieces of them) in its parse errors.
std::string Redacted(std::string message, const std::vector<std::string>& secrets) {
  std::vector<std::string> pieces;
  for (const std::string& secret : secrets) {
    pieces.push_back(secret);
    std::size_t start = 0;
    while (start < secret.size()) {
      const std::size_t end = std::min(secret.find_first_of("/@:%?#& '\\", start), secret.size());
      if (end - start >= 3) pieces.push_back(secret.substr(start, end - start));
      start = end + 1;
    }
  }
  std::sort(pieces.begin(), pieces.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  // Quoted tokens first, while the quotes are there to find.
  for (std::size_t open = message.find('"'); open != std::string::npos;) {
    const std::size_t close = message.find('"', open + 1);
    if (close == std::string::npos) break;
    const std::string token = message.substr(open + 1, close - open - 1);
    bool secret = token.find('%') != std::string::npos;
    for (const std::string& piece : pieces) {
      if (!piece.empty() && (token.find(piece) != std::string::npos ||
                             (token.size() >= 3 && piece.find(token) != std::string::npos)))
        secret = true;
    }
    if (secret) message.replace(open + 1, token.size(), "***");
    open = message.find('"', open + (secret ? 5 : token.size() + 2));
  }
  for (const std::string& piece : pieces) {
    if (piece.size() < 3 && piece != secrets.front()) continue;
    for (std::size_t at = message.find(piece); !piece.empty() && at != std::string::npos;
         at = message.find(piece, at + 3)) {
      message.replace(at, piece.size(), "***");
    }
  }
  static const std::regex kPassword(R"((://[^:/@\s]*:)[^@\s]*@)");
  static const std::regex kKeyword(R"((password\s*=\s*)('([^'\\]|\\.)*'|\S+))", std::regex::icase);
  message = std::regex_replace(message, kPassword, "$1***@");
  return std::regex_replace(message, kKeyword, "$1***");
}

}  // namespace schemagen::pg
