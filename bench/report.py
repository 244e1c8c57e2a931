#!/usr/bin/env python3
"""Writes bench/RESULTS.md from what bench/run.sh measured. Every figure comes from the JSON
files of this run; nothing here is a typed-in number except the issue's targets."""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import time

# The targets of issue 8.
T_GEN_1000_MS = 60
T_GEN_1000_VS_DRIZZLE = 40
T_GEN_10000_S = 0.6
T_GEN_10000_MB = 200
T_SCALING = 12
T_NOOP_S = 0.4
T_EVOLUTION_S = 0.6
T_CHECK_MBS = 50
T_VERIFY_VS_SEQUELIZE = 3
T_INSPECT_S = 1.0


def sh(cmd: list[str], cwd: str | None = None) -> str:
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                              timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def package_version(peers: str, name: str) -> str:
    try:
        with open(os.path.join(peers, "node_modules", name, "package.json")) as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        return "not installed"


def machine(args) -> list[tuple[str, str]]:
    cpu = ""
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem_kb = int(line.split()[1])
    cxx = ""
    cache = os.path.join(args.build, "CMakeCache.txt")
    if os.path.exists(cache):
        m = re.search(r"^CMAKE_CXX_COMPILER:\w+=(.*)$", open(cache).read(), re.M)
        if m:
            cxx = sh([m.group(1), "--version"]).splitlines()[0]
    info = os.path.join(args.build, "bench-build-info.txt")
    if os.path.exists(info):  # written by run.sh just before and after it built the binaries
        words = open(info).read().split() + ["", "0"]
        commit, changed = words[:2]
        dirty = changed != "0"
        if len(words) >= 6 and (words[2], words[3]) != (commit, changed):
            commit += (f" when the build started, {words[2]}"
                       f"{' + uncommitted changes' if words[3] != '0' else ''} when it ended "
                       "(the work tree is shared; the binaries hold whatever was on disk)")
    else:
        commit = sh(["git", "rev-parse", "--short", "HEAD"], cwd=args.root)
        dirty = sh(["git", "status", "--porcelain", "--untracked-files=no"], cwd=args.root)
    return [
        ("date", f"measurements started {args.started}; report written "
                 f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}"),
        ("command", f"`{args.command}` (took {int(args.elapsed) // 60} min {int(args.elapsed) % 60} s)"),
        ("machine", f"{os.cpu_count()} CPUs ({cpu}), {mem_kb / 1024 / 1024:.1f} GiB memory, "
                    f"{platform.system()} {platform.release()}"),
        ("schemagen", f"{sh([os.path.join(args.build, 'schemagen'), '--version'])}, commit "
                      f"{commit}{' + uncommitted changes' if dirty else ''}, Release build"),
        ("compiler", cxx),
        ("node", sh(["node", "--version"])),
        ("peers", f"drizzle-kit {package_version(args.peers, 'drizzle-kit')}, drizzle-orm "
                  f"{package_version(args.peers, 'drizzle-orm')}, @dbml/cli "
                  f"{package_version(args.peers, '@dbml/cli')}, sequelize-cli "
                  f"{package_version(args.peers, 'sequelize-cli')}, sequelize "
                  f"{package_version(args.peers, 'sequelize')}"),
    ]


def fmt_s(x) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.1f} ms" if x < 0.1 else (f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s")


def cell(s: dict) -> str:
    if not s.get("ok"):
        return "timeout" if s.get("timeouts") else "failed"
    out = f"{fmt_s(s['wall_median'])} ({fmt_s(s['wall_min'])} – {fmt_s(s['wall_max'])})"
    if s.get("timeouts"):
        out += f", {s['timeouts']} timed out"
    return out


def ratio(a: dict, b: dict, key: str) -> float | None:
    if a.get("ok") and b.get("ok") and a.get(key) and b.get(key):
        return a[key] / b[key]
    return None


