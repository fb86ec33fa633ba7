"""The query library for notebooks: the latest published copy of the warehouse, its
indicators for any place as polars frames, and plotly charts of them.

Analysts never open the live warehouse (a load would lock them out, or they it): each load
publishes read-only copies (`wst_analytics.copies`), and these functions read the latest.

>>> from wst_analytics import query as q
>>> con = q.open_latest()                      # the analyst copy: core, marts, published, releases
>>> q.manifest()["data"]["latest_reporting_month"]  # doctest: +SKIP
'2020-03'
>>> [name for schema, name, *_ in q.tables(con).rows() if schema == "published"]
['areas', 'indicator_benchmarks', 'indicator_values', 'indicator_yoy', 'indicators', 'notes', 'symbols']
>>> q.areas(con)["area_code"].to_list()        # the partnership, then its LAs
['wst', 'E08000031']
>>> q.indicator(con, "cp_open_at_period_end", periods="2019-20").height
1
>>> q.yoy(con, "cp_open_at_period_end", years="2019-20", area="E08000031")["previous_period"].to_list()
['2018-19']
>>> q.monthly(con, "cp_started").height
24
>>> q.chart(con, "cp_started").show()  # doctest: +SKIP
>>> con.close()

| function | returns |
|---|---|
| `open_latest(kind="analyst")` | a read-only connection to the latest copy (`"report"`: published and releases only) |
| `manifest()` | when the copies were published, from which load, their tables and row counts |
| `about()` | the same in one line, to print at the top of a notebook |
| `tables(con)` | every table and view in the copy, with row counts |
| `query(con, sql, params)` | any SQL as a polars frame |
| `areas(con)` | every place: partnerships and local authorities, with names and regions |
| `choose_area(con, code)` | one place (`area_type`, `area_code`, `name`); by default the partnership |
| `catalogue(con)` | the indicator catalogue |
| `indicator(con, id, periods, breakdown, period_type, area)` | values by place, period and breakdown |
| `latest_year(con, area=)` | the latest financial year with figures, e.g. `"2019-20"` |
| `yoy(con, id, years, breakdown, area)` | each financial year against the previous one |
| `monthly(con, id, breakdown, start, end, area)` | the monthly series, with `month` and `financial_year` |
| `spc(con, id, breakdown, area)` | SPC centre line and limits by month (`marts.spc`; empty without it) |
| `chart(con, id, year, breakdown, area)` | plotly: a year by month against the previous year, with SPC limits |
| `bars(frame, x, y, color)`, `lines(frame, x, y, color)` | plotly bars or lines from any polars frame (breakdown codes by their labels) |
| `labelled(frame)`, `label(id, code)` | `breakdown_label` beside `breakdown`; one code's label (the catalogue's, as reports and workbooks show) |
| `figure_text(value, unit)` | a figure written as published: `19.5%`, `1,234`, `43.1 per 10,000`, `£12.50` |
| `place(con, area)` | the place an area code names (an LA's GSS code or a partnership's code; default the only partnership) |
| `benchmarks(con, id, area, periods, period_type, breakdown)` | a place's figures beside England, the region and its statistical neighbours: rank, quartile, the period compared |
| `neighbours(con, id, period, area)` | each statistical neighbour's published figure (analyst copy) |
| `neighbours_chart(con, id, period, area)` | plotly: a place against its neighbours, England and the region as lines |

Every indicator function takes `area=`: an LA's GSS code, a partnership's code, or several
codes (`chart`: one); by default the partnership (the registry's only one; with several, say
which). Each also takes `source="marts"` (exact figures, every indicator) or
`source="published"` (disclosure-controlled: what may be shared); the default is marts when
the copy has it.
"""

from wst_analytics.query.places import Area, UnknownArea, areas, choose_area
from wst_analytics.query.charts import chart
from wst_analytics.query.benchmarks import benchmarks, neighbours, neighbours_chart, place
from wst_analytics.query.connection import (
    about,
    has_table,
    manifest,
    open_latest,
    query,
    tables,
)
from wst_analytics.query.indicators import (
    UnknownIndicator,
    catalogue,
    indicator,
    latest_year,
    yoy,
)
from wst_analytics.query.labels import figure_text, label, labelled
from wst_analytics.query.plots import bars, lines
from wst_analytics.query.series import monthly, spc

__all__ = ["open_latest", "manifest", "about", "tables", "query", "has_table", "areas", "choose_area", "Area",
           "catalogue", "indicator", "latest_year", "yoy", "monthly", "spc", "chart", "bars", "lines",
           "UnknownIndicator", "UnknownArea", "label", "labelled", "figure_text"]
