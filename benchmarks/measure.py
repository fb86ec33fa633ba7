"""Running one benchmark step in its own process and measuring it: wall clock, CPU time and peak
memory (from the step's own `os.wait4` rusage, through a tiny wrapper), and the machine and
versions it ran on. Used by `benchmarks/run.py`."""

from __future__ import annotations

import json
import os
import platform
import shlex
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MB = 1024  # ru_maxrss is in KiB on Linux


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
        changed = subprocess.run(["git", "status", "--porcelain", "--", "wst_analytics", "pipelines"], cwd=REPO, capture_output=True,
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


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


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
