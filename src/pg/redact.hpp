// Passwords never reach a message (docs/security.md): what in a connection string may be a
// password, and messages with it taken out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemagen::pg {

/// What in a connection string may be a password, read as generously as possible, since
/// libpq may read a malformed one otherwise (as a port, a path, a host) and quote it in an
/// error: in a URL, everything between the user's ':' and the last '@' (or, without any '@',
/// the whole authority after the ':'), and any `password=` parameter; in a key=value string,
/// the password keyword's value, quoted or not. Each as written and percent-decoded.
std::vector<std::string> SecretsIn(std::string_view text);

/// `message` without anything that may be a password: every secret (and every piece of one of
/// 3 bytes or more, split where a URL parser splits) replaced by "***", and every "quoted"
/// token of libpq's that overlaps a secret, or holds a '%', replaced whole.
std::string Redacted(std::string message, const std::vector<std::string>& secrets);

}  // namespace schemagen::pg
