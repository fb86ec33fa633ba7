"""On the sample extracts the exception report flags what the data holds: the planted missing
and late returns, the CSE crime-conversion change and, when asked for, a planted shift."""

import fastexcel
import polars as pl
import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import TEST_KEY, Workspace, chromium_path
from tests.helpers import check_results, key_of, materialize
from wst_analytics.indicators.catalogue import load_catalogue
from wst_analytics.sample import generate_sample


def exceptions(space, area_type="partnership") -> list[tuple]:
    """The exceptions of the sample's partnership (its one LA's are the same)."""
    return space.query("SELECT kind, severity, indicator_id, partner, period, message FROM marts.exceptions "
                       "WHERE area_type = ?", [area_type])


def test_the_planted_missing_return_is_red(sample_warehouse):
    space, manifest, _ = sample_warehouse
    missing = manifest.missing_returns[0]
    found = [e for e in exceptions(space) if e[0] == "late_return" and e[3] == missing["partner"]
             and e[4] == missing["month"]]
    assert found and found[0][1] == "red" and "has not been received" in found[0][5]


def test_the_planted_late_return_is_amber(sample_warehouse):
    space, manifest, _ = sample_warehouse
    late = manifest.late_returns[0]
    found = [e for e in exceptions(space) if e[0] == "late_return" and e[4] == late["month"]]
    assert found and found[0][1] == "amber" and "5 days after it was due (15/12/2019)" in found[0][5]


def test_the_cse_crime_conversion_change_is_flagged(sample_warehouse):
    space, _, _ = sample_warehouse
    found = [e for e in exceptions(space) if e[0] == "tolerance" and e[2] == "cse_crime_recorded_pct"]
    assert found and found[0][1] == "red"
    assert "18.2% in 2018-19" in found[0][5] and "35.3% in 2019-20" in found[0][5] and "an improvement" in found[0][5]


def test_the_rejected_and_resubmitted_file_is_amber(sample_warehouse):
    space, manifest, _ = sample_warehouse
    rejected = space.scalar("SELECT file_label FROM audit.file_versions WHERE path_key = ?",
                            [key_of(manifest.rejected_files[0]["path"])])
    assert rejected.endswith(")") and manifest.rejected_files[0]["path"] not in rejected  # a label, not a name
    found = [e for e in exceptions(space) if e[0] == "data_quality" and e[5].startswith(rejected)]
    assert found and found[0][1] == "amber" and "a later version has loaded" in found[0][5]


def test_without_a_planted_shift_police_incidents_are_in_control(sample_warehouse):
    space, _, _ = sample_warehouse
    assert not [e for e in exceptions(space) if e[0] == "spc" and e[2] == "police_child_abuse_incidents"]


def test_a_planted_shift_is_flagged(tmp_path, monkeypatch):
    space = Workspace(tmp_path)
    for name, value in {"WST_RAW_DIR": space.raw, "WST_WAREHOUSE": space.warehouse, "WST_PSEUDONYM_KEY": TEST_KEY,
                        "DAGSTER_HOME": tmp_path / "dh", "WST_REPORTS_DIR": tmp_path / "reports"}.items():
        monkeypatch.setenv(name, str(value))
    manifest = generate_sample(space.raw, shift=("2019-09", 0.3))
    materialize(space)
    found = [e for e in exceptions(space) if e[0] == "spc" and e[2] == manifest.shift["indicator"]]
    assert found, exceptions(space)
    assert "above" in found[0][5] and found[0][4] == "2020-03"


def test_the_run_view_shows_the_red_exceptions(sample_warehouse):
    _, _, result = sample_warehouse
    checks = check_results(result)
    assert checks[("marts/exceptions", "no_red_late_return")] is False
    evaluation = next(e for e in result.get_asset_check_evaluations() if e.check_name == "no_red_late_return")
    assert "has not been received" in evaluation.metadata["messages"].value


@pytest.fixture(scope="module")
def report_files(sample_warehouse):
    space, _, _ = sample_warehouse
    folder = space.root / "reports" / "exceptions"
    return sorted(folder.glob("exceptions-wst-2020-03.*"))


def test_the_report_is_written_for_the_as_at_month(report_files):
    assert [p.suffix for p in report_files] == [".html", ".xlsx"]


def test_the_workbook_holds_the_same_exceptions_as_the_table(report_files, sample_warehouse):
    space, _, _ = sample_warehouse
    sheet = fastexcel.read_excel(report_files[1].read_bytes()).load_sheet("Exceptions", header_row=0).to_polars()
    table = pl.DataFrame(space.query("SELECT severity, kind, message FROM marts.exceptions "
                                     "WHERE area_type = 'partnership' AND area_code = 'wst'"),
                         schema=["severity", "kind", "message"], orient="row")
    assert sorted(sheet.select("severity", "kind", "message").rows()) == sorted(table.rows())


ICON_ROWS = """() => [...document.querySelectorAll('#icons-summary tbody tr')].map(row => [
    row.dataset.indicator, ...['variation', 'assurance'].map(cell => {
        const td = row.querySelector('td.' + cell), icon = td.querySelector('.icon');
        return [icon ? icon.dataset.icon : '', td.innerText.trim(), icon ? icon.getAttribute('aria-label') : ''];
    })])"""


@pytest.fixture(scope="module")
def rendered(report_files) -> dict:
    """What headless Chromium shows of the report: errors, charts, headings, both indicator tables."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(report_files[0].as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        charts = page.locator(".js-plotly-plot")
        shown = {"errors": errors, "traces": [charts.nth(n).locator(".scatterlayer .trace").count()
                                              for n in range(charts.count())],
                 "ids": page.locator("#indicator-summary tbody tr small").all_inner_texts(),
                 "headings": page.locator("section h2").all_inner_texts(), "icons": page.evaluate(ICON_ROWS)}
        browser.close()
    return shown


def test_the_page_loads_without_errors_draws_every_chart_and_lists_every_indicator(rendered, sample_warehouse):
    space, _, _ = sample_warehouse
    in_exception = space.scalar("SELECT count(DISTINCT e.indicator_id) FROM marts.exceptions AS e "
                                "JOIN marts.spc AS s USING (indicator_id, area_type, area_code) "
                                "WHERE e.area_code = 'wst'")
    assert rendered["errors"] == []
    # each: its limits, mean and line, and its points by how they read (and its missing months)
    assert len(rendered["traces"]) == in_exception > 0 and min(rendered["traces"]) >= 5
    assert sorted(rendered["ids"]) == sorted(i.id for i in load_catalogue())


def test_the_page_opens_with_an_icons_only_summary_of_every_indicator(rendered, sample_warehouse):
    space, _, _ = sample_warehouse
    latest = {i: (v, "" if a == "none" else a) for i, v, a in space.query(
        "SELECT indicator_id, variation, assurance FROM marts.spc_summary WHERE area_code = 'wst'")}
    rows = rendered["icons"]
    assert rendered["headings"][:2] == ["At a glance", "What needs attention"]
    assert [r[0] for r in rows] == [i.id for i in load_catalogue()]
    assert {r[0]: (r[1][0], r[2][0]) for r in rows} == {i.id: latest.get(i.id, ("", "")) for i in load_catalogue()}
    for _, *cells in rows:  # icons only: a symbol (or nothing), its meaning for a screen reader
        assert all(len(text) <= 1 and bool(label) == bool(icon) for icon, text, label in cells)
    assert any(r[1][0] for r in rows)
