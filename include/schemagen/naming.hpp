// Name conversions shared by the semantic pass and every generator: case styles,
// English plurals, and PostgreSQL identifier/literal quoting.
#pragma once

#include <string>
#include <string_view>

namespace schemagen::naming {

/// Splits an identifier into lower-case words at case changes, digits boundaries are kept with
/// the preceding word, and '_' separators: "TicketMessage" -> {ticket, message},
/// "HTTPRequest" -> {http, request}, "userId" -> {user, id}, "address2" -> {address2}.
/// Joined forms:
/// "TicketMessage" -> "ticket_message", "userId" -> "user_id", "HTTPRequest" -> "http_request".
std::string ToSnakeCase(std::string_view name);
/// "ticket_message" -> "ticketMessage", "TicketMessage" -> "ticketMessage".
std::string ToCamelCase(std::string_view name);
/// "ticket_message" -> "TicketMessage", "userId" -> "UserId".
std::string ToPascalCase(std::string_view name);

/// English plural of the last word of an identifier, keeping its case style:
/// "Company" -> "Companies", "TicketMessage" -> "TicketMessages", "Status" -> "Statuses",
/// "Person" -> "People", "user_queue" -> "user_queues", "Settings" -> "Settings".
std::string Pluralize(std::string_view name);

/// True for keywords PostgreSQL 15 lists as reserved or "reserved (can be function or type)"
/// (pg_get_keywords() categories R and T): those can't be a bare column or table name.
/// Case-insensitive.
bool IsPgReservedKeyword(std::string_view word);

/// What a field named `name` would hide in a generated sequelize-typescript model (Sequelize 5
/// and 6): "Model.save()" for "save", "the class's constructor" for "constructor"; empty when
/// it hides nothing. Covers every instance member of Sequelize's and sequelize-typescript's
/// Model and of Object.prototype.
std::string_view ModelMemberHiddenBy(std::string_view name);

/// What a model or enum named `name` would shadow in the generated TypeScript (the
/// decorators and types the models import, TypeScript's and JavaScript's own global types);
/// empty when nothing.
std::string_view TypeShadowedBy(std::string_view name);

/// True when `ident` must be double-quoted in PostgreSQL: not all lower-case [a-z_][a-z0-9_$]*,
/// or a reserved keyword.
bool NeedsQuoting(std::string_view ident);
/// `ident` quoted for PostgreSQL only when needed ("order" -> "\"order\"", "tickets" ->
/// "tickets"), embedded double quotes doubled.
std::string QuoteIdent(std::string_view ident);
/// A standard SQL string literal: 'it''s'. Backslashes are literal (standard_conforming_strings).
std::string QuoteLiteral(std::string_view text);

/// `name` if it fits PostgreSQL's 63-byte identifiers; else its first bytes (cut at a UTF-8
/// boundary), '_' and a hash of the whole name, so two long names sharing a prefix still differ.
std::string FitIdentifier(const std::string& name);

}  // namespace schemagen::naming
