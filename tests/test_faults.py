"""Faults: a load killed at random points, a full disk, a read-only warehouse. Each leaves a
consistent warehouse, says what happened, and the next load ends exactly where an
uninterrupted one does."""

import os
import random
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from tests.conftest import Workspace, settings_for, open_db
from tests.test_cli import WST, wst
from wst_analytics.sample import generate_sample
from wst_analytics.warehouse import audit

# What a finished load holds, without what differs between runs (ids, times, run ids).
SNAPSHOT = {
    "audit.file_versions": "SELECT file_label, path_key, sha256, status, reject_rule, rows_read, rows_loaded, rows_quarantined "
                           "FROM audit.file_versions",
    "quarantine.rows": 'SELECT file_label, source_row, "column", rule, record_key FROM quarantine.rows',
    "core.cp_plans": "SELECT * EXCLUDE (file_version_id) FROM core.cp_plans",
    "core.adult_concerns": "SELECT * EXCLUDE (file_version_id) FROM core.adult_concerns",
    "core.s42_enquiries": "SELECT * EXCLUDE (file_version_id) FROM core.s42_enquiries",
    "core.police_incidents": "SELECT * EXCLUDE (file_version_id) FROM core.police_incidents",
    "core.training_attendance": "SELECT * EXCLUDE (file_version_id) FROM core.training_attendance",
    "marts.indicator_values": "SELECT * FROM marts.indicator_values",
    "published.indicator_values": "SELECT * FROM published.indicator_values",
    "marts.exceptions": "SELECT kind, severity, message FROM marts.exceptions",
}


def snapshot(space: Workspace) -> dict[str, list]:
    con = open_db(space.warehouse)
    try:
        return {name: sorted(map(repr, con.execute(query).fetchall())) for name, query in SNAPSHOT.items()}
    finally:
        con.close()


def assert_consistent(space: Workspace) -> None:
    """Every file version in the audit is wholly stored; nothing is stored without one."""
    if not space.warehouse.exists():
        return
    con = open_db(space.warehouse)
    try:
        tables = {schema for (schema,) in con.execute("SELECT DISTINCT schema_name FROM duckdb_tables()").fetchall()}
        if "audit" not in tables:  # killed before its tables were made: nothing is stored yet
            assert not tables, tables
            return
        ids = [r[0] for r in con.execute("SELECT file_version_id FROM audit.file_versions").fetchall()]
        assert all(c["conserved"] for c in audit.conservation(con, ids))
        orphans = con.execute("SELECT count(*) FROM quarantine.rows WHERE file_version_id NOT IN "
                              "(SELECT file_version_id FROM audit.file_versions)").fetchall()[0][0]
        assert orphans == 0
    finally:
        con.close()


def sample_space(root, name) -> Workspace:
    """A smaller sample than the demo's (one year, a tenth of the records): many files and
    every extract, so a kill lands mid-load, at a fraction of the demo's cost."""
    space = Workspace(root / name)
    generate_sample(space.raw, scale=0.1, years=("2019-20",))
    return space


def environment(space: Workspace) -> dict:
    return {**os.environ, **settings_for(space), "WST_COPIES_DIR": str(space.root / "copies")}


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    space = sample_space(tmp_path_factory.mktemp("faults"), "uninterrupted")
    started = time.monotonic()
    done = subprocess.run([WST, "load"], env=environment(space), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:]
    return snapshot(space), time.monotonic() - started


def test_a_load_killed_at_random_points_resumes_to_the_same_state(uninterrupted, tmp_path):
    expected, duration = uninterrupted
    space = sample_space(tmp_path, "killed")
    rng = random.Random(20200331)
    for fraction in sorted(rng.uniform(0.15, 0.9) for _ in range(3)):
        load = subprocess.Popen([WST, "load"], env=environment(space), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(fraction * duration)
        load.send_signal(signal.SIGKILL)
        load.wait(timeout=60)
        assert_consistent(space)
    done = subprocess.run([WST, "load"], env=environment(space), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:]
    assert snapshot(space) == expected


LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so a write past the limit fails instead of killing
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from wst_analytics.cli import main
sys.exit(main(["load"]))
"""


def test_a_full_disk_gives_a_clear_error_and_loses_nothing(uninterrupted, tmp_path):
    expected, _ = uninterrupted
    space = sample_space(tmp_path, "full")
    full = subprocess.run([sys.executable, "-c", LIMITED, str(4 * 1024 * 1024)], env=environment(space),
                          capture_output=True, text=True, timeout=600)
    assert full.returncode == 1
    assert "the disk holding the warehouse is full" in full.stdout
    assert_consistent(space)
    done = subprocess.run([WST, "load"], env=environment(space), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:]
    assert snapshot(space) == expected


def test_a_read_only_warehouse_gives_a_clear_error_and_changes_nothing(workspace):
    from tests.conftest import VALID

    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    assert wst("load").returncode == 0
    before = workspace.warehouse.read_bytes()
    workspace.drop("police_incidents/wmp_2019-05.csv", [{**VALID["police_incidents"], "incident_id": "X2"}])
    if subprocess.run(["chattr", "+i", str(workspace.warehouse)], capture_output=True).returncode != 0:
        pytest.fail("chattr +i is needed to make the warehouse read-only for root")
    try:
        done = wst("load")
    finally:
        subprocess.run(["chattr", "-i", str(workspace.warehouse)], check=True)
    assert done.returncode == 2
    assert "the warehouse cannot be written (read-only, or no permission)" in done.stdout
    assert workspace.warehouse.read_bytes() == before
