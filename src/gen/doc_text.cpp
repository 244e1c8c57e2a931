#include "gen/doc_text.hpp"

namespace schemagen {
namespace {

constexpr DocText kPortuguese = {
    "Mudanças de schema",
    "Models do backend",
    "Resumo",
    "Novos Models Sequelize",
    "Alterações em Models Existentes",
    "Migrations",
    "Estratégia de Rollback",
    "Performance",
    "Multi-Tenant Validation",
    "Riscos e Mitigações",
    "Coluna",
    "Tipo",
    "Nullable",
    "Default",
    "Descrição",
    "Relações",
    "Índices",
    "Constraints",
    "sim",
    "não",
    "nenhuma",
    "Model",
    "Tabela",
    "Nome",
    "Colunas",
    "Tipo",
    "Motivo",
    "Consulta",
    "Índice",
    "Passo",
    "Efeito",
    "Perde dados?",
    "Risco",
    "Mitigação",
    "Esta mudança cria **{} tabelas** com {} colunas, {} índices e {} constraints ({} chaves "
    "primárias, {} chaves estrangeiras, {} unique e {} check).",
    "O estado atual de todos os {} models, gerado a cada execução do schemagen.",
    "Nenhuma: esta migration cria o schema a partir de um banco vazio.",
    "- SQL: {} e {}\n- sequelize-cli: {}\n\nO SQL abaixo é exatamente o dos arquivos, o mesmo "
    "que a verificação aplica.",
    "**Backup:** necessário se houver dados. O DOWN remove {} tabelas e todas as suas linhas; "
    "antes de executá-lo em produção, exporte os dados (por exemplo `pg_dump --data-only` das "
    "tabelas abaixo).",
    "**Passos:**\n\n1. Volte o deploy da aplicação para uma versão que não use estes models.\n2. "
    "Execute `npx sequelize-cli db:migrate:undo --name {}.js`, ou `psql --single-transaction "
    "-f {}`.\n3. Confirme que nenhuma das tabelas abaixo existe mais.",
    "remove a tabela {}, seus índices e constraints",
    "sim: todas as linhas de {}",
    "remove a chave estrangeira",
    "Cada tabela de tenant é verificada no IR gerado: coluna do tenant NOT NULL, chave "
    "estrangeira para {} com ON DELETE CASCADE, índice na coluna do tenant, e toda unicidade "
    "escopada pelo tenant.",
    "Resultado: as {} tabelas de tenant passam em todos os itens.",
    "Resultado: há itens que falham (❌ acima).",
    "é o próprio tenant ({}): as demais tabelas apontam para ela",
    "declarada `global`: dados compartilhados por todas as empresas",
    "Entidades globais (isentas):",
    "referências no mesmo tenant",
    "RLS (ENABLE + FORCE + policy)",
    "**Referências no mesmo tenant:** toda referência entre tabelas de tenant é uma chave "
    "estrangeira composta `({0}, x_id) REFERENCES alvo ({0}, id)`, apoiada por `UNIQUE ({0}, id)` "
    "no alvo: o PostgreSQL rejeita uma linha que aponte para a linha de outra empresa.",
    "**Referências no mesmo tenant: desligadas** (`same_tenant_references false`): uma linha pode "
    "apontar para a linha de outra empresa; só a aplicação impede.",
    "**Row-level security:** ligada. Cada tabela de tenant tem `ENABLE` e `FORCE ROW LEVEL "
    "SECURITY` e uma policy que só mostra e aceita linhas da empresa em `{0}`, definida por "
    "transação (`SET LOCAL {0}`, ou o helper `withTenant`). Sem ela, uma consulta não vê nenhuma "
    "linha. Migrations e jobs administrativos usam um role com `BYPASSRLS` (veja "
    "docs/tenancy.md do schemagen).",
    "**Row-level security:** desligada: o isolamento depende de toda consulta filtrar pelo "
    "tenant. Para ligar: `row_level_security true` no cabeçalho do schema.",
    "referências no mesmo tenant: as chaves estrangeiras compostas ({}, ...) apontam para ela",
    "mesmo tenant: {} → {}",
    "chave primária",
    "isolamento por tenant: toda consulta filtra por {}",
    "chave estrangeira {}: joins e ON DELETE/UPDATE sem varrer a tabela",
    "unicidade por tenant",
    "unicidade por tenant entre as linhas não removidas (soft delete)",
    "unicidade",
    "unicidade entre as linhas não removidas (soft delete)",
    "declarado no schema",
    "unique (constraint)",
    "primary key",
    "parcial",
    "NOT NULL",
    "Chave primária",
    "Empresa ({}) dona da linha",
    "Criado em",
    "Atualizado em",
    "Removido em (soft delete)",
    "via",
    "através de",
    "O rollback apaga dados: o DOWN remove {} tabelas com todas as suas linhas.",
    "Exportar os dados antes do DOWN; só executar o DOWN com o deploy anterior no ar.",
    "Nenhum bloqueio em tabelas existentes: a migration só cria tabelas e índices novos.",
    "Nenhuma necessária.",
    "{} e {} se referenciam: a chave é adicionada depois das duas tabelas.",
    "Inserir a linha referenciada primeiro, ou usar NULL e atualizar depois.",
    "Expressões SQL escritas à mão, que o schemagen não interpreta: {}.",
    "Revisar cada expressão; `schemagen verify` aplica a migration em um PostgreSQL real.",
    "Apagar uma linha de {} apaga em cascata as linhas de {} tabelas de tenant.",
    "{} usa soft delete: desativar empresas em vez de apagá-las.",
    "Restringir o DELETE em {} a um papel administrativo.",
    "{} enums viram CHECK: adicionar um valor exige uma migration que troca a constraint.",
    "Gerada pelo schemagen a partir do enum, com DOWN que restaura a constraint anterior.",
    "Classe",
    "Passos",
    "Significado",
    "Mudança",
    "Situação",
    "O que o DOWN perde",
    "criada",
    "alterada",
    "removida",
    "sem risco para os dados e sem lock longo",
    "bloqueia as escritas na tabela por um tempo que cresce com ela",
    "o UP mantém todos os valores, mas o DOWN pode falhar ou perder dados",
    "o UP perde dados ou falha em linhas que não consegue converter (só com `--allow`)",
    "o DOWN não consegue trazer de volta o schema anterior em uma tabela com linhas (só com "
    "`--allow`)",
    "Esta mudança altera um schema que já existe:\n\n- passos: **{}**\n- tabelas: **{}** "
    "(novas: {}, existentes: {})\n- migrations: **{}** ({})",
    "Nenhum: esta mudança não cria tabelas.",
    "Nenhuma: esta mudança só cria tabelas novas.",
    "Cada passo com a sua classe e o motivo dela, como o `schemagen plan` mostra; o Resumo "
    "explica as classes.",
    "A mudança é escrita nas migrations abaixo, aplicadas nesta ordem. O SQL abaixo é exatamente "
    "o dos arquivos, o mesmo que a verificação aplica.",
    "- SQL: {} e {}\n- sequelize-cli: {}",
    "Roda em uma única transação: se um comando falha, nada é aplicado.",
    "Roda **fora de transação** (os arquivos .sql têm a linha {}): cada comando roda sozinho, "
    "porque `CREATE INDEX CONCURRENTLY` e `VALIDATE CONSTRAINT` não podem segurar locks pela "
    "migration inteira. Se um comando falha, os anteriores continuam aplicados.",
    "**Backup:** necessário se houver dados. O DOWN perde dados (passos com perda: {}, na tabela "
    "abaixo); antes de executá-lo em produção, exporte esses dados (por exemplo com `pg_dump "
    "--data-only`).",
    "**Backup:** o DOWN não apaga dados (tabela abaixo); ainda assim, faça um backup antes de um "
    "rollback em produção.",
    "**Passos**, na ordem inversa à da aplicação:\n\n1. Volte o deploy da aplicação para uma "
    "versão compatível com o schema anterior.",
    "{0}. Reverta `{1}`: `npx sequelize-cli db:migrate:undo --name {1}.js`, ou `psql -v "
    "ON_ERROR_STOP=1 --single-transaction -f {2}`.",
    "{0}. Reverta `{1}`, fora de transação: `npx sequelize-cli db:migrate:undo --name {1}.js`, ou "
    "`psql -v ON_ERROR_STOP=1 -f {2}` (sem `--single-transaction`).",
    "{}. Confirme que cada passo da tabela abaixo foi desfeito (por exemplo com `\\d` das tabelas "
    "no `psql`).",
    "sim: os valores de {}",
    "pode falhar ou perder dados: {}",
    "não, mas o que o UP apagou não volta: {}",
    "pode falhar: {}",
    "Aplicar fora do horário de pico, com `lock_timeout` curto (por exemplo `SET lock_timeout = "
    "'5s'`); medir antes a duração em uma cópia da tabela com o volume de produção.",
    "Antes de um rollback, procurar as linhas que o DOWN não consegue reverter e exportá-las; "
    "evitar o DOWN depois que a aplicação gravou dados no formato novo.",
    "Permitido com `--allow`: exportar os dados afetados antes do UP (por exemplo com `pg_dump "
    "--data-only`).",
    "Permitido com `--allow`: exportar os dados antes do UP; o DOWN só volta ao schema anterior "
    "depois que os valores forem restaurados.",
    "O rollback perde dados (passos com perda: {}, seção 5).",
    "Os ALTER TABLE em tabelas existentes ({}) pegam locks fortes, ainda que breves: atrás de uma "
    "transação longa, ficam na fila e bloqueiam as consultas seguintes enquanto esperam.",
    "Aplicar com `lock_timeout` curto (por exemplo `SET lock_timeout = '5s'`) e repetir se "
    "expirar; não aplicar durante transações longas (relatórios, backups lógicos).",
};

constexpr DocText kEnglish = {
    "Schema changes",
    "Backend models",
    "Summary",
    "New Sequelize Models",
    "Changes to Existing Models",
    "Migrations",
    "Rollback Strategy",
    "Performance",
    "Multi-Tenant Validation",
    "Risks and Mitigations",
    "Column",
    "Type",
    "Nullable",
    "Default",
    "Description",
    "Relations",
    "Indexes",
    "Constraints",
    "yes",
    "no",
    "none",
    "Model",
    "Table",
    "Name",
    "Columns",
    "Kind",
    "Reason",
    "Query",
    "Index",
    "Step",
    "Effect",
    "Loses data?",
    "Risk",
    "Mitigation",
    "This change creates **{} tables** with {} columns, {} indexes and {} constraints ({} primary "
    "keys, {} foreign keys, {} unique and {} check).",
    "The current state of all {} models, regenerated on every schemagen run.",
    "None: this migration creates the schema from an empty database.",
    "- SQL: {} and {}\n- sequelize-cli: {}\n\nThe SQL below is exactly the files' text, the same "
    "the verification applies.",
    "**Backup:** needed if there is data. The DOWN drops {} tables and all their rows; before "
    "running it in production, export the data (for example `pg_dump --data-only` of the tables "
    "below).",
    "**Steps:**\n\n1. Roll the application back to a release that doesn't use these models.\n2. "
    "Run `npx sequelize-cli db:migrate:undo --name {}.js`, or `psql --single-transaction -f "
    "{}`.\n3. Check that none of the tables below exists any more.",
    "drops table {}, its indexes and constraints",
    "yes: every row of {}",
    "drops the foreign key",
    "Each tenant table is checked in the generated IR: tenant column NOT NULL, foreign key to {} "
    "with ON DELETE CASCADE, an index on the tenant column, and every uniqueness scoped by the "
    "tenant.",
    "Result: all {} tenant tables pass every item.",
    "Result: some items fail (❌ above).",
    "is the tenant itself ({}): the other tables point at it",
    "declared `global`: data shared by every company",
    "Global entities (exempt):",
    "same-tenant references",
    "RLS (ENABLE + FORCE + policy)",
    "**Same-tenant references:** every reference between tenant tables is a composite foreign "
    "key `({0}, x_id) REFERENCES target ({0}, id)`, backed by `UNIQUE ({0}, id)` on the target: "
    "PostgreSQL rejects a row that points at another company's row.",
    "**Same-tenant references: off** (`same_tenant_references false`): a row may point at "
    "another company's row; only the application prevents it.",
    "**Row-level security:** on. Every tenant table has `ENABLE` and `FORCE ROW LEVEL SECURITY` "
    "and a policy that shows and accepts only the rows of the company in `{0}`, set per "
    "transaction (`SET LOCAL {0}`, or the `withTenant` helper). Without it a query sees no "
    "rows. Migrations and administrative jobs use a role with `BYPASSRLS` (see schemagen's "
    "docs/tenancy.md).",
    "**Row-level security:** off: isolation relies on every query filtering by the tenant. To "
    "turn it on: `row_level_security true` in the schema header.",
    "same-tenant references: the composite foreign keys ({}, ...) point at it",
    "same tenant: {} → {}",
    "primary key",
    "tenant isolation: every query filters by {}",
    "foreign key {}: joins and ON DELETE/UPDATE without a table scan",
    "uniqueness per tenant",
    "uniqueness per tenant among rows not deleted (soft delete)",
    "uniqueness",
    "uniqueness among rows not deleted (soft delete)",
    "declared in the schema",
    "unique (constraint)",
    "primary key",
    "partial",
    "NOT NULL",
    "Primary key",
    "Company ({}) the row belongs to",
    "Created at",
    "Updated at",
    "Deleted at (soft delete)",
    "via",
    "through",
    "Rolling back deletes data: the DOWN drops {} tables with all their rows.",
    "Export the data before the DOWN; run the DOWN only with the previous release deployed.",
    "No lock on existing tables: the migration only creates new tables and indexes.",
    "None needed.",
    "{} and {} reference each other: the key is added after both tables.",
    "Insert the referenced row first, or use NULL and update it afterwards.",
    "Hand-written SQL expressions that schemagen does not interpret: {}.",
    "Review each expression; `schemagen verify` applies the migration to a real PostgreSQL.",
    "Deleting a row of {} cascades to the rows of {} tenant tables.",
    "{} uses soft delete: deactivate companies instead of deleting them.",
    "Restrict DELETE on {} to an administrative role.",
    "{} enums become CHECKs: adding a value takes a migration that replaces the constraint.",
    "Generated by schemagen from the enum, with a DOWN that restores the previous constraint.",
    "Class",
    "Steps",
    "Meaning",
    "Change",
    "Status",
    "What the DOWN loses",
    "created",
    "altered",
    "dropped",
    "no data at risk and no long lock",
    "blocks writes to the table for a time that grows with it",
    "the UP keeps every value, but its DOWN may fail or lose data",
    "the UP loses data or fails on rows it can't convert (only with `--allow`)",
    "the DOWN can't bring the previous schema back on a table with rows (only with `--allow`)",
    "This change alters an existing schema:\n\n- steps: **{}**\n- tables: **{}** (new: {}, "
    "existing: {})\n- migrations: **{}** ({})",
    "None: this change creates no tables.",
    "None: this change only creates new tables.",
    "Each step with its class and the reason for it, as `schemagen plan` shows them; the Summary "
    "explains the classes.",
    "The change is written as the migrations below, applied in this order. The SQL below is "
    "exactly the files' text, the same the verification applies.",
    "- SQL: {} and {}\n- sequelize-cli: {}",
    "Runs in one transaction: if a statement fails, nothing is applied.",
    "Runs **outside a transaction** (the .sql files carry the line {}): each statement runs on its "
    "own, because `CREATE INDEX CONCURRENTLY` and `VALIDATE CONSTRAINT` must not hold locks for "
    "the whole migration. If a statement fails, the ones before it stay applied.",
    "**Backup:** needed if there is data. The DOWN loses data (steps with a loss: {}, in the "
    "table below); before running it in production, export that data (for example with `pg_dump "
    "--data-only`).",
    "**Backup:** the DOWN deletes no data (table below); still, take a backup before a rollback in "
    "production.",
    "**Steps**, in the reverse order of applying:\n\n1. Roll the application back to a release "
    "compatible with the previous schema.",
    "{0}. Undo `{1}`: `npx sequelize-cli db:migrate:undo --name {1}.js`, or `psql -v "
    "ON_ERROR_STOP=1 --single-transaction -f {2}`.",
    "{0}. Undo `{1}`, outside a transaction: `npx sequelize-cli db:migrate:undo --name {1}.js`, or "
    "`psql -v ON_ERROR_STOP=1 -f {2}` (without `--single-transaction`).",
    "{}. Check that each step in the table below was undone (for example with `\\d` of the tables "
    "in `psql`).",
    "yes: the values of {}",
    "may fail or lose data: {}",
    "no, but what the UP deleted doesn't come back: {}",
    "may fail: {}",
    "Apply outside peak hours with a short `lock_timeout` (for example `SET lock_timeout = "
    "'5s'`); measure the duration first on a copy of the table with production volume.",
    "Before a rollback, look for the rows the DOWN can't revert and export them; avoid the DOWN "
    "once the application has written data in the new shape.",
    "Allowed with `--allow`: export the affected data before the UP (for example with `pg_dump "
    "--data-only`).",
    "Allowed with `--allow`: export the data before the UP; the DOWN brings the previous schema "
    "back only once the values are restored.",
    "Rolling back loses data (steps with a loss: {}, section 5).",
    "The ALTER TABLEs on existing tables ({}) take strong locks, if briefly: behind a long "
    "transaction they queue, and block the queries after them while they wait.",
    "Apply with a short `lock_timeout` (for example `SET lock_timeout = '5s'`) and retry if it "
    "expires; don't apply during long transactions (reports, logical backups).",
};

}  // namespace

const DocText& TextFor(const std::string& lang) { return lang == "en" ? kEnglish : kPortuguese; }

}  // namespace schemagen
