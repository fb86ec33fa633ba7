"""The load benchmark: `wst load` against two references, at city, region and England scale.

    uv run python benchmarks/run.py --scales city region england --work /tmp/wst-bench

For each scale, on the same files in the same run, each step in its own process, started
through a tiny wrapper that times it by wall clock and takes its peak resident memory from its
own `os.wait4` rusage (so every figure is that step's alone, with the processes it waited for):

1. the sample, generated once into WORK/<scale>/sample with `uv run wst sample --scale S --out
   DIR` when absent (city: `generate_sample(DIR/raw)` if `wst sample` does not exist yet);
2. a hard-linked copy of its raw folder, so the sample stays pristine;
3. `wst load`, end to end (read, validate, load, core, indicators, exceptions, reports,
   copies), into a fresh warehouse; its per-extract rates read back from `audit.file_versions`
   and `audit.loads`;
4. `wst load` again with nothing new: the fixed cost of a load;
5. `build_indicators` and `build_exceptions` on the loaded warehouse, timed;
6. the floor: plain DuckDB `read_csv` into tables (`benchmarks/floor_duckdb.py`);
7. the pandas + pandera reference (`benchmarks/reference_pandas.py`), unless --skip-pandas;
8. region and England: one new month (DIR/incremental) on top of the full load, `wst load`.

It prints the machine, the versions, a table per scale and a summary against the targets, and
writes WORK/results-<scale>.json. The summary uses the other scales' results files from earlier
runs when a scale is not run this time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCALES = ("city", "region", "england")
EXTRACTS = ("cp_plans", "adult_concerns", "s42_enquiries", "police_incidents",
            "training_attendance", "population")
BENCHMARK_KEY = "wst-benchmark-key-not-a-secret-0001"  # fixed, so pseudonyms compare across runs
TARGETS = {"vs_floor": 2.0, "pandas_speedup": 3.0, "peak_rss_mb": 4096.0, "incremental": 0.10}
MB = 1024  # ru_maxrss is in KiB on Linux

MARTS_SCRIPT = """
import json, sys, time
import duckdb
from wst_analytics.exceptions.build import build_exceptions
from wst_analytics.indicators.build import build_indicators
con = duckdb.connect(sys.argv[1])
started = time.perf_counter()
build_indicators(con)
built = time.perf_counter()
build_exceptions(con)
done = time.perf_counter()
con.close()
with open(sys.argv[2], "w") as out:
    json.dump({"indicators": round(built - started, 4), "exceptions": round(done - built, 4)}, out)
"""

CITY_SCRIPT = "import sys; from wst_analytics.sample import generate_sample; generate_sample(sys.argv[1])"


# --- the machine ---------------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": cpu, "cores": os.cpu_count(), "cores_usable": usable, "ram_gb": ram_gb,
            "os": platform.platform()}


def code_version() -> str | None:
    """The commit measured, and whether the pipeline's code differs from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "wst_analytics", "pipelines",
                                  "schemas", "warehouse/sql", "config"], cwd=REPO, capture_output=True,
                                 text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return commit + (" with uncommitted changes" if changed else "")


