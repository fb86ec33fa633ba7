"""A load updates core for the records it may have changed; the result must be exactly what a
full rebuild from history gives, after every load, whatever the months bring (corrections,
resubmissions, deletions, records sent again)."""

import shutil

import pytest

from wst_analytics.extracts import EXTRACTS
from tests.conftest import TEST_KEY
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.sample import generate_sample
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.core import rebuild_core
from wst_analytics.warehouse.load import load_candidates

KEYS = Pseudonymiser(TEST_KEY.encode())

CORE_TABLES = [*EXTRACTS, "adult_concern_risk_types"]


def snapshot(con) -> dict[str, list[tuple]]:
    return {table: con.execute(f"SELECT * FROM core.{table} ORDER BY ALL").fetchall() for table in CORE_TABLES}


@pytest.fixture(scope="module")
def sample_raw(tmp_path_factory):
    raw = tmp_path_factory.mktemp("sample") / "raw"
    generate_sample(raw)
    return raw


def test_core_after_each_monthly_drop_equals_a_full_rebuild(workspace, sample_raw):
    files = sorted((p for p in sample_raw.rglob("*") if p.is_file() and not p.name.startswith(".")),
                   key=lambda p: p.stat().st_mtime)
    drops = [files[: len(files) // 3], files[len(files) // 3: 2 * len(files) // 3], files[2 * len(files) // 3:]]
    con = connect(workspace.warehouse)
    try:
        for drop in drops:
            for path in drop:
                target = workspace.raw / path.relative_to(sample_raw)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
            for extract in EXTRACTS:
                candidates = new_candidates(con, workspace.raw, load_registry(), extract, pseudonymiser=KEYS)
                load_candidates(con, extract, candidates, Pseudonymiser(TEST_KEY.encode()), "test")
            updated = snapshot(con)
            assert sum(map(len, updated.values()))
            for extract in EXTRACTS:
                rebuild_core(con, extract)
            assert snapshot(con) == updated
    finally:
        con.close()


def load(workspace, extract="police_incidents"):
    con = connect(workspace.warehouse)
    try:
        load_candidates(con, extract, new_candidates(con, workspace.raw, load_registry(), extract, pseudonymiser=KEYS),
                        KEYS, "test")
        return con.execute(f"SELECT record_key FROM core.{extract} ORDER BY 1").fetchall()
    finally:
        con.close()


def incident(number: str, **changes) -> dict:
    from tests.conftest import VALID
    return {**VALID["police_incidents"], "incident_id": f"19/{number}/19", **changes}


def keys(*numbers: str) -> list[tuple[str]]:
    """The core record keys (pseudonymised, as core holds them) of these incidents, sorted."""
    pseudonymiser = Pseudonymiser(TEST_KEY.encode())
    return sorted((pseudonymiser.pseudonym(f"19/{number}/19"),) for number in numbers)


def test_a_resubmission_that_drops_a_record_removes_it_from_core(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [incident("1001"), incident("1002")],
                   received="2019-05-10T09:00:00")
    workspace.drop("police_incidents/wmp_2019-05.csv", [incident("1003", recorded_date="2019-05-02")],
                   received="2019-06-10T09:00:00")
    assert len(load(workspace)) == 3
    workspace.drop("police_incidents/wmp_2019-04_v2.csv", [incident("1001")], received="2019-06-12T09:00:00")
    assert load(workspace) == keys("1001", "1003")


def test_a_record_deleted_in_a_later_month_leaves_core_and_its_other_records_stay(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [incident("1001"), incident("1002")],
                   received="2019-05-10T09:00:00")
    load(workspace)
    workspace.drop("police_incidents/wmp_2019-05.csv", [incident("1002", record_status="deleted")],
                   received="2019-06-10T09:00:00")
    assert load(workspace) == keys("1001")


def test_files_parsed_in_a_pool_load_exactly_as_files_parsed_here(workspace, sample_raw, tmp_path):
    """The pool is used from many files on; forced here on the sample, the warehouse must be
    the one the in-process parse gives."""
    def load_all(space, parallel_files):
        con = connect(space.warehouse)
        try:
            for extract in EXTRACTS:
                candidates = new_candidates(con, space.raw, load_registry(), extract, pseudonymiser=KEYS)
                load_candidates(con, extract, candidates, Pseudonymiser(TEST_KEY.encode()), "test",
                                parallel_files=parallel_files)
            return {**snapshot(con), "audit": con.execute(
                "SELECT file_label, status, rows_read, rows_loaded, rows_quarantined, blank_rows "
                "FROM audit.file_versions ORDER BY ALL").fetchall(), "quarantine": con.execute(
                'SELECT file_label, source_row, "column", rule, message FROM quarantine.rows '
                "ORDER BY ALL").fetchall()}
        finally:
            con.close()

    shutil.copytree(sample_raw, workspace.raw, dirs_exist_ok=True)
    pooled = load_all(workspace, parallel_files=1)
    here = type(workspace)(tmp_path / "here")
    shutil.copytree(sample_raw, here.raw)
    assert pooled == load_all(here, parallel_files=10**9)
    assert pooled["audit"] and pooled["quarantine"]
