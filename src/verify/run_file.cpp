#include "verify/run_file.hpp"

#include <fmt/format.h>

#include <optional>
#include <utility>
#include <vector>

#include "pg/interrupt.hpp"
#include "verify/screen.hpp"
#include "verify/statements.hpp"

namespace schemagen::verify {

// A failed file: `transactional_lead` ("failed, and was rolled back") for a transactional file;
// for one run statement by statement, the statement that failed and what stays applied.
std::string Failure(const FileRun& run, const std::string& transactional_lead,
                    const std::string& when) {
  if (run.refused) return "not run: " + run.result.error;
  if (run.transactional) return transactional_lead + ": " + run.result.error;
  if (run.statement.empty()) {  // stopped between two statements
    return fmt::format(
        "{} after {} statements; the file runs without a transaction, so they "
        "stay applied",
        run.result.error, run.applied);
  }
  return fmt::format(
      "the statement at line {} failed{}: {}: {}; the file runs without a transaction, so {} "
      "before it stay{} applied",
      run.line, when, run.statement, run.result.error,
      run.applied == 1 ? "the statement" : fmt::format("the {} statements", run.applied),
      run.applied == 1 ? "s" : "");
}

FileRunner::FileRunner(pg::Scratch& scratch)
    : scratch_(scratch), contained_(scratch.session(), scratch.name(), scratch.is_database()) {
  if (!scratch.is_database()) contained_.set_session_path(scratch.schema());
}

// Runs a migration file: in one transaction, or (a file with the no-transaction marker) one
// statement at a time in autocommit mode, from statement `first` (to resume after a failure).
FileRun FileRunner::Run(const std::string& text, bool transactional, std::size_t first) {
  FileRun run;
  run.transactional = transactional;
  const std::vector<SqlStatement> statements = WithoutOwnTransaction(SplitStatements(text));
  if (std::string refusal = FirstRefusal(statements); !refusal.empty()) {
    run.refused = true;
    run.result.error = std::move(refusal);
    run.result.sqlstate = pg::kRefused;
    return run;
  }
  // Every statement runs contained (pg/containment.hpp): in a transaction that commits only
  // when nothing outside the scratch changed.
  const std::string path = scratch_.is_database() ? "" : scratch_.schema();
  if (transactional) {
    std::vector<std::string> texts;
    texts.reserve(statements.size());
    for (const SqlStatement& statement : statements) texts.push_back(statement.text);
    std::size_t failed = 0;
    run.result = contained_.Run(texts, path, failed);
    return run;
  }
  // One statement at a time, each its own transaction, as in autocommit mode. The statements
  // PostgreSQL won't run in a transaction block (CREATE INDEX CONCURRENTLY) run alone in a
  // scratch database; in a scratch schema of a database with real data nothing may run
  // unchecked, so they run without CONCURRENTLY, which builds the same index.
  run.applied = first;
  for (std::size_t i = first; i < statements.size(); ++i) {
    const SqlStatement& statement = statements[i];
    const std::optional<std::string> in_transaction = WithoutConcurrently(statement.text);
    if (in_transaction && scratch_.is_database()) {
      run.result = contained_.RunAlone(statement.text);
    } else {
      std::size_t failed = 0;
      run.result = contained_.Run({in_transaction.value_or(statement.text)}, path, failed);
    }
    if (!run.result.ok()) {
      run.statement = FirstLine(statement.text);
      run.line = statement.line;
      return run;
    }
    ++run.applied;
    if (pg::InterruptGuard::Interrupted()) {
      run.result.error = "interrupted";
      return run;
    }
  }
  return run;
}

}  // namespace schemagen::verify
