"""The reports' charts say what they show, as headless Chromium draws them: a suppressed figure
is an outlined placeholder with its symbol and a note, an incomplete year is marked `u`, the
demo's missing August 2019 training return is a gap marked `x` (never a zero), codes read as
their labels, axes carry units, and every chart has a text alternative a screen reader reads.
Each page is also photographed, and the photograph must not be blank."""

from __future__ import annotations

import struct
import zlib

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import chromium_path
from wst_analytics.reports.annual import annual_report

#: Per chart: its title, the texts drawn on its bars or points, the names of its traces, its notes,
#: its axis titles, its caption and text alternative, and the rows of its data table.
CHARTS = """() => [...document.querySelectorAll('figure.chart')].map(figure => {
    const plot = figure.querySelector('.js-plotly-plot');
    return {title: (figure.querySelector('.gtitle') || {}).textContent,
            texts: [...figure.querySelectorAll('text.bartext, .textpoint text')].map(t => t.textContent),
            traces: plot.data.map(trace => trace.name),
            placeholders: plot.data.filter(t => t.meta === 'placeholder').map(t => t.text).flat(),
            gaps: plot.data.filter(t => t.meta === 'missing').map(t => t.x).flat(),
            line: plot.data.filter(t => t.mode === 'lines' && t.connectgaps === false)
                      .map(t => t.x.map((x, n) => [x, t.y[n]])).flat(),
            notes: [...figure.querySelectorAll('.chart-notes li')].map(li => li.textContent),
            axes: [...figure.querySelectorAll('.g-xtitle, .g-ytitle')].map(t => t.textContent),
            label: figure.querySelector('[role=img]').getAttribute('aria-label'),
            caption: figure.querySelector('figcaption').textContent,
            table: [...figure.querySelectorAll('table.visually-hidden tbody tr')].map(tr => tr.innerText)};
})"""


def png_colours(data: bytes) -> int:
    """How many different byte values the photograph's pixels hold (a blank one: one or two)."""
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    return len(set(zlib.decompress(b"".join(chunks))))


def drawn(pages: dict) -> dict[str, list[dict]]:
    """Each page's charts as Chromium draws them (one browser for all), photographing those that
    `pages[name] = (file, which)` picks."""
    found, errors = {}, []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("pageerror", lambda error: errors.append(str(error)))
        for name, (page_file, shot) in pages.items():
            page.goto(page_file.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg")
            found[name] = page.evaluate(CHARTS)
            for n, chart in enumerate(found[name]):
                if shot(chart):
                    page.locator("figure.chart").nth(n).screenshot(path=str(page_file.with_suffix(f".{n}.png")))
        browser.close()
    assert errors == []
    return found


@pytest.fixture(scope="module")
def pages(sample_warehouse, tmp_path_factory):
    """The annual report and the exception report of the demo's partnership, drawn."""
    space, _, _ = sample_warehouse
    folder = tmp_path_factory.mktemp("pages")
    annual = annual_report("2019-20", folder / "annual.html", space.warehouse.parent / "published")
    exceptions = folder / "exceptions.html"
    exceptions.write_bytes((space.root / "reports" / "exceptions" / "exceptions-wst-2020-03.html").read_bytes())
    charts = drawn({"annual": (annual, lambda chart: "by age" in (chart["title"] or "")),
                    "exceptions": (exceptions, lambda chart: bool(chart["gaps"]))})
    return {"annual": (annual, charts["annual"]), "exceptions": (exceptions, charts["exceptions"])}


@pytest.fixture(scope="module")
def annual(pages):
    return pages["annual"]


@pytest.fixture(scope="module")
def exceptions(pages):
    return pages["exceptions"]


def by_title(charts: list[dict], start: str) -> dict:
    return next(chart for chart in charts if (chart["title"] or "").startswith(start))


def test_a_suppressed_figure_is_a_placeholder_with_its_symbol_and_its_meaning_below(annual):
    _, charts = annual
    ages = by_title(charts, "Children on child protection plans by age")
    assert ages["placeholders"] and set(ages["placeholders"]) == {"c"} and "c" in ages["texts"]
    assert any(note.startswith("c: confidential") for note in ages["notes"])
    location = by_title(charts, "Concerns by location of risk")
    assert set(location["placeholders"]) == {"[c]"} and "[c]" in location["texts"]
    assert any(note.startswith("[c]: confidential") for note in location["notes"])


def test_an_incomplete_year_is_marked_u_and_explained(annual):
    _, charts = annual
    training = by_title(charts, "Training delivered")
    assert "67 u" in training["texts"] and "2019-20 (u: incomplete)" in training["traces"]
    assert any(note.startswith("u: low reliability") for note in training["notes"])


def test_codes_read_as_their_labels_and_axes_carry_units(annual):
    page, charts = annual
    text = page.read_text(encoding="utf-8")
    assert [code for code in ("under_1", "18_or_under", "90_plus", "OWN_HOME", '"NEG"') if code in text] == []
    ages = by_title(charts, "Children on child protection plans by age")
    assert "Under 1" in ages["caption"] and "Number" in ages["axes"]
    assert "Percentage (%)" in by_title(charts, "Percentages")["axes"]


def test_every_chart_has_a_title_and_a_text_alternative_with_its_data(annual, exceptions):
    assert len(annual[1]) == 13 and len(exceptions[1]) > 0  # every chart of each page is a figure
    for _, charts in (annual, exceptions):
        for chart in charts:
            assert chart["title"] and chart["label"] and chart["caption"] == chart["label"]
            assert chart["table"], chart["title"]


def test_the_missing_month_is_a_gap_marked_x_never_a_zero(exceptions):
    _, charts = exceptions
    places = by_title(charts, "Places offered on safeguarding training")
    assert places["gaps"] == ["2019-08"] and "x" in places["texts"]
    assert dict(places["line"])["2019-08"] is None  # the line breaks there: no point, no zero
    assert any(note.startswith("x: not available") for note in places["notes"])
    assert any("August 2019" in row and "return not received" in row for row in places["table"])


def test_the_photographs_of_the_marked_charts_are_not_blank(annual, exceptions):
    for page, _ in (annual, exceptions):
        shots = sorted(page.parent.glob(f"{page.stem}.*.png"))
        assert shots
        for shot in shots:
            assert png_colours(shot.read_bytes()) > 50, shot


def test_the_exception_report_notes_say_how_and_on_what_it_was_made(exceptions):
    page, _ = exceptions
    text = page.read_text(encoding="utf-8")
    notes = text.split('<section id="notes">', 1)[1]
    for heading in ("Method", "Rules", "Settings", "Data sources (file versions)", "Provisional and incomplete"):
        assert f"<h3>{heading}</h3>" in notes
    assert "<code>icpc_on_weekend</code> (8875)" in notes  # a rule of docs/rules.md, by its id
    assert "amber from 10.0%, red from 20.0%" in notes  # the catalogue's tolerances
    assert "training_attendance/wst_2020-03 (version 1), sha256 " in notes
    assert "No figure for August 2019" in notes and "Places offered on safeguarding training" in notes
