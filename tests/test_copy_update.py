"""Publishing starts from the previous analyst copy and changes only what differs; the copy
must then hold exactly what a copy built whole holds."""

import json
import shutil

import duckdb
import pytest

from tests.helpers import load_and_build
from wst_analytics.copies import copy_path, publish_copies_from
from wst_analytics.sample import generate_sample
from tests.conftest import open_db


@pytest.fixture(scope="module")
def sample_raw(tmp_path_factory):
    raw = tmp_path_factory.mktemp("sample") / "raw"
    generate_sample(raw)
    return raw


def drop(workspace, sample_raw, part: int, of: int) -> None:
    files = sorted((p for p in sample_raw.rglob("*") if p.is_file() and not p.name.startswith(".")),
                   key=lambda p: p.stat().st_mtime)
    for path in files[part * len(files) // of: (part + 1) * len(files) // of]:
        target = workspace.raw / path.relative_to(sample_raw)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def contents(path) -> dict:
    con = open_db(path)
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL").fetchall()
        views = con.execute("SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal "
                            "ORDER BY ALL").fetchall()
        return {"views": views, **{f"{s}.{t}": con.execute(f'SELECT * FROM "{s}"."{t}" ORDER BY ALL').fetchall()
                                   for s, t in tables}}
    finally:
        con.close()


def test_an_updated_copy_holds_what_a_whole_copy_holds(workspace, sample_raw, tmp_path):
    folder = tmp_path / "copies"
    drop(workspace, sample_raw, 0, 2)
    load_and_build(workspace)
    first = publish_copies_from(workspace.warehouse, folder)
    assert first["copies"]["analyst"]["updated_from_previous"] is False
    drop(workspace, sample_raw, 1, 2)
    load_and_build(workspace)
    second = publish_copies_from(workspace.warehouse, folder)
    assert second["copies"]["analyst"]["updated_from_previous"] is True
    whole = publish_copies_from(workspace.warehouse, tmp_path / "whole")
    assert whole["copies"]["analyst"]["updated_from_previous"] is False
    assert second["copies"]["analyst"]["tables"] == whole["copies"]["analyst"]["tables"]
    assert contents(copy_path("analyst", folder)) == contents(copy_path("analyst", tmp_path / "whole"))
    assert contents(copy_path("report", folder)) == contents(copy_path("report", tmp_path / "whole"))


def test_a_copy_made_by_other_code_is_not_started_from(workspace, sample_raw, tmp_path):
    folder = tmp_path / "copies"
    drop(workspace, sample_raw, 0, 3)
    load_and_build(workspace)
    publish_copies_from(workspace.warehouse, folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "format": "older-code"}))
    again = publish_copies_from(workspace.warehouse, folder)
    assert again["copies"]["analyst"]["updated_from_previous"] is False


def test_a_previous_copy_whose_tables_differ_is_built_again_whole(workspace, sample_raw, tmp_path):
    folder = tmp_path / "copies"
    drop(workspace, sample_raw, 0, 3)
    load_and_build(workspace)
    publish_copies_from(workspace.warehouse, folder)
    previous = copy_path("analyst", folder)
    previous.chmod(0o600)
    con = open_db(previous, read_only=False)
    con.execute("ALTER TABLE core.police_incidents ADD COLUMN stray VARCHAR")
    con.close()
    again = publish_copies_from(workspace.warehouse, folder)
    assert again["copies"]["analyst"]["updated_from_previous"] is False
    publish_copies_from(workspace.warehouse, tmp_path / "whole")
    assert contents(copy_path("analyst", folder)) == contents(copy_path("analyst", tmp_path / "whole"))