def compare_section(c: dict) -> list[str]:
    out = ["## Whole-process comparison", "",
           "Each run is a fresh process writing into a fresh directory; wall time is measured "
           "around the process, CPU time (user + system) and peak RSS come from `/usr/bin/time -v` "
           "(peak RSS is that of the largest single process). Ratios are peer / schemagen, both "
           "measured in this run. schemagen writes everything (SQL pair, sequelize-cli migration, "
           "one model per entity, enums, index, the schema-change document and MODELS.md); the "
           "peers write SQL only (drizzle-kit also its snapshot JSON).", "",
           "| entities | tool | runs | wall median (min – max) | CPU median | peak RSS median | "
           "wall vs schemagen | RSS vs schemagen |",
           "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |"]
    for n, tools in c["sizes"].items():
        base = tools["schemagen"]["summary"]
        for name in ("schemagen", "drizzle-kit", "dbml2sql"):
            if name not in tools:
                continue
            s = tools[name]["summary"]
            rss = f"{s['rss_mb_median']:.0f} MB" if s.get("rss_mb_median") else "–"
            cpu = fmt_s(s.get("cpu_median")) if s.get("ok") else "–"
            if name == "schemagen":
                vs = vs_rss = "1"
            else:
                r, rr = ratio(s, base, "wall_median"), ratio(s, base, "rss_mb_median")
                timeout = "timeout" if s.get("timeouts") and not s.get("ok") else "–"
                vs = f"{r:.1f}x" if r else timeout
                vs_rss = f"{rr:.1f}x" if rr else timeout
            out.append(f"| {int(n):,} | {name} | {s['runs']} | {cell(s)} | {cpu} | {rss} | "
                       f"{vs} | {vs_rss} |")
    out += ["", "The same schema from each tool: objects in the SQL each one wrote (from its "
            "last successful run). Differences are each tool's idiom: the peers use PostgreSQL "
            "enum types where schemagen writes varchar + CHECK; DBML has no partial index, so its "
            "uniques are plain unique indexes; Drizzle has no comments.", "",
            "| entities | tool | tables | foreign keys | indexes | unique constraints | "
            "enum types | comments |", "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n, tools in c["sizes"].items():
        for name in ("schemagen", "drizzle-kit", "dbml2sql"):
            counts = tools.get(name, {}).get("sql")
            if counts:
                out.append(f"| {int(n):,} | {name} | {counts['tables']:,} | "
                           f"{counts['foreign_keys']:,} | {counts['indexes']:,} | "
                           f"{counts['unique_constraints']:,} | {counts['enum_types']:,} | "
                           f"{counts['comments']:,} |")
    nr = c.get("noop", {})
    out += ["", "## No-op regeneration and `schemagen check`", ""]
    if "summary" in nr:
        last = nr["runs"][-1].get("summary_line") if nr.get("runs") else None
        out.append(f"- No-op regeneration of {nr['entities']:,} entities ({nr['files']:,} files "
                   f"already up to date): {cell(nr['summary'])}, peak RSS "
                   f"{nr['summary'].get('rss_mb_median', 0):.0f} MB; schemagen said "
                   f"\"{last}\"; runs skipped by the stamp: {nr.get('skipped', 0)} of "
                   f"{len(nr['runs'])}; files whose mtime changed: {nr['mtimes_changed']}.")
        ns = nr.get("without_stamp", {})
        if "summary" in ns:
            out.append(f"- The same without the stamp (`SCHEMAGEN_CACHE_DIR=` empty: generate in "
                       f"memory, compare with every file on disk): {cell(ns['summary'])}, peak "
                       f"RSS {ns['summary'].get('rss_mb_median', 0):.0f} MB; files whose mtime "
                       f"changed: {ns['mtimes_changed']}.")
    else:
        out.append(f"- No-op regeneration: could not run ({nr.get('error', 'no data')}).")
    for ch in c.get("check", []):
        s = ch["summary"]
        out.append(f"- `schemagen check {ch['file']}` ({ch['bytes'] / 1e6:.1f} MB of DSL): "
                   f"{cell(s)} → {s.get('mb_per_s', 0):.1f} MB/s whole process, peak RSS "
                   f"{s.get('rss_mb_median', 0):.0f} MB.")
    la, lb = c.get("loadavg_start"), c.get("loadavg_end")
    if la and lb:
        out.append(f"- Load average (1/5/15 min) when the comparison started: "
                   f"{la[0]:.2f}/{la[1]:.2f}/{la[2]:.2f}; when it ended: "
                   f"{lb[0]:.2f}/{lb[1]:.2f}/{lb[2]:.2f}. Above {os.cpu_count()} means other "
                   "work shared the CPUs and wall times are inflated (CPU times less so).")
    return out


def phases_table(p: dict) -> tuple[list[str], dict]:
    rows: dict[str, dict[int, dict]] = {}
    for b in p.get("benchmarks", []):
        m = re.match(r"([^/]+)/(\d+)", b["name"])
        if not m or b.get("run_type") == "aggregate":
            continue
        rows.setdefault(m.group(1), {})[int(m.group(2))] = b
    sizes = sorted({n for r in rows.values() for n in r})
    out = ["## Phases (Google Benchmark, in process)", "",
           "`build-bench/bench/schemagen_phases_bench`: each phase on the already loaded input "
           "(parse, semantic pass, both = what `check` does; each generator into a MemorySink; "
           "GenerateAll; CommitToDisk when every file is already on disk; the schema diff of two "
           "states differing in one field, as IR and as catalogs). Per iteration: wall time, "
           "process CPU time in brackets, and MB of DSL per second of wall time.", "",
           "| phase | " + " | ".join(f"{n:,} entities" for n in sizes) +
           (f" | {sizes[-1]:,} / {sizes[-2]:,} (CPU) |" if len(sizes) >= 2 else " |"),
           "| --- | " + " | ".join("---:" for _ in sizes) + (" | ---: |" if len(sizes) >= 2 else " |")]
    for phase, by_n in rows.items():
        cells = []
        for n in sizes:
            b = by_n.get(n)
            if not b:
                cells.append("–")
                continue
            if b.get("error_occurred"):
                cells.append("error: " + b.get("error_message", ""))
                continue
            unit = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1}[b["time_unit"]]
            wall, cpu = b["real_time"] * unit, b["cpu_time"] * unit
            mbs = b.get("bytes_per_second", 0) / 1e6
            cells.append(f"{fmt_s(wall)} ({fmt_s(cpu)}), {mbs:.1f} MB/s")
        scale = ""
        if len(sizes) >= 2 and by_n.get(sizes[-1]) and by_n.get(sizes[-2]):
            scale = f"{by_n[sizes[-1]]['cpu_time'] / by_n[sizes[-2]]['cpu_time']:.1f}x"
        out.append(f"| {phase} | " + " | ".join(cells) + (f" | {scale} |" if len(sizes) >= 2 else " |"))
    ctx = p.get("context", {})
    out += ["", f"Google Benchmark context: load average {ctx.get('load_avg')}; the Debian "
            "library prints \"Library was built as DEBUG\" (its own build type; the code measured "
            "is schemagen's Release build)."]
    return out, rows


