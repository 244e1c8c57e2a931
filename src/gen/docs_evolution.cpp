// The document of an evolution: its steps, migrations, rollback and risks.
#include "gen/docs_document.hpp"

namespace schemagen::docs {

std::string Document::EvolutionSummary() const {
  std::vector<std::string> names;
  for (const sql::Migration& m : change_->migrations) names.push_back(Code(m.name));
  std::string out = schema_.doc.empty() ? "" : Text(schema_.doc) + "\n\n";
  out += Fmt(t_.evolution_summary, change_->steps.size(),
             change_->created.size() + change_->existing.size(), change_->created.size(),
             change_->existing.size(), change_->migrations.size(), fmt::join(names, ", "));
  std::vector<std::vector<std::string>> classes;
  for (evolve::Safety safety : kSafeties) {
    const auto count = std::count_if(change_->steps.begin(), change_->steps.end(),
                                     [&](const evolve::Step& s) { return s.safety == safety; });
    classes.push_back(
        {Code(evolve::SafetyName(safety)), std::to_string(count), SafetyMeaning(safety, t_)});
  }
  std::vector<std::vector<std::string>> tables;
  for (const auto* list : {&change_->created, &change_->existing}) {
    for (const std::string& name : *list) {
      const auto count = std::count_if(change_->steps.begin(), change_->steps.end(),
                                       [&](const evolve::Step& s) { return s.table == name; });
      tables.push_back({Text(ModelOf(name)), name.empty() ? "—" : Code(name), StatusOf(name),
                        std::to_string(count)});
    }
  }
  return out + "\n\n" + Table({t_.safety_class, t_.steps, t_.meaning}, classes, t_) + "\n\n" +
         Table({t_.model, t_.table, t_.status, t_.steps}, tables, t_);
}

std::string Document::Altered() const {
  if (change_->existing.empty()) return std::string("_") + t_.evolution_no_alterations + "_";
  std::string out = t_.evolution_altered_intro;
  for (const std::string& name : change_->existing) {
    std::vector<std::vector<std::string>> rows;
    for (const evolve::Step& step : change_->steps) {
      if (step.table != name) continue;
      rows.push_back(
          {Code(step.summary), Code(evolve::SafetyName(step.safety)), Text(step.reason)});
    }
    out += fmt::format("\n\n### {} ({}, {})\n\n", ModelOf(name), name.empty() ? "—" : Code(name),
                       StatusOf(name)) +
           Table({t_.change, t_.safety_class, t_.reason}, rows, t_);
  }
  return out;
}

std::vector<TemplateData> Document::EvolutionMigrations() const {
  std::vector<TemplateData> items;
  std::size_t number = 0;
  for (const sql::Migration& m : change_->migrations) {
    const std::string base = schema_.migrations_dir + "/" + m.name;
    std::string files = number == 0 ? std::string(t_.evolution_migrations_intro) + "\n\n" : "";
    files += fmt::format("### {}. {}\n\n", ++number, Code(m.name));
    files += Fmt(t_.evolution_migration_files, Code(base + ".up.sql"), Code(base + ".down.sql"),
                 Code(base + ".ts"));
    files += "\n\n" + (m.transactional
                           ? std::string(t_.runs_in_transaction)
                           : Fmt(t_.runs_outside_transaction, Code(sql::kNoTransactionMarker)));
    TemplateData item;
    item.set("files", files);
    item.set("up_heading", "#### UP");
    item.set("up_block", markdown::CodeBlock("sql", sql::UpFile(schema_, m)));
    item.set("down_heading", "#### DOWN");
    item.set("down_block", markdown::CodeBlock("sql", sql::DownFile(schema_, m)));
    items.push_back(std::move(item));
  }
  return items;
}

std::string Document::DroppedData(const evolve::Step& step) const {
  std::vector<std::string> lost;
  for (const auto* statements : {&step.down_online, &step.down}) {
    for (const sql::Statement& s : *statements) {
      std::string text = s.text;
      if (!text.empty() && text.back() == ';') text.pop_back();
      const std::size_t column = text.find(" DROP COLUMN ");
      if (StartsWith(text, "DROP TABLE ")) {
        lost.push_back(Fmt(t_.drop_table_loss, Code(Unquote(text.substr(11)))));
      } else if (StartsWith(text, "ALTER TABLE ") && column != std::string::npos) {
        const std::string name = Unquote(text.substr(column + 13));
        lost.push_back(Fmt(t_.down_loses_column, Code(step.table + "." + name)));
      }
    }
  }
  return fmt::format("{}", fmt::join(lost, "; "));
}

bool Document::DownLosesData(const evolve::Step& step) const {
  return step.safety == evolve::Safety::kDataLossDown || !DroppedData(step).empty();
}

std::string Document::DownLoss(const evolve::Step& step) const {
  std::vector<std::string> parts;
  switch (step.safety) {
    case evolve::Safety::kDataLossDown:
      parts.push_back(Fmt(t_.down_may_lose, Text(step.reason)));
      break;
    case evolve::Safety::kDataLossUp:
      parts.push_back(Fmt(t_.down_not_restored, Text(step.reason)));
      break;
    case evolve::Safety::kIrreversible:
      parts.push_back(Fmt(t_.down_may_fail, Text(step.reason)));
      break;
    default:
      break;
  }
  if (std::string dropped = DroppedData(step); !dropped.empty())
    parts.push_back(std::move(dropped));
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string Document::EvolutionRollback() const {
  std::vector<std::vector<std::string>> rows;
  std::size_t losing = 0;
  for (auto it = change_->steps.rbegin(); it != change_->steps.rend(); ++it) {
    if (it->down.empty() && it->down_online.empty()) continue;
    std::string loss = DownLoss(*it);
    if (DownLosesData(*it)) ++losing;
    rows.push_back({Code(it->summary), Code(evolve::SafetyName(it->safety)),
                    loss.empty() ? std::string(t_.no) : std::move(loss)});
  }
  std::string steps = t_.evolution_rollback_intro;
  std::size_t number = 1;
  for (auto it = change_->migrations.rbegin(); it != change_->migrations.rend(); ++it) {
    const std::string down = schema_.migrations_dir + "/" + it->name + ".down.sql";
    steps +=
        "\n" + Fmt(it->transactional ? t_.evolution_undo_transactional : t_.evolution_undo_online,
                   ++number, it->name, down);
  }
  steps += "\n" + Fmt(t_.evolution_rollback_check, ++number);
  return (losing > 0 ? Fmt(t_.evolution_backup_needed, losing)
                     : std::string(t_.evolution_backup_not_needed)) +
         "\n\n" + steps + "\n\n" + Table({t_.step, t_.safety_class, t_.down_loses}, rows, t_);
}

std::vector<std::vector<std::string>> Document::EvolutionRisks() const {
  std::vector<std::vector<std::string>> rows;
  std::size_t losing = 0;
  for (const evolve::Step& step : change_->steps) {
    if (DownLosesData(step)) ++losing;
    if (step.safety == evolve::Safety::kSafe) continue;
    rows.push_back(
        {fmt::format("{} ({}): {}", Code(step.summary), Code(evolve::SafetyName(step.safety)),
                     Text(step.reason)),
         step.advice.empty() ? std::string(SafetyMitigation(step.safety, t_)) : Text(step.advice)});
  }
  if (losing > 0) {
    rows.push_back({Fmt(t_.risk_rollback_loss_steps, losing), t_.mitigation_rollback_loss});
  }
  std::vector<std::string> altered;
  for (const std::string& name : change_->existing) {
    const bool alters =
        std::any_of(change_->steps.begin(), change_->steps.end(), [&](const evolve::Step& step) {
          if (step.table != name) return false;
          for (const auto* statements : {&step.up, &step.up_online}) {
            for (const sql::Statement& s : *statements) {
              if (StartsWith(s.text, "ALTER TABLE ")) return true;
            }
          }
          return false;
        });
    if (alters) altered.push_back(Code(name));
  }
  if (!altered.empty()) {
    rows.push_back({Fmt(t_.risk_alter_locks, fmt::join(altered, ", ")), t_.mitigation_alter_locks});
  }
  return rows;
}

}  // namespace schemagen::docs
