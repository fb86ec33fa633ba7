"""A self-contained HTML page: plotly.js inline once, every chart drawn from its own JSON."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import plotly.graph_objects as go
import plotly.offline

STYLE = """
body { font-family: Arial, sans-serif; margin: 2rem auto; max-width: 1100px; color: #212b32; }
h1 { color: #005EB8; } h2 { border-bottom: 2px solid #005EB8; padding-bottom: .3rem; margin-top: 2.5rem; }
.lead { font-size: 1.1rem; } .chart { margin: 1rem 0; } .notes { font-size: .85rem; color: #4c6272; }
table { border-collapse: collapse; margin: 1rem 0; } td, th { border: 1px solid #d8dde0; padding: .35rem .7rem; }
th { background: #f0f4f5; text-align: left; } td.number { text-align: right; }
figure.chart { margin: 1.5rem 0; } figcaption { font-size: .9rem; color: #4c6272; }
.chart-notes { font-size: .85rem; color: #4c6272; margin: .3rem 0 0; padding-left: 1.2rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
                   overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
"""


@dataclass
class Section:
    title: str
    sentences: list[str] = field(default_factory=list)
    charts: list[go.Figure] = field(default_factory=list)
    table: tuple[list[str], list[list[str]]] | None = None
    html: str = ""  # a block of trusted HTML built by the report (its text already escaped)


def table_html(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(
        f'<td class="{"number" if n else ""}">{html.escape(c)}</td>' for n, c in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def chart_html(chart: go.Figure, number: int) -> str:
    """A chart as a figure a screen reader can read: the drawing (`role="img"`, labelled by its
    text alternative), its caption, the note of the symbols it shows, and its data as a table
    kept off screen (the chart's `meta`, see `reports.charts`)."""
    meta = chart.layout.meta if isinstance(chart.layout.meta, dict) else {}
    title = chart.layout.title.text or f"Chart {number}"
    summary = meta.get("summary") or title
    drawn = chart.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{number}")
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in meta.get("notes", []))
    notes = f'<ul class="chart-notes" data-notes-for="chart-{number}">{notes}</ul>' if notes else ""
    data = ""
    if meta.get("rows"):
        data = table_html(list(meta["header"]), [[str(c) for c in row] for row in meta["rows"]])
        data = data.replace("<table>", f'<table class="visually-hidden"><caption>Data of: {html.escape(title)}</caption>', 1)
    return (f'<figure class="chart" aria-labelledby="caption-{number}">'
            f'<div role="img" aria-label="{html.escape(summary)}">{drawn}</div>'
            f'<figcaption id="caption-{number}">{html.escape(summary)}</figcaption>{notes}{data}</figure>')


def render(title: str, subtitle: str, sections: list[Section], notes: list[str], style: str = "",
           notes_html: str = "") -> str:
    """The page; `notes` are escaped, `notes_html` is trusted HTML built by the report."""
    parts, number = [], 0
    for section in sections:
        parts.append(f"<section><h2>{html.escape(section.title)}</h2>")
        parts += [f'<p class="lead">{html.escape(s)}</p>' for s in section.sentences]
        parts.append(section.html)
        if section.table:
            parts.append(table_html(*section.table))
        for chart in section.charts:
            number += 1
            parts.append(chart_html(chart, number))
        parts.append("</section>")
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    notes_html = (f'<ul class="notes">{items}</ul>' if items else "") + notes_html
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{STYLE}{style}</style>
<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>
</head><body>
<h1>{html.escape(title)}</h1><p>{html.escape(subtitle)}</p>
{''.join(parts)}
<section id="notes"><h2>Notes</h2>{notes_html}</section>
</body></html>
"""