def verify_section(v: dict | None, reason: str) -> list[str]:
    out = ["## Verify against sequelize-cli", ""]
    if not v:
        out.append(f"Not measured: {reason}.")
        return out
    out += [f"Inside `tests/pg/with-postgres.sh` (a throwaway PostgreSQL {v.get('server_version')} "
            "on a Unix socket, fsync off; server start-up not timed). `verify` is the whole "
            "`schemagen verify entities-N.dsl --format json` process; its split comes from its "
            "own report (inspect + diff = the migration's total minus up, down and up again: "
            "four inspections, two of them of the full schema, and three diffs). sequelize-cli is "
            "`db:migrate` then `db:migrate:undo:all` of the same generated migration in a fresh "
            "database, two processes.", "",
            "| entities | what | runs | wall median (min – max) | up | down | up again | "
            "inspect + diff | verify's own total |",
            "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    groups = [(v["sizes"], "")]
    if v.get("sizes_raised"):
        groups.append((v["sizes_raised"], f" (max_locks_per_transaction {v['raised_locks']})"))
    for sizes, suffix in groups:
      for n, e in sizes.items():
        for key, label in (("verify", "schemagen verify" + suffix),
                           ("verify_no_isolation", "schemagen verify --no-isolation")):
            s = e[key]["summary"]
            ms = lambda k: fmt_s(s[k] / 1000) if s.get(k) is not None else "–"
            verdict = cell(s) if s.get("ok") else f"failed: {s.get('why', '?')}"
            out.append(f"| {int(n):,} | {label} | {s['runs']} | {verdict} | {ms('up_ms')} | "
                       f"{ms('down_ms')} | {ms('up_again_ms')} | {ms('inspect_diff_ms')} | "
                       f"{fmt_s(s.get('seconds'))} |")
        sq = e["sequelize"]
        undo = (fmt_s(sq['undo'].get('wall_median')) + " (undo:all)" if sq["undo"].get("ok")
                else "undo:all failed")
        out.append(f"| {int(n):,} | sequelize-cli db:migrate + db:migrate:undo:all{suffix} | "
                   f"{sq['summary']['runs']} | {cell(sq['summary'])} | "
                   f"{fmt_s(sq['migrate'].get('wall_median'))} (migrate) | {undo} | – | – | – |")
    return out


def status(ok: bool | None) -> str:
    return "–" if ok is None else ("**PASS**" if ok else "**FAIL**")


def targets(c: dict, phases: dict, v: dict | None, v_reason: str) -> list[str]:
    rows = []
    sizes = c["sizes"]
    s1000 = sizes.get("1000", {}).get("schemagen", {}).get("summary", {})
    d1000 = sizes.get("1000", {}).get("drizzle-kit", {}).get("summary", {})
    s10k = sizes.get("10000", {}).get("schemagen", {}).get("summary", {})
    if s1000.get("ok"):
        t = s1000["wall_median"]
        rows.append(("1,000 entities, full generation < 60 ms", fmt_s(t), status(t < T_GEN_1000_MS / 1000)))
        r = ratio(d1000, s1000, "wall_median")
        if r:
            rows.append(("1,000 entities: >= 40x faster than drizzle-kit (whole process)",
                         f"{r:.1f}x (drizzle-kit {fmt_s(d1000['wall_median'])})",
                         status(r >= T_GEN_1000_VS_DRIZZLE)))
        else:
            rows.append(("1,000 entities: >= 40x faster than drizzle-kit (whole process)",
                         "drizzle-kit not measured", "–"))
    if s10k.get("ok"):
        t, mb = s10k["wall_median"], s10k["rss_mb_median"]
        rows.append(("10,000 entities, full generation < 0.6 s", fmt_s(t), status(t < T_GEN_10000_S)))
        rows.append(("10,000 entities: peak memory < 200 MB", f"{mb:.0f} MB", status(mb < T_GEN_10000_MB)))
        if s1000.get("ok"):
            r = t / s1000["wall_median"]
            rows.append(("time(10,000) / time(1,000) <= 12 (linear)", f"{r:.1f}", status(r <= T_SCALING)))
    nr = c.get("noop", {})
    if "summary" in nr and nr["summary"].get("ok"):
        t = nr["summary"]["wall_median"]
        rows.append((f"No-op regeneration of {nr['entities']:,}: writes nothing",
                     f"{nr['runs'][-1].get('summary_line')}; {nr['mtimes_changed']} mtimes changed",
                     status(nr["writes_nothing"])))
        rows.append((f"No-op regeneration of {nr['entities']:,}: < 0.4 s", fmt_s(t), status(t < T_NOOP_S)))
    diff = phases.get("diff_ir", {}).get(10000)
    diff_note = ""
    if diff and not diff.get("error_occurred"):
        unit = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1}[diff["time_unit"]]
        diff_note = f" (its diff step alone, IR against IR: {fmt_s(diff['real_time'] * unit)})"
    ev = c.get("evolution", {})
    if "summary" in ev and ev["summary"].get("ok"):
        t = ev["summary"]["wall_median"]
        w = ev.get("write", {}).get("wall_s")
        rows.append((f"One-field evolution plan on {ev['entities']:,} < 0.6 s",
                     f"{fmt_s(t)} (`schemagen plan`; writing the migration: "
                     f"{fmt_s(w) if w is not None else '–'})" + diff_note,
                     status(t < T_EVOLUTION_S)))
    else:
        rows.append(("One-field evolution plan on 10,000 < 0.6 s",
                     f"not measured: {ev.get('error', 'no evolution run')}" + diff_note, "–"))
    for ch in c.get("check", []):
        mbs = ch["summary"].get("mb_per_s")
        if mbs:
            rows.append((f"`schemagen check` >= 50 MB/s ({ch['file']}, whole process)",
                         f"{mbs:.1f} MB/s", status(mbs >= T_CHECK_MBS)))
    chk = phases.get("check", {}).get(10000)
    if chk and not chk.get("error_occurred"):
        mbs = chk.get("bytes_per_second", 0) / 1e6
        rows.append(("`check` (parse + semantic pass) >= 50 MB/s, in process, 10,000",
                     f"{mbs:.1f} MB/s", status(mbs >= T_CHECK_MBS)))
    groups = []
    if v and "1000" in v["sizes"]:
        groups.append((v["sizes"]["1000"], ""))
    if v and "1000" in v.get("sizes_raised", {}):
        groups.append((v["sizes_raised"]["1000"],
                       f", max_locks_per_transaction {v['raised_locks']}"))
    for e, suffix in groups:
        vs, sq = e["verify"]["summary"], e["sequelize"]["summary"]
        r = ratio(sq, vs, "wall_median")
        if not vs.get("ok"):
            rows.append((f"verify of 1,000: >= 3x faster than sequelize-cli up + undo{suffix}",
                         f"verify fails at 1,000 entities: {vs.get('why', '?')} (server "
                         f"max_locks_per_transaction = {e.get('max_locks_per_transaction', '?')}); "
                         f"sequelize-cli up + undo: {cell(sq)}", status(False)))
        else:
            rows.append((f"verify of 1,000: >= 3x faster than sequelize-cli up + undo{suffix}",
                         f"{r:.2f}x (verify {fmt_s(vs.get('wall_median'))}, sequelize-cli "
                         f"{fmt_s(sq.get('wall_median'))})" if r else "not measured",
                         status(r >= T_VERIFY_VS_SEQUELIZE) if r else "–"))
        insp = vs.get("inspect_diff_ms")
        if insp is None:
            rows.append((f"Catalog inspection of 1,000 tables < 1 s{suffix}",
                         "not measured: verify did not complete at 1,000 entities", status(False)))
        else:
            bound = insp / 2 / 1000
            rows.append((f"Catalog inspection of 1,000 tables < 1 s{suffix}",
                         f"at most {fmt_s(bound)} per full inspection (half of verify's "
                         f"inspect + diff time, {fmt_s(insp / 1000)}, which holds two full and "
                         "two empty inspections and three diffs)", status(bound < T_INSPECT_S)))
    if not groups:
        if v:
            v_reason = "the verify benchmark did not run at 1,000 entities (BENCH_VERIFY_SIZES)"
        rows.append(("verify of 1,000: >= 3x faster than sequelize-cli up + undo",
                     f"not measurable yet: {v_reason}", "–"))
        rows.append(("Catalog inspection of 1,000 tables < 1 s", f"not measurable yet: {v_reason}", "–"))
    out = ["## Targets (issue 8)", "", "| target | measured | result |", "| --- | --- | --- |"]
    out += [f"| {a} | {b} | {c_} |" for a, b, c_ in rows]
    return out


