"""A run the Dagster daemon launches (the sensor's, the schedule's) and a `wst load` never
interleave: every run holds the load lock from its start to its end, and the one that waits says
whom it waited for and how long (the wait is measured, and asserted)."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg

from tests.conftest import VALID
from tests.test_cli import WST
from tests.test_concurrency import HELD, _waited, _watch
from wst_analytics import settings
from wst_analytics.warehouse.lock import lock_path

DAGSTER = str(Path(sys.executable).parent / "dagster")


def _dagster_home(workspace) -> dict:
    """The environment of a run the Dagster daemon launches (the sensor's, the schedule's):
    the project's instance settings, and no `wst` command around it."""
    home = workspace.root / "dagster_home"
    home.mkdir(exist_ok=True)
    shutil.copyfile(settings.dagster_yaml(), home / "dagster.yaml")
    return {**os.environ, "DAGSTER_HOME": str(home)}


def _daemon_run(workspace) -> subprocess.Popen:
    """The monthly load as the daemon runs it: the job, with its own executor, in a new process."""
    return subprocess.Popen([DAGSTER, "job", "execute", "-m", "pipelines.definitions", "-j", "monthly_load"],
                            env=_dagster_home(workspace), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def _holder_pid(workspace) -> int | None:
    text = lock_path(workspace.warehouse).read_text() if lock_path(workspace.warehouse).exists() else ""
    return json.loads(text)["pid"] if text else None


def test_a_load_waits_for_a_run_the_sensor_started(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    run = _daemon_run(workspace)
    run_lines, _ = _watch(run, "never")
    deadline = time.monotonic() + 120
    while _holder_pid(workspace) != run.pid and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    assert _holder_pid(workspace) == run.pid, "the run never took the load lock:\n" + "".join(run_lines)
    run.send_signal(signal.SIGSTOP)  # the run holds the lock, mid-way, for as long as the test says
    try:
        load = subprocess.Popen([WST, "load", "--wait", "120"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=_dagster_home(workspace))
        lines, waiting = _watch(load, "Waiting for the load started at")
        assert waiting.wait(60), "".join(lines)
        time.sleep(HELD)
    finally:
        run.send_signal(signal.SIGCONT)
    assert run.wait(timeout=300) == 0, "".join(run_lines)
    assert load.wait(timeout=300) == 0, "".join(lines)
    assert _waited("".join(lines)) >= HELD
    assert f"by process {run.pid}" in "".join(lines)
    # The waiting load came after the run had taken the file in: it found nothing new to do.
    runs = [r[0] for r in workspace.query("SELECT load_id FROM audit.loads GROUP BY 1 ORDER BY min(started_at)")]
    assert len(runs) == 1 and workspace.query("SELECT load_id FROM audit.file_versions") == [(runs[0],)]
    assert "Nothing new: 1 files already loaded" in "".join(lines)


def test_a_run_the_sensor_started_waits_for_a_load_and_says_so(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    load = subprocess.Popen([WST, "load"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=_dagster_home(workspace))
    load_lines, _ = _watch(load, "never")
    deadline = time.monotonic() + 120
    while _holder_pid(workspace) != load.pid and time.monotonic() < deadline and load.poll() is None:
        time.sleep(0.05)
    assert _holder_pid(workspace) == load.pid, "".join(load_lines)
    load.send_signal(signal.SIGSTOP)
    try:
        run = _daemon_run(workspace)
        lines, waiting = _watch(run, "Waiting for the load started at")
        assert waiting.wait(120), "".join(lines)
        time.sleep(HELD)
    finally:
        load.send_signal(signal.SIGCONT)
    assert load.wait(timeout=300) == 0, "".join(load_lines)
    assert run.wait(timeout=300) == 0, "".join(lines)
    assert _waited("".join(lines)) >= HELD and f"by process {load.pid}" in "".join(lines)
    # The waiting run came after the load had taken the file in: it found nothing new to do.
    runs = [r[0] for r in workspace.query("SELECT load_id FROM audit.loads GROUP BY 1 ORDER BY min(started_at)")]
    assert len(runs) == 1 and workspace.query("SELECT load_id FROM audit.file_versions") == [(runs[0],)]


def test_the_monthly_load_runs_in_one_process_so_its_lock_covers_the_whole_run():
    from pipelines.definitions import defs

    assert defs.resolve_job_def("monthly_load").executor_def is dg.in_process_executor
