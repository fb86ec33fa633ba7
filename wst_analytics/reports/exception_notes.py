"""The exception report's Notes: how it was made and on what, so a reader can judge it.

Method (what each kind of exception tests, docs/exceptions.md); the rules behind the
data-quality exceptions (each by its stable id, as docs/rules.md lists them); the settings in
force, as the exceptions were raised with (`marts.exception_settings`: SPC, each indicator's
year-on-year tolerances from the catalogue, the data-quality thresholds from `exceptions.toml`);
the data sources (`marts.exception_sources`: the file versions behind the place's partners'
figures, by label, version and hash, never by file name); and what is provisional: missing
months, incomplete years, backfill.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import polars as pl

from wst_analytics.exceptions.text import month_name
from wst_analytics.extracts.rules import load_rules

if TYPE_CHECKING:
    from wst_analytics.reports.exception_data import ExceptionData

METHOD = [
    "SPC (kind spc): Making Data Count XmR charts of each indicator's monthly series for this place; the "
    "limits are clamped to what the measure can take (no percentage below 0 or above 100, no count below 0).",
    "Tolerance (kind tolerance): the latest financial year against the one before, beyond the indicator's "
    "amber or red percentage change; a target missed.",
    "Benchmark (kind benchmark): a figure beside England's, the region's and the statistical neighbours'.",
    "Late returns (kind late_return) and data quality (kind data_quality): returns not received by their due "
    "date, files rejected, rows quarantined, and cross-record findings.",
    "See docs/exceptions.md for each test; this report is internal and not disclosure controlled.",
]


def _rules(data: ExceptionData) -> list[str]:
    """The data-quality exceptions' reasons: each a rule of docs/rules.md (its id, DfE or SAC code)
    or a test of the returns themselves."""
    found = data.exceptions.filter(pl.col("kind") == "data_quality")["detail"].drop_nulls().unique().sort()
    codes = {r.rule: r.dfe for r in load_rules()}
    rules = [f"<code>{html.escape(i)}</code>" + (f" ({html.escape(str(codes[i]))})" if codes[i] not in ("", "-") else "")
             for i in found.to_list() if i in codes]
    others = [f"<code>{html.escape(i)}</code>" for i in found.to_list() if i and i not in codes]
    return [f"Rules of docs/rules.md behind the data-quality exceptions, by id (and national code): "
            f"{', '.join(rules) or 'none'}.",
            f"Tests of the returns themselves (docs/exceptions.md): {', '.join(others) or 'none'}."]


def _settings(data: ExceptionData) -> list[str]:
    """As the exceptions were raised with (marts.exception_settings)."""
    return [html.escape(data.in_force.get(name) or "") for name in ("spc", "tolerance", "data_quality")
            if data.in_force.get(name)]


def _sources(data: ExceptionData) -> list[str]:
    if data.sources is None or data.sources.height == 0:
        return ["No file version has been loaded for this place's partners."]
    return [html.escape(f"{r['partner']}, {r['extract']}: {r['loaded']} file versions loaded"
                        + (f" ({r['not_loaded']} not)" if r["not_loaded"] else "")
                        + f", latest month {month_name(r['latest_month'])}: {r['latest_file']}, sha256 {r['latest_sha256'][:12]}")
            for r in data.sources.iter_rows(named=True)]


def _provisional(data: ExceptionData) -> list[str]:
    lines = ["Every figure is provisional: a late or corrected return changes it at the next load."]
    by_months: dict[tuple[str, ...], list[str]] = {}
    for indicator_id, months in sorted(data.missing.items()):
        indicator = data.catalogue.indicators.get(indicator_id)
        by_months.setdefault(tuple(months), []).append(indicator.title if indicator else indicator_id)
    for months, titles in by_months.items():
        lines.append(html.escape(f"No figure for {', '.join(month_name(m) for m in months)} (x: an owed return was "
                                 f"not received; a gap in the charts, not a zero), and the financial year is "
                                 f"incomplete (u), for: {'; '.join(titles)}."))
    if data.backfill:
        lines.append(html.escape(data.backfill))
    return lines


def notes_html(data: ExceptionData) -> str:
    """The Notes section's lists, under their headings (the text escaped)."""
    parts = {"Method": [html.escape(m) for m in METHOD], "Rules": _rules(data), "Settings": _settings(data),
             "Data sources (file versions)": _sources(data), "Provisional and incomplete": _provisional(data)}
    return "".join(f'<h3>{name}</h3><ul class="notes" data-notes="{name.split()[0].lower()}">'
                   + "".join(f"<li>{line}</li>" for line in lines) + "</ul>" for name, lines in parts.items())