def profile_section(path: str | None) -> list[str]:
    if not path:
        return []
    text = open(path).read()
    inclusive, self_ = text.split("## self")
    def rows(block: str, pattern: str, limit: int) -> list[str]:
        out = []
        for line in block.splitlines():
            m = re.match(r"\s+([\d.]+)%\s+(?:([\d.]+)%\s+)?\[[.k]\]\s+(.*?)\s+-\s+-\s*$", line)
            if not m:
                continue
            name = m.group(3)
            if not re.search(pattern, name) or "(inlined)" in name:
                continue
            name = re.sub(r"std::__cxx11::basic_string<char, std::char_traits<char>, "
                          r"std::allocator<char> >", "std::string", name)
            name = re.sub(r"kainjow::mustache::basic_data<std::string >", "basic_data", name)
            out.append(f"| {m.group(1)}% | `{name[:140]}` |")
            if len(out) >= limit:
                break
        return out
    out = ["## Profile of the largest full generation (perf, measured by this run)", "",
           "`perf record -F 199 --call-graph dwarf` of `schemagen -q entities-N.dsl -o DIR` "
           "(the Release binary). Inclusive time of schemagen's functions, kainjow's data "
           "copies and the allocator:", "", "| inclusive | function |", "| ---: | --- |"]
    out += rows(inclusive, r"schemagen::|kainjow::mustache::basic_data<.*>::basic_data\(|"
                r"^_int_malloc|^_int_free|^malloc|^cfree|^malloc_consolidate|fsync", 30)
    out += ["", "Self time, top symbols:", "", "| self | symbol |", "| ---: | --- |"]
    out += rows(self_, r".", 15)
    return out


