"""`wst report annual --year 2019-20`: the annual report's figures as one HTML page."""

from __future__ import annotations

from pathlib import Path

from wst_analytics import settings
from wst_analytics.export.read import NotPublished
from wst_analytics.reports.annual import annual_report


def register(commands) -> None:
    command = commands.add_parser("report", help="write a report from the published tables")
    kinds = command.add_subparsers(dest="kind", required=True, metavar="KIND")
    annual = kinds.add_parser("annual", help="the annual report's 'safeguarding in numbers' pages",
                              description="Write a self-contained HTML page with plotly charts of the "
                                          "annual report's figures, disclosure controlled.")
    annual.add_argument("--year", required=True, help="financial year, e.g. 2019-20")
    annual.add_argument("--out", type=Path, help="file to write (default reports/annual-YEAR.html)")
    annual.set_defaults(run=run_annual)


def run_annual(args) -> int:
    out = args.out or settings.PROJECT_ROOT / "reports" / f"annual-{args.year}.html"
    try:
        written = annual_report(args.year, out)
    except (ValueError, NotPublished, FileNotFoundError) as error:
        print(f"wst report annual: {error}")
        return 2
    print(f"Wrote {written}")
    return 0
