// The history on disk: load and check it, plan the run on top of it, record what the run wrote.
#include "schemagen/history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "schemagen/file_system.hpp"
#include "schemagen/naming.hpp"
#include "schemagen/output.hpp"
#include "schemagen/text.hpp"

namespace schemagen::history {
namespace {

constexpr std::string_view kJson = ".json";

std::string Join(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  return a + "/" + b;
}

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Short(const std::string& hash) {
  const std::size_t colon = hash.find(':');
  return colon == std::string::npos ? hash.substr(0, 12) : hash.substr(colon + 1, 12);
}

struct Loaded {
  std::string file;  // snapshot file name
  state::Snapshot snapshot;
  std::string hash;
};

// A name the history may give a file of the migrations directory: one plain file name, no
// directory part, no control character (the history is not trusted: docs/security.md).
bool IsPlainFileName(const std::string& name) {
  return name.find('/') == std::string::npos && RelativePathProblem(name).empty();
}

// A schemagen.sum entry: a migration file, or a snapshot in schemagen-state/.
bool IsSumEntry(const std::string& name) {
  const std::string prefix = std::string(state::kStateDir) + "/";
  return IsPlainFileName(name) ||
         (name.rfind(prefix, 0) == 0 && IsPlainFileName(name.substr(prefix.size())));
}

bool IsMigrationFile(const std::string& name) {
  return name.size() > 14 &&
         std::all_of(name.begin(), name.begin() + 14,
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) &&
         (EndsWith(name, ".ts") || EndsWith(name, ".up.sql") || EndsWith(name, ".down.sql"));
}

// The migration files in `migrations_dir` that schemagen recorded as written (in `sum_files`
// or in the output's manifest), that are still there, and that no snapshot explains
// (`explained`). Such files exist when the history was lost (schemagen-state/ deleted, or
// ignored by git in a fresh clone) or disagrees with them: planning on without it would
// rewrite a committed migration, or remove one, so the run stops. Each is an E0937.
bool CheckUnexplainedMigrations(const FileSystem& fs, const std::string& root,
                                const std::string& migrations_dir,
                                const std::map<std::string, std::string>& sum_files,
                                const std::set<std::string>& explained, bool history_empty,
                                Diagnostics& diagnostics) {
  std::string error;
  const auto present = fs.List(Join(root, migrations_dir), error);
  if (!present) return true;  // nothing there to protect (Load reports an unreadable history)
  std::set<std::string> recorded;
  for (const auto& [file, hash] : sum_files) recorded.insert(file);
  // A manifest left by a run killed while committing lists files that run was about to write,
  // its history among them: what it did write is that run's unfinished work, not a committed
  // migration (schemagen.sum, written after the snapshots, is the committed record).
  const auto manifest = fs.Read(Join(root, kManifestName), error);
  if (manifest && !ManifestInProgress(*manifest)) {
    const std::string prefix =
        migrations_dir.empty() || migrations_dir == "." ? "" : migrations_dir + "/";
    for (const std::string& path : ManifestFiles(*manifest)) {
      if (path.compare(0, prefix.size(), prefix) == 0) recorded.insert(path.substr(prefix.size()));
    }
  }
  std::vector<std::string> unexplained;
  for (const std::string& name : *present) {
    if (IsMigrationFile(name) && recorded.count(name) > 0 && explained.count(name) == 0)
      unexplained.push_back(name);
  }
  if (unexplained.empty()) return true;
  const std::string state_dir = Join(Join(root, migrations_dir), state::kStateDir);
  Diagnostic& d = diagnostics.Error(
      "E0937", std::nullopt,
      history_empty
          ? fmt::format("{} holds {} migration files schemagen wrote ({}), but their history "
                        "{}/ is missing; schemagen would plan the whole schema again and "
                        "rewrite or remove committed migrations, so nothing was written",
                        Join(root, migrations_dir), unexplained.size(),
                        fmt::join(unexplained, ", "), state_dir)
          : fmt::format("{} holds migration files schemagen wrote that no snapshot in {}/ "
                        "records ({}); the history and the migrations disagree, so nothing "
                        "was written",
                        Join(root, migrations_dir), state_dir, fmt::join(unexplained, ", ")));
  d.notes.push_back(
      {fmt::format("restore {}/ from version control: it belongs in the repository beside the "
                   "migrations (check that .gitignore does not exclude it)",
                   state_dir),
       std::nullopt});
  d.notes.push_back(
      {"only if these migrations never ran on any database: delete them (every file named "
       "above) and run schemagen again to plan them anew",
       std::nullopt});
  return false;
}

}  // namespace

std::vector<std::string> MigrationFileNames(const std::string& migration) {
  return {migration + ".down.sql", migration + ".ts", migration + ".up.sql"};
}

std::string SnapshotPath(const std::string& migrations_dir, const std::string& migration) {
  return Join(Join(migrations_dir, state::kStateDir), migration + std::string(kJson));
}

std::string TimestampOf(const std::string& migration) {
  if (migration.size() < 14) return "";
  for (std::size_t i = 0; i < 14; ++i) {
    if (std::isdigit(static_cast<unsigned char>(migration[i])) == 0) return "";
  }
  return migration.substr(0, 14);
}

std::optional<History> Load(const FileSystem& raw_fs, const std::string& root,
                            const std::string& migrations_dir, const LoadOptions& options,
                            Diagnostics& diagnostics) {
  // The output tree is not trusted: nothing outside it is read through a symbolic link there.
  const RootedFileSystem fs(raw_fs, root);
  const std::size_t errors = diagnostics.error_count();
  const std::string state_dir = Join(migrations_dir, state::kStateDir);
  const std::string sum_path = Join(migrations_dir, state::kSumFile);
  std::string error;
  const auto names = fs.List(Join(root, state_dir), error);
  if (!names) {
    diagnostics.Error("E0930", std::nullopt,
                      fmt::format("can't read {}: {}", Join(root, state_dir), error));
    return std::nullopt;
  }
  History history;
  std::vector<Loaded> loaded;
  // schemagen.sum, read once. Its problems are reported only when there is a history to check.
  std::optional<std::string> sum_text = fs.Read(Join(root, sum_path), error);
  Diagnostics sum_problems;
  const std::optional<state::Sum> sum =
      sum_text ? state::ParseSum(*sum_text, Join(root, sum_path), sum_problems) : std::nullopt;
  std::map<std::string, std::string> recorded;
  if (sum) recorded.insert(sum->files.begin(), sum->files.end());
  for (const auto& [file, hash] : recorded) {
    if (IsSumEntry(file)) continue;
    diagnostics.Error("E0954", std::nullopt,
                      fmt::format("{} lists '{}', which is not a file of the migrations "
                                  "directory; restore schemagen.sum from version control",
                                  Join(root, sum_path), text::EscapeControls(file)));
    return std::nullopt;
  }
  // The SHA-256 of each snapshot file read. A snapshot whose bytes the sum records was written
  // by schemagen as it is: its internal hash needs no second check.
  std::map<std::string, std::string> snapshot_sha;
  for (const std::string& name : *names) {
    if (!EndsWith(name, kJson)) continue;
    const std::string path = Join(state_dir, name);
    const auto text = fs.Read(Join(root, path), error);
    if (!text) {
      diagnostics.Error("E0930", std::nullopt,
                        fmt::format("can't read {}: {}", Join(root, path), error));
      continue;
    }
    const std::string sha = state::Sha256(*text);
    snapshot_sha[name] = sha;
    const auto entry = recorded.find(std::string(state::kStateDir) + "/" + name);
    const bool trusted = entry != recorded.end() && entry->second == sha;
    auto snapshot = state::FromJson(*text, Join(root, path), diagnostics, trusted);
    if (!snapshot) continue;
    const std::string migration = name.substr(0, name.size() - kJson.size());
    if (const auto bad = std::find_if_not(snapshot->migrations.begin(), snapshot->migrations.end(),
                                          IsPlainFileName);
        bad != snapshot->migrations.end()) {
      diagnostics.Error("E0933", std::nullopt,
                        fmt::format("{} names a migration '{}' that is not a file name of the "
                                    "migrations directory; snapshots are never edited: restore "
                                    "it from version control",
                                    Join(root, path), text::EscapeControls(*bad)));
      continue;
    }
    if (snapshot->migrations.empty() || snapshot->migrations.front() != migration) {
      diagnostics.Error(
          "E0933", std::nullopt,
          fmt::format("{} records the migrations of another run ({}); a snapshot "
                      "is named after its run's first migration",
                      Join(root, path),
                      snapshot->migrations.empty() ? "none" : snapshot->migrations.front()));
      continue;
    }
    history.files[path] = *text;
    std::string hash = state::HashOf(*snapshot);
    loaded.push_back({name, std::move(*snapshot), std::move(hash)});
  }
  if (diagnostics.error_count() != errors) return std::nullopt;

  // One chain: the first has no parent, each other's parent is the one before it.
  std::map<std::string, std::vector<const Loaded*>> children;
  for (const Loaded& l : loaded) children[l.snapshot.parent].push_back(&l);
  bool conflict = false;
  for (const auto& [parent, kids] : children) {
    if (kids.size() < 2) continue;
    conflict = true;
    std::vector<std::string> runs;
    // Each run's files, all of them: its migrations (an -online one too) and its snapshot.
    std::vector<std::string> files;
    for (const Loaded* k : kids) {
      runs.push_back(k->snapshot.migrations.front());
      std::vector<std::string> own;
      for (const std::string& migration : k->snapshot.migrations) {
        for (const std::string& file : MigrationFileNames(migration)) own.push_back(file);
      }
      own.push_back(std::string(state::kStateDir) + "/" + k->file);
      files.push_back(fmt::format("{}: {}", k->snapshot.migrations.front(), fmt::join(own, ", ")));
    }
    Diagnostic& d = diagnostics.Error(
        "E0932", std::nullopt,
        fmt::format("branch conflict in {}: {} were each generated from the same state ({}), "
                    "so neither includes the other's changes",
                    Join(root, migrations_dir), fmt::join(runs, " and "),
                    parent.empty() ? "an empty database" : "state " + Short(parent)));
    d.notes.push_back(
        {"two branches each generated a migration, and both were merged; applying both would "
         "run changes planned against a schema that no longer exists",
         std::nullopt});
    d.notes.push_back(
        {fmt::format("keep the run your main branch already has (deployed databases ran it) and "
                     "delete every file of the other run{}, in {}: {}; then run schemagen "
                     "again: the merged DSL still holds the deleted run's changes, and they are "
                     "planned on top of the kept state as one new migration",
                     runs.size() > 2 ? "s" : "", Join(root, migrations_dir),
                     fmt::join(files, "; ")),
         std::nullopt});
  }
  if (conflict) return std::nullopt;
  std::string parent;
  while (true) {
    auto it = children.find(parent);
    if (it == children.end()) break;
    const Loaded* next = it->second.front();
    history.snapshots.push_back(next->snapshot);
    children.erase(it);
    parent = next->hash;
  }
  if (history.snapshots.size() != loaded.size()) {
    std::vector<std::string> orphans;
    for (const auto& [p, kids] : children) {
      for (const Loaded* k : kids) orphans.push_back(k->file);
    }
    diagnostics
        .Error("E0933", std::nullopt,
               fmt::format("the history in {} is broken: {} {} no previous snapshot (their "
                           "parent state is missing or was changed)",
                           Join(root, state_dir), fmt::join(orphans, ", "),
                           orphans.size() == 1 ? "follows" : "follow"))
        .notes.push_back({"restore the snapshots from version control; snapshots are never "
                          "edited, and removing one removes the migrations after it too",
                          std::nullopt});
    return std::nullopt;
  }
  if (history.snapshots.empty()) {
    if (!CheckUnexplainedMigrations(fs, root, migrations_dir, recorded, {}, true, diagnostics))
      return std::nullopt;
    return history;
  }

  // The migration files, against schemagen.sum.
  if (sum_text && !sum) {
    for (const Diagnostic& d : sum_problems.all()) {
      diagnostics.Error(d.code, d.span, d.message).notes = d.notes;
    }
    if (!options.rehash) return std::nullopt;
  } else if (!sum_text && !options.rehash) {
    diagnostics
        .Error("E0935", std::nullopt,
               fmt::format("{} is missing: the integrity of the migrations can't be checked",
                           Join(root, sum_path)))
        .notes.push_back({"restore it from version control, or run schemagen --rehash to "
                          "record the migrations as they are now",
                          std::nullopt});
    return std::nullopt;
  }
  std::set<std::string> expected;
  for (const state::Snapshot& snapshot : history.snapshots) {
    for (const std::string& migration : snapshot.migrations) {
      for (const std::string& file : MigrationFileNames(migration)) {
        expected.insert(file);
        const std::string path = Join(migrations_dir, file);
        const auto text = fs.Read(Join(root, path), error);
        if (!text) {
          diagnostics
              .Error("E0931", std::nullopt,
                     fmt::format("{} is missing: snapshot {}.json records it", Join(root, path),
                                 snapshot.migrations.front()))
              .notes.push_back({"restore it from version control; to plan the last run "
                                "again instead, delete all its migration files and its snapshot",
                                std::nullopt});
          continue;
        }
        history.files[path] = *text;
        if (options.rehash) continue;
        const auto it = recorded.find(file);
        if (it == recorded.end()) {
          diagnostics
              .Error(
                  "E0934", std::nullopt,
                  fmt::format("{} is not recorded in {}", Join(root, path), Join(root, sum_path)))
              .notes.push_back({"schemagen.sum was replaced (a merge that kept one side?); "
                                "check the migration, then run schemagen --rehash",
                                std::nullopt});
        } else if (it->second != state::Sha256(*text)) {
          diagnostics
              .Error("E0936", std::nullopt,
                     fmt::format("{} was edited since schemagen generated it", Join(root, path)))
              .notes.push_back(
                  {"migrations are never rewritten, so a database that ran the old text "
                   "differs from one that runs the new; put the change in the DSL (it becomes "
                   "a new migration) and restore the file, or, for a deliberate edit, run "
                   "schemagen --rehash",
                   std::nullopt});
        }
      }
    }
  }
  for (const state::Snapshot& snapshot : history.snapshots) {
    const std::string file =
        std::string(state::kStateDir) + "/" + snapshot.migrations.front() + std::string(kJson);
    expected.insert(file);
    const auto it = recorded.find(file);
    const auto sha = snapshot_sha.find(snapshot.migrations.front() + std::string(kJson));
    if (options.rehash || sha == snapshot_sha.end()) continue;
    if (it == recorded.end() || it->second != sha->second) {
      diagnostics
          .Error("E0936", std::nullopt,
                 fmt::format(
                     "{} {} since schemagen generated it", Join(root, Join(migrations_dir, file)),
                     it == recorded.end() ? "is not recorded in schemagen.sum" : "was edited"))
          .notes.push_back(
              {"snapshots are never edited; restore it from version control", std::nullopt});
    }
  }
  // (schemagen.sum's own unexplained entries are E0934s, below.)
  if (!CheckUnexplainedMigrations(fs, root, migrations_dir, {}, expected, false, diagnostics))
    return std::nullopt;
  if (!options.rehash) {
    for (const auto& [file, hash] : recorded) {
      if (expected.count(file) != 0) continue;
      // A run removed whole (its files and its snapshot, to plan it again) leaves only stale
      // entries: this run's sum drops them. A file still there that no snapshot lists is not.
      std::string missing;
      if (!fs.Read(Join(root, Join(migrations_dir, file)), missing)) continue;
      diagnostics
          .Error("E0934", std::nullopt,
                 fmt::format("{} records {}, which no snapshot lists", Join(root, sum_path), file))
          .notes.push_back({"its snapshot is missing: restore it from version control, or "
                            "delete the run's migration files too to plan it again",
                            std::nullopt});
    }
  }
  if (diagnostics.error_count() != errors) return std::nullopt;
  return history;
}

std::vector<evolve::Step> CreateSteps(const ir::Schema& schema) {
  std::vector<evolve::Step> steps;
  for (const ir::Table& table : schema.tables) {
    evolve::Step step;
    step.subject = table.model;
    step.table = table.name;
    step.summary = "create table " + table.name;
    step.reason = "a new table: nothing existing is locked or rewritten";
    step.up = sql::CreateTableStatements(table, ir::PostgresTarget(schema));
    step.down.push_back({"", "DROP TABLE " + naming::QuoteIdent(table.name) + ";"});
    for (sql::Statement& s : sql::DropSetNullFunctions(table, ir::PostgresTarget(schema)))
      step.down.push_back(std::move(s));
    steps.push_back(std::move(step));
  }
  return steps;
}

std::optional<Update> PlanRun(const History& history, const ir::Schema& schema,
                              const PlanOptions& options, Diagnostics& diagnostics) {
  Update update;
  const state::Snapshot* head = history.head();
  if (head == nullptr) {
    update.latest = CreateSteps(schema);
    std::vector<const std::vector<sql::Statement>*> statements;  // each table's, made once
    for (const evolve::Step& step : update.latest) statements.push_back(&step.up);
    update.added.push_back(sql::CreateMigration(schema, statements));
    update.latest_migrations = update.added;
    return update;
  }
  update.plan = evolve::MakePlan(head->schema, schema, options.plan, diagnostics);
  if (!update.plan) return std::nullopt;
  if (update.plan->empty()) {
    update.evolution = history.snapshots.size() > 1;
    update.latest = update.evolution ? head->steps : CreateSteps(head->schema);
    if (update.evolution) {
      update.latest_migrations =
          evolve::Migrations(evolve::Plan{head->steps}, TimestampOf(head->migrations.front()));
    } else {
      update.latest_migrations.push_back(sql::CreateMigration(head->schema));
    }
    return update;
  }
  std::string timestamp = options.timestamp;
  const std::string last = TimestampOf(head->migrations.back());
  if (timestamp.size() != 14 || timestamp <= last) timestamp = evolve::AddSeconds(last, 1);
  update.added = evolve::Migrations(*update.plan, timestamp);
  update.latest = update.plan->steps;
  update.latest_migrations = update.added;
  update.evolution = true;
  return update;
}

std::optional<File> NewSnapshot(const History& history, const ir::Schema& schema,
                                const Update& update) {
  if (update.added.empty()) return std::nullopt;
  std::vector<std::string> migrations;
  for (const sql::Migration& m : update.added) migrations.push_back(m.name);
  const std::string parent = history.empty() ? "" : state::HashOf(*history.head());
  // A create run's steps are CreateSteps(schema): rebuilt when needed, not recorded.
  static const std::vector<evolve::Step> kNoSteps;
  return File(
      SnapshotPath(schema.migrations_dir, migrations.front()),
      state::ToJson(migrations, parent, update.evolution ? update.latest : kNoSteps, schema));
}

void Record(const History& history, const ir::Schema& schema, const Update& update,
            MemorySink& sink) {
  Record(history, schema, update, NewSnapshot(history, schema, update), sink);
}

void Record(const History& history, const ir::Schema& schema, const Update& update,
            std::optional<File> snapshot, MemorySink& sink) {
  for (const auto& [path, content] : history.files) sink.Write(path, content);
  // The migrations of every snapshot, the new one included.
  std::vector<const std::vector<std::string>*> recorded;
  for (const state::Snapshot& s : history.snapshots) recorded.push_back(&s.migrations);
  std::vector<std::string> added;
  for (const sql::Migration& m : update.added) added.push_back(m.name);
  if (snapshot) {
    recorded.push_back(&added);
    sink.Write(snapshot->first, std::move(snapshot->second));
  }
  state::Sum sum;
  const auto add = [&](const std::string& file) {  // relative to the migrations directory
    const auto it = sink.files().find(Join(schema.migrations_dir, file));
    if (it != sink.files().end()) sum.files.emplace_back(file, state::Sha256(it->second));
  };
  for (const std::vector<std::string>* migrations : recorded) {
    for (const std::string& migration : *migrations) {
      for (const std::string& file : MigrationFileNames(migration)) add(file);
    }
    add(std::string(state::kStateDir) + "/" + migrations->front() + std::string(kJson));
  }
  std::sort(sum.files.begin(), sum.files.end());
  sink.Write(Join(schema.migrations_dir, state::kSumFile), state::RenderSum(sum));
}

}  // namespace schemagen::history