def io_section(path: str | None) -> list[str]:
    if not path or not os.path.exists(path):
        return []
    rows = open(path).read().split("\n")
    n = rows[0].split()[1]
    out = [f"## I/O of a full generation of {int(n):,} entities (strace -T, measured by this run)", "",
           "Time the process spent inside each system call (its wall time, including waiting for "
           "the disk), summed; under strace, so the run itself is slower than without. CPU "
           "profiles do not show this waiting.", "",
           "| system call | calls | total time |", "| --- | ---: | ---: |"]
    for row in rows[1:]:
        if row.strip():
            name, calls, total = row.split()
            out.append(f"| {name} | {int(calls):,} | {fmt_s(float(total))} |")
    return out


def main() -> int:
    p = argparse.ArgumentParser()
    for flag in ("root", "build", "peers", "compare", "phases", "out", "command", "elapsed"):
        p.add_argument(f"--{flag}", required=True)
    p.add_argument("--verify")
    p.add_argument("--profile")
    p.add_argument("--io")
    p.add_argument("--findings")
    args = p.parse_args()
    c = json.load(open(args.compare))
    args.started = c.get("started", "?")
    phases = json.load(open(args.phases)) if os.path.exists(args.phases) else {}
    v = json.load(open(args.verify)) if args.verify and os.path.exists(args.verify) else None
    has_verify = bool(sh([os.path.join(args.build, "schemagen"), "verify", "--help"]))
    v_reason = ("`schemagen verify` does not exist yet" if not has_verify else
                "the verify benchmark did not run or failed (no PostgreSQL? see run.sh's output)")
    lines = ["# Benchmark results", "",
             "Written by `bench/run.sh` from the figures it measured; do not edit by hand: rerun "
             "`bash bench/run.sh`. What is measured and how: [README.md](README.md).", "",
             "| | |", "| --- | --- |"]
    lines += [f"| {k} | {v_} |" for k, v_ in machine(args)]
    lines.append("")
    phase_lines, phase_rows = phases_table(phases)
    lines += targets(c, phase_rows, v, v_reason) + [""]
    lines += compare_section(c) + [""]
    lines += phase_lines + [""]
    lines += verify_section(v, v_reason) + [""]
    lines += profile_section(args.profile) + [""]
    lines += io_section(args.io) + [""]
    if args.findings and os.path.exists(args.findings):
        lines.append(open(args.findings).read().rstrip())
    with open(args.out, "w") as f:
        f.write("\n".join(lines).rstrip() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
