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


def render(title: str, subtitle: str, sections: list[Section], notes: list[str], style: str = "") -> str:
    parts, number = [], 0
    for section in sections:
        parts.append(f"<section><h2>{html.escape(section.title)}</h2>")
        parts += [f'<p class="lead">{html.escape(s)}</p>' for s in section.sentences]
        parts.append(section.html)
        if section.table:
            parts.append(table_html(*section.table))
        for chart in section.charts:
            number += 1
            parts.append(f'<div class="chart">{chart.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{number}")}</div>')
        parts.append("</section>")
    notes_html = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{STYLE}{style}</style>
<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>
</head><body>
<h1>{html.escape(title)}</h1><p>{html.escape(subtitle)}</p>
{''.join(parts)}
<h2>Notes</h2><ul class="notes">{notes_html}</ul>
</body></html>
"""
