"""The monthly exception report for the Integrated Assurance Lead: for one place (an LA or a
partnership), one HTML page and one XLSX workbook per as-at month, `exceptions-<place>-<as-at>`
`.html` and `.xlsx`, side by side (earlier months' reports are never overwritten). After each load the pipeline writes every partnership's; `wst report
exceptions --area CODE` writes any place's.

The page: at a glance (every indicator's Making Data Count icons and nothing else, as trusts'
board reports open); what needs attention (every exception in plain English, red first); every indicator
with its latest value, Making Data Count variation and assurance icons and year-on-year change,
attention first; an SPC chart for each indicator in exception (missing months as gaps); the
partners' data-quality scorecard over the last twelve months; the settings in force; the Notes
(`exception_notes`: method, rules, settings, data sources, what is provisional)."""

from __future__ import annotations

import html
from pathlib import Path

from wst_analytics.disclosure.numbers import percent_text
from wst_analytics.exceptions.icons import ASSURANCE, SYMBOL, VARIATION, colour
from wst_analytics.exceptions.text import figure, month_name, percent_or_blank
from wst_analytics.indicators.catalogue import load_catalogue
from wst_analytics.query.places import PARTNERSHIP, Area, areas, choose_area
from wst_analytics.reports.exception_data import ExceptionData, open_marts, read_exception_data
from wst_analytics.reports.exception_notes import notes_html
from wst_analytics.reports.exception_xlsx import write_workbook
from wst_analytics.reports.page import Section, render
from wst_analytics.reports.spc_chart import spc_chart

STYLE = """
.icon { display: inline-block; width: 1.6em; height: 1.6em; line-height: 1.6em; border-radius: 50%;
        color: white; text-align: center; font-weight: bold; }
.red { color: #d5281b; font-weight: bold; } .amber { color: #b35c00; font-weight: bold; }
table.summary td:first-child { max-width: 28rem; } table.glance td.variation, table.glance td.assurance { text-align: center; }
"""


def _icon(name: str, meanings: dict, words: bool = True) -> str:
    """The icon (its meaning on hover and for a screen reader), followed by the meaning in words."""
    if not name or name == "none":
        return ""
    meaning = html.escape(meanings[name])
    if not SYMBOL[name]:  # no icon yet (too few points): the words only, and only in the detail
        return meaning if words else ""
    return (f'<span class="icon" style="background:{colour(name)}" title="{meaning}" role="img" '
            f'aria-label="{meaning}" data-icon="{name}">{SYMBOL[name]}</span>' + (f" {meaning}" if words else ""))


def _glance_html(data: ExceptionData) -> str:
    """Icons only: one row per indicator (catalogue order), its variation and assurance icons."""
    latest = {r["indicator_id"]: r for r in data.summary.iter_rows(named=True)}
    rows = []
    for indicator in data.catalogue:
        row = latest.get(indicator.id) or {}
        cells = "".join(f'<td class="{cell}">{_icon(row.get(cell) or "", meanings, words=False)}</td>'
                        for cell, meanings in (("variation", VARIATION), ("assurance", ASSURANCE)))
        rows.append(f'<tr data-indicator="{indicator.id}"><td>{html.escape(indicator.title)}</td>{cells}</tr>')
    head = "<tr><th>indicator</th><th>variation</th><th>assurance</th></tr>"
    return f'<table class="glance" id="icons-summary"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _summary_html(data: ExceptionData) -> str:
    rows = []
    for r in data.summary.iter_rows(named=True):
        indicator = data.catalogue[r["indicator_id"]]
        latest = (f"{figure(r['latest_value'], indicator)} ({month_name(r['latest_period'])})"
                  if r["latest_period"] else f"a breakdown by {indicator.breakdown}" if indicator.breakdown else "")
        change = "" if r["change_pct"] is None else f"{percent_text(r['change_pct'], signed=True)} ({r['year']})"
        flag = f'<span class="{r["worst"]}">{r["worst"]}</span>' if r["worst"] else ""
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in (
            html.escape(r["title"]) + f"<br><small>{r['indicator_id']}</small>", flag, latest,
            _icon(r["variation"], VARIATION), _icon(r["assurance"], ASSURANCE), change)) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("indicator", "exception", "latest month", "variation",
                                              "assurance", "change on the previous year"))
    return f'<table class="summary" id="indicator-summary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _exceptions_html(data: ExceptionData) -> str:
    if data.as_at is None:
        return "<p>Nothing has been received yet: no partner's return is in the warehouse, so nothing can be judged.</p>"
    if data.exceptions.height == 0:
        return "<p>No exceptions this month.</p>"
    items = "".join(f'<li><span class="{r["severity"]}">{r["severity"].upper()}</span> '
                    f'<em>{r["kind"].replace("_", " ")}</em>: {html.escape(r["message"])}</li>'
                    for r in data.exceptions.iter_rows(named=True))
    return f'<ul id="exceptions">{items}</ul>'


