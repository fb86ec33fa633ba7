"""Two loads at once: one runs, the other refuses (or waits) with a clear message; the
warehouse is never left corrupt or mixed."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import dagster as dg
import pytest

from tests.conftest import VALID
from tests.test_cli import WST, wst
from wst_analytics import settings
from wst_analytics.warehouse.lock import LoadInProgress, load_lock, lock_path

DAGSTER = str(Path(sys.executable).parent / "dagster")


def test_a_second_load_refuses_while_one_holds_the_warehouse(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    with load_lock(workspace.warehouse):
        done = wst("load")
    assert done.returncode == 3
    assert "refusing" in done.stdout and "is still running" in done.stdout and "--wait" in done.stdout
    assert not workspace.warehouse.exists()


def _watch(process, needle: str) -> tuple[list[str], threading.Event]:
    """Collect a process's output lines as they come; the event is set once `needle` appears."""
    lines, seen = [], threading.Event()

    def read():
        for line in process.stdout:
            lines.append(line)
            if needle in line:
                seen.set()
    threading.Thread(target=read, daemon=True).start()
    return lines, seen


def _waited(output: str) -> float:
    found = re.search(r"[Ww]aited (\d+\.\d) s for the load started at .* by process (\d+)", output)
    assert found, output
    return float(found.group(1))


HELD = 1.0  # how long a holder keeps the lock once the other load says it is waiting


def test_a_second_load_can_wait_for_the_first(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    with load_lock(workspace.warehouse):
        load = subprocess.Popen([WST, "load", "--wait", "60"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        lines, waiting = _watch(load, "Waiting for the load started at")
        assert waiting.wait(60), "".join(lines)
        time.sleep(HELD)  # the wait asserted below includes this
    assert load.wait(timeout=300) == 0, "".join(lines)
    assert _waited("".join(lines)) >= HELD
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 1


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


def _no_interleaving(workspace, first: str, second: str) -> None:
    """Every extract the first run loaded was finished before the second run started any."""
    rows = workspace.query("SELECT load_id, min(started_at), max(finished_at) FROM audit.loads GROUP BY 1")
    spans = {load_id: (start, end) for load_id, start, end in rows}
    assert spans[first][1] <= spans[second][0], spans


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
    runs = [r[0] for r in workspace.query("SELECT load_id FROM audit.loads GROUP BY 1 ORDER BY min(started_at)")]
    assert len(runs) == 2 and workspace.query("SELECT load_id FROM audit.file_versions") == [(runs[0],)]
    _no_interleaving(workspace, *runs)


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
    runs = [r[0] for r in workspace.query("SELECT load_id FROM audit.loads GROUP BY 1 ORDER BY min(started_at)")]
    _no_interleaving(workspace, *runs)


def test_the_monthly_load_runs_in_one_process_so_its_lock_covers_the_whole_run():
    from pipelines.definitions import defs

    assert defs.resolve_job_def("monthly_load").executor_def is dg.in_process_executor


def test_demo_clean_never_removes_a_warehouse_a_load_is_writing(workspace):
    from wst_analytics.warehouse.connection import connect, set_info

    con = connect(workspace.warehouse)
    set_info(con, "demo", "true")  # the demo's own warehouse, which --clean would remove
    con.close()
    with load_lock(workspace.warehouse):
        done = wst("demo", "--clean")
    assert done.returncode == 3 and "refusing" in done.stdout
    assert workspace.warehouse.exists()


def test_the_lock_names_the_load_holding_it(tmp_path):
    with load_lock(tmp_path / "wst.duckdb"):
        with pytest.raises(LoadInProgress, match=r"started at .* UTC by process \d+"):
            with load_lock(tmp_path / "wst.duckdb"):
                pass


def test_two_loads_started_together_give_one_consistent_warehouse(workspace):
    for month in ("04", "05", "06"):
        workspace.drop(f"police_incidents/wmp_2019-{month}.csv",
                       [{**VALID["police_incidents"], "incident_id": f"I{month}", "recorded_date": f"2019-{month}-03"}])
    loads = [subprocess.Popen([WST, "load"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for _ in range(2)]
    outcomes = sorted(load.wait(timeout=300) for load in loads)
    assert outcomes in ([0, 0], [0, 3])  # the second either refused, or found nothing new after the first
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 3
    assert workspace.scalar("SELECT count(*) FROM audit.file_versions") == 3


def test_readers_of_the_copies_never_wait_nor_see_a_half_written_copy(sample_warehouse, tmp_path):
    from wst_analytics.copies import publish_copies_from
    from wst_analytics.query.connection import open_latest

    space, _, _ = sample_warehouse
    folder = tmp_path / "copies"
    publish_copies_from(space.warehouse, folder)
    expected = open_latest("analyst", folder).execute("SELECT count(*) FROM core.cp_plans").fetchall()[0][0]
    stop, seen, failures = threading.Event(), [], []

    def read():
        while not stop.is_set():
            try:
                con = open_latest("analyst", folder)
                seen.append(con.execute("SELECT count(*) FROM core.cp_plans").fetchall()[0][0])
                con.close()
            except Exception as error:  # any failure to open or read is the defect under test
                failures.append(repr(error))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    for _ in range(3):
        publish_copies_from(space.warehouse, folder)
    stop.set()
    for reader in readers:
        reader.join()
    assert failures == [] and len(seen) > 3 and set(seen) == {expected}