def versions() -> dict:
    found = {"python": platform.python_version(), "wst-analytics": code_version()}
    for package in ("duckdb", "polars", "pandas", "pandera", "dagster", "numpy"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


# --- running one step ----------------------------------------------------------------------------

def child_env(extra: dict[str, str]) -> dict[str, str]:
    """The driver's environment without any WST_* setting of its own, plus the step's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WST_")}
    env.update(extra)
    return env


# A tiny process between the driver and each step. Linux counts, in a child's peak RSS, the
# memory of the process it was forked from (the child starts as a copy of it, or under vfork
# shares it, until exec), so each step is started from this small wrapper rather than from the
# driver, which holds DuckDB and earlier results: the wrapper's own few MB are the only bias,
# and it reports them. os.wait4 gives the step's own rusage (with the processes it waited for,
# e.g. uv's Python child), never that of earlier steps.
WRAPPER = """
import json, os, sys, time
report, command = sys.argv[1], sys.argv[2:]
own = next((int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")), 0)
started = time.perf_counter()
try:
    pid = os.posix_spawnp(command[0], command, os.environ)
except OSError as error:
    print(f"could not start {command[0]}: {error}", flush=True)
    sys.exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(report, "w") as out:
    json.dump({"wall_seconds": wall, "maxrss_kib": usage.ru_maxrss, "user_seconds": usage.ru_utime,
               "system_seconds": usage.ru_stime,
               "wrapper_kib": own}, out)  # the bias: the wrapper's own peak, counted in the step's
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed(name: str, command: list[str], env: dict[str, str], log: Path) -> dict:
    """Run one step in its own process; its wall time, peak RSS and exit code."""
    log.parent.mkdir(parents=True, exist_ok=True)
    report = log.with_suffix(".rusage.json")
    report.unlink(missing_ok=True)
    print(f"  {name} ...", end="", flush=True)
    with log.open("w") as out:
        started = time.perf_counter()
        returncode = subprocess.run([sys.executable, "-S", "-c", WRAPPER, str(report), *command],
                                    env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT).returncode
        wall = time.perf_counter() - started
    usage = read_json(report) or {}
    result = {"step": name, "command": " ".join(shlex.quote(c) for c in command),
              "wall_seconds": round(usage.get("wall_seconds", wall), 3),
              "peak_rss_mb": round(usage.get("maxrss_kib", 0) / MB, 1),
              "user_seconds": round(usage.get("user_seconds", 0), 3),
              "system_seconds": round(usage.get("system_seconds", 0), 3),
              "wrapper_rss_mb": round(usage.get("wrapper_kib", 0) / MB, 1),
              "returncode": returncode, "log": str(log)}
    state = "" if returncode == 0 else f" FAILED (exit {returncode}, see {log})"
    print(f" {result['wall_seconds']:.1f} s, {result['peak_rss_mb']:.0f} MB{state}", flush=True)
    return result


# --- the sample and its working copy -------------------------------------------------------------

def ensure_sample(scale: str, sample: Path, wst: list[str], logs: Path) -> None:
    ready = (sample / "raw").is_dir() if scale == "city" else (sample / "sample.json").exists()
    if ready:
        return
    sample.mkdir(parents=True, exist_ok=True)
    print(f"  generating the {scale} sample in {sample}")
    command = [*wst, "sample", "--scale", scale, "--out", str(sample)]
    result = timed("generate sample", command, child_env({}), logs / "sample.log")
    if result["returncode"] != 0 and scale == "city":
        print("  (no `wst sample` yet: generating the city sample with generate_sample)")
        result = timed("generate sample", [sys.executable, "-c", CITY_SCRIPT, str(sample / "raw")],
                       child_env({}), logs / "sample.log")
    if result["returncode"] != 0:
        raise RuntimeError(f"could not generate the {scale} sample: see {logs / 'sample.log'}")


def link_tree(source: Path, target: Path) -> int:
    """Hard-link (or, across file systems, copy) every file of `source` under `target`."""
    count = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, destination)
        except OSError:
            shutil.copy2(path, destination)
        count += 1
    return count


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# --- reading the warehouse -----------------------------------------------------------------------

def _columns(con, schema: str, table: str) -> list[str]:
    return [row[0] for row in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
        [schema, table]).fetchall()]


def warehouse_rates(path: Path) -> dict:
    """Per extract: files and rows from audit.file_versions; the read+validate time (the sum of
    per-file durations, and any other *_ms column the loader records); the extract's load
    time (audit.loads)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        timing = [c for c in _columns(con, "audit", "file_versions") if c.endswith("_ms")]
        sums = "".join(f", sum({c}) / 1000.0 AS \"{c[:-3]}_seconds\"" for c in timing)
        rows = con.execute(
            "SELECT extract, count(*) AS files, count(*) FILTER (WHERE status = 'rejected') AS "
            "files_rejected, coalesce(sum(rows_read), 0) AS rows_read, sum(rows_loaded) AS "
            f"rows_loaded, sum(rows_quarantined) AS rows_quarantined{sums} "
            "FROM audit.file_versions WHERE extract IS NOT NULL GROUP BY extract").fetchall()
        names = ["files", "files_rejected", "rows_read", "rows_loaded", "rows_quarantined",
                 *(f"{c[:-3]}_seconds" for c in timing)]
        found = {extract: {n: (float(v or 0) if n.endswith("_seconds") else int(v or 0))
                           for n, v in zip(names, values)}
                 for extract, *values in rows}
        loads_timing = [c for c in _columns(con, "audit", "loads") if c.endswith("_ms")]
        extra = "".join(f", sum({c}) / 1000.0" for c in loads_timing)
        for extract, seconds, *more in con.execute(
                "SELECT extract, sum(epoch(finished_at) - epoch(started_at))" + extra +
                " FROM audit.loads GROUP BY extract").fetchall():
            if extract in found:
                found[extract]["extract_seconds"] = round(float(seconds), 3)
                for column, value in zip(loads_timing, more):
                    found[extract][f"load_{column[:-3]}_seconds"] = float(value or 0)
        for values in found.values():
            read = values.get("duration_seconds")
            total = values.get("extract_seconds")
            if read is not None and total is not None:
                values["store_and_core_seconds"] = round(max(total - read, 0.0), 3)
        return found
    finally:
        con.close()


def incremental_rows(path: Path, names: list[str]) -> int:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT coalesce(sum(rows_read), 0) FROM audit.file_versions "
                           "WHERE list_contains(?, source_file)", [names]).fetchone()[0]
    finally:
        con.close()


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


# --- one scale -----------------------------------------------------------------------------------

def run_scale(scale: str, work: Path, args) -> dict:
    root = work / scale
    sample, run = root / "sample", root / "run"
    logs = run / "logs"
    print(f"\n== {scale} ==")
    wst = shlex.split(args.wst) if args.wst else [args.uv, "run", "wst"]
    ensure_sample(scale, sample, wst, root / "logs")
    if run.exists():
        shutil.rmtree(run)
    raw = run / "raw"
    link_tree(sample / "raw", raw)
    files, size = folder_size(raw)
    print(f"  {files} files, {size / 1e6:.1f} MB in {sample / 'raw'}")
    warehouse = run / "wst" / "warehouse.duckdb"
    warehouse.parent.mkdir(parents=True)
    env = {"WST_RAW_DIR": str(raw), "WST_WAREHOUSE": str(warehouse),
           "WST_PSEUDONYM_KEY": BENCHMARK_KEY, "DAGSTER_HOME": str(run / "dagster"),
           "WST_REPORTS_DIR": str(run / "reports")}
    if (sample / "partners.toml").exists():
        env["WST_PARTNERS"] = str(sample / "partners.toml")
    env = child_env(env)

    steps = {"load": timed("wst load (end to end)", [*wst, "load"], env, logs / "load.log")}
    rates = warehouse_rates(warehouse) if warehouse.exists() else {}
    rows = sum(v["rows_read"] for v in rates.values())
    steps["noop"] = timed("wst load again, nothing new", [*wst, "load"], env, logs / "load-noop.log")
    marts_json = run / "marts.json"
    steps["marts"] = timed("indicators + exceptions rebuild",
                           [sys.executable, "-c", MARTS_SCRIPT, str(warehouse), str(marts_json)],
                           env, logs / "marts.log")
    marts = read_json(marts_json) or {}

    floor_json = run / "floor.json"
    (run / "floor").mkdir()
    steps["floor"] = timed("DuckDB floor (read_csv)",
                           [sys.executable, "-m", "benchmarks.floor_duckdb", str(raw),
                            str(run / "floor" / "floor.duckdb"), "--json", str(floor_json)],
                           env, logs / "floor.log")
    floor = read_json(floor_json)

    pandas = None
    if not args.skip_pandas:
        pandas_json = run / "pandas.json"
        (run / "pandas").mkdir()
        steps["pandas"] = timed("pandas + pandera reference",
                                [sys.executable, "-m", "benchmarks.reference_pandas", str(raw),
                                 str(run / "pandas" / "pandas.duckdb"), "--json", str(pandas_json)],
                                env, logs / "pandas.log")
        pandas = read_json(pandas_json)

    incremental = None
    if (sample / "incremental").is_dir():
        names = [p.relative_to(sample / "incremental").as_posix()
                 for p in sorted((sample / "incremental").rglob("*")) if p.is_file()]
        link_tree(sample / "incremental", raw)
        steps["incremental"] = timed("wst load, one new month", [*wst, "load"], env,
                                     logs / "load-incremental.log")
        incremental = {"files": len(names), "rows": incremental_rows(warehouse, names)}

    result = {"scale": scale, "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": machine(), "versions": versions(),
              "sample": {"dir": str(sample), "files": files, "bytes": size, "rows_read": rows},
              "steps": steps, "wst_extracts": rates, "marts": marts, "floor": floor,
              "pandas": pandas, "incremental": incremental}
    result["summary"] = summarise(result)
    (work / f"results-{scale}.json").write_text(json.dumps(result, indent=2, default=str))
    return result


def summarise(result: dict) -> dict:
    steps = result["steps"]
    load = steps["load"]["wall_seconds"]
    rows = result["sample"]["rows_read"]
    cpu = {name: step["user_seconds"] + step["system_seconds"] for name, step in steps.items() if step}
    summary = {"rows": rows, "load_seconds": load, "peak_rss_mb": steps["load"]["peak_rss_mb"],
               "load_cpu_seconds": round(cpu["load"], 3),
               "load_ok": steps["load"]["returncode"] == 0,
               "noop_seconds": steps["noop"]["wall_seconds"],
               "seconds_per_million_rows": round(load / rows * 1e6, 3) if rows else None}
    if steps.get("floor"):
        summary["floor_seconds"] = steps["floor"]["wall_seconds"]
        summary["vs_floor"] = round(load / steps["floor"]["wall_seconds"], 2)
        summary["vs_floor_cpu"] = round(cpu["load"] / cpu["floor"], 2) if cpu["floor"] else None
        floor_rows = (result["floor"] or {}).get("rows")
        if floor_rows:
            summary["floor_seconds_per_million_rows"] = round(
                steps["floor"]["wall_seconds"] / floor_rows * 1e6, 3)
    if steps.get("pandas"):
        summary["pandas_seconds"] = steps["pandas"]["wall_seconds"]
        summary["pandas_speedup"] = round(steps["pandas"]["wall_seconds"] / load, 2)
        summary["pandas_speedup_cpu"] = round(cpu["pandas"] / cpu["load"], 2) if cpu["load"] else None
        pandas_rows = (result["pandas"] or {}).get("rows")
        if pandas_rows:
            summary["pandas_seconds_per_million_rows"] = round(
                steps["pandas"]["wall_seconds"] / pandas_rows * 1e6, 3)
    if steps.get("incremental"):
        summary["incremental_seconds"] = steps["incremental"]["wall_seconds"]
        summary["incremental_ratio"] = round(steps["incremental"]["wall_seconds"] / load, 3)
    return summary


# --- printing ------------------------------------------------------------------------------------

def _rate(rows, seconds) -> str:
    return f"{rows / seconds:,.0f}" if rows and seconds else "-"


def _f(value, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def print_scale(result: dict) -> None:
    s = result["sample"]
    print(f"\n{result['scale']}: {s['rows_read']:,} rows read by wst load, {s['files']} files, "
          f"{s['bytes'] / 1e6:,.1f} MB")
    print(f"  {'step':<36}{'wall s':>10}{'CPU s':>9}{'peak RSS MB':>13}{'rows/s':>12}  exit")
    floor_rows = (result["floor"] or {}).get("rows")
    pandas_rows = (result["pandas"] or {}).get("rows")
    incremental_rows_ = (result["incremental"] or {}).get("rows")
    row_counts = {"load": s["rows_read"], "floor": floor_rows, "pandas": pandas_rows,
                  "incremental": incremental_rows_}
    for key, step in result["steps"].items():
        if not step:
            continue
        cpu = step["user_seconds"] + step["system_seconds"]
        print(f"  {step['step']:<36}{step['wall_seconds']:>10,.2f}{cpu:>9,.2f}{step['peak_rss_mb']:>13,.0f}"
              f"{_rate(row_counts.get(key), step['wall_seconds']):>12}  {step['returncode']}")
    marts = result["marts"]
    if marts:
        print(f"    of which build_indicators {marts['indicators']:.2f} s, "
              f"build_exceptions {marts['exceptions']:.2f} s (in-process times)")

    rates, pandas = result["wst_extracts"], (result["pandas"] or {}).get("extracts", {})
    floor = (result["floor"] or {}).get("extracts", {})
    print("\n  wst load per extract (audit.file_versions, audit.loads): rows/s of reading and "
          "validating (per-file durations), of storing and core, of the whole extract")
    print(f"  {'extract':<21}{'files':>6}{'read':>10}{'loaded':>10}{'quar.':>7}"
          f"{'read+val s':>11}{'rows/s':>10}{'store s':>9}{'rows/s':>10}{'extract s':>10}{'rows/s':>10}")
    for extract in EXTRACTS:
        v = rates.get(extract)
        if not v:
            continue
        read_s, store_s, total_s = (v.get("duration_seconds"), v.get("store_and_core_seconds"),
                                    v.get("extract_seconds"))
        print(f"  {extract:<21}{v['files']:>6}{v['rows_read']:>10,}{v['rows_loaded']:>10,}"
              f"{v['rows_quarantined']:>7,}{_f(read_s):>11}{_rate(v['rows_read'], read_s):>10}"
              f"{_f(store_s):>9}{_rate(v['rows_read'], store_s):>10}{_f(total_s):>10}"
              f"{_rate(v['rows_read'], total_s):>10}")
        others = {k: x for k, x in v.items() if k.endswith("_seconds") and k not in
                  ("duration_seconds", "store_and_core_seconds", "extract_seconds")}
        if others:
            print("  " + " " * 21 + ", ".join(f"{k} {x:.2f} ({_rate(v['rows_read'], x)} rows/s)"
                                              for k, x in others.items()))
    if pandas:
        print("\n  pandas reference per extract: seconds (rows/s) of each phase; loaded and "
              "quarantined rows compared with wst load")
        print(f"  {'extract':<21}{'read':>16}{'validate':>16}{'pseudonymise':>16}{'load':>16}"
              f"{'loaded':>9}{'quar.':>7}  same as wst?")
        for extract in EXTRACTS:
            p = pandas.get(extract)
            if not p:
                continue
            cells = "".join(f"{p['seconds'][ph]:>7.2f} ({_rate(p['rows_read'], p['seconds'][ph]):>7})"
                            for ph in ("read", "validate", "pseudonymise", "load"))
            w = rates.get(extract, {})
            same = (p["rows_loaded"], p["rows_quarantined"]) == (w.get("rows_loaded"), w.get("rows_quarantined"))
            note = "yes" if same else (f"no: wst {w.get('rows_loaded')} loaded, "
                                       f"{w.get('rows_quarantined')} quarantined")
            print(f"  {extract:<21}{cells}{p['rows_loaded']:>9,}{p['rows_quarantined']:>7,}  {note}")
    if floor:
        print("\n  floor per extract: " + ", ".join(
            f"{e} {v['rows']:,} rows {v['seconds']:.2f} s ({_rate(v['rows'], v['seconds'])} rows/s)"
            + (f", {v['transcoded_files']} transcoded" if v.get("transcoded_files") else "")
            + (f", {v['xlsx_not_read']} xlsx not read" if v.get("xlsx_not_read") else "")
            for e, v in floor.items() if v["files"]))


def _verdict(value, target, better: str) -> str:
    if value is None:
        return "-"
    met = value <= target if better == "lower" else value >= target
    return "met" if met else "MISSED"


def print_summary(results: dict[str, dict], fresh: set[str]) -> None:
    order = [s for s in SCALES if s in results]
    if not order:
        return
    print("\n== summary ==")
    if set(order) - fresh:
        print("(" + ", ".join(f"{s} from an earlier run, {results[s]['finished_at']}"
                              for s in order if s not in fresh) + ")")
    header = f"  {'':<44}" + "".join(f"{s:>14}" for s in order) + f"{'target':>14}"
    print(header)

    def line(label: str, values: list, target: str = "") -> None:
        print(f"  {label:<44}" + "".join(f"{v:>14}" for v in values) + f"{target:>14}")

    summaries = [results[s]["summary"] for s in order]
    line("rows read", [f"{x['rows']:,}" for x in summaries])
    line("wst load, end to end (s)", [_f(x["load_seconds"]) for x in summaries])
    line("wst load with nothing new (s)", [_f(x.get("noop_seconds")) for x in summaries])
    line("DuckDB floor (s)", [_f(x.get("floor_seconds")) for x in summaries])
    line("pandas reference (s)", [_f(x.get("pandas_seconds")) for x in summaries])
    line("end to end / floor", [_f(x.get("vs_floor")) + "x" if x.get("vs_floor") else "-"
                                for x in summaries], f"<= {TARGETS['vs_floor']:g}x")
    line("  verdict", [_verdict(x.get("vs_floor"), TARGETS["vs_floor"], "lower") for x in summaries])
    line("  the same in CPU time (user + system)", [_f(x.get("vs_floor_cpu")) + "x"
                                                    if x.get("vs_floor_cpu") else "-" for x in summaries])
    line("speed-up over pandas (pandas / end to end)",
         [_f(x.get("pandas_speedup")) + "x" if x.get("pandas_speedup") else "-" for x in summaries],
         f">= {TARGETS['pandas_speedup']:g}x")
    line("  verdict", [_verdict(x.get("pandas_speedup"), TARGETS["pandas_speedup"], "higher")
                       for x in summaries])
    line("  the same in CPU time (user + system)", [_f(x.get("pandas_speedup_cpu")) + "x"
                                                    if x.get("pandas_speedup_cpu") else "-"
                                                    for x in summaries])
    line("peak RSS of wst load (MB)", [_f(x["peak_rss_mb"], 0) for x in summaries],
         f"< {TARGETS['peak_rss_mb']:,.0f}")
    line("  verdict", [_verdict(x["peak_rss_mb"], TARGETS["peak_rss_mb"] - 1e-9, "lower")
                       for x in summaries])
    line("one new month / full load", [f"{x['incremental_ratio']:.1%}" if x.get("incremental_ratio")
                                       is not None else "-" for x in summaries],
         f"<= {TARGETS['incremental']:.0%}")
    line("  verdict", [_verdict(x.get("incremental_ratio"), TARGETS["incremental"], "lower")
                       for x in summaries])
    print("  (the targets are set for England scale; smaller scales are dominated by fixed costs)")

    print("\n  linearity: seconds per million rows, and its ratio to the next smaller scale "
          "(1.0 = linear)")
    for label, key in (("wst load", "seconds_per_million_rows"),
                       ("floor", "floor_seconds_per_million_rows"),
                       ("pandas", "pandas_seconds_per_million_rows")):
        values = [x.get(key) for x in summaries]
        if not any(values):
            continue
        line(f"{label} (s per million rows)", [_f(v) for v in values])
        ratios = ["-"] + [f"{b / a:.2f}" if a and b else "-" for a, b in zip(values, values[1:])]
        line(f"{label} ratio to previous scale", ratios)
    marginal = []
    for x in summaries:
        if x.get("noop_seconds") is not None and x["rows"]:
            marginal.append(_f((x["load_seconds"] - x["noop_seconds"]) / x["rows"] * 1e6))
        else:
            marginal.append("-")
    line("wst load less its fixed cost (s per M rows)", marginal)
    rows = [x["rows"] for x in summaries]
    if len(rows) > 1:
        line("rows relative to previous scale", ["-"] + [f"{b / a:.1f}x" if a else "-"
                                                          for a, b in zip(rows, rows[1:])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark wst load against DuckDB read_csv "
                                     "and a pandas + pandera reference.")
    parser.add_argument("--scales", nargs="+", choices=SCALES, default=["city"],
                        help="scales to run (default: city)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/wst-bench"),
                        help="working folder: samples, warehouses, logs, results (default /tmp/wst-bench)")
    parser.add_argument("--skip-pandas", action="store_true", help="do not run the pandas reference")
    parser.add_argument("--wst", default=None,
                        help="the command that runs wst (default: 'uv run wst'); e.g. '.venv/bin/wst'")
    parser.add_argument("--uv", default=os.environ.get("UV") or shutil.which("uv") or "uv",
                        help="the uv executable (default: the one running this, else uv on PATH)")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)

    info, found = machine(), versions()
    print(f"machine: {info['cpu']}, {info['cores']} cores ({info['cores_usable']} usable), "
          f"{info['ram_gb']} GB RAM, {info['os']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in found.items()))
    print(f"work folder: {work}")

    results, fresh = {}, set()
    for scale in args.scales:
        try:
            results[scale] = run_scale(scale, work, args)
        except RuntimeError as error:
            print(f"  {scale}: {error}")
            continue
        fresh.add(scale)
        print_scale(results[scale])
    for scale in SCALES:
        if scale not in results and (earlier := read_json(work / f"results-{scale}.json")):
            results[scale] = earlier
    print_summary(results, fresh)
    return 0 if all(results[s]["summary"]["load_ok"] for s in fresh) and fresh else 1


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(REPO))
    sys.exit(main())
