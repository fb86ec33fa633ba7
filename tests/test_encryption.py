"""Encryption at rest: the warehouse, its copies and its backups hold none of what was loaded
in their bytes, and none opens without its key (or with another)."""

from __future__ import annotations

import subprocess
import sys

import dagster as dg
import duckdb
import pytest

from tests.conftest import TEST_COPY_KEY, TEST_WAREHOUSE_KEY, VALID, Workspace, open_db, pointed_at
from tests.helpers import materialize
from wst_analytics.keys import MissingKeyError
from wst_analytics.query import open_latest
from wst_analytics.warehouse.backup import take_backup
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.encrypted import KeyRefused
from wst_analytics.warehouse.health import open_checked
from wst_analytics.warehouse.restore import BackupUnusable, verify

PLANTED = "Zebedee-Planted-Course-7731"  # free text the warehouse and the analyst copy keep as sent
CHILD = "ZQXPLANTEDCHILD9931"  # an identifier: pseudonymised, so never stored anywhere


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """One load with a planted course title and child, into an instance whose storage is kept
    on disk; then a backup: (workspace, Dagster home, backup)."""
    space = Workspace(tmp_path_factory.mktemp("planted"))
    home = space.root / "dagster_home"
    home.mkdir()
    with pointed_at(space):
        space.drop("training_attendance/wst_2019-04.csv", [{**VALID["training_attendance"], "course_title": PLANTED}])
        space.drop("cp_plans/cwc-cs_2019-04.csv", [{**VALID["cp_plans"], "child_id": CHILD}])
        with dg.instance_for_test(temp_dir=str(home)) as instance:
            assert materialize(space, instance=instance).success
        con = connect(space.warehouse)
        try:
            backup = take_backup(con, space.warehouse, "test")
        finally:
            con.close()
    return space, home, backup


def files_of(space: Workspace, backup) -> dict:
    copies = space.root / "warehouse" / "published"
    return {"warehouse": space.warehouse, "analyst copy": copies / "analyst.duckdb",
            "report copy": copies / "report.duckdb", "backup": backup.path}


def test_the_planted_value_is_in_the_tables(planted):
    space, _, backup = planted
    assert space.scalar("SELECT count(*) FROM core.training_attendance WHERE course_title = ?", [PLANTED]) == 1
    con = open_db(files_of(space, backup)["analyst copy"])
    try:
        assert con.execute("SELECT count(*) FROM core.training_attendance WHERE course_title = ?",
                           [PLANTED]).fetchall() == [(1,)]
    finally:
        con.close()


def test_no_file_holds_the_planted_value_in_its_bytes(planted):
    space, _, backup = planted
    found = {name: path.stat().st_size for name, path in files_of(space, backup).items()}
    assert all(found.values())  # every file is there
    for name, path in files_of(space, backup).items():
        raw = path.read_bytes()
        assert PLANTED.encode() not in raw and b"Working Together" not in raw, name
        assert b"training_attendance" not in raw, f"{name}: even the table names are encrypted"


def test_dagster_run_storage_holds_no_personal_data(planted):
    _, home, _ = planted
    stored = [path for path in home.rglob("*") if path.is_file()]
    assert stored  # the runs, their events
    for path in stored:
        raw = path.read_bytes()
        assert PLANTED.encode() not in raw and CHILD.encode() not in raw, path


def test_no_file_opens_without_its_key(planted):
    space, _, backup = planted
    for name, path in files_of(space, backup).items():
        with pytest.raises(duckdb.Error, match="without a key"):
            duckdb.connect(str(path), read_only=True)


def test_the_warehouse_and_a_backup_refuse_another_key_in_one_line(planted):
    space, _, backup = planted
    for path in (space.warehouse, backup.path):
        with pytest.raises(KeyRefused, match="does not open with WST_WAREHOUSE_KEY") as refused:
            open_checked(path, read_only=True, key="another-key-0123456789")
        assert "\n" not in str(refused.value) and "another-key" not in str(refused.value)


def test_a_copy_refuses_the_warehouse_key_and_opens_with_its_own(planted):
    space, _, _ = planted
    folder = space.root / "warehouse" / "published"
    with pytest.raises(KeyRefused, match="the copy .*report.duckdb does not open with WST_COPY_KEY"):
        open_latest("report", folder, key=TEST_WAREHOUSE_KEY)
    con = open_latest("report", folder, key=TEST_COPY_KEY)
    assert con.execute("SELECT count(*) > 0 FROM published.indicator_values").fetchall() == [(True,)]
    con.close()


def test_the_query_library_needs_the_copy_key(planted, monkeypatch):
    space, _, _ = planted
    monkeypatch.delenv("WST_COPY_KEY")
    with pytest.raises(MissingKeyError, match="WST_COPY_KEY is not set"):
        open_latest("analyst", space.root / "warehouse" / "published")


def test_a_backup_checked_with_another_key_is_unusable(planted, monkeypatch):
    _, _, backup = planted
    monkeypatch.setenv("WST_WAREHOUSE_KEY", "another-key-0123456789")
    with pytest.raises(BackupUnusable, match="does not open with WST_WAREHOUSE_KEY"):
        verify(backup)




def test_the_write_ahead_log_is_encrypted_too(planted, tmp_path):
    space, _, _ = planted
    warehouse = tmp_path / "wst.duckdb"
    warehouse.write_bytes(space.warehouse.read_bytes())
    script = ("import os, sys\nfrom wst_analytics.warehouse.encrypted import open_file\n"
              "con = open_file(sys.argv[1], os.environ['WST_WAREHOUSE_KEY'], 'WST_WAREHOUSE_KEY')\n"
              "con.execute(\"SET checkpoint_threshold = '1TB'\")\n"
              f"con.execute(\"INSERT INTO audit.warehouse_info VALUES ('planted', '{PLANTED}')\")\n"
              "os._exit(0)\n")  # killed before any checkpoint: the change is in the log alone
    subprocess.run([sys.executable, "-c", script, str(warehouse)], check=True)
    log = warehouse.with_name("wst.duckdb.wal").read_bytes()
    assert log and PLANTED.encode() not in log and b"warehouse_info" not in log
