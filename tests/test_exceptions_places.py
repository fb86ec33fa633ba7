"""Exceptions per place, on two LAs and a partnership of both (tests/two_places.py): SPC and
tolerances on each place's own series, late returns and data quality for the places the
partner serves."""

import pytest

from tests.helpers import load_and_build
from tests.two_places import PARTNERSHIP, TODAY, WALSALL, WOLVERHAMPTON, two_places_registry  # noqa: F401
from wst_analytics.exceptions.build import build_exceptions
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect

INCIDENTS = "police_child_abuse_incidents"


@pytest.fixture
def built(workspace, two_places_registry):
    load_and_build(workspace)
    con = connect(workspace.warehouse)
    try:
        build_exceptions(con, "test", registry=load_registry(two_places_registry), today=TODAY)
    finally:
        con.close()
    return workspace


def raised(space, **where) -> list[tuple]:
    """(area_code, kind, severity, indicator_id, partner, period_type, period, detail) of the
    exceptions matching `where` (column = value)."""
    clause = " AND ".join(f"{column} = ?" for column in where) or "true"
    return space.query("SELECT area_code, kind, severity, indicator_id, partner, period_type, period, detail "
                       f"FROM marts.exceptions WHERE {clause} ORDER BY ALL", list(where.values()))


def test_spc_is_raised_for_the_la_whose_series_shifted_and_not_the_other(built):
    found = {(e[0], e[6]) for e in raised(built, kind="spc", indicator_id=INCIDENTS)}
    assert (WOLVERHAMPTON, "2020-03") in found and (PARTNERSHIP, "2020-03") in found
    assert not [e for e in found if e[0] == WALSALL]


def test_spc_rows_are_each_places_own_series(built):
    rows = built.query("SELECT area_type, area_code, period_type, count(*), min(value), max(value) FROM marts.spc "
                       "WHERE indicator_id = ? GROUP BY ALL ORDER BY ALL", [INCIDENTS])
    assert rows == [("local_authority", WALSALL, "month", 24, 9.0, 11.0),
                    ("local_authority", WOLVERHAMPTON, "month", 24, 9.0, 30.0),
                    ("partnership", PARTNERSHIP, "month", 24, 18.0, 41.0)]
    summary = built.query("SELECT area_code, period_type, latest_period, variation FROM marts.spc_summary "
                          "WHERE indicator_id = ? ORDER BY area_code", [INCIDENTS])
    assert summary == [(WALSALL, "month", "2020-03", "common_cause"),
                       (WOLVERHAMPTON, "month", "2020-03", "neither_high"),
                       (PARTNERSHIP, "month", "2020-03", "neither_high")]


def test_tolerance_is_per_place(built):
    found = raised(built, kind="tolerance", indicator_id=INCIDENTS)
    assert [(e[0], e[5], e[6]) for e in found] == [(WOLVERHAMPTON, "financial_year", "2019-20"),
                                                   (PARTNERSHIP, "financial_year", "2019-20")]


def test_a_return_owed_by_a_partner_is_late_for_the_places_it_serves(built):
    found = raised(built, kind="late_return", partner="wst")
    assert {(e[0], e[5], e[6]) for e in found} == {
        (place, "month", month) for place in (WOLVERHAMPTON, PARTNERSHIP) for month in ("2019-07", "2019-10")}


def test_a_rejected_file_is_raised_for_the_places_its_partner_serves(built):
    found = raised(built, kind="data_quality", detail="file_rejected")
    assert [(e[0], e[4], e[6]) for e in found] == [(WOLVERHAMPTON, "wst", "2019-10"), (PARTNERSHIP, "wst", "2019-10")]


def test_every_exception_names_its_place_and_period_type(built):
    assert built.query("SELECT count(*) FROM marts.exceptions WHERE area_type IS NULL OR area_code IS NULL "
                       "OR (period IS NOT NULL AND period_type IS NULL)") == [(0,)]
    places = built.query("SELECT DISTINCT area_type, area_code FROM marts.partner_places WHERE partner = 'wst' "
                         "ORDER BY ALL")
    assert places == [("local_authority", WOLVERHAMPTON), ("partnership", PARTNERSHIP)]
