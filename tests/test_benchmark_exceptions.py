"""The `benchmark` exception: amber where a place with a known polarity falls into the worst
quartile of the LAs, naming the period compared and the comparators' source."""

from __future__ import annotations

import duckdb
import pytest

from tests.comparators import W
from wst_analytics.exceptions.benchmark import benchmark_exceptions
from wst_analytics.indicators.catalogue import load_catalogue
from tests.conftest import open_db


@pytest.fixture(scope="module")
def space(comparator_warehouse):
    return comparator_warehouse


def test_the_worst_quartile_raises_an_amber_benchmark_exception(space):
    rows = space.query("SELECT severity, indicator_id, period, value, reference_value, message FROM marts.exceptions "
                       "WHERE kind = 'benchmark' AND area_type = 'partnership' AND area_code = 'wst'")
    assert [r[:5] for r in rows] == [("amber", "cp_repeat_started_pct", "2019-20", 75.0, None)]
    assert rows[0][5] == (
        "Child protection plans started that were repeat plans (%): 75.0% in 2019-20 is in the worst quarter "
        "of local authorities (higher is worse): rank 2 of 8 (1 = highest), quartile D, against the 2017-18 "
        "figures of DfE CIN 2018; England not published (x)")


def test_the_pipeline_raises_it_for_every_place_in_the_worst_quartile(space):
    assert space.query("SELECT area_type, area_code FROM marts.exceptions WHERE kind = 'benchmark' "
                       "ORDER BY ALL") == [("local_authority", W), ("partnership", "wst")]


@pytest.fixture(scope="module")
def every_place(space):
    con = open_db(space.warehouse)
    try:
        return benchmark_exceptions(con, load_catalogue())
    finally:
        con.close()


def test_only_ranked_places_in_the_worst_quartile_raise_one(every_place):
    # W and wst (W alone) are in D; Dudley is in A; bc (two LAs) has no rank
    assert sorted((e["area_code"], e["indicator_id"]) for e in every_place) == [
        (W, "cp_repeat_started_pct"), ("wst", "cp_repeat_started_pct")]


def test_a_neutral_indicator_never_raises_one(space, every_place):
    assert space.query("SELECT quartile FROM marts.indicator_benchmarks WHERE indicator_id = 'cp_started' "
                       "AND area_code = ?", [W]) == [("D",)]  # the lowest of four, but neutral
    assert not [e for e in every_place if e["indicator_id"] == "cp_started"]
