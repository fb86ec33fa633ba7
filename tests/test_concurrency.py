"""Two loads at once: one runs, the other refuses (or waits) with a clear message; the
warehouse is never left corrupt or mixed."""

import re
import subprocess
import threading
import time

import pytest

from tests.conftest import VALID
from tests.test_cli import WST, wst
from wst_analytics.warehouse.lock import LoadInProgress, load_lock


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
