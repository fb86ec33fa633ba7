"""`wst backup` and `wst restore`: a verified, rotated copy taken while no load runs, put
back only after it is checked, and a warehouse restored that the next load continues from."""

import hashlib
import json
import shutil
import stat

import pytest

from tests.conftest import VALID, Workspace, pointed_at, settings_for
from tests.damage import random_bytes
from tests.helpers import materialize
from tests.test_faults import snapshot
from wst_analytics import activity
from wst_analytics.cli import main
from wst_analytics.warehouse.backup_folder import backups_dir, list_backups
from wst_analytics.warehouse.lock import load_lock


def incident(workspace, month: str) -> None:
    workspace.drop(f"police_incidents/wmp_{month}.csv", [
        {**VALID["police_incidents"], "incident_id": f"I{month}", "recorded_date": f"{month}-05"}])


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One load of one file, made once: each test starts from a copy of it."""
    space = Workspace(tmp_path_factory.mktemp("backup"))
    with pointed_at(space):
        incident(space, "2019-04")
        materialize(space)
    return space


@pytest.fixture
def loaded(template, workspace, tmp_path):
    shutil.copytree(template.raw, workspace.raw, dirs_exist_ok=True)
    workspace.warehouse.parent.mkdir()
    shutil.copy2(template.warehouse, workspace.warehouse)
    shutil.copy2(template.warehouse.parent / "activity.log", workspace.warehouse.parent)  # the log its anchors pin
    shutil.copytree(template.warehouse.parent / "published", tmp_path / "copies")
    return workspace


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_is_verified_recorded_and_read_only(loaded, capsys):
    assert main(["backup"]) == 0
    [taken] = list_backups(backups_dir(loaded.warehouse))
    assert taken.manifest["sha256"] == sha256(taken.path) and taken.manifest["reason"] == "wst backup"
    assert taken.manifest["tables"]["core.police_incidents"] == 1
    assert stat.S_IMODE(taken.path.stat().st_mode) == 0o400
    assert main(["backup", "--list"]) == 0 and taken.path.name in capsys.readouterr().out
    assert activity.verify() == [] and "backup" in activity.log_path().read_text()


def test_only_the_newest_backups_are_kept(loaded, monkeypatch, tmp_path):
    monkeypatch.setenv("WST_BACKUP_KEEP", "2")
    for _ in range(3):
        assert main(["backup", "--to", str(tmp_path / "elsewhere")]) == 0
    kept = list_backups(tmp_path / "elsewhere")
    assert len(kept) == 2 and len(list((tmp_path / "elsewhere").iterdir())) == 4  # each with its manifest


def test_a_backup_waits_for_no_load_and_refuses_while_one_runs(loaded, capsys):
    with load_lock(loaded.warehouse):
        assert main(["backup"]) == 3
        assert main(["restore"]) == 3
    assert "refusing" in capsys.readouterr().out and not backups_dir(loaded.warehouse).exists()


def test_a_damaged_warehouse_is_never_backed_up(loaded, capsys):
    assert main(["backup"]) == 0
    random_bytes(loaded.warehouse)
    capsys.readouterr()
    assert main(["backup"]) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "is damaged" in out and "wst restore" in out
    assert len(list_backups(backups_dir(loaded.warehouse))) == 1


def test_restore_keeps_the_damaged_file_aside_and_republishes_the_copies(loaded, tmp_path):
    assert main(["backup"]) == 0
    random_bytes(loaded.warehouse)
    damaged = loaded.warehouse.read_bytes()
    (tmp_path / "copies" / "manifest.json").chmod(0o644)
    (tmp_path / "copies" / "manifest.json").write_text("{}")
    assert main(["restore"]) == 0
    [aside] = loaded.warehouse.parent.glob("wst.duckdb.replaced-*")
    assert aside.read_bytes() == damaged
    assert loaded.scalar("SELECT count(*) FROM core.police_incidents") == 1
    assert json.loads((tmp_path / "copies" / "manifest.json").read_text())["copies"]["analyst"]
    assert "restore" in activity.log_path().read_text()


def test_a_backup_that_changed_since_it_was_taken_is_refused(loaded, capsys):
    assert main(["backup"]) == 0
    [taken] = list_backups(backups_dir(loaded.warehouse))
    taken.path.chmod(0o600)
    with open(taken.path, "r+b") as handle:
        handle.seek(taken.path.stat().st_size // 2)
        handle.write(b"\xff")
    before = sha256(loaded.warehouse)
    assert main(["restore"]) == 2
    assert "has changed since it was taken" in capsys.readouterr().out
    assert sha256(loaded.warehouse) == before


def test_a_file_that_is_not_a_backup_is_refused(loaded, tmp_path, capsys):
    stray = tmp_path / "wst-20200101T000000000000Z.duckdb"
    stray.write_bytes(loaded.warehouse.read_bytes())
    assert main(["restore", str(stray)]) == 2
    assert "is not a backup" in capsys.readouterr().out


def test_a_load_that_finds_new_files_backs_up_first_and_one_that_finds_none_does_not(loaded, monkeypatch):
    assert list_backups(backups_dir(loaded.warehouse)) == []  # the first load had nothing to keep
    materialize(loaded)
    assert list_backups(backups_dir(loaded.warehouse)) == []  # nothing new: nothing changes
    incident(loaded, "2019-05")
    result = materialize(loaded)
    [taken] = list_backups(backups_dir(loaded.warehouse))
    assert taken.manifest["run_id"] == result.run_id and taken.manifest["tables"]["core.police_incidents"] == 1


def test_the_backup_before_a_load_can_be_turned_off(loaded, monkeypatch):
    from wst_analytics.warehouse.backup import backup_before_load
    from wst_analytics.warehouse.connection import connect

    monkeypatch.setenv("WST_BACKUP_BEFORE_LOAD", "no")
    con = connect(loaded.warehouse)
    try:
        assert backup_before_load(con, loaded.warehouse, "run-1") is None
        monkeypatch.setenv("WST_BACKUP_BEFORE_LOAD", "yes")
        assert backup_before_load(con, loaded.warehouse, "run-1") is not None
        assert backup_before_load(con, loaded.warehouse, "run-1") is None  # once per run
    finally:
        con.close()


def test_after_backup_load_restore_load_the_warehouse_ends_where_it_would_have(loaded, template, tmp_path,
                                                                              monkeypatch):
    assert main(["backup"]) == 0
    incident(loaded, "2019-05")
    materialize(loaded)
    assert main(["restore"]) == 0
    assert loaded.scalar("SELECT count(*) FROM core.police_incidents") == 1
    materialize(loaded)
    detour = snapshot(loaded)

    straight = Workspace(tmp_path / "straight")  # the same first load, then the second file
    shutil.copytree(template.root, straight.root, ignore=shutil.ignore_patterns("backups", "published"))
    for name, value in settings_for(straight).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("WST_COPIES_DIR", str(straight.root / "copies"))
    incident(straight, "2019-05")
    materialize(straight)
    assert detour == snapshot(straight)


def test_a_first_load_takes_no_backup_even_after_its_first_extract_is_in(workspace):
    from tests.test_load import load
    from wst_analytics.warehouse.backup import backup_before_load
    from wst_analytics.warehouse.connection import connect

    incident(workspace, "2019-04")
    load(workspace)  # the run "test-load" has loaded one extract; its next asset asks
    con = connect(workspace.warehouse)
    try:
        assert backup_before_load(con, workspace.warehouse, "test-load") is None
    finally:
        con.close()
    assert list_backups(backups_dir(workspace.warehouse)) == []
