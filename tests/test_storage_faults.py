"""A full disk or a read-only file system under each thing `wst` writes: one line saying which
file and what to do, never a traceback, and nothing half written (see also tests/test_faults.py)."""

import hashlib

import pytest

from tests.conftest import VALID
from tests.disks import full_disk, read_only
from tests.test_export import published  # noqa: F401  (the module's published warehouse)
from tests.test_load import load
from wst_analytics.cli import main


def one_line(capsys) -> str:
    said = capsys.readouterr().out
    assert said.count("\n") == 1, said
    return said


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def loaded(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    load(workspace)
    workspace.drop("police_incidents/wmp_2019-05.csv", [{**VALID["police_incidents"], "incident_id": "I2"}])
    return workspace


@pytest.fixture
def exporting(published, monkeypatch):  # noqa: F811
    """Settings pointed at the published warehouse of tests/test_export.py."""
    monkeypatch.delenv("WST_COPIES_DIR", raising=False)
    monkeypatch.setenv("WST_WAREHOUSE", str(published.warehouse))
    monkeypatch.setenv("WST_RAW_DIR", str(published.raw))
    return published


def test_a_load_on_a_read_only_file_system(loaded, capsys):
    before = digest(loaded.warehouse)
    with read_only(loaded.warehouse.parent):
        assert main(["load"]) == 2
    said = one_line(capsys)
    assert "cannot be written (a read-only disk" in said and "Read-only file system" in said
    assert digest(loaded.warehouse) == before


def test_a_load_whose_dagster_home_is_read_only(loaded, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dh"))
    (tmp_path / "dh").mkdir()
    (tmp_path / "dh" / "dagster.yaml").write_text("{}\n")  # a home the user made: kept as it is
    with read_only(tmp_path / "dh"):
        assert main(["load"]) == 2
    said = capsys.readouterr().out.splitlines()[-1]  # after "Loading new files from ..."
    assert said.startswith("wst load: ") and "DAGSTER_HOME" in said and "cannot be written" in said
    assert loaded.scalar("SELECT count(*) FROM audit.file_versions") == 1


@pytest.mark.parametrize("form", ["csv", "xlsx", "parquet"])
def test_an_export_to_a_full_disk_leaves_no_half_file(exporting, tmp_path, form, capsys):
    with full_disk(tmp_path / "out", 256) as out:
        assert main(["export", "published.indicator_values", "--out", str(out / f"values.{form}")]) == 2
        assert sorted(p.name for p in out.iterdir()) == [".filler"]
    assert "is full" in one_line(capsys)


def test_an_export_into_a_read_only_folder(exporting, tmp_path, capsys):
    with read_only(tmp_path / "out") as out:
        assert main(["export", "published.indicators", "--out", str(out / "x.csv")]) == 2
    assert "cannot be written" in one_line(capsys)


def test_an_export_whose_activity_log_cannot_be_written(exporting, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WST_ACTIVITY_LOG", str(tmp_path / "log" / "activity.log"))
    with read_only(tmp_path / "log"):
        assert main(["export", "published.indicators", "--out", str(tmp_path / "x.csv")]) == 2
    assert "activity.log cannot be written" in one_line(capsys)


def test_the_annual_report_on_a_full_disk(exporting, tmp_path, capsys):
    with full_disk(tmp_path / "out", 256) as out:
        assert main(["report", "annual", "--year", "2019-20", "--out", str(out / "annual.html")]) == 2
    assert "is full" in one_line(capsys)


def test_the_exception_report_into_a_read_only_folder(exporting, tmp_path, capsys):
    with read_only(tmp_path / "out") as out:
        assert main(["report", "exceptions", "--out-dir", str(out)]) == 2
    assert "cannot be written" in one_line(capsys)


def test_a_backup_to_a_full_disk_keeps_nothing_half_written(loaded, tmp_path, capsys):
    before = digest(loaded.warehouse)
    with full_disk(tmp_path / "backups", 256) as folder:
        assert main(["backup", "--to", str(folder)]) == 2
        assert sorted(p.name for p in folder.iterdir()) == [".filler"]
    assert "is full" in one_line(capsys)
    assert digest(loaded.warehouse) == before


def test_the_demo_on_a_full_disk(workspace, capsys):
    with full_disk(workspace.raw, 256):
        assert main(["demo"]) == 2
    assert "is full" in capsys.readouterr().out.splitlines()[-1]


def test_copies_on_a_full_disk_fail_the_load_plainly_and_the_next_load_publishes_them(loaded, tmp_path, capsys):
    with full_disk(tmp_path / "copies", 256):
        assert main(["load"]) == 1
        said = capsys.readouterr().out
        assert f"the disk holding {tmp_path / 'copies'}/" in said and "is full" in said  # names the copy
        assert loaded.scalar("SELECT count(*) FROM core.police_incidents") == 2  # the load itself is kept
    assert main(["load"]) == 0
    assert (tmp_path / "copies" / "analyst.duckdb").exists()


def test_a_load_whose_activity_log_cannot_be_written_names_the_log(loaded, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WST_ACTIVITY_LOG", str(tmp_path / "log" / "activity.log"))
    with read_only(tmp_path / "log"):
        assert main(["load"]) == 1
    said = capsys.readouterr().out
    assert "activity.log cannot be written" in said and "the warehouse cannot be written" not in said
