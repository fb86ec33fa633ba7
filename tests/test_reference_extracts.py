"""The two reference extracts of contract version 2, section 7: `benchmarks` (published figures
to compare with) and `neighbours` (statistical neighbours) load end to end into core, every bad
row quarantined with its rule, and a later publication revises an earlier one's figures."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_KEY, Workspace, pointed_at
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.extracts.common import code
from wst_analytics.extracts.spec import extract_schema
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.load import load_candidates

HEADER = b"indicator_id,area_code,period,breakdown,value,symbol,source\r\n"
BAD_BENCHMARKS = HEADER + (
    b"cp_open_rate_per_10k,E92000001,2019-20,,43.7,,DfE CIN 2020\r\n"
    b"cp_open_rate_per_10k,E08000025,2019-20,,,c,DfE CIN 2020\r\n"            # suppressed: kept
    b"no_such_indicator,E08000025,2019-20,,1,,DfE CIN 2020\r\n"
    b"cp_open_rate_per_10k,E08000026,2019-13,,1,,DfE CIN 2020\r\n"
    b"cp_open_rate_per_10k,E08000027,2019-20,,,,DfE CIN 2020\r\n"
    b"cp_open_rate_per_10k,W06000001,2019-20,,3,,DfE CIN 2020\r\n"
    b"cp_open_rate_per_10k,E08000028,2019-20,,4 per 10k,,DfE CIN 2020\r\n"
    b"cp_open_rate_per_10k,E08000029,2019-20,,4,,\r\n"
    b"CP_Open_Rate_Per_10k,e08000030,2019-20,,4,,DfE CIN 2020\r\n"           # any case: loads
    b"cp_open_rate_per_10k,E08000031,2019-20,,,43.7,DfE CIN 2020\r\n"        # a figure in the symbol
    b"cp_open_rate_per_10k,E08000032,2019-20,,,[low],DfE CIN 2020\r\n")      # NHS style: loads
BAD_NEIGHBOURS = (b"la_code,neighbour_code,rank\r\nE08000031,E08000025,1\r\nE08000031,E08000031,2\r\n"
                  b"E08000031,E08000026,0\r\nE08000031,E12000005,3\r\nE08000031,E08000027,2\r\n")


def load(space) -> None:
    """Load the drop folder's reference extracts with library calls."""
    con = connect(space.warehouse)
    try:
        keys = Pseudonymiser(TEST_KEY.encode())
        for extract in ("benchmarks", "neighbours"):
            candidates = new_candidates(con, space.raw, load_registry(), extract, pseudonymiser=keys)
            load_candidates(con, extract, candidates, keys, "test")
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    space = Workspace(tmp_path_factory.mktemp("reference"))
    with pointed_at(space):
        space.drop("benchmarks/dfe_2020-10.csv", BAD_BENCHMARKS)
        space.drop("neighbours/dfe_2020-10.csv", BAD_NEIGHBOURS)
        load(space)
    return space


def test_good_benchmark_rows_reach_core(loaded):
    assert loaded.query("SELECT indicator_id, area_code, period, breakdown, value, symbol FROM core.benchmarks "
                        "ORDER BY area_code") == [
        ("cp_open_rate_per_10k", "E08000025", "2019-20", "", None, "c"),
        ("cp_open_rate_per_10k", "E08000030", "2019-20", "", 4.0, None),
        ("cp_open_rate_per_10k", "E08000032", "2019-20", "", None, "[low]"),
        ("cp_open_rate_per_10k", "E92000001", "2019-20", "", 43.7, None)]


def test_each_bad_benchmark_row_is_quarantined_with_its_rule(loaded):
    assert loaded.query("SELECT source_row, \"column\", rule FROM quarantine.rows WHERE extract = 'benchmarks' "
                        "ORDER BY ALL") == [
        (4, "indicator_id", "unknown_indicator"), (5, "period", "period"),
        (6, "symbol", "value_or_symbol"), (7, "area_code", "format"),
        (8, "symbol", "value_or_symbol"), (8, "value", "invalid_number"),  # the value did not parse
        (9, "source", "required"), (11, "symbol", "format")]


def test_each_bad_neighbour_row_is_quarantined_with_its_rule(loaded):
    assert loaded.query("SELECT la_code, neighbour_code, rank FROM core.neighbours ORDER BY rank") == [
        ("E08000031", "E08000025", 1), ("E08000031", "E08000027", 2)]
    assert loaded.query("SELECT source_row, \"column\", rule FROM quarantine.rows WHERE extract = 'neighbours' "
                        "ORDER BY ALL") == [
        (3, "neighbour_code", "own_neighbour"), (4, "rank", "range"), (5, "neighbour_code", "format")]


def test_a_headline_figure_has_a_key_like_any_other(loaded):
    assert loaded.query("SELECT record_key FROM core.benchmarks WHERE area_code = 'E92000001'") == [
        ("cp_open_rate_per_10k|E92000001|2019-20|",)]


def test_a_later_publication_revises_a_headline_figure(workspace):
    workspace.drop("benchmarks/dfe_2020-10.csv", HEADER + b"cp_open_rate_per_10k,E92000001,2019-20,,43.7,,DfE CIN 2020\r\n")
    load(workspace)
    workspace.drop("benchmarks/dfe_2021-03.csv",
                   HEADER + b"cp_open_rate_per_10k,E92000001,2019-20,,43.9,,DfE CIN 2020 (revised)\r\n")
    load(workspace)
    assert workspace.query("SELECT value, source FROM core.benchmarks") == [(43.9, "DfE CIN 2020 (revised)")]


def test_a_breakdown_revision_replaces_only_its_own_row(workspace):
    workspace.drop("benchmarks/dfe_2020-10.csv", HEADER + (
        b"cp_open_by_category,E92000001,2019-20,NEG,100,,DfE\r\n"
        b"cp_open_by_category,E92000001,2019-20,,200,,DfE\r\n"))
    load(workspace)
    workspace.drop("benchmarks/dfe_2021-03.csv", HEADER + b"cp_open_by_category,E92000001,2019-20,neg,110,,DfE\r\n")
    load(workspace)
    assert workspace.query("SELECT breakdown, value FROM core.benchmarks ORDER BY 1") == [("", 200.0), ("NEG", 110.0)]


def test_a_spec_with_an_optional_key_column_and_no_default_is_refused():
    with pytest.raises(ValueError, match="key column 'breakdown' is optional"):
        extract_schema("x", key=["id", "breakdown"], monthly=False,
                       columns={"id": code([], required=True), "breakdown": code([])})
