"""marts.indicator_benchmarks against the hand-made files of tests/comparators.py, where every
answer is worked out by hand: rank, quartile (ties at a band's edge), means, the period lag,
suppressed comparators and partnerships."""

from __future__ import annotations

import pytest

from tests.comparators import D, ENGLAND, W, WEST_MIDLANDS, benchmarks


@pytest.fixture(scope="module")
def space(comparator_warehouse):
    return comparator_warehouse


def test_an_la_beside_england_its_region_and_its_neighbours(space):
    row = benchmarks(space, W)
    assert (row["value"], row["benchmark_period"], row["england_value"], row["region_code"],
            row["region_value"], row["source"]) == (40.0, "2019-20", 43.7, WEST_MIDLANDS, 50.1, "DfE CIN 2020")
    # D 31, Birmingham 60, Coventry 40 published; Walsall suppressed; E06000003 not published
    assert row["neighbours_n"] == 3 and row["neighbours_mean"] == pytest.approx((31 + 60 + 40) / 3)


def test_rank_counts_the_places_own_figure_in_place_of_its_published_one(space):
    row = benchmarks(space, W)  # own 40 (published 45); 7 other LAs have a figure, 3 above 40
    assert (row["rank"], row["rank_of"]) == (4, 8)


def test_a_tie_at_a_bands_edge_takes_the_better_band(space):
    # W (40) ties Coventry (40) at positions 4 and 5 of 8: B is 3 to 4, C 5 to 6; both take B
    assert benchmarks(space, W)["quartile"] == "B"


def test_another_la_sees_its_neighbours_published_figure_not_their_own(space):
    row = benchmarks(space, D)  # own 25: W counts with its published 45, not its own 40
    assert (row["rank"], row["rank_of"], row["quartile"]) == (6, 8, "C")
    assert (row["neighbours_n"], row["neighbours_mean"]) == (4, 45.0)  # W 45, 55, 20, 60


def test_quartile_follows_the_polarity(space):
    worse = benchmarks(space, W, "cp_repeat_started_pct")  # higher is worse: own 75, 6 LAs below it
    assert (worse["rank"], worse["rank_of"], worse["quartile"]) == (2, 8, "D")
    assert benchmarks(space, D, "cp_repeat_started_pct")["quartile"] == "A"  # own 0: the lowest


def test_a_later_local_year_compares_with_the_latest_earlier_publication(space):
    row = benchmarks(space, W, "cp_repeat_started_pct")  # 2016-17, 2017-18 and 2020-21 published
    assert (row["period"], row["benchmark_period"], row["source"]) == ("2019-20", "2017-18", "DfE CIN 2018")
    assert row["neighbours_mean"] == pytest.approx((5 + 80 + 10) / 3)


def test_a_suppressed_comparator_keeps_its_symbol_and_counts_nowhere(space):
    row = benchmarks(space, W, "cp_repeat_started_pct")
    assert (row["england_value"], row["england_symbol"], row["region_value"]) == (None, "x", 22.0)
    assert benchmarks(space, W)["neighbours_n"] == 3  # Walsall's `c` is not a neighbour's figure


def test_a_partnership_of_one_la_is_compared_as_that_la(space):
    la, partnership = benchmarks(space, W), benchmarks(space, "wst")
    assert {k: v for k, v in partnership.items() if k not in ("area_type", "area_code")} == {
        k: v for k, v in la.items() if k not in ("area_type", "area_code")}


def test_a_partnership_of_several_las_has_their_neighbours_and_no_rank(space):
    row = benchmarks(space, "bc")
    assert (row["value"], row["region_value"], row["england_value"]) == (pytest.approx(20 / 6000 * 10000), 50.1, 43.7)
    # W's and D's neighbours (S has none) but W and D themselves: Birmingham, Coventry, Sandwell, Solihull
    assert (row["neighbours_n"], row["neighbours_mean"]) == (4, (60 + 40 + 55 + 20) / 4)
    assert (row["rank"], row["rank_of"], row["quartile"]) == (None, None, None)


def test_breakdown_codes_match_in_any_case(space):
    row = benchmarks(space, W, "cp_open_by_age_band", breakdown="under_1")  # published as Under_1
    assert (row["value"], row["england_value"]) == (0.0, 1234.0)


def test_no_rank_where_no_other_la_has_a_published_figure(space):
    row = benchmarks(space, W, "cp_open_by_age_band", breakdown="under_1")  # England's alone
    assert (row["rank"], row["rank_of"], row["quartile"], row["neighbours_n"]) == (None, None, None, 0)


def test_only_rows_with_published_figures_to_compare_with(space):
    assert space.query("SELECT DISTINCT indicator_id, period_type, benchmark_period FROM marts.indicator_benchmarks "
                       "ORDER BY ALL") == [
        ("cp_open_by_age_band", "financial_year", "2019-20"),
        ("cp_open_rate_per_10k", "financial_year", "2019-20"),
        ("cp_repeat_started_pct", "financial_year", "2017-18"),
        ("cp_started", "financial_year", "2019-20")]
    assert space.scalar("SELECT count(*) FROM marts.indicator_benchmarks WHERE breakdown = '' AND "
                        "indicator_id = 'cp_open_rate_per_10k'") == 5  # W, D, S, wst, bc
    assert space.scalar("SELECT count(*) FROM marts.indicator_benchmarks WHERE area_code = ?", [ENGLAND]) == 0
