"""`wst report annual --area`: one place's page, its rates and percentages beside England, the
region and the statistical neighbours (words, and markers on the bars), drawn in Chromium."""

from __future__ import annotations

import html

import pytest
from playwright.sync_api import sync_playwright

from tests.comparators import W
from tests.conftest import chromium_path
from tests.test_cli import wst
from wst_analytics.cli import main
from wst_analytics.reports.annual import annual_report


def copies(space):
    return space.warehouse.parent / "published"


@pytest.fixture(scope="module")
def page_file(comparator_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "annual.html"
    done = wst("report", "annual", "--year", "2019-20", "--area", W, "--out", str(out),
               env={"WST_WAREHOUSE": str(comparator_warehouse.warehouse)})
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_the_page_names_its_place(page_file):
    assert "<h1>Safeguarding in numbers, 2019-20: Wolverhampton</h1>" in page_file.read_text()


def test_a_rate_is_set_beside_england_the_region_and_the_neighbours(page_file):
    assert ("Rate of children on a child protection plan per 10,000 children: 40.0 per 10,000 in 2019-20, "
            "against 43.7 per 10,000 for England, 50.1 per 10,000 for the West Midlands region and 43.7 per "
            "10,000 on average for 3 statistical neighbours; 4 of 8 local authorities from the highest, "
            "quartile B (A is the highest quarter). Source: DfE CIN 2020.") in html.unescape(page_file.read_text())


def test_comparators_for_an_earlier_year_say_which(page_file):
    assert ("75.0% in 2019-20, against x for England, 22.0% for the West Midlands region and 31.7% on average "
            "for 3 statistical neighbours (all in 2017-18); 2 of 8 local authorities from the highest, "
            "quartile D (A is the best quarter: the lowest). Source: DfE CIN 2018.") in html.unescape(page_file.read_text())


def test_a_suppressed_figure_is_compared_without_a_rank(comparator_warehouse, tmp_path):
    out = annual_report("2019-20", tmp_path / "dudley.html", copies(comparator_warehouse), area="E08000027")
    words = html.unescape(out.read_text()).split("per 10,000 children: c in 2019-20, ")[1].split(". Source")[0]
    assert words == ("against 43.7 per 10,000 for England, 50.1 per 10,000 for the West Midlands region and "
                     "45.0 per 10,000 on average for 4 statistical neighbours")  # no rank: it would narrow c


def test_with_two_partnerships_the_place_must_be_named(comparator_warehouse, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WST_COPIES_DIR", str(copies(comparator_warehouse)))
    assert main(["report", "annual", "--year", "2019-20", "--out", str(tmp_path / "x.html")]) == 2
    said = capsys.readouterr().out
    assert "several partnerships: choose one with --area" in said
    assert "bc (Black Country), wst (Wolverhampton Safeguarding Together)" in said and not (tmp_path / "x.html").exists()


def test_the_comparators_are_drawn_as_markers_on_the_bars(page_file):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        titles = page.locator(".gtitle").evaluate_all("nodes => nodes.map(node => node.textContent)")
        assert "Rates per 10,000, 2019-20, against England, the region and neighbours" in titles
        chart = page.locator(".js-plotly-plot").filter(has_text="Percentages, 2019-20")
        assert chart.locator(".bars path").count() >= 1
        assert chart.locator(".scatterlayer .point").count() == 2  # the region and the neighbours: England is x
        legend = chart.locator(".legendtext").evaluate_all("nodes => nodes.map(node => node.textContent)")
        assert legend == ["Wolverhampton", "England", "West Midlands", "Statistical neighbours (mean)"]
        browser.close()
    assert errors == []
