#!/usr/bin/env python3
"""Whole-process comparison: schemagen against the tools users would pick instead.

    compare.py --schemagen BIN --schemas DIR --peers DIR --json OUT [--sizes 100,1000,10000]

For each size N (DIR holds gen_schema.py's output):
  schemagen  `schemagen -q entities-N.dsl -o FRESH`: models, both migrations, SQL, documents
  drizzle    `drizzle-kit generate` of drizzle-N/schema.ts into a fresh directory (SQL + snapshot)
  dbml       `dbml2sql --postgres schema-N.dbml -o FRESH/schema.sql`
each run under /usr/bin/time -v: wall time (measured here, around the process), user and system
CPU time and peak RSS (the largest single process of the run, as getrusage reports it). The
output directory is removed before each run, outside the timing. A peer run longer than
--timeout seconds is killed and recorded as a timeout.

Then, on the largest size: the no-op regeneration (schemagen run again on the tree it wrote:
must report "0 written") and `schemagen check` throughput (MB of DSL per second of wall time).
Prints Markdown tables; --json writes every run for report.py.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

TIME = "/usr/bin/time"


def run_measured(cmd: list[str], cwd: str | None = None, env: dict | None = None,
                 timeout: float | None = None, stdout_path: str | None = None) -> dict:
    """Runs cmd under /usr/bin/time -v; returns wall/user/sys seconds, max RSS and status."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        time_file = tf.name
    out = open(stdout_path, "w") if stdout_path else subprocess.DEVNULL
    err_file = tempfile.TemporaryFile("w+")
    start = time.perf_counter()
    proc = subprocess.Popen([TIME, "-v", "-o", time_file, *cmd], cwd=cwd, env=env, stdout=out,
                            stderr=err_file, start_new_session=True)
    timed_out = False
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    wall = time.perf_counter() - start
    if stdout_path:
        out.close()
    err_file.seek(0)
    stderr = err_file.read()
    err_file.close()
    result = {"wall_s": wall, "status": "timeout" if timed_out else "ok",
              "exit": proc.returncode}
    try:
        text = open(time_file).read()
    finally:
        os.unlink(time_file)
    for key, pattern in [("user_s", r"User time \(seconds\): ([\d.]+)"),
                         ("sys_s", r"System time \(seconds\): ([\d.]+)"),
                         ("rss_kb", r"Maximum resident set size \(kbytes\): (\d+)")]:
        m = re.search(pattern, text)
        result[key] = float(m.group(1)) if m else None
    m = re.search(r"Command exited with non-zero status (\d+)", text)
    if not timed_out and (proc.returncode != 0 or m):
        result["status"] = "failed"
        result["stderr"] = stderr[-2000:]
    return result


def summarize(runs: list[dict]) -> dict:
    ok = [r for r in runs if r["status"] == "ok"]
    summary = {"runs": len(runs), "ok": len(ok),
               "timeouts": sum(r["status"] == "timeout" for r in runs),
               "failures": sum(r["status"] == "failed" for r in runs)}
    if ok:
        walls = [r["wall_s"] for r in ok]
        rss = [r["rss_kb"] for r in ok if r["rss_kb"] is not None]
        cpu = [r["user_s"] + r["sys_s"] for r in ok if r["user_s"] is not None]
        summary.update(wall_median=statistics.median(walls), wall_min=min(walls),
                       wall_max=max(walls),
                       rss_mb_median=statistics.median(rss) / 1024 if rss else None,
                       rss_mb_max=max(rss) / 1024 if rss else None,
                       cpu_median=statistics.median(cpu) if cpu else None)
    return summary


def sql_counts(path: str) -> dict:
    """Objects in a PostgreSQL script, to show the three tools generated the same schema."""
    text = open(path, encoding="utf-8").read()
    count = lambda p: len(re.findall(p, text, re.IGNORECASE | re.MULTILINE))
    return {"tables": count(r"^CREATE TABLE"),
            "foreign_keys": count(r"FOREIGN KEY"),
            "indexes": count(r"^CREATE (?:UNIQUE )?INDEX"),
            "unique_constraints": count(r"CONSTRAINT \S+ UNIQUE"),
            "enum_types": count(r"^CREATE TYPE"),
            "comments": count(r"^COMMENT ON")}


