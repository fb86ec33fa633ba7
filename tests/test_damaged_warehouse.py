"""A damaged warehouse, in each form damage takes, is refused by every command that opens it,
in one line saying what is wrong and what to do, and nothing is written to it."""

import hashlib

import pytest

from tests.conftest import VALID
from tests.damage import FORMS, leave_a_log
from tests.test_load import load
from wst_analytics.cli import main
from wst_analytics.export.read import open_published
from wst_analytics.warehouse.connection import WarehouseDamaged, connect
from wst_analytics.warehouse.health import open_checked

MEANING = {"truncated_early": "truncated", "truncated_late": "truncated", "random_bytes": "not a DuckDB",
           "a_csv": "not a DuckDB", "empty": "not a DuckDB", "newer_duckdb": "another DuckDB version",
           "another_warehouses_log": "write-ahead log", "corrupt_log": "write-ahead log",
           "random_log": "write-ahead log", "not_a_warehouse": "not a warehouse"}


def fingerprint(workspace) -> dict:
    """The bytes of the warehouse and its log, as hashes."""
    files = (workspace.warehouse, workspace.warehouse.with_name("wst.duckdb.wal"))
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.exists()}


@pytest.fixture
def warehouse(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    load(workspace)
    return workspace


@pytest.mark.parametrize("form", FORMS)
def test_each_form_of_damage_is_refused_before_anything_is_written(warehouse, form):
    FORMS[form](warehouse.warehouse)
    before = fingerprint(warehouse)
    with pytest.raises(WarehouseDamaged, match=MEANING[form]) as refused:
        connect(warehouse.warehouse)
    assert "Nothing was written to it" in str(refused.value) and "\n" not in str(refused.value)
    assert fingerprint(warehouse) == before


def test_a_log_left_by_a_killed_load_is_not_damage(warehouse):
    leave_a_log(warehouse.warehouse)
    con = open_checked(warehouse.warehouse, read_only=True)
    assert con.execute("SELECT value FROM audit.warehouse_info WHERE name = 'logged'").fetchall() == [("yes",)]
    con.close()


@pytest.mark.parametrize("form", ["truncated_late", "a_csv", "corrupt_log", "newer_duckdb"])
def test_wst_load_refuses_a_damaged_warehouse_in_one_line(warehouse, form, capsys):
    FORMS[form](warehouse.warehouse)
    before = fingerprint(warehouse)
    assert main(["load"]) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "is damaged" in out and "backup" in out
    assert fingerprint(warehouse) == before


def test_damage_found_mid_load_is_put_in_the_same_words(workspace):
    from wst_analytics.cli.run import explain

    said = explain('IOException: IO Error: Corrupt database file: computed checksum 1 does not match stored checksum 2')
    assert said.startswith("the warehouse is damaged: it is corrupt") and "backup" in said


@pytest.fixture
def published(warehouse, tmp_path):
    from wst_analytics.copies import publish_copies_from

    publish_copies_from(warehouse.warehouse)
    return warehouse


def damage_copy(path) -> None:
    path.chmod(0o644)
    FORMS["random_bytes"](path)


@pytest.mark.parametrize("command", [["export", "published.indicators", "--out", "x.csv"],
                                     ["report", "annual", "--year", "2019-20"], ["report", "exceptions"]])
def test_a_damaged_copy_is_refused_in_one_line_saying_how_to_publish_it_again(published, tmp_path, command,
                                                                             capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    damage_copy(tmp_path / "copies" / ("analyst.duckdb" if "exceptions" in command else "report.duckdb"))
    assert main(command) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "is damaged" in out and "wst restore --copies" in out


def test_wst_restore_copies_publishes_them_again(published, tmp_path, capsys):
    damage_copy(tmp_path / "copies" / "report.duckdb")
    assert main(["restore", "--copies"]) == 0
    open_published(tmp_path / "copies").close()


@pytest.mark.parametrize("command", [["demo"], ["restore", "--copies"], ["backup"]])
def test_other_commands_refuse_a_damaged_warehouse_in_one_line(warehouse, command, capsys):
    (warehouse.raw / "police_incidents" / "wmp_2019-04.csv").unlink()  # the demo's drop folder is empty
    FORMS["a_csv"](warehouse.warehouse)
    before = fingerprint(warehouse)
    assert main(command) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "is damaged" in out
    assert fingerprint(warehouse) == before


def test_wst_ui_refuses_a_damaged_warehouse_before_it_starts(warehouse):
    from tests.test_cli import wst

    FORMS["random_bytes"](warehouse.warehouse)
    done = wst("ui")
    assert done.returncode == 2 and "is damaged" in done.stdout and "Traceback" not in done.stderr
