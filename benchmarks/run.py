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
import shlex
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a script: `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import REPO, child_env, machine, read_json, timed, versions  # noqa: E402
from benchmarks.report import SCALES, print_scale, print_summary, summarise  # noqa: E402

BENCHMARK_KEY = "wst-benchmark-key-not-a-secret-0001"  # fixed, so pseudonyms compare across runs
BENCHMARK_WAREHOUSE_KEY = "wst-benchmark-warehouse-key-not-a-secret"  # the files are encrypted, as a real load's
BENCHMARK_COPY_KEY = "wst-benchmark-copy-key-not-a-secret"

MARTS_SCRIPT = """
import json, os, sys, time
from wst_analytics.exceptions.build import build_exceptions
from wst_analytics.indicators.build import build_indicators
from wst_analytics.warehouse.encrypted import open_file
con = open_file(sys.argv[1], os.environ["WST_WAREHOUSE_KEY"], "WST_WAREHOUSE_KEY")
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
    from wst_analytics.warehouse.encrypted import open_file

    con = open_file(path, BENCHMARK_WAREHOUSE_KEY, "WST_WAREHOUSE_KEY", read_only=True)
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


def incremental_rows(path: Path) -> int:
    """Rows read by the last load (the warehouse knows files by label, not by name)."""
    from wst_analytics.warehouse.encrypted import open_file

    con = open_file(path, BENCHMARK_WAREHOUSE_KEY, "WST_WAREHOUSE_KEY", read_only=True)
    try:
        return con.execute("SELECT coalesce(sum(rows_read), 0) FROM audit.file_versions WHERE load_id = "
                           "(SELECT arg_max(load_id, file_version_id) FROM audit.file_versions)").fetchone()[0]
    finally:
        con.close()


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
           "WST_PSEUDONYM_KEY": BENCHMARK_KEY, "WST_WAREHOUSE_KEY": BENCHMARK_WAREHOUSE_KEY,
           "WST_COPY_KEY": BENCHMARK_COPY_KEY, "DAGSTER_HOME": str(run / "dagster"),
           "WST_REPORTS_DIR": str(run / "reports"),
           "WST_SETTLE_SECONDS": "0"}  # the linked sample is whole: time the load, not the settle wait
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
        incremental = {"files": len(names), "rows": incremental_rows(warehouse)}

    result = {"scale": scale, "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": machine(), "versions": versions(),
              "sample": {"dir": str(sample), "files": files, "bytes": size, "rows_read": rows},
              "steps": steps, "wst_extracts": rates, "marts": marts, "floor": floor,
              "pandas": pandas, "incremental": incremental}
    result["summary"] = summarise(result)
    (work / f"results-{scale}.json").write_text(json.dumps(result, indent=2, default=str))
    return result


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