class Tools:
    def __init__(self, args):
        self.schemagen = os.path.abspath(args.schemagen)
        self.schemas = os.path.abspath(args.schemas)
        self.peers = os.path.abspath(args.peers)
        self.work = tempfile.mkdtemp(prefix="schemagen-compare-")
        self.timeout = args.timeout
        self.schemagen_runs = 0
        # The no-op stamps of every run go to the scratch directory, not the user's cache.
        os.environ["SCHEMAGEN_CACHE_DIR"] = os.path.join(self.work, "stamps")

    def fresh(self, name: str) -> str:
        path = os.path.join(self.work, name)
        shutil.rmtree(path, ignore_errors=True)
        return path

    def schemagen_gen(self, n: int) -> tuple[dict, str]:
        # A new directory per run, all removed at the end: deleting the previous run's 10,000
        # files just before would make this run's file creations slower than any user's
        # (ext4 without a journal skips inodes freed in the last minutes when it allocates
        # one, scanning past them: 4.2 s -> 5.6 s and worse as deletions pile up, FINDINGS F1).
        self.schemagen_runs += 1
        out = os.path.join(self.work, f"schemagen-{n}-run{self.schemagen_runs}")
        result = run_measured([self.schemagen, "-q", os.path.join(self.schemas, f"entities-{n}.dsl"),
                               "-o", out])
        migrations = os.path.join(out, "src", "database", "migrations")
        ups = [f for f in os.listdir(migrations) if f.endswith(".up.sql")] if os.path.isdir(
            migrations) else []
        return result, os.path.join(migrations, ups[0]) if ups else ""

    def drizzle(self, n: int) -> tuple[dict, str]:
        out = self.fresh(f"drizzle-{n}")
        env = dict(os.environ, NODE_PATH=os.path.join(self.peers, "node_modules"),
                   BENCH_DRIZZLE_SCHEMA=os.path.join(self.schemas, f"drizzle-{n}", "schema.ts"),
                   BENCH_DRIZZLE_OUT=out)
        kit = os.path.join(self.peers, "node_modules", "drizzle-kit", "bin.cjs")
        result = run_measured(["node", kit, "generate", "--config", "drizzle.config.ts"],
                              cwd=self.peers, env=env, timeout=self.timeout)
        sqls = [f for f in os.listdir(out) if f.endswith(".sql")] if os.path.isdir(out) else []
        return result, os.path.join(out, sqls[0]) if sqls else ""

    def dbml(self, n: int) -> tuple[dict, str]:
        out = self.fresh(f"dbml-{n}")
        os.makedirs(out)
        sql = os.path.join(out, "schema.sql")
        cli = os.path.join(self.peers, "node_modules", "@dbml", "cli", "bin", "dbml2sql.js")
        # cwd: dbml2sql leaves a dbml-error.log in its working directory.
        result = run_measured(["node", cli, "--postgres", os.path.join(self.schemas, f"schema-{n}.dbml"),
                               "-o", sql], cwd=out, timeout=self.timeout)
        return result, sql if os.path.exists(sql) else ""


def measure_tool(label: str, fn, n: int, runs: int, log) -> dict:
    records, counts = [], None
    for i in range(runs):
        result, sql = fn(n)
        records.append(result)
        log(f"  {label:<10} N={n:<6} run {i + 1}/{runs}: {result['status']} "
            f"{result['wall_s']:.3f} s, {(result['rss_kb'] or 0) / 1024:.0f} MB")
        if result["status"] == "ok" and sql:
            counts = sql_counts(sql)
        if result["status"] == "timeout":
            break  # one timeout is the answer; don't spend another 10 minutes on it
    return {"runs": records, "summary": summarize(records), "sql": counts}


