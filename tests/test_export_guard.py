"""`wst export --out` (and `wst report --out`) never replace a file of the project, nor a
folder, nor an existing file unless asked (`--force`), with links resolved."""

import hashlib
import os
import subprocess

import pytest

from tests.test_export import published  # noqa: F401  (the module's published warehouse)
from wst_analytics.cli import main


@pytest.fixture
def project(published, tmp_path, monkeypatch):  # noqa: F811
    """The published warehouse, in a project folder that is a git repository."""
    monkeypatch.delenv("WST_COPIES_DIR", raising=False)
    for name in ("WST_WAREHOUSE", "WST_RAW_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WST_WAREHOUSE", str(published.warehouse))
    monkeypatch.setenv("WST_RAW_DIR", str(published.raw))
    home = tmp_path / "project"
    (home / "config").mkdir(parents=True)
    (home / "notes.md").write_text("tracked")
    subprocess.run(["git", "init", "-q", str(home)], check=True)
    subprocess.run(["git", "-C", str(home), "add", "notes.md"], check=True)
    monkeypatch.setenv("WST_HOME", str(home))
    monkeypatch.setenv("DAGSTER_HOME", str(home / ".dagster"))
    return published


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(out, capsys, *extra) -> str:
    assert main(["export", "published.indicators", "--format", "csv", "--out", str(out), *extra]) == 2
    said = capsys.readouterr().out
    assert said.count("\n") == 1
    return said


def targets(space, home):
    warehouse = space.warehouse
    return {
        "the warehouse": warehouse, "its log": warehouse.with_name("wst.duckdb.wal"),
        "its lock": warehouse.with_name("wst.duckdb.lock"),
        "a file restore set aside": warehouse.with_name("wst.duckdb.replaced-20200101T000000Z"),
        "the activity log": warehouse.parent / "activity.log",
        "a copy": warehouse.parent / "published" / "report.duckdb",
        "a backup": warehouse.parent / "backups" / "wst-1.duckdb",
        "the drop folder": space.raw / "police_incidents" / "new.csv",
        "Dagster's home": home / ".dagster" / "runs.db",
        "the configuration": home / "config" / "partners.toml",
        "a tracked file": home / "notes.md",
    }


def test_no_project_file_is_ever_an_export(project, tmp_path, capsys):
    for name, path in targets(project, tmp_path / "project").items():
        before = digest(path) if path.exists() else None
        said = refused(path, capsys, "--force")
        assert "refusing to write" in said, name
        assert (digest(path) if path.exists() else None) == before, name


def test_a_link_to_the_warehouse_is_refused(project, tmp_path, capsys):
    link = tmp_path / "innocent.csv"
    link.symlink_to(project.warehouse)
    hard = tmp_path / "hard.csv"
    os.link(project.warehouse, hard)
    before = digest(project.warehouse)
    for path in (link, hard):
        assert "it is the warehouse" in refused(path, capsys, "--force")
    assert digest(project.warehouse) == before


def test_the_notes_beside_a_csv_are_guarded_too(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WST_ACTIVITY_LOG", str(tmp_path / "values-notes.txt"))
    (tmp_path / "values-notes.txt").write_text("")
    assert "the activity log" in refused(tmp_path / "values.csv", capsys, "--force")
    assert not (tmp_path / "values.csv").exists()


def test_a_folder_is_refused(project, tmp_path, capsys):
    assert "is a folder" in refused(tmp_path, capsys, "--force")


def test_an_existing_file_is_replaced_only_with_force(project, tmp_path, capsys):
    out = tmp_path / "mine.csv"
    out.write_text("my own work")
    assert "add --force" in refused(out, capsys)
    assert out.read_text() == "my own work"
    assert main(["export", "published.indicators", "--out", str(out), "--force"]) == 0
    assert out.read_text().startswith("indicator_id,")


def test_the_annual_report_never_replaces_a_project_file(project, capsys):
    before = digest(project.warehouse)
    assert main(["report", "annual", "--year", "2019-20", "--out", str(project.warehouse)]) == 2
    assert "refusing to write" in capsys.readouterr().out and digest(project.warehouse) == before


def test_the_exception_report_is_never_written_into_the_drop_folder(project, capsys):
    assert main(["report", "exceptions", "--out-dir", str(project.raw)]) == 2
    assert "drop folder" in capsys.readouterr().out
    assert not list(project.raw.glob("exceptions-*"))
