"""The read-only copies analysts and report authors open: what they hold, that they are
swapped in atomically, and that a notebook holding one open never blocks a load."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading
import time

import dagster as dg
import duckdb
import pytest

from pipelines.assets.copies import COPY_ASSETS
from pipelines.resources import WarehouseResource
from tests.conftest import VALID, open_db
from tests.test_cli import WST
from wst_analytics.copies import (
    copies_dir,
    copy_path,
    publish_copies_from,
    read_manifest,
)
from wst_analytics.query import open_latest


@pytest.fixture(scope="module")
def copies(sample_warehouse, tmp_path_factory):
    """Copies of the sample warehouse: (the warehouse's workspace, the copies folder, manifest)."""
    space = sample_warehouse[0]
    folder = tmp_path_factory.mktemp("copies")
    return space, folder, publish_copies_from(space.warehouse, folder, run_id="run-1")


def table_rows(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]) -> dict[str, int]:
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = "
                         "current_database() AND schema_name IN (SELECT unnest(?::VARCHAR[]))",
                         [list(schemas)]).fetchall()
    return {f"{s}.{t}": con.execute(f"SELECT count(*) FROM {s}.{t}").fetchall()[0][0] for s, t in tables}


def schemas_of(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT DISTINCT schema_name FROM duckdb_tables() "
                                          "WHERE database_name = current_database()").fetchall()}


def small_warehouse(path, value: int) -> None:
    """A warehouse with one table in each copied schema (and an audit table that is not copied)."""
    con = open_db(path, read_only=False)
    for schema in ("audit", "core", "marts", "published"):
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        con.execute(f"CREATE OR REPLACE TABLE {schema}.t AS SELECT {value} AS v")
    con.close()


def test_the_analyst_copy_holds_core_marts_and_published_with_every_row(copies):
    space, folder, _ = copies
    live = open_db(space.warehouse)
    expected = table_rows(live, ("core", "marts", "published", "releases"))
    live.close()
    con = open_latest("analyst", folder)
    assert schemas_of(con) == {"core", "marts", "published", "releases"}
    assert table_rows(con, ("core", "marts", "published", "releases")) == expected
    assert len(expected) > 15


def test_the_report_copy_holds_only_published_and_releases(copies):
    _, folder, manifest = copies
    con = open_latest("report", folder)
    assert schemas_of(con) == {"published", "releases"}
    assert table_rows(con, ("published", "releases")) == manifest["copies"]["report"]["tables"]


def test_the_building_block_views_work_in_the_analyst_copy(copies):
    space, folder, manifest = copies
    assert "marts.cp_open_at_period_end" in manifest["copies"]["analyst"]["views"]
    expected = space.scalar("SELECT count(*) FROM marts.cp_open_at_period_end")
    con = open_latest("analyst", folder)
    assert con.execute("SELECT count(*) FROM marts.cp_open_at_period_end").fetchall()[0][0] == expected > 0


def test_the_manifest_says_when_from_which_run_and_how_many_rows(copies):
    space, folder, manifest = copies
    assert read_manifest(folder) == manifest
    assert manifest["run_id"] == "run-1" and manifest["published_at"].endswith("+00:00")
    assert manifest["last_load"]["load_id"] == space.scalar(
        "SELECT load_id FROM audit.loads ORDER BY finished_at DESC LIMIT 1")
    assert manifest["data"]["latest_reporting_month"] == "2020-03"
    assert manifest["copies"]["analyst"]["tables"]["core.cp_plans"] == space.scalar(
        "SELECT count(*) FROM core.cp_plans")


def test_copies_are_read_only_and_complete_files(copies):
    _, folder, _ = copies
    for kind in ("analyst", "report"):
        path = copy_path(kind, folder)
        assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        assert not path.with_name(path.name + ".wal").exists()
    assert sorted(p.name for p in folder.iterdir()) == ["analyst.duckdb", "manifest.json", "report.duckdb"]
    con = open_latest("analyst", folder)
    with pytest.raises(duckdb.Error, match="read-only|attached in read-only mode"):
        con.execute("CREATE TABLE core.scratch AS SELECT 1")


def test_a_report_connection_cannot_reach_any_other_file(copies, tmp_path):
    _, folder, _ = copies
    con = open_latest("report", folder)
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"COPY (SELECT 1) TO '{tmp_path / 'out.csv'}'")
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
    assert not (tmp_path / "out.csv").exists()


def test_a_reader_keeps_its_copy_while_a_new_one_is_swapped_in(tmp_path):
    warehouse, folder = tmp_path / "wst.duckdb", tmp_path / "copies"
    small_warehouse(warehouse, 1)
    publish_copies_from(warehouse, folder)
    old = open_latest("analyst", folder)
    small_warehouse(warehouse, 2)
    publish_copies_from(warehouse, folder)
    new = open_latest("analyst", folder)
    assert old.execute("SELECT v FROM core.t").fetchall() == [(1,)]
    assert new.execute("SELECT v FROM core.t").fetchall() == [(2,)]
    assert "audit" not in schemas_of(new)