def noop_series(tools: Tools, dsl: str, out: str, runs: int, label: str, log,
                env: dict | None = None) -> dict:
    """Reruns schemagen on the tree it wrote; counts the runs the stamp skipped."""
    files_before = {}
    for root, _, files in os.walk(out):
        for f in files:
            p = os.path.join(root, f)
            files_before[p] = os.stat(p).st_mtime_ns
    records = []
    for i in range(runs):
        stdout = os.path.join(tools.work, "noop.stdout")
        result = run_measured([tools.schemagen, dsl, "-o", out], stdout_path=stdout, env=env)
        text = open(stdout).read()
        m = re.search(r"schemagen: (\d+) written, (\d+) unchanged", text)
        result["summary_line"] = m.group(0) if m else None
        result["written"] = int(m.group(1)) if m else None
        result["skipped"] = "nothing changed since the last run" in text
        records.append(result)
        log(f"  no-op      {label} run {i + 1}/{runs}: {result['wall_s']:.3f} s, "
            f"{result['summary_line']}{' (skipped by the stamp)' if result['skipped'] else ''}")
    touched = sum(1 for p, t in files_before.items()
                  if not os.path.exists(p) or os.stat(p).st_mtime_ns != t)
    return {"runs": records, "summary": summarize(records), "files": len(files_before),
            "mtimes_changed": touched, "skipped": sum(r["skipped"] for r in records),
            "writes_nothing": all(r["written"] == 0 for r in records) and touched == 0}


