"""`wst report annual --year 2019-20`: the annual report's figures as one HTML page.
`wst report exceptions [--area CODE] [--month YYYY-MM]`: one place's exception report (default
the partnership), as at the latest month, or rebuilt as at an earlier one."""

from __future__ import annotations

from pathlib import Path

import duckdb

from wst_analytics import activity, settings
from wst_analytics.cli.report_month import built_as_at, month_arg, month_refusal, no_data, source, year_arg
from wst_analytics.copies import copy_path
from wst_analytics.export.guard import folder_refusal, refusal
from wst_analytics.export.read import CopyDamaged, NotPublished, copy_damaged
from wst_analytics.query.places import UnknownArea
from wst_analytics.reports.annual import annual_report
from wst_analytics.reports.exception_past import NotReceivedThen, write_past_report
from wst_analytics.reports.exception_report import write_exception_report


def register(commands) -> None:
    command = commands.add_parser("report", help="write a report from the published tables")
    kinds = command.add_subparsers(dest="kind", required=True, metavar="KIND")
    annual = kinds.add_parser("annual", help="the annual report's 'safeguarding in numbers' pages",
                              description="Write a self-contained HTML page with plotly charts of the "
                                          "annual report's figures, disclosure controlled.")
    annual.add_argument("--year", required=True, type=year_arg, help="financial year, e.g. 2019-20")
    annual.add_argument("--area", help="the place: an LA's GSS code (E08000031) or a partnership's code "
                                       "(default: the partnership, when there is one only)")
    annual.add_argument("--out", type=Path, help="file to write (default reports/annual-YEAR.html, "
                                                 "annual-YEAR-AREA.html for an --area)")
    annual.add_argument("--force", action="store_true", help="replace --out if it exists")
    annual.add_argument("--release", metavar="NAME",
                        help="the figures as release NAME froze them, byte for byte whatever has been loaded since")
    annual.set_defaults(run=run_annual)
    exceptions = kinds.add_parser("exceptions", help="the monthly exception report (HTML and XLSX)",
                                  description="Write one place's exception report for the latest month "
                                              "the returns cover, as HTML and XLSX, from the exception "
                                              "marts the last load built; or, with --month, for an earlier "
                                              "month, rebuilt as at then. Earlier months' reports are kept.")
    exceptions.add_argument("--area", metavar="CODE",
                            help="the place: an LA's GSS code (E08000031) or a partnership's code from the "
                                 "partner registry (default: the registry's only partnership)")
    exceptions.add_argument("--month", type=month_arg, metavar="YYYY-MM",
                            help="the month (default: the latest the returns cover; an earlier one is rebuilt "
                                 "as it stood then, from the warehouse)")
    exceptions.add_argument("--out-dir", type=Path, help="folder (default reports/exceptions)")
    exceptions.set_defaults(run=run_exceptions)


def run_annual(args) -> int:
    name = f"annual-{args.year}" + (f"-{args.area}" if args.area else "") + (f"-{args.release}" if args.release else "")
    out = args.out or settings.reports_dir() / f"{name}.html"
    problem = refusal([out], force=args.force or args.out is None)  # its own default file it replaces
    if problem:
        print(f"wst report annual: {problem}")
        return 2
    try:
        written = annual_report(args.year, out, area=args.area, release=args.release)
    except (ValueError, NotPublished, FileNotFoundError, CopyDamaged) as error:  # ReleaseRefused is a ValueError
        print(f"wst report annual: {error}")
        return 2
    activity.record("report", f"annual report {args.year}" + (f" for {args.area}" if args.area else "")
                    + (f" of release {args.release}" if args.release else ""),
                    activity.hashed([written]))
    print(f"Wrote {written}")
    return 0


def run_exceptions(args) -> int:
    out_dir = args.out_dir or settings.reports_dir() / "exceptions"
    problem = folder_refusal(out_dir)
    if problem:
        print(f"wst report exceptions: {problem}")
        return 2
    analyst = copy_path("analyst")
    read_from = source(analyst)
    problem = no_data(read_from) or month_problem(args, read_from, out_dir)
    if problem:
        print(f"wst report exceptions: {problem}")
        return 2
    try:
        written = (write_past_report(out_dir, settings.warehouse_path(), args.month, args.area)
                   if earlier_month(args, read_from) else write_exception_report(out_dir, read_from, args.area))
    except (UnknownArea, NotReceivedThen) as error:
        print(f"wst report exceptions: {error}")
        return 2
    except duckdb.Error as error:
        damaged = copy_damaged(analyst, error)
        print(f"wst report exceptions: {damaged or f'{error}: has a load run since the exception report was added?'}")
        return 2
    activity.record("report", "exception report" + (f" as at {args.month}" if args.month else ""),
                    activity.hashed(written))
    print("Wrote " + ", ".join(str(p) for p in written))
    if written[0].name.endswith("-no-data.html"):
        print("Nothing has been received yet: the report says so. Put partners' files in "
              f"{settings.raw_dir()}/<extract>/ and run `wst load`.")
    return 0


def latest_as_at(read_from: Path) -> str | None:
    try:
        return built_as_at(read_from)
    except duckdb.CatalogException:
        return None  # built before the exception marts were: nothing to report as at any month


def earlier_month(args, read_from: Path) -> bool:
    """Whether `--month` is before the latest month (its report is rebuilt as at then)."""
    as_at = latest_as_at(read_from) if args.month else None
    return as_at is not None and args.month < as_at


def month_problem(args, read_from: Path, out_dir: Path) -> str | None:
    """With `--month`: why that month's report cannot be written now, or None."""
    if args.month is None:
        return None
    as_at = latest_as_at(read_from)
    kept = sorted(out_dir.glob(f"exceptions-{args.area or '*'}-{args.month}.html"))
    return month_refusal(args.month, as_at, kept[0] if kept else out_dir / "none")
