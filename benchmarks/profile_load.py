"""Where a load's time goes: one nothing-new load and one new month, profiled.

    uv run python benchmarks/profile_load.py --scale region --work /tmp/wst-bench \
        --out benchmarks/profiles/region-BEFORE.txt

On a sample `benchmarks/run.py` made (WORK/<scale>/sample), in a folder of its own
(WORK/<scale>/profile): a full load (timed, not profiled), then the nothing-new load and the
new month (DIR/incremental), each `wst load` in its own process under cProfile. It writes, per
profiled load, the CPU seconds of the process, Dagster's own time per step (from the run's
events) and the functions of `wst_analytics` and `pipelines` with the most cumulative time.
cProfile slows Python (not DuckDB), so the step times are a little above the benchmark's.

    uv run python benchmarks/profile_load.py --on /tmp/wst-bench/region/run --out FILE

profiles only a nothing-new load on a folder `benchmarks/run.py` has already loaded (its
warehouse, drop folder and Dagster home), as after a change that makes nothing new cheap.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import child_env, versions  # noqa: E402
from benchmarks.run import BENCHMARK_KEY, link_tree  # noqa: E402

SHOWN = 25
OURS = ("wst_analytics", "pipelines")
WST = str(Path(sys.executable).parent / "wst")  # the console script, which cProfile runs as a script


def run_load(env: dict, profile: Path | None) -> float:
    """`wst load` in its own process; its CPU seconds (user + system, children included)."""
    command = [sys.executable, *(["-m", "cProfile", "-o", str(profile)] if profile else []), WST, "load"]
    before = os.times()
    subprocess.run(command, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def step_times(dagster_home: Path) -> list[tuple[str, list[tuple[str, float | None]]]]:
    """Each run's steps and their seconds (None: skipped), oldest run first (Dagster's step stats)."""
    import dagster as dg

    instance = dg.DagsterInstance.from_config(str(dagster_home))
    runs = []
    for run in reversed(instance.get_runs()):
        stats = instance.get_run_step_stats(run.run_id)
        runs.append((run.run_id, [(s.step_key, s.end_time - s.start_time if s.start_time and s.end_time else None)
                                  for s in stats]))
    return runs


def top_functions(profile: Path) -> str:
    """The package's functions with the most cumulative time."""
    out = io.StringIO()
    stats = pstats.Stats(str(profile), stream=out)
    stats.sort_stats("cumulative").print_stats("|".join(f"/{name}/" for name in OURS), SHOWN)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    return "\n".join(line.replace(str(Path.cwd()) + "/", "") for line in lines[start:] if line.strip())


def report(name: str, cpu: float, steps: list[tuple[str, float | None]], profile: Path) -> str:
    lines = [f"## {name}: {cpu:.1f} s CPU (the process, under cProfile)", "", "Dagster's step times:"]
    lines += [f"  {seconds:8.2f} s  {step}" if seconds is not None else f"   skipped    {step}" for step, seconds in steps]
    lines += [f"  {sum(s for _, s in steps if s is not None):8.2f} s  (all steps)", "",
              f"The {SHOWN} functions of {', '.join(OURS)} with the most cumulative time:", top_functions(profile), ""]
    return "\n".join(lines)


def environment(folder: Path, sample: Path) -> dict:
    """What benchmarks/run.py gives `wst load`, pointed at `folder`."""
    env = {"WST_RAW_DIR": str(folder / "raw"), "WST_WAREHOUSE": str(folder / "wst" / "warehouse.duckdb"),
           "WST_PSEUDONYM_KEY": BENCHMARK_KEY, "DAGSTER_HOME": str(folder / "dagster"),
           "WST_REPORTS_DIR": str(folder / "reports"), "WST_SETTLE_SECONDS": "0"}
    if (sample / "partners.toml").exists():
        env["WST_PARTNERS"] = str(sample / "partners.toml")
    return child_env(env)


def profile_nothing_new(folder: Path, sample: Path, out: Path) -> int:
    cpu = run_load(environment(folder, sample), folder / "noop.prof")
    head = [f"# Profile of `wst load` with nothing new, on {folder}", "",
            "versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()), ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(head + [report("nothing new", cpu, step_times(folder / "dagster")[-1][1],
                                             folder / "noop.prof")]))
    print(f"wrote {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile a nothing-new load and one new month.")
    parser.add_argument("--scale", default="region", choices=["city", "region", "england"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/wst-bench"))
    parser.add_argument("--out", type=Path, required=True, help="the text file to write")
    parser.add_argument("--on", type=Path, help="a run folder benchmarks/run.py loaded: profile one "
                        "nothing-new load on it, nothing else")
    args = parser.parse_args(argv)
    if args.on:
        return profile_nothing_new(args.on, args.work / args.scale / "sample", args.out)
    sample, folder = args.work / args.scale / "sample", args.work / args.scale / "profile"
    if not (sample / "raw").is_dir():
        print(f"no sample in {sample}: run benchmarks/run.py --scales {args.scale} first")
        return 1
    shutil.rmtree(folder, ignore_errors=True)
    link_tree(sample / "raw", folder / "raw")
    (folder / "wst").mkdir(parents=True)
    (folder / "dagster").mkdir()
    env = environment(folder, sample)
    started = time.perf_counter()
    full = run_load(env, None)
    print(f"full load: {full:.1f} s CPU, {time.perf_counter() - started:.1f} s")
    profiled = [("nothing new", folder / "noop.prof")]
    cpu = {"nothing new": run_load(env, folder / "noop.prof")}
    if (sample / "incremental").is_dir():
        link_tree(sample / "incremental", folder / "raw")
        cpu["one new month"] = run_load(env, folder / "month.prof")
        profiled.append(("one new month", folder / "month.prof"))
    runs = step_times(folder / "dagster")
    head = [f"# Profile of `wst load` at {args.scale} scale", "",
            "versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()),
            f"full load (not profiled): {full:.1f} s CPU", ""]
    body = [report(name, cpu[name], runs[i + 1][1], profile) for i, (name, profile) in enumerate(profiled)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(head + body))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
