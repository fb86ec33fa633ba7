"""The query library's comparators (wst_analytics.query.benchmarks), on the analyst copy of the
hand-made warehouse of tests/comparators.py."""

from __future__ import annotations

import doctest
import importlib

import pytest

import wst_analytics.query as q
from tests.comparators import D, W

module = importlib.import_module("wst_analytics.query.benchmarks")  # q.benchmarks is its function


@pytest.fixture
def con(comparator_warehouse):
    con = q.open_latest(directory=comparator_warehouse.warehouse.parent / "published")
    yield con
    con.close()


def test_the_docstring_examples_run(con):
    result = doctest.testmod(module, extraglobs={"con": con}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_benchmarks_take_an_area(con):
    rows = q.benchmarks(con, "cp_open_rate_per_10k", area=W)
    assert rows.select("area_code", "period", "rank", "quartile").rows() == [(W, "2019-20", 4, "B")]
    assert q.benchmarks(con, "cp_open_rate_per_10k", area=D, source="published")["value_text"].to_list() == ["c"]


def test_without_an_area_the_only_partnership_or_a_clear_error(con):
    with pytest.raises(ValueError, match="several partnerships: give area=; the places are"):
        q.benchmarks(con)
    with pytest.raises(ValueError, match="no place 'E08000099'"):
        q.place(con, "E08000099")


def test_each_neighbour_with_its_published_figure(con):
    rows = q.neighbours(con, "cp_open_rate_per_10k", "2019-20", area="bc")  # W's and D's, less W and D
    assert rows.select("neighbour_rank", "area_code", "value", "symbol").rows() == [  # closest first
        (2, "E08000025", 60.0, None), (2, "E08000028", 55.0, None), (3, "E08000026", 40.0, None),
        (3, "E08000029", 20.0, None), (4, "E08000030", None, "c"), (5, "E06000003", None, None)]


def test_a_place_against_its_neighbours_in_plotly(con):
    figure = q.neighbours_chart(con, "cp_repeat_started_pct", area=W)
    assert list(figure.data[0].x) == ["Wolverhampton", "E08000027", "E08000025", "E08000026"]
    assert "(comparators for 2017-18)" in figure.layout.title.text
    assert len(figure.layout.shapes) == 1  # the region's line: England's figure is x
