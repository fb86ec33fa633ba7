"""published.indicator_benchmarks: the comparators beside the published (disclosure-controlled)
figure, never revealing a suppressed one; and published.areas, in the report authors' copy."""

from __future__ import annotations

import duckdb
import pytest

from tests.comparators import D, S, W, benchmarks
from tests.conftest import open_db

PUBLISHED = "published.indicator_benchmarks"


@pytest.fixture(scope="module")
def space(comparator_warehouse):
    return comparator_warehouse


def test_a_figure_hidden_to_protect_another_place_has_no_rank_either(space):
    # Black Country (W, D and S) less W and S would give D's 5 children back: S (the smaller) is hidden
    row = benchmarks(space, S, table=PUBLISHED)
    assert (row["value"], row["value_text"], row["rank"], row["rank_of"], row["quartile"]) == (None, "c", None, None, None)


def test_a_published_figure_is_ranked_as_published(space):
    row = benchmarks(space, W, table=PUBLISHED)
    assert (row["value"], row["value_text"], row["rank"], row["rank_of"], row["quartile"]) == (40.0, "40.0", 4, 8, "B")


def test_a_suppressed_figure_has_no_rank_or_quartile_to_reveal_it(space):
    row = benchmarks(space, D, table=PUBLISHED)  # 5 children: `c`
    assert (row["value"], row["value_text"], row["rank"], row["rank_of"], row["quartile"]) == (None, "c", None, None, None)
    assert (row["england_value"], row["region_value"], row["neighbours_mean"]) == (43.7, 50.1, 45.0)
    assert benchmarks(space, D)["rank"] == 6  # marts keep the exact figure's rank, for analysts


def test_the_neighbours_mean_is_rounded_as_the_figures_are(space):
    assert benchmarks(space, W, table=PUBLISHED)["neighbours_mean"] == 43.7  # 43.666...


def test_the_period_compared_and_the_symbols_are_published(space):
    row = benchmarks(space, W, "cp_repeat_started_pct", table=PUBLISHED)
    assert (row["benchmark_period"], row["england_symbol"], row["source"]) == ("2017-18", "x", "DfE CIN 2018")


def test_the_report_copy_holds_the_comparators_and_the_places(space):
    con = open_db(space.warehouse.parent / "published" / "report.duckdb")
    try:
        tables = {r[0] for r in con.execute("SELECT schema_name || '.' || table_name FROM duckdb_tables()").fetchall()}
        areas = con.execute("SELECT area_type, area_code, name, region_name FROM published.areas").fetchall()
    finally:
        con.close()
    assert {PUBLISHED, "published.areas"} <= tables
    assert not [t for t in tables if not t.startswith(("published.", "releases."))]
    assert areas == [("partnership", "bc", "Black Country", "West Midlands"),
                     ("partnership", "wst", "Wolverhampton Safeguarding Together", "West Midlands"),
                     ("local_authority", S, "Shropshire", "West Midlands"),
                     ("local_authority", D, "Dudley", "West Midlands"),
                     ("local_authority", W, "Wolverhampton", "West Midlands")]
