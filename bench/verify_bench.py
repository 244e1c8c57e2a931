#!/usr/bin/env python3
"""`schemagen verify` against sequelize-cli's db:migrate + db:migrate:undo:all.

    tests/pg/with-postgres.sh bench/verify_bench.py --schemagen BIN --schemas DIR \
        --peers bench/peers --json OUT [--sizes 100,1000] [--runs 3]

Runs inside tests/pg/with-postgres.sh, so the libpq environment (PGHOST, PGUSER...) points at
a throwaway PostgreSQL that is already up: server start-up is never timed. For each size:
  verify       `schemagen verify entities-N.dsl -o OUT --format json`: the process's wall time,
               and from its report the split: up, down, up again, the inspections and diffs
               between them (the rest of the migration's total), and the whole run;
  verify --no-isolation  the same without the tenant isolation check (which writes rows);
  sequelize    the generated sequelize-cli migration (types stripped by esbuild, not timed)
               in a fresh database: `sequelize-cli db:migrate`, then
               `sequelize-cli db:migrate:undo:all`, each a whole process.
First with the server's defaults; then, with --raise-locks L, the same again after
`ALTER SYSTEM SET max_locks_per_transaction = L` and a restart of the throwaway server
(dropping 1,000 tables in one transaction needs more than the default 64 x 100 lock slots).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import run_measured, summarize  # noqa: E402

CONFIG_JS = """\
// sequelize-cli's configuration, from the libpq environment; PGHOST may be a socket directory.
const os = require("os");
module.exports = {
  bench: {
    dialect: "postgres",
    host: process.env.PGHOST || "localhost",
    port: Number(process.env.PGPORT || 5432),
    username: process.env.PGUSER || os.userInfo().username,
    password: process.env.PGPASSWORD || null,
    database: process.env.BENCH_DATABASE,
    logging: false,
  },
};
"""
SEQUELIZERC = """\
const path = require("path");
module.exports = {
  config: path.resolve(__dirname, "config.js"),
  "migrations-path": path.resolve(__dirname, "migrations"),
};
"""


def verify_runs(schemagen: str, dsl: str, out: str, runs: int, extra: list[str], log) -> dict:
    records = []
    for i in range(runs):
        report_path = os.path.join(out, "..", f"verify-report-{os.getpid()}.json")
        result = run_measured([schemagen, "verify", dsl, "-o", out, "--format", "json", *extra],
                              stdout_path=report_path)
        try:
            report = json.load(open(report_path))
        except (OSError, ValueError):
            report = None
        if report:
            result["ok_report"] = report.get("ok")
            result["seconds"] = report.get("seconds")
            migration = (report.get("migrations") or [{}])[0]
            m = migration.get("ms") or {}
            keys = ("up", "down", "up_again", "total")
            if all(isinstance(m.get(k), (int, float)) for k in keys) and \
                    migration.get("status") == "ok":
                result["up_ms"], result["down_ms"] = m["up"], m["down"]
                result["up_again_ms"], result["total_ms"] = m["up_again"], m["total"]
                result["inspect_diff_ms"] = m["total"] - m["up"] - m["down"] - m["up_again"]
            if not report.get("ok"):
                result["status"] = "failed"
        if result["status"] != "ok":
            # Why: the report's first problem or error, else the first error line on stderr.
            whys = []
            if report:
                for m in report.get("migrations") or []:
                    whys += [f"{p.get('file')} ({p.get('step')}): {p.get('message')}"
                             for p in m.get("problems") or []]
                whys += [str(e) for e in report.get("errors") or []]
            whys += [l for l in (result.get("stderr") or "").splitlines() if "error" in l]
            result["why"] = whys[0] if whys else "verify reported a failure"
        records.append(result)
        log(f"  verify{' '.join([''] + extra):<16} run {i + 1}/{runs}: {result['status']} "
            f"{result['wall_s']:.2f} s {result.get('why', '')}")
    summary = summarize(records)
    whys = [r["why"] for r in records if r.get("why")]
    if whys:
        summary["why"] = whys[0]
    ok = [r for r in records if r["status"] == "ok" and "total_ms" in r]
    for key in ("up_ms", "down_ms", "up_again_ms", "total_ms", "inspect_diff_ms", "seconds"):
        values = sorted(r[key] for r in ok)
        if values:
            summary[key] = values[len(values) // 2]
    return {"runs": records, "summary": summary}


def sequelize_runs(peers: str, migration_ts: str, work: str, runs: int, log) -> dict:
    project = os.path.join(work, "sequelize")
    os.makedirs(os.path.join(project, "migrations"), exist_ok=True)
    os.symlink(os.path.join(peers, "node_modules"), os.path.join(project, "node_modules"))
    open(os.path.join(project, "config.js"), "w").write(CONFIG_JS)
    open(os.path.join(project, ".sequelizerc"), "w").write(SEQUELIZERC)
    js = os.path.join(project, "migrations",
                      os.path.basename(migration_ts).removesuffix(".ts") + ".js")
    subprocess.run([os.path.join(peers, "node_modules", ".bin", "esbuild"), migration_ts,
                    "--format=cjs", "--platform=node", "--log-level=warning", f"--outfile={js}"],
                   check=True)
    cli = os.path.join(peers, "node_modules", "sequelize-cli", "lib", "sequelize")
    migrate, undo, both = [], [], []
    for i in range(runs):
        db = f"schemagen_bench_seq_{os.getpid()}_{i}"
        subprocess.run(["createdb", db], check=True)
        env = dict(os.environ, BENCH_DATABASE=db)
        try:
            up = run_measured(["node", cli, "db:migrate", "--env", "bench"], cwd=project, env=env)
            down = run_measured(["node", cli, "db:migrate:undo:all", "--env", "bench"],
                                cwd=project, env=env) if up["status"] == "ok" else up
        finally:
            subprocess.run(["dropdb", "--if-exists", db], check=False)
        migrate.append(up)
        undo.append(down)
        total = dict(up)
        total["wall_s"] = up["wall_s"] + down["wall_s"]
        total["status"] = "ok" if up["status"] == down["status"] == "ok" else "failed"
        total["rss_kb"] = max(up["rss_kb"] or 0, down["rss_kb"] or 0)
        total["user_s"] = (up["user_s"] or 0) + (down["user_s"] or 0)
        total["sys_s"] = (up["sys_s"] or 0) + (down["sys_s"] or 0)
        both.append(total)
        log(f"  sequelize-cli run {i + 1}/{runs}: migrate {up['status']} {up['wall_s']:.2f} s, "
            f"undo:all {down['status']} {down['wall_s']:.2f} s")
        if total["status"] != "ok":
            log("    " + (up.get("stderr") or down.get("stderr") or "")[-1500:])
    return {"migrate": summarize(migrate), "undo": summarize(undo), "summary": summarize(both),
            "runs": both}


def psql(sql: str) -> str:
    return subprocess.run(["psql", "-XAtc", sql], capture_output=True, text=True).stdout.strip()


def raise_locks(locks: int, log) -> bool:
    """Raises max_locks_per_transaction of the throwaway server and restarts it."""
    datadir = psql("SHOW data_directory")
    major = psql("SHOW server_version_num")[:2]
    pg_ctl = f"/usr/lib/postgresql/{major}/bin/pg_ctl"
    if not datadir or not os.path.exists(pg_ctl):
        log(f"verify_bench: can't restart the server (data directory {datadir!r}, {pg_ctl})")
        return False
    psql(f"ALTER SYSTEM SET max_locks_per_transaction = {locks}")
    as_server = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run([*as_server, pg_ctl, "-D", datadir, "-w", "-m", "fast", "-l",
                           os.path.join(os.path.dirname(datadir), "server.log"), "restart"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        log(f"verify_bench: restart failed: {done.stderr[-500:]}")
        return False
    return psql("SHOW max_locks_per_transaction") == str(locks)


def measure(schemagen: str, peers: str, schemas: str, work: str, sizes: list[int], runs: int,
            log) -> dict:
    results = {}
    for n in sizes:
        log(f"N = {n} (max_locks_per_transaction = {psql('SHOW max_locks_per_transaction')})")
        dsl = os.path.join(schemas, f"entities-{n}.dsl")
        out = os.path.join(work, f"out-{n}")
        if not os.path.isdir(out):
            subprocess.run([schemagen, "-q", dsl, "-o", out], check=True)
        migrations = os.path.join(out, "src", "database", "migrations")
        ts = [f for f in os.listdir(migrations) if f.endswith(".ts")][0]
        seq_dir = tempfile.mkdtemp(prefix=f"seq-{n}-", dir=work)
        results[str(n)] = {
            "max_locks_per_transaction": psql("SHOW max_locks_per_transaction"),
            "verify": verify_runs(schemagen, dsl, out, runs, [], log),
            "verify_no_isolation": verify_runs(schemagen, dsl, out, runs, ["--no-isolation"], log),
            "sequelize": sequelize_runs(peers, os.path.join(migrations, ts), seq_dir, runs, log),
        }
    return results


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--schemagen", required=True)
    p.add_argument("--schemas", required=True)
    p.add_argument("--peers", required=True)
    p.add_argument("--json", required=True)
    p.add_argument("--sizes", default="100,1000")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--raise-locks", type=int, default=0,
                   help="then measure again with this max_locks_per_transaction (restarts the server)")
    args = p.parse_args()
    schemagen = os.path.abspath(args.schemagen)
    peers = os.path.abspath(args.peers)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    if not os.environ.get("PGHOST"):
        log("verify_bench: no PGHOST; run it under tests/pg/with-postgres.sh")
        return 2
    server = subprocess.run(["psql", "-XAtc", "SHOW server_version"], capture_output=True,
                            text=True)
    results = {"server_version": server.stdout.strip(), "sizes": {}}
    sizes = [int(x) for x in args.sizes.split(",") if x]
    schemas = os.path.abspath(args.schemas)
    work = tempfile.mkdtemp(prefix="schemagen-verify-bench-")
    try:
        results["sizes"] = measure(schemagen, peers, schemas, work, sizes, args.runs, log)
        if args.raise_locks and raise_locks(args.raise_locks, log):
            results["raised_locks"] = args.raise_locks
            results["sizes_raised"] = measure(schemagen, peers, schemas, work,
                                              [n for n in sizes if n >= 1000] or sizes,
                                              args.runs, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
