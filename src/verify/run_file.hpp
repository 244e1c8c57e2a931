// Running one migration file in verify's scratch: every statement screened first
// (screen.hpp), then run contained (pg/containment.hpp): in one transaction, or (a file with
// the no-transaction marker) one statement at a time.
#pragma once

#include <cstddef>
#include <string>

#include "pg/containment.hpp"
#include "pg/scratch.hpp"

namespace schemagen::verify {

/// What running one migration file did.
struct FileRun {
  pg::Result result;
  bool transactional = true;
  std::string statement;    ///< the first line of the statement that failed (one by one)
  std::size_t line = 0;     ///< ...and its line in the file
  std::size_t applied = 0;  ///< statements that ran before it
  bool refused = false;     ///< not run at all: a statement verify does not run (screen.hpp)
};

/// A failed file, in words: `transactional_lead` ("failed, and was rolled back") for a
/// transactional file; for one run statement by statement, the statement that failed (`when`
/// it failed) and what stays applied; for a refused one, why nothing ran.
std::string Failure(const FileRun& run, const std::string& transactional_lead,
                    const std::string& when = "");

class FileRunner {
 public:
  explicit FileRunner(pg::Scratch& scratch);

  /// Runs a migration file: in one transaction, or (a file with the no-transaction marker)
  /// one statement at a time, from statement `first` (to resume after a failure).
  FileRun Run(const std::string& text, bool transactional, std::size_t first = 0);

  /// The containment every file runs in, for other untrusted SQL (a recorded state's schema).
  pg::Containment& containment() { return contained_; }

 private:
  pg::Scratch& scratch_;
  pg::Containment contained_;
};

}  // namespace schemagen::verify
