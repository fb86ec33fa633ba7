"""Loading into a real DuckDB file: versions, history, deletion, idempotency, atomicity."""

import pytest

from tests.conftest import TEST_KEY, VALID, open_db
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.audit import KeyMismatch
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.load import load_candidates

KEYS = Pseudonymiser(TEST_KEY.encode())

INCIDENT = VALID["police_incidents"]


def load(workspace, extract="police_incidents", key=TEST_KEY, fail_after=None):
    con = connect(workspace.warehouse)
    try:
        candidates = new_candidates(con, workspace.raw, load_registry(), extract, pseudonymiser=KEYS)
        return load_candidates(con, extract, candidates, Pseudonymiser(key.encode()), "test-load",
                               fail_after=fail_after)
    finally:
        con.close()


def incidents(workspace):
    return workspace.query("SELECT file_label, crime_recorded FROM core.police_incidents ORDER BY 1")


def test_rows_reach_core_with_lineage(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT])
    load(workspace)
    assert workspace.query("SELECT file_version_id, file_label, source_row, partner, reporting_month::VARCHAR "
                           "FROM core.police_incidents") == [(1, "police_incidents/wmp_2019-04 (version 1)", 2, "wmp", "2019-04-01")]


def test_audit_records_the_file_version(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv",
                   [INCIDENT, {**INCIDENT, "incident_id": "B", "child_age": "19"}], received="2019-05-09T10:00:00")
    load(workspace)
    row = workspace.query("SELECT status, rows_read, rows_loaded, rows_quarantined, received_at::VARCHAR, "
                          "length(sha256), encoding FROM audit.file_versions")
    assert row == [("loaded", 2, 1, 1, "2019-05-09 10:00:00", 64, "utf-8")]


def test_latest_month_wins_for_a_key(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT], received="2019-05-09T10:00:00")
    workspace.drop("police_incidents/wmp_2019-05.csv",
                   [{**INCIDENT, "crime_recorded": "Y"}], received="2019-06-09T10:00:00")
    load(workspace)
    assert incidents(workspace) == [("police_incidents/wmp_2019-05 (version 1)", True)]


def test_later_month_wins_even_when_received_first(workspace):
    workspace.drop("police_incidents/wmp_2019-05.csv",
                   [{**INCIDENT, "crime_recorded": "Y"}], received="2019-06-09T10:00:00")
    load(workspace)
    workspace.drop("police_incidents/wmp_2019-04_v2.csv", [INCIDENT], received="2019-07-01T10:00:00")
    load(workspace)
    assert incidents(workspace) == [("police_incidents/wmp_2019-05 (version 1)", True)]


def test_resubmission_replaces_the_whole_earlier_version(workspace):
    other = {**INCIDENT, "incident_id": "19/2002/19"}
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT, other], received="2019-05-09T10:00:00")
    load(workspace)
    workspace.drop("police_incidents/wmp_2019-04_v2.csv", [{**INCIDENT, "crime_recorded": "Y"}],
                   received="2019-05-12T10:00:00")
    load(workspace)
    assert incidents(workspace) == [("police_incidents/wmp_2019-04 (version 2)", True)]
    assert workspace.query("SELECT file_label, version, version_status FROM audit.return_versions ORDER BY 1") == [
        ("police_incidents/wmp_2019-04 (version 1)", 1, "superseded"),
        ("police_incidents/wmp_2019-04 (version 2)", 2, "current")]
    assert workspace.scalar("SELECT count(*) FROM history.police_incidents") == 3


def test_rejected_resubmission_leaves_the_earlier_version_current(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT], received="2019-05-09T10:00:00")
    workspace.drop("police_incidents/wmp_2019-04_v2.csv", b"incident_id\r\nX\r\n", received="2019-05-12T10:00:00")
    load(workspace)
    assert incidents(workspace) == [("police_incidents/wmp_2019-04 (version 1)", False)]
    assert workspace.query("SELECT file_label, status FROM audit.file_versions ORDER BY 1") == [
        ("police_incidents/wmp_2019-04 (version 1)", "loaded"), ("police_incidents/wmp_2019-04 (version 2)", "rejected")]


