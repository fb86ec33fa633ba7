"""`wst export`: published tables only, readable XLSX, no formula cells, symbols explained."""

import zipfile

import duckdb
import openpyxl
import polars as pl
import pyarrow.parquet as pq
import pytest

from tests.conftest import VALID
from tests.helpers import drop_returns, materialize
from tests.test_cli import wst
from wst_analytics.export.read import open_published


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from tests.conftest import Workspace, pointed_at

    space = Workspace(tmp_path_factory.mktemp("export"))
    with pointed_at(space):
        booking = {**VALID["training_attendance"], "attendance": "ATTENDED", "session_date": "2019-09-02"}
        drop_returns(space, "training_attendance", {"2019-09": [
            {**booking, "booking_id": f"B{n}", "attendee_agency": agency}
            for n, agency in enumerate(["=1+2", "@SUM(A1)", "CWC", "-2-3", "+CMD", "-2+3"])]})
        drop_returns(space, "police_incidents", {"2019-09": [
            {**VALID["police_incidents"], "incident_id": "I1", "recorded_date": "2019-09-03"}]})
        materialize(space)
    return space


def export(space, table, out, *extra):
    """`wst export` as a report author runs it: it finds the report copy beside the warehouse."""
    env = {k: v for k, v in __import__("os").environ.items() if k != "WST_COPIES_DIR"}
    return wst("export", table, "--out", str(out), *extra, env={**env, "WST_WAREHOUSE": str(space.warehouse)})


def test_only_published_tables_can_be_exported(published, tmp_path):
    done = export(published, "core.police_incidents", tmp_path / "x.csv")
    assert done.returncode == 2 and "not a published table" in done.stdout
    assert not (tmp_path / "x.csv").exists()


def test_csv_neutralises_formulas_and_explains_symbols_beside_it(published, tmp_path):
    assert export(published, "published.indicator_values", tmp_path / "values.csv").returncode == 0
    frame = pl.read_csv(tmp_path / "values.csv", infer_schema=False)
    agencies = set(frame.filter(pl.col("indicator_id") == "training_attended_by_agency")["breakdown"])
    assert agencies == {"CWC", "'-2-3"}  # =, + and @, in front or anywhere, were quarantined on the way in
    assert set(frame.filter(pl.col("indicator_id") == "police_child_abuse_incidents")["value_text"]) >= {"c"}
    notes = (tmp_path / "values-notes.txt").read_text()
    assert all(symbol in notes for symbol in ("c  ", "[c]  ", "x  ", "z  ")) and "As at:" in notes


def test_xlsx_has_title_notes_frozen_header_widths_and_no_formulas(published, tmp_path):
    out = tmp_path / "values.xlsx"
    assert export(published, "published.indicator_values", out, "--format", "xlsx").returncode == 0
    with zipfile.ZipFile(out) as book:
        sheets = [book.read(f"xl/worksheets/sheet{n}.xml").decode() for n in (1, 2)]
    assert all("<f>" not in sheet for sheet in sheets)
    assert 'state="frozen"' in sheets[0] and "<col " in sheets[0]
    data, notes = openpyxl.load_workbook(out).worksheets
    first_column = [c.value for c in notes["A"] if c.value]
    assert first_column[0].startswith("Safeguarding partnership indicators")
    assert any(v.startswith("Source:") for v in first_column) and any(v.startswith("As at:") for v in first_column)
    assert "[c]" in first_column
    cells = {c.value for row in data.iter_rows() for c in row if c.value}
    assert "'-2-3" in cells and "-2-3" not in cells


def test_parquet_carries_the_notes_and_the_load_in_its_metadata(published, tmp_path):
    out = tmp_path / "values.parquet"
    assert export(published, "published.indicator_values", out).returncode == 0
    metadata = pq.read_schema(out).metadata
    assert b"Disclosure control" in metadata[b"wst:notes"] and b"finished" in metadata[b"wst:load"]


def test_format_and_out_extension_must_agree(published, tmp_path):
    done = export(published, "published.indicators", tmp_path / "x.csv", "--format", "xlsx")
    assert done.returncode == 2 and "--format xlsx" in done.stdout and ".csv" in done.stdout
    assert not (tmp_path / "x.csv").exists()


def test_parquet_carries_the_symbols_in_its_metadata(published, tmp_path):
    out = tmp_path / "yoy.parquet"
    assert export(published, "published.indicator_yoy", out).returncode == 0
    metadata = pq.read_schema(out).metadata
    assert b"wst:symbols" in metadata and b"confidential" in metadata[b"wst:symbols"]
    assert pl.read_parquet(out).columns[:5] == ["indicator_id", "area_type", "area_code", "period", "period_type"]


def test_report_authors_connection_is_read_only_without_external_access(published, tmp_path):
    con = open_published(published.warehouse.parent / "published")
    try:
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE published.x AS SELECT 1")
        with pytest.raises(duckdb.Error):
            con.execute(f"COPY (SELECT 1) TO '{tmp_path / 'leak.csv'}'")
        with pytest.raises(duckdb.Error):
            con.execute("SET enable_external_access = true")
    finally:
        con.close()
    assert not (tmp_path / "leak.csv").exists()


def test_every_formula_prefix_is_neutralised_but_numbers_are_not():
    from wst_analytics.export.write import neutralise

    assert [neutralise(v) for v in ("=1+2", "+CMD", "-2+3", "@SUM(A1)", "\tx", "\rx")] == [
        "'=1+2", "'+CMD", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx"]
    assert [neutralise(v) for v in ("-10.5", "+3", "CWC", 5)] == ["-10.5", "+3", "CWC", 5]
