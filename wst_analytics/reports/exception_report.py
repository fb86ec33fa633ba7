"""The monthly exception report for the Integrated Assurance Lead: one HTML page and one XLSX
workbook per as-at month, kept side by side (earlier months' reports are never overwritten).

The page: what needs attention (every exception in plain English, red first); every indicator
with its latest value, Making Data Count variation and assurance icons and year-on-year change,
attention first; an SPC chart for each indicator in exception; the partners' data-quality
scorecard over the last twelve months; the settings in force.
"""

from __future__ import annotations

import html
from pathlib import Path

from wst_analytics.exceptions.icons import ASSURANCE, SYMBOL, VARIATION, colour
from wst_analytics.exceptions.text import figure, month_name
from wst_analytics.reports.exception_data import ExceptionData, read_exception_data
from wst_analytics.reports.exception_xlsx import write_workbook
from wst_analytics.reports.page import Section, render
from wst_analytics.reports.spc_chart import spc_chart

STYLE = """
.icon { display: inline-block; width: 1.6em; height: 1.6em; line-height: 1.6em; border-radius: 50%;
        color: white; text-align: center; font-weight: bold; }
.red { color: #d5281b; font-weight: bold; } .amber { color: #b35c00; font-weight: bold; }
table.summary td:first-child { max-width: 28rem; }
"""


def _icon(name: str, meanings: dict) -> str:
    if not name or name == "none":
        return ""
    return (f'<span class="icon" style="background:{colour(name)}" title="{html.escape(meanings[name])}">'
            f"{SYMBOL[name]}</span> {html.escape(meanings[name])}")


def _summary_html(data: ExceptionData) -> str:
    rows = []
    for r in data.summary.iter_rows(named=True):
        indicator = data.catalogue[r["indicator_id"]]
        latest = (f"{figure(r['latest_value'], indicator)} ({month_name(r['latest_period'])})"
                  if r["latest_period"] else f"a breakdown by {indicator.breakdown}" if indicator.breakdown else "")
        change = "" if r["change_pct"] is None else f"{r['change_pct']:+.1f}% ({r['year']})"
        flag = f'<span class="{r["worst"]}">{r["worst"]}</span>' if r["worst"] else ""
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in (
            html.escape(r["title"]) + f"<br><small>{r['indicator_id']}</small>", flag, latest,
            _icon(r["variation"], VARIATION), _icon(r["assurance"], ASSURANCE), change)) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("indicator", "exception", "latest month", "variation",
                                              "assurance", "change on the previous year"))
    return f'<table class="summary" id="indicator-summary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _exceptions_html(data: ExceptionData) -> str:
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
    charts = [spc_chart(data.spc.filter(data.spc["indicator_id"] == i), data.catalogue[i])
              for i in in_exception if data.spc.filter(data.spc["indicator_id"] == i).height]
    scorecard = data.scorecard
    sections = [
        Section("What needs attention", [f"{counts['red']} red and {counts['amber']} amber exceptions."],
                html=_exceptions_html(data)),
        Section("Every indicator", ["Latest month, Making Data Count icons, and the change on the previous "
                                    "financial year; what needs attention first."], html=_summary_html(data)),
        Section("SPC charts of the indicators in exception", charts=charts),
        Section("Partner data quality, last twelve months", table=(
            ["partner", "extract", "returns due", "received", "on time", "timeliness", "completeness", "validity"],
            [[r["partner"], r["extract"], str(r["returns_due"]), str(r["returns_received"]),
              str(r["returns_on_time"]), f"{r['timeliness_pct']}%", f"{r['completeness_pct']}%",
              "" if r["validity_pct"] is None else f"{r['validity_pct']}%"] for r in scorecard.iter_rows(named=True)])),
        Section("Settings in force", [data.settings_text]),
    ]
    as_at = month_name(data.as_at) if data.as_at else "no data"
    return render(f"Exception report, {as_at}", "Internal: for the Integrated Assurance Lead and the "
                  "Scrutiny and Assurance group; figures are not disclosure controlled, not for publication.",
                  sections, [], style=STYLE)


def write_exception_report(out_dir: Path, warehouse: Path | None = None) -> list[Path]:
    """Write exceptions-<as-at>.html and .xlsx into `out_dir`; return the paths."""
    data = read_exception_data(warehouse)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"exceptions-{data.as_at or 'no-data'}"
    page, book = out_dir / f"{stem}.html", out_dir / f"{stem}.xlsx"
    page.write_text(build_page(data), encoding="utf-8")
    write_workbook(data, book)
    return [page, book]