def build_page(data: ExceptionData) -> str:
    counts = {s: data.exceptions.filter(data.exceptions["severity"] == s).height for s in ("red", "amber")}
    in_exception = [i for i in data.summary["indicator_id"].to_list()
                    if i in set(data.exceptions["indicator_id"].drop_nulls().to_list())]
    series = {i: data.spc.filter(data.spc["indicator_id"] == i) for i in in_exception}
    charts = [spc_chart(s, data.catalogue[i], data.missing.get(i, [])) for i, s in series.items() if s.height]
    sections = [
        Section("At a glance", ["Each indicator's Making Data Count icons for the latest month: variation, "
                                "then assurance against its target (hover an icon for its meaning)."],
                html=_glance_html(data)),
        Section("What needs attention", [f"{counts['red']} red and {counts['amber']} amber exceptions."],
                html=_exceptions_html(data)),
        Section("Every indicator", ["Latest month, Making Data Count icons, and the change on the previous "
                                    "financial year; what needs attention first."], html=_summary_html(data)),
        Section("SPC charts of the indicators in exception", charts=charts),
        Section("Partner data quality, last twelve months",
                [f"The partners serving {data.place.name or data.place.area_code}. {data.backfill}"], table=(
            ["partner", "extract", "returns due", "received", "on time", "timeliness", "completeness", "validity"],
            [[r["partner"], r["extract"], str(r["returns_due"]), str(r["returns_received"]),
              str(r["returns_on_time"]), percent_or_blank(r["timeliness_pct"]), percent_or_blank(r["completeness_pct"]),
              percent_or_blank(r["validity_pct"])] for r in data.scorecard.iter_rows(named=True)])),
        Section("Settings in force", [data.settings_text]),
    ]
    as_at = month_name(data.as_at) if data.as_at else "no data"
    return render(f"Exception report: {data.place.name or data.place.area_code}, {as_at}",
                  f"{data.place.label}, {data.related}. Internal: for the Integrated Assurance Lead and the "
                  "Scrutiny and Assurance group; figures are not disclosure controlled, not for publication.",
                  sections, [], style=STYLE, notes_html=notes_html(data))


def _write(data: ExceptionData, out_dir: Path) -> list[Path]:
    stem = f"exceptions-{data.place.area_code}-{data.as_at or 'no-data'}"
    page, book = out_dir / f"{stem}.html", out_dir / f"{stem}.xlsx"
    page.write_text(build_page(data), encoding="utf-8")
    write_workbook(data, book)
    return [page, book]


def write_exception_report(out_dir: Path, warehouse: Path | None = None, area: str | None = None) -> list[Path]:
    """Write one place's report (`area`: its code; by default the partnership) into `out_dir`;
    return the paths. Raises `UnknownArea` naming the places for a code it does not know."""
    con = open_marts(warehouse)
    try:
        data = read_exception_data(con, choose_area(con, area))
    finally:
        con.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    return _write(data, out_dir)


def write_partnership_reports(out_dir: Path, warehouse: Path | None = None) -> list[Path]:
    """Write every partnership's report (what the pipeline does after each load); return the paths."""
    con = open_marts(warehouse)
    try:
        places = [Area(r["area_type"], r["area_code"], r["name"])
                  for r in areas(con).iter_rows(named=True) if r["area_type"] == PARTNERSHIP]
        catalogue = load_catalogue()
        found = [read_exception_data(con, place, catalogue) for place in places]
    finally:
        con.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    return [path for data in found for path in _write(data, out_dir)]