def test_leftovers_of_an_interrupted_publish_are_removed(tmp_path):
    warehouse, folder = tmp_path / "wst.duckdb", tmp_path / "copies"
    small_warehouse(warehouse, 1)
    folder.mkdir()
    (folder / ".analyst.0123456789ab.duckdb.tmp").write_bytes(b"half a copy")
    (folder / ".analyst.0123456789ab.duckdb.tmp.wal").write_bytes(b"")
    publish_copies_from(warehouse, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["analyst.duckdb", "manifest.json", "report.duckdb"]


def test_the_copies_folder_is_beside_the_warehouse_unless_set(tmp_path, monkeypatch):
    monkeypatch.delenv("WST_COPIES_DIR", raising=False)
    assert copies_dir(tmp_path / "w" / "wst.duckdb") == tmp_path / "w" / "published"
    monkeypatch.setenv("WST_COPIES_DIR", str(tmp_path / "elsewhere"))
    assert copies_dir(tmp_path / "w" / "wst.duckdb") == tmp_path / "elsewhere"


def test_no_copy_yet_says_how_to_get_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="wst load"):
        open_latest("analyst", tmp_path)


def test_the_asset_publishes_both_copies_beside_the_warehouse(sample_warehouse, tmp_path, monkeypatch):
    monkeypatch.delenv("WST_COPIES_DIR", raising=False)
    warehouse = tmp_path / "warehouse" / "wst.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(sample_warehouse[0].warehouse, warehouse)
    result = dg.materialize(COPY_ASSETS, resources={"warehouse": WarehouseResource(path=str(warehouse))})
    assert result.success
    assert {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()} == {
        "copies/analyst", "copies/report"}
    folder = tmp_path / "warehouse" / "published"
    assert read_manifest(folder)["run_id"] == result.run_id
    assert copy_path("report", folder).exists() and copy_path("analyst", folder).exists()


def test_a_notebook_connection_stays_open_while_wst_load_runs(sample_warehouse, workspace, tmp_path,
                                                              monkeypatch):
    folder = tmp_path / "copies"
    monkeypatch.setenv("WST_COPIES_DIR", str(folder))
    workspace.warehouse.parent.mkdir()
    shutil.copyfile(sample_warehouse[0].warehouse, workspace.warehouse)
    publish_copies_from(workspace.warehouse)
    notebook = open_latest()  # as a notebook holds it
    count = "SELECT count(*) FROM core.police_incidents"
    before = notebook.execute(count).fetchall()[0][0]
    workspace.drop("police_incidents/wmp_2020-04.csv", [
        {**VALID["police_incidents"], "incident_id": "20/9001/20", "recorded_date": "2020-04-06"}])

    load = subprocess.Popen([WST, "load"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=os.environ.copy())
    answered = 0
    while load.poll() is None:  # the notebook keeps querying while the load runs
        assert notebook.execute(count).fetchall()[0][0] == before
        answered += 1
        time.sleep(0.2)
    output = load.communicate(timeout=300)[0]
    assert load.returncode == 0, output
    assert answered > 0
    assert read_manifest()["run_id"] in output  # the load published new copies

    assert notebook.execute(count).fetchall()[0][0] == before
    assert open_latest().execute(count).fetchall()[0][0] == before + 1


COPY_MODE = 0o444  # read-only for everyone: SECURITY.md; the copies folder says who may enter


def modes(folder) -> dict[str, int]:
    return {name: stat.S_IMODE((folder / name).stat().st_mode)
            for name in ("analyst.duckdb", "report.duckdb", "manifest.json")}


def test_every_publish_leaves_the_copies_and_manifest_with_the_one_documented_mode(tmp_path):
    warehouse, folder = tmp_path / "wst.duckdb", tmp_path / "copies"
    small_warehouse(warehouse, 1)
    first = publish_copies_from(warehouse, folder)  # the first publish: built whole
    assert modes(folder) == dict.fromkeys(modes(folder), COPY_MODE)
    small_warehouse(warehouse, 2)
    second = publish_copies_from(warehouse, folder)  # updated from the previous copy
    assert modes(folder) == dict.fromkeys(modes(folder), COPY_MODE)
    con = open_db(warehouse, read_only=False)
    con.execute("ALTER TABLE core.t ADD COLUMN w INTEGER")
    con.close()
    third = publish_copies_from(warehouse, folder)  # its tables differ: rebuilt whole
    assert modes(folder) == dict.fromkeys(modes(folder), COPY_MODE)
    assert [m["copies"]["analyst"]["updated_from_previous"] for m in (first, second, third)] == [
        False, True, False]


def test_after_a_third_load_the_analyst_copy_is_still_readable_by_analysts(workspace, tmp_path):
    from tests.helpers import materialize

    for month in ("2019-04", "2019-05", "2019-06"):
        workspace.drop(f"police_incidents/wmp_{month}.csv",
                       [{**VALID["police_incidents"], "incident_id": f"I{month}", "recorded_date": f"{month}-05"}])
        materialize(workspace)
        assert modes(tmp_path / "copies") == dict.fromkeys(modes(tmp_path / "copies"), COPY_MODE), month


def test_readers_of_the_copies_never_wait_nor_see_a_half_written_copy(sample_warehouse, tmp_path):
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
