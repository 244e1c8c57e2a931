// Unit tests for schemagen::naming (src/core/naming.cpp).
#include "schemagen/naming.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace schemagen::naming {
namespace {

// --- Case conversions (shared word splitter) ----------------------------------------------------

TEST(NamingTest, SnakeCaseFromPascalAndCamel) {
  EXPECT_EQ(ToSnakeCase("TicketMessage"), "ticket_message");
  EXPECT_EQ(ToSnakeCase("userId"), "user_id");
  EXPECT_EQ(ToSnakeCase("ticket"), "ticket");
  EXPECT_EQ(ToSnakeCase("Ticket"), "ticket");
  EXPECT_EQ(ToSnakeCase("ticket_message"), "ticket_message");
  EXPECT_EQ(ToSnakeCase("TICKET_MESSAGE"), "ticket_message");
}

TEST(NamingTest, SnakeCaseSplitsAtEndOfAcronymRun) {
  EXPECT_EQ(ToSnakeCase("HTTPRequest"), "http_request");
  EXPECT_EQ(ToSnakeCase("userID"), "user_id");
  EXPECT_EQ(ToSnakeCase("URL"), "url");
  EXPECT_EQ(ToSnakeCase("parseJSONBody"), "parse_json_body");
  EXPECT_EQ(ToSnakeCase("IOError"), "io_error");
}

TEST(NamingTest, SnakeCaseKeepsDigitsWithPrecedingWord) {
  EXPECT_EQ(ToSnakeCase("address2"), "address2");
  EXPECT_EQ(ToSnakeCase("utf8Text"), "utf8_text");
  EXPECT_EQ(ToSnakeCase("Address2Line"), "address2_line");
  EXPECT_EQ(ToSnakeCase("HTTP2Request"), "http2_request");
  EXPECT_EQ(ToSnakeCase("sha256"), "sha256");
}

TEST(NamingTest, SnakeCaseCollapsesUnderscores) {
  EXPECT_EQ(ToSnakeCase("ticket__message"), "ticket_message");
  EXPECT_EQ(ToSnakeCase("_ticket_message_"), "ticket_message");
  EXPECT_EQ(ToSnakeCase("Ticket_Message"), "ticket_message");
  EXPECT_EQ(ToSnakeCase(""), "");
  EXPECT_EQ(ToSnakeCase("___"), "");
}

TEST(NamingTest, CamelCase) {
  EXPECT_EQ(ToCamelCase("ticket_message"), "ticketMessage");
  EXPECT_EQ(ToCamelCase("TicketMessage"), "ticketMessage");
  EXPECT_EQ(ToCamelCase("ticketMessage"), "ticketMessage");
  EXPECT_EQ(ToCamelCase("HTTPRequest"), "httpRequest");
  EXPECT_EQ(ToCamelCase("userID"), "userId");
  EXPECT_EQ(ToCamelCase("user_id"), "userId");
  EXPECT_EQ(ToCamelCase("utf8_text"), "utf8Text");
  EXPECT_EQ(ToCamelCase("address2"), "address2");
  EXPECT_EQ(ToCamelCase("TICKET_MESSAGE"), "ticketMessage");
  EXPECT_EQ(ToCamelCase(""), "");
}

TEST(NamingTest, PascalCase) {
  EXPECT_EQ(ToPascalCase("ticket_message"), "TicketMessage");
  EXPECT_EQ(ToPascalCase("userId"), "UserId");
  EXPECT_EQ(ToPascalCase("userID"), "UserId");
  EXPECT_EQ(ToPascalCase("HTTPRequest"), "HttpRequest");
  EXPECT_EQ(ToPascalCase("utf8Text"), "Utf8Text");
  EXPECT_EQ(ToPascalCase("address2"), "Address2");
  EXPECT_EQ(ToPascalCase("TicketMessage"), "TicketMessage");
  EXPECT_EQ(ToPascalCase(""), "");
}

TEST(NamingTest, ConversionsRoundTrip) {
  EXPECT_EQ(ToSnakeCase(ToCamelCase("ticket_message_id")), "ticket_message_id");
  EXPECT_EQ(ToSnakeCase(ToPascalCase("utf8_text")), "utf8_text");
  EXPECT_EQ(ToPascalCase(ToSnakeCase("TicketMessage")), "TicketMessage");
}

// --- Pluralize ----------------------------------------------------------------------------------

TEST(NamingTest, PluralizeRegular) {
  EXPECT_EQ(Pluralize("Ticket"), "Tickets");
  EXPECT_EQ(Pluralize("TicketMessage"), "TicketMessages");
  EXPECT_EQ(Pluralize("user_queue"), "user_queues");
  EXPECT_EQ(Pluralize("Roof"), "Roofs");  // f -> ves only for the known list
  EXPECT_EQ(Pluralize("Safe"), "Safes");
  EXPECT_EQ(Pluralize("Photo"), "Photos");
  EXPECT_EQ(Pluralize("address2"), "address2s");
}

TEST(NamingTest, PluralizeConsonantY) {
  EXPECT_EQ(Pluralize("Company"), "Companies");
  EXPECT_EQ(Pluralize("Category"), "Categories");
  EXPECT_EQ(Pluralize("Key"), "Keys");
  EXPECT_EQ(Pluralize("Day"), "Days");
  EXPECT_EQ(Pluralize("ApiKey"), "ApiKeys");
  EXPECT_EQ(Pluralize("delivery_policy"), "delivery_policies");
}

TEST(NamingTest, PluralizeSibilants) {
  EXPECT_EQ(Pluralize("Status"), "Statuses");
  EXPECT_EQ(Pluralize("Address"), "Addresses");
  EXPECT_EQ(Pluralize("Box"), "Boxes");
  EXPECT_EQ(Pluralize("Match"), "Matches");
  EXPECT_EQ(Pluralize("Wish"), "Wishes");
  EXPECT_EQ(Pluralize("Buzz"), "Buzzes");
  EXPECT_EQ(Pluralize("Bus"), "Buses");
  EXPECT_EQ(Pluralize("Alias"), "Aliases");
  EXPECT_EQ(Pluralize("Index"), "Indexes");
  EXPECT_EQ(Pluralize("OrderStatus"), "OrderStatuses");
}

TEST(NamingTest, PluralizeKnownFToVes) {
  EXPECT_EQ(Pluralize("Leaf"), "Leaves");
  EXPECT_EQ(Pluralize("Knife"), "Knives");
  EXPECT_EQ(Pluralize("Life"), "Lives");
  EXPECT_EQ(Pluralize("Wife"), "Wives");
  EXPECT_EQ(Pluralize("Half"), "Halves");
  EXPECT_EQ(Pluralize("Shelf"), "Shelves");
  EXPECT_EQ(Pluralize("Wolf"), "Wolves");
  EXPECT_EQ(Pluralize("book_shelf"), "book_shelves");
}

TEST(NamingTest, PluralizeIrregular) {
  EXPECT_EQ(Pluralize("Person"), "People");
  EXPECT_EQ(Pluralize("Child"), "Children");
  EXPECT_EQ(Pluralize("Man"), "Men");
  EXPECT_EQ(Pluralize("Woman"), "Women");
  EXPECT_EQ(Pluralize("Mouse"), "Mice");
  EXPECT_EQ(Pluralize("Goose"), "Geese");
  EXPECT_EQ(Pluralize("Tooth"), "Teeth");
  EXPECT_EQ(Pluralize("Foot"), "Feet");
  EXPECT_EQ(Pluralize("Datum"), "Data");
  EXPECT_EQ(Pluralize("Criterion"), "Criteria");
  EXPECT_EQ(Pluralize("Analysis"), "Analyses");
  EXPECT_EQ(Pluralize("Quiz"), "Quizzes");
  // Irregulars match whole words only.
  EXPECT_EQ(Pluralize("Human"), "Humans");
}

TEST(NamingTest, PluralizeUncountableAndAlreadyPlural) {
  EXPECT_EQ(Pluralize("Settings"), "Settings");
  EXPECT_EQ(Pluralize("UserSettings"), "UserSettings");
  EXPECT_EQ(Pluralize("Data"), "Data");
  EXPECT_EQ(Pluralize("Info"), "Info");
  EXPECT_EQ(Pluralize("UserInfo"), "UserInfo");
  EXPECT_EQ(Pluralize("Information"), "Information");
  EXPECT_EQ(Pluralize("ticket_metadata"), "ticket_metadata");
  EXPECT_EQ(Pluralize("News"), "News");
  EXPECT_EQ(Pluralize("Series"), "Series");
  EXPECT_EQ(Pluralize("Species"), "Species");
  EXPECT_EQ(Pluralize("Equipment"), "Equipment");
  EXPECT_EQ(Pluralize("Feedback"), "Feedback");
  EXPECT_EQ(Pluralize("Audio"), "Audio");
  EXPECT_EQ(Pluralize("Media"), "Media");
  EXPECT_EQ(Pluralize("Companies"), "Companies");
  EXPECT_EQ(Pluralize("People"), "People");
  EXPECT_EQ(Pluralize("Users"), "Users");
  EXPECT_EQ(Pluralize("Boxes"), "Boxes");
  EXPECT_EQ(Pluralize("Keys"), "Keys");
}

TEST(NamingTest, PluralizeKeepsCaseStyle) {
  EXPECT_EQ(Pluralize("TicketPerson"), "TicketPeople");
  EXPECT_EQ(Pluralize("ticketPerson"), "ticketPeople");
  EXPECT_EQ(Pluralize("ticket_person"), "ticket_people");
  EXPECT_EQ(Pluralize("TICKET_PERSON"), "TICKET_PEOPLE");
  EXPECT_EQ(Pluralize("supportCompany"), "supportCompanies");
  EXPECT_EQ(Pluralize("SUPPORT_COMPANY"), "SUPPORT_COMPANIES");
  EXPECT_EQ(Pluralize("USER_QUEUE"), "USER_QUEUES");
  EXPECT_EQ(Pluralize("STATUS"), "STATUSES");
  EXPECT_EQ(Pluralize("person"), "people");
  EXPECT_EQ(Pluralize("user_child"), "user_children");
  // An acronym as the last word of a mixed-case name keeps its letters and gets a lower-case tail.
  EXPECT_EQ(Pluralize("userID"), "userIDs");
  EXPECT_EQ(Pluralize("MyURL"), "MyURLs");
  EXPECT_EQ(Pluralize("HTTPRequest"), "HTTPRequests");
  // Separators around the last word are kept.
  EXPECT_EQ(Pluralize("user_queue_"), "user_queues_");
  EXPECT_EQ(Pluralize(""), "");
  EXPECT_EQ(Pluralize("__"), "__");
}

// --- PostgreSQL keywords and quoting ------------------------------------------------------------

TEST(NamingTest, ReservedKeywordsCategoryR) {
  for (std::string_view word : {"all",          "analyse",
                                "analyze",      "and",
                                "any",          "array",
                                "as",           "asc",
                                "asymmetric",   "both",
                                "case",         "cast",
                                "check",        "collate",
                                "column",       "constraint",
                                "create",       "current_catalog",
                                "current_date", "current_role",
                                "current_time", "current_timestamp",
                                "current_user", "default",
                                "deferrable",   "desc",
                                "distinct",     "do",
                                "else",         "end",
                                "except",       "false",
                                "fetch",        "for",
                                "foreign",      "from",
                                "grant",        "group",
                                "having",       "in",
                                "initially",    "intersect",
                                "into",         "lateral",
                                "leading",      "limit",
                                "localtime",    "localtimestamp",
                                "not",          "null",
                                "offset",       "on",
                                "only",         "or",
                                "order",        "placing",
                                "primary",      "references",
                                "returning",    "select",
                                "session_user", "some",
                                "symmetric",    "table",
                                "then",         "to",
                                "trailing",     "true",
                                "union",        "unique",
                                "user",         "using",
                                "variadic",     "when",
                                "where",        "window",
                                "with"}) {
    EXPECT_TRUE(IsPgReservedKeyword(word)) << word;
  }
}

TEST(NamingTest, ReservedKeywordsCategoryT) {
  for (std::string_view word :
       {"authorization", "binary", "collation", "concurrently", "cross",   "current_schema",
        "freeze",        "full",   "ilike",     "inner",        "is",      "isnull",
        "join",          "left",   "like",      "natural",      "notnull", "outer",
        "overlaps",      "right",  "similar",   "tablesample",  "verbose"}) {
    EXPECT_TRUE(IsPgReservedKeyword(word)) << word;
  }
}

TEST(NamingTest, ReservedKeywordIsCaseInsensitive) {
  EXPECT_TRUE(IsPgReservedKeyword("ORDER"));
  EXPECT_TRUE(IsPgReservedKeyword("Select"));
  EXPECT_TRUE(IsPgReservedKeyword("Current_Timestamp"));
}

TEST(NamingTest, NonReservedKeywordsAreNotReserved) {
  // Unreserved (U) and "non-reserved (cannot be function or type)" (C) keywords are usable as
  // bare column names.
  EXPECT_FALSE(IsPgReservedKeyword("name"));
  EXPECT_FALSE(IsPgReservedKeyword("type"));
  EXPECT_FALSE(IsPgReservedKeyword("key"));
  EXPECT_FALSE(IsPgReservedKeyword("day"));
  EXPECT_FALSE(IsPgReservedKeyword("filter"));
  EXPECT_FALSE(IsPgReservedKeyword("between"));
  EXPECT_FALSE(IsPgReservedKeyword("char"));
  EXPECT_FALSE(IsPgReservedKeyword("timestamp"));
  EXPECT_FALSE(IsPgReservedKeyword("value"));
  EXPECT_FALSE(IsPgReservedKeyword("orders"));
  EXPECT_FALSE(IsPgReservedKeyword("user_id"));
  EXPECT_FALSE(IsPgReservedKeyword("current_timestamps"));
  EXPECT_FALSE(IsPgReservedKeyword(""));
}

TEST(NamingTest, NeedsQuoting) {
  EXPECT_FALSE(NeedsQuoting("tickets"));
  EXPECT_FALSE(NeedsQuoting("ticket_id"));
  EXPECT_FALSE(NeedsQuoting("_private"));
  EXPECT_FALSE(NeedsQuoting("address2"));
  EXPECT_FALSE(NeedsQuoting("price$usd"));
  EXPECT_FALSE(NeedsQuoting("name"));
  EXPECT_TRUE(NeedsQuoting("order"));
  EXPECT_TRUE(NeedsQuoting("user"));
  EXPECT_TRUE(NeedsQuoting("Tickets"));
  EXPECT_TRUE(NeedsQuoting("ticketId"));
  EXPECT_TRUE(NeedsQuoting("2fa"));
  EXPECT_TRUE(NeedsQuoting("$price"));
  EXPECT_TRUE(NeedsQuoting("ticket-id"));
  EXPECT_TRUE(NeedsQuoting("ticket id"));
  EXPECT_TRUE(NeedsQuoting(""));
}

TEST(NamingTest, QuoteIdent) {
  EXPECT_EQ(QuoteIdent("tickets"), "tickets");
  EXPECT_EQ(QuoteIdent("order"), "\"order\"");
  EXPECT_EQ(QuoteIdent("user"), "\"user\"");
  EXPECT_EQ(QuoteIdent("ORDER"), "\"ORDER\"");
  EXPECT_EQ(QuoteIdent("TicketMessage"), "\"TicketMessage\"");
  EXPECT_EQ(QuoteIdent("odd\"name"), "\"odd\"\"name\"");
  EXPECT_EQ(QuoteIdent("\""), "\"\"\"\"");
}

TEST(NamingTest, QuoteLiteral) {
  EXPECT_EQ(QuoteLiteral("open"), "'open'");
  EXPECT_EQ(QuoteLiteral("it's"), "'it''s'");
  EXPECT_EQ(QuoteLiteral("''"), "''''''");
  EXPECT_EQ(QuoteLiteral(""), "''");
  EXPECT_EQ(QuoteLiteral("C:\\path"), "'C:\\path'");
  EXPECT_EQ(QuoteLiteral("say \"hi\""), "'say \"hi\"'");
}

}  // namespace
}  // namespace schemagen::naming
