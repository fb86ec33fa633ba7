"""`wst report annual`: a self-contained page of the published figures, drawn in Chromium."""

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import chromium_path
from tests.test_cli import wst


@pytest.fixture(scope="module")
def page_file(sample_warehouse, tmp_path_factory):
    space, _, _ = sample_warehouse
    out = tmp_path_factory.mktemp("report") / "annual.html"
    done = wst("report", "annual", "--year", "2019-20", "--out", str(out),
               env={"WST_WAREHOUSE": str(space.warehouse)})
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_the_page_is_self_contained(page_file):
    text = page_file.read_text()
    assert "<script src=" not in text and "http://" not in text.split("</script>")[-1]


def test_the_page_quotes_the_published_figures(page_file):
    text = page_file.read_text()
    assert "264 children were on a child protection plan at 31 March 2020" in text
    assert "a fall of 19.5% on 2018-19" in text  # one decimal place, as the policy rounds percentages
    assert "2,670 safeguarding concerns" in text and "increase of 18.9%" in text  # SAC: 2245 -> 2670, as published
    assert "35.3% of those (18.2% in 2018-19)" in text
    # 2019-20's training return for August 2019 never arrived: the year is incomplete, flagged u
    assert "67 u types of safeguarding course" in text


def test_the_page_renders_in_headless_chromium_with_every_chart(page_file):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        charts = page.locator(".js-plotly-plot")
        assert charts.count() == 13  # ten of the figures, three of comparators (rates, percentages)
        for n in range(charts.count()):
            assert charts.nth(n).locator(".main-svg").count() >= 1
            assert charts.nth(n).locator(".point, .bars path").count() >= 1
        titles = page.locator(".gtitle").evaluate_all("nodes => nodes.map(node => node.textContent)")
        assert "Children on child protection plans at 31 March" in titles
        assert "CSE incidents against confirmed crimes recorded" in titles
        browser.close()
    assert errors == []


def test_a_year_without_figures_is_refused(sample_warehouse, tmp_path):
    space, _, _ = sample_warehouse
    done = wst("report", "annual", "--year", "2030-31", "--out", str(tmp_path / "x.html"),
               env={"WST_WAREHOUSE": str(space.warehouse)})
    assert done.returncode == 2 and "no published figures for 2030-31" in done.stdout