def test_deleted_key_leaves_core_and_stays_in_history(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT], received="2019-05-09T10:00:00")
    workspace.drop("police_incidents/wmp_2019-05.csv", [{**INCIDENT, "record_status": "deleted"}],
                   received="2019-06-09T10:00:00")
    load(workspace)
    assert incidents(workspace) == []
    assert workspace.query("SELECT record_status FROM history.police_incidents ORDER BY reporting_month") == [
        ("active",), ("deleted",)]


def test_loading_the_same_files_twice_changes_nothing(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT, {**INCIDENT, "child_age": "x"}])
    load(workspace)
    tables = ["audit.file_versions", "history.police_incidents", "quarantine.rows", "core.police_incidents"]
    before = {t: workspace.query(f"SELECT * EXCLUDE (file_version_id) FROM {t}" if t != "audit.file_versions"
                                 else f"SELECT * FROM {t}") for t in tables}
    second = load(workspace)
    assert second.files == []
    assert {t: workspace.query(f"SELECT * EXCLUDE (file_version_id) FROM {t}" if t != "audit.file_versions"
                               else f"SELECT * FROM {t}") for t in tables} == before


def test_an_earlier_version_put_back_is_received_again_and_wins(workspace):
    path = "police_incidents/wmp_2019-04.csv"
    for day, crime in (("09", "N"), ("10", "Y"), ("11", "N")):
        workspace.drop(path, [{**INCIDENT, "crime_recorded": crime}], received=f"2019-05-{day}T10:00:00")
        load(workspace)
    assert incidents(workspace) == [("police_incidents/wmp_2019-04 (version 3)", False)]
    assert workspace.scalar("SELECT count(*) FROM audit.file_versions") == 3


def test_order_received_is_the_order_taken_in_not_a_preserved_timestamp(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT], received="2019-05-09T10:00:00")
    load(workspace)
    # a resubmission copied with its old modification time (cp -p, unzip) still comes later
    workspace.drop("police_incidents/wmp_2019-04_v2.csv", [{**INCIDENT, "crime_recorded": "Y"}],
                   received="2019-05-01T10:00:00")
    load(workspace)
    assert incidents(workspace) == [("police_incidents/wmp_2019-04 (version 2)", True)]


def test_a_file_rejected_for_its_partner_loads_once_the_registry_has_it(workspace, tmp_path, monkeypatch):
    registry = tmp_path / "partners.toml"
    registry.write_text('[areas.E08000031]\nname = "Wolverhampton"\nregion = "E12000005"\n'
                        '[partners.cwc-cs]\norganisation = "Children"\nareas = ["E08000031"]\nowes = ["cp_plans"]\n')
    monkeypatch.setenv("WST_PARTNERS", str(registry))
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT])
    load(workspace)
    load(workspace)
    assert workspace.query("SELECT status FROM audit.file_versions") == [("rejected",)]
    monkeypatch.delenv("WST_PARTNERS")
    load(workspace)
    assert workspace.query("SELECT status FROM audit.file_versions ORDER BY file_version_id") == [
        ("rejected",), ("loaded",)]
    assert len(incidents(workspace)) == 1


def test_failure_mid_load_leaves_the_previous_state(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT], received="2019-05-09T10:00:00")
    load(workspace)
    workspace.drop("police_incidents/wmp_2019-05.csv", [{**INCIDENT, "crime_recorded": "Y"}],
                   received="2019-06-09T10:00:00")
    workspace.drop("police_incidents/wmp_2019-06.csv", [{**INCIDENT, "incident_id": "N1"}],
                   received="2019-07-09T10:00:00")

    def crash(files_stored):
        if files_stored == 2:
            raise OSError("disk went away")

    with pytest.raises(OSError):
        load(workspace, fail_after=crash)
    assert incidents(workspace) == [("police_incidents/wmp_2019-04 (version 1)", False)]
    assert workspace.scalar("SELECT count(*) FROM audit.file_versions") == 1
    assert workspace.scalar("SELECT count(*) FROM history.police_incidents") == 1
    load(workspace)
    assert [r[0] for r in incidents(workspace)] == ["police_incidents/wmp_2019-05 (version 1)",
                                                    "police_incidents/wmp_2019-06 (version 1)"]


def test_conservation_is_proved_from_the_tables(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv",
                   [INCIDENT, {**INCIDENT, "incident_id": "B", "child_age": "99"},
                    {**INCIDENT, "incident_id": "C", "cse_marker": ""}])
    summary = load(workspace)
    assert summary.conservation == [{"file_version_id": 1, "file": "police_incidents/wmp_2019-04 (version 1)",
                                     "rows_read": 3, "rows_loaded": 1, "rows_quarantined": 2,
                                     "conserved": True}]


