"""The benchmark's references and driver helpers (the driver itself is too heavy to run here)."""

from __future__ import annotations

import hashlib
import hmac
import os
import sys
from datetime import date

import duckdb
import pytest

from benchmarks.floor_duckdb import run_floor
from benchmarks.pandas_schemas import SCHEMAS as PANDAS_SCHEMAS
from benchmarks.reference_pandas import run_pandas
from benchmarks.run import link_tree, timed

KEY = "benchmark-test-key-0123456789"


def write(path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def pseudonym(value: str) -> str:
    return hmac.new(KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def all_text(db_path) -> str:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
        return "\n".join(str(con.execute(f'SELECT * FROM "{s}"."{t}"').fetchall()) for s, t in tables)
    finally:
        con.close()


def test_the_floor_loads_every_data_row_of_every_csv(tmp_path):
    raw = tmp_path / "raw"
    header = "incident_id,recorded_date,child_ref,child_age,cse_marker,crime_recorded\r\n"
    write(raw / "police_incidents/wmp_2019-04.csv", header + "I1,2019-04-01,R1,14,Y,N\r\nI2,2019-04-02,,,N,N\r\n")
    write(raw / "police_incidents/wmp_2019-05.csv",  # a header variant, a BOM, a quoted line break
          "\ufeffIncident ID,Recorded Date,Child Ref,Child Age,CSE Marker,Crime Recorded\n"
          'I3,"01/05/2019",R3,9,Y,Y\nI4,02/05/2019,"R\n4",,N,N\nI5,03/05/2019,R5,,N,N\n')
    write(raw / "training_attendance/wst_2019-04.csv",  # Windows-1252: the pound sign is 0xA3
          "booking_id,course_title,dna_charge_gbp\r\nB1,Prevent \u2013 WRAP,\u00a350\r\nB2,Basics,\r\n",
          encoding="cp1252")
    write(raw / "training_attendance/wst_2019-05.csv", "booking_id,course_title,dna_charge_gbp\nB3,Basics,\n")

    result = run_floor(raw, tmp_path / "floor.duckdb")

    assert result["extracts"]["police_incidents"]["rows"] == 5
    assert result["extracts"]["training_attendance"]["rows"] == 3
    assert result["extracts"]["training_attendance"]["transcoded_files"] == 1
    assert result["extracts"]["cp_plans"]["rows"] == 0
    assert result["rows"] == 8
    con = duckdb.connect(str(tmp_path / "floor.duckdb"), read_only=True)
    assert con.execute("SELECT dna_charge_gbp FROM training_attendance WHERE booking_id = 'B1'").fetchall() \
        == [("\u00a350",)]
    assert con.execute("SELECT count(*) FROM training_attendance WHERE filename LIKE '%wst_2019-04.csv' "
                       "AND filename NOT LIKE '%transcoded%'").fetchone()[0] == 2
    con.close()


POLICE = "incident_id,recorded_date,child_ref,child_age,cse_marker,crime_recorded,record_status\n"


@pytest.fixture
def loaded_reference(tmp_path):
    raw = tmp_path / "raw"
    write(raw / "police_incidents/wmp_2019-04.csv", POLICE +
          "WMPINC0001,2019-04-01,WMPCHILD01,14,Y,N,\n"     # row 2: updated in May
          "WMPINC0002,31/02/2019,WMPCHILD02,,N,N,\n"       # row 3: no such date
          "WMPINC0003,2019-04-03,,,N,N,\n"                 # rows 4 and 5: one key twice
          "wmpinc0003,2019-04-04,,,N,Y,\n"
          "WMPINC0004,2019-04-05,WMPCHILD04,9,N,N,\n")     # row 6: deleted in May
    write(raw / "police_incidents/wmp_2019-05.csv", POLICE +
          "WMPINC0001,2019-04-01,WMPCHILD01,14,Y,Y,active\n"
          "WMPINC0004,,,,,,deleted\n")
    db = tmp_path / "pandas.duckdb"
    return run_pandas(raw, db, KEY), db


def test_the_pandas_reference_quarantines_a_bad_date_and_a_duplicate_key(loaded_reference):
    result, db = loaded_reference
    con = duckdb.connect(str(db), read_only=True)
    quarantined = con.execute('SELECT source_file, source_row, "column", rule FROM quarantine.rows '
                              "ORDER BY source_row").fetchall()
    assert quarantined == [("police_incidents/wmp_2019-04.csv", 3, "recorded_date", "invalid_date"),
                           ("police_incidents/wmp_2019-04.csv", 4, "incident_id", "duplicate_key"),
                           ("police_incidents/wmp_2019-04.csv", 5, "incident_id", "duplicate_key")]
    assert con.execute("SELECT count(*) FROM history.police_incidents").fetchone()[0] == 4
    con.close()
    counts = result["extracts"]["police_incidents"]
    assert (counts["rows_read"], counts["rows_loaded"], counts["rows_quarantined"]) == (7, 4, 3)


def test_the_pandas_reference_stores_pseudonyms_never_raw_identifiers(loaded_reference):
    _, db = loaded_reference
    text = all_text(db)
    for raw_id in ("WMPINC0001", "WMPINC0002", "WMPINC0003", "WMPINC0004", "WMPCHILD01", "WMPCHILD04"):
        assert raw_id not in text
        assert raw_id.encode() not in db.read_bytes()
    assert pseudonym("WMPINC0001") in text and pseudonym("WMPCHILD01") in text


def test_the_pandas_reference_core_keeps_the_latest_month_and_drops_deleted_keys(loaded_reference):
    _, db = loaded_reference
    con = duckdb.connect(str(db), read_only=True)
    core = con.execute("SELECT incident_id, reporting_month, crime_recorded FROM core.police_incidents").fetchall()
    con.close()
    assert core == [(pseudonym("WMPINC0001"), date(2019, 5, 1), True)]


def test_the_pandas_reference_finds_every_fault_planted_in_the_city_sample(tmp_path):
    from wst_analytics.sample import generate_sample

    manifest = generate_sample(tmp_path / "raw")
    result = run_pandas(tmp_path / "raw", tmp_path / "pandas.duckdb", KEY)
    con = duckdb.connect(str(tmp_path / "pandas.duckdb"), read_only=True)
    found = set(con.execute('SELECT source_file, source_row, "column", rule FROM quarantine.rows '
                            "WHERE rule <> 'file_rejected'").fetchall())
    rejected = {row[0] for row in con.execute("SELECT source_file FROM audit.files WHERE status = 'rejected'").fetchall()}
    con.close()
    ported = set(PANDAS_SCHEMAS)  # the reference ports the monthly extracts and population only
    assert found == {(r.file, r.row, r.column, r.rule) for r in manifest.invalid_rows if r.extract in ported}
    assert rejected == {r["path"] for r in manifest.to_dict()["rejected_files"]}
    assert result["rows"] == sum(n for path, n in manifest.row_count.items() if path.split("/")[0] in ported)


def test_each_step_is_measured_on_its_own(tmp_path):
    big = timed("big", [sys.executable, "-c", "x = bytearray(200_000_000); x[::4096] = b'1' * len(x[::4096])"],
                dict(os.environ), tmp_path / "big.log")
    small = timed("small", [sys.executable, "-c", "pass"], dict(os.environ), tmp_path / "small.log")
    assert big["returncode"] == small["returncode"] == 0
    assert big["peak_rss_mb"] > 190
    assert small["peak_rss_mb"] < 100  # not the largest child so far
    failed = timed("missing", ["/no/such/program"], dict(os.environ), tmp_path / "missing.log")
    assert failed["returncode"] == 127


def test_the_working_copy_of_raw_is_hard_linked_and_leaves_the_sample_alone(tmp_path):
    write(tmp_path / "sample/raw/cp_plans/cwc-cs_2019-04.csv", "child_id\nC1\n")
    assert link_tree(tmp_path / "sample/raw", tmp_path / "copy") == 1
    copy = tmp_path / "copy/cp_plans/cwc-cs_2019-04.csv"
    assert not copy.is_symlink() and copy.stat().st_ino == (tmp_path / "sample/raw/cp_plans/cwc-cs_2019-04.csv").stat().st_ino