def noop(tools: Tools, n: int, runs: int, log) -> dict:
    """The tree written once, then rerun as a build would: with the stamp (the default; two
    unmeasured runs first, because a stamp written in the same clock tick as the files it
    records is distrusted once), and with no stamp (SCHEMAGEN_CACHE_DIR empty: generate in
    memory and compare with every file on disk)."""
    out = tools.fresh(f"noop-{n}")
    dsl = os.path.join(tools.schemas, f"entities-{n}.dsl")
    first = subprocess.run([tools.schemagen, dsl, "-o", out], capture_output=True, text=True)
    if first.returncode != 0:
        return {"error": first.stderr[-2000:]}
    for _ in range(2):
        time.sleep(0.1)
        subprocess.run([tools.schemagen, dsl, "-o", out], capture_output=True, text=True)
    result = noop_series(tools, dsl, out, runs, f"N={n:<6} stamp   ", log)
    result["without_stamp"] = noop_series(tools, dsl, out, max(1, runs // 2 + 1),
                                          f"N={n:<6} no stamp", log,
                                          env=dict(os.environ, SCHEMAGEN_CACHE_DIR=""))
    return result


def evolution(tools: Tools, n: int, runs: int, log) -> dict:
    """One changed field on top of the history the no-op runs left: `schemagen plan` (load the
    history, diff, plan; writes nothing) several times, then the run that writes the migration."""
    out = os.path.join(tools.work, f"noop-{n}")
    dsl = os.path.join(tools.schemas, f"entities-{n}-changed.dsl")
    if not os.path.isdir(out) or not os.path.exists(dsl):
        return {"error": "no history from the no-op runs, or no changed schema"}
    records = []
    for i in range(runs):
        result = run_measured([tools.schemagen, "plan", "-q", dsl, "-o", out,
                               "--timestamp", "20990101000000"])
        records.append(result)
        log(f"  evolution  N={n:<6} plan run {i + 1}/{runs}: {result['wall_s']:.3f} s")
    write = run_measured([tools.schemagen, "-q", dsl, "-o", out, "--timestamp", "20990101000000"])
    log(f"  evolution  N={n:<6} write: {write['wall_s']:.3f} s")
    return {"runs": records, "summary": summarize(records), "write": write}


def check_throughput(tools: Tools, dsl: str, runs: int, log) -> dict:
    size = os.path.getsize(dsl)
    records = []
    for i in range(runs):
        result = run_measured([tools.schemagen, "check", "-q", dsl])
        records.append(result)
        log(f"  check      {os.path.basename(dsl)} run {i + 1}/{runs}: {result['wall_s']:.3f} s")
    summary = summarize(records)
    if summary.get("wall_median"):
        summary["mb_per_s"] = size / 1e6 / summary["wall_median"]
    return {"file": os.path.basename(dsl), "bytes": size, "runs": records, "summary": summary}


def fmt_s(x) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def cell(summary: dict) -> str:
    if not summary.get("ok"):
        if summary.get("timeouts"):
            return "timeout"
        return "failed"
    s = f"{fmt_s(summary['wall_median'])} ({fmt_s(summary['wall_min'])}–{fmt_s(summary['wall_max'])})"
    if summary.get("timeouts"):
        s += f", {summary['timeouts']} timeout"
    return s


def ratio(peer: dict, base: dict, key: str) -> str:
    if not peer.get("ok"):
        return "timeout" if peer.get("timeouts") else "–"
    if not base.get("ok") or not base.get(key) or not peer.get(key):
        return "–"
    return f"{peer[key] / base[key]:.1f}x"


def markdown(results: dict) -> str:
    lines = ["| N | tool | runs | wall median (min–max) | CPU median | peak RSS median | "
             "wall vs schemagen | RSS vs schemagen |",
             "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |"]
    for n, tools in results["sizes"].items():
        base = tools["schemagen"]["summary"]
        for name in ("schemagen", "drizzle-kit", "dbml2sql"):
            if name not in tools:
                continue
            s = tools[name]["summary"]
            rss = f"{s['rss_mb_median']:.0f} MB" if s.get("rss_mb_median") else "–"
            cpu = fmt_s(s.get("cpu_median")) if s.get("ok") else "–"
            vs = "1x" if name == "schemagen" else ratio(s, base, "wall_median")
            vs_rss = "1x" if name == "schemagen" else ratio(s, base, "rss_mb_median")
            lines.append(f"| {int(n):,} | {name} | {s['runs']} | {cell(s)} | {cpu} | {rss} | {vs} | {vs_rss} |")
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--schemagen", required=True)
    p.add_argument("--schemas", required=True)
    p.add_argument("--peers", required=True)
    p.add_argument("--json", required=True)
    p.add_argument("--sizes", default="100,1000,10000")
    p.add_argument("--runs", type=int, default=5, help="schemagen runs per size")
    p.add_argument("--peer-runs", type=int, default=3, help="peer runs per size")
    p.add_argument("--peer-runs-largest", type=int, default=3,
                   help="peer runs at the largest size (they take minutes)")
    p.add_argument("--timeout", type=float, default=600, help="seconds per peer run")
    p.add_argument("--no-peers", action="store_true")
    args = p.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    tools = Tools(args)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    results = {"sizes": {}, "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
               "loadavg_start": os.getloadavg()}
    try:
        for n in sizes:
            log(f"N = {n}")
            entry = {"schemagen": measure_tool("schemagen", tools.schemagen_gen, n, args.runs, log)}
            if not args.no_peers:
                peer_runs = args.peer_runs_largest if n == max(sizes) else args.peer_runs
                entry["drizzle-kit"] = measure_tool("drizzle", tools.drizzle, n, peer_runs, log)
                entry["dbml2sql"] = measure_tool("dbml2sql", tools.dbml, n, peer_runs, log)
            results["sizes"][str(n)] = entry
        largest = max(sizes)
        results["noop"] = {"entities": largest, **noop(tools, largest, args.runs, log)}
        results["evolution"] = {"entities": largest,
                                **evolution(tools, largest, args.runs, log)}
        results["check"] = [check_throughput(
            tools, os.path.join(tools.schemas, f"entities-{largest}.dsl"), args.runs, log)]
        results["loadavg_end"] = os.getloadavg()
    finally:
        shutil.rmtree(tools.work, ignore_errors=True)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=2)
    print(markdown(results))
    nr = results["noop"]
    if "summary" in nr:
        print(f"\nNo-op regeneration of {largest:,} entities: {cell(nr['summary'])}; "
              f"writes nothing: {nr['writes_nothing']}")
    for c in results["check"]:
        s = c["summary"]
        print(f"schemagen check {c['file']} ({c['bytes'] / 1e6:.1f} MB): {cell(s)}, "
              f"{s.get('mb_per_s', 0):.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