def test_quarantine_names_file_row_column_rule_and_message(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT, {**INCIDENT, "incident_id": "B", "child_age": "19"}])
    load(workspace)
    assert workspace.query('SELECT extract, partner, file_label, source_row, "column", rule, message '
                           "FROM quarantine.rows") == [
        ("police_incidents", "wmp", "police_incidents/wmp_2019-04 (version 1)", 3, "child_age", "range",
         "child_age must be between 0 and 17")]


def test_a_different_key_is_refused(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT])
    load(workspace)
    workspace.drop("police_incidents/wmp_2019-05.csv", [INCIDENT])
    with pytest.raises(KeyMismatch):
        load(workspace, key="another-key-0123456789")
    assert workspace.scalar("SELECT count(*) FROM audit.file_versions") == 1


def test_types_of_risk_get_their_own_table(workspace):
    workspace.drop("adult_concerns/cwc-asc_2019-04.csv",
                   [{**VALID["adult_concerns"], "types_of_risk": "NEGLECT;FINANCIAL;PHYSICAL"}])
    load(workspace, "adult_concerns")
    assert workspace.query("SELECT type_of_risk FROM core.adult_concern_risk_types ORDER BY 1") == [
        ("FINANCIAL",), ("NEGLECT",), ("PHYSICAL",)]
    columns = [r[0] for r in workspace.query("DESCRIBE core.adult_concerns")]
    assert "types_of_risk" not in columns and "source_row" in columns


def test_unreadable_and_misnamed_files_are_recorded_as_rejected(workspace):
    import hashlib

    workspace.drop("police_incidents/wmp_2019-04.xlsx", b"not a workbook", received="2019-05-09T10:00:00")
    misnamed = workspace.drop("police_incidents/wmp-2019-04.csv", [INCIDENT], received="2019-05-09T10:00:00")
    load(workspace)
    sha = hashlib.sha256(misnamed.read_bytes()).hexdigest()[:12]
    assert workspace.query("SELECT file_label, status, reject_rule FROM audit.file_versions ORDER BY 1") == [
        (f"police_incidents/(file received 2019-05-09 10:00:00, sha256 {sha})", "rejected", "file_name"),
        ("police_incidents/wmp_2019-04 (version 1)", "rejected", "xlsx")]


def test_a_record_whose_latest_row_is_quarantined_is_a_finding(workspace):
    from wst_analytics.warehouse.findings import rebuild_findings

    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT], received="2019-05-09T10:00:00")
    workspace.drop("police_incidents/wmp_2019-05.csv", [{**INCIDENT, "crime_recorded": "Y", "child_age": "19"}],
                   received="2019-06-09T10:00:00")
    load(workspace)
    con = connect(workspace.warehouse)
    try:
        assert rebuild_findings(con) == {"latest_version_quarantined": 1}
    finally:
        con.close()
    assert incidents(workspace) == [("police_incidents/wmp_2019-04 (version 1)", False)]
    key = Pseudonymiser(TEST_KEY.encode()).pseudonym(INCIDENT["incident_id"])
    assert workspace.query("SELECT record, file_label, source_row, message FROM audit.data_quality_findings") == [
        (key, "police_incidents/wmp_2019-05 (version 1)", 2, "the row for this record in the May 2019 return was "
         "quarantined (range): the warehouse shows its version from April 2019")]


def test_a_warehouse_that_stored_file_names_is_refused(workspace):
    import duckdb

    workspace.warehouse.parent.mkdir(parents=True)
    old = open_db(workspace.warehouse, read_only=False)
    old.execute("CREATE SCHEMA audit; CREATE TABLE audit.file_versions (file_version_id BIGINT, source_file VARCHAR)")
    old.close()
    with pytest.raises(duckdb.Error, match="stored partners' file names"):
        connect(workspace.warehouse)


def test_an_audit_row_must_have_exactly_the_tables_columns(workspace):
    from wst_analytics.warehouse.file_versions import _insert_versions

    con = connect(workspace.warehouse)
    try:
        with pytest.raises(RuntimeError, match="source_file"):
            _insert_versions(con, [{"file_version_id": 1, "source_file": "x"}])
    finally:
        con.close()
