"""`wst export TABLE [--area CODE] --format csv|xlsx|parquet --out PATH`: a published table for
a report, every place's rows or one place's."""

from __future__ import annotations

from pathlib import Path

from wst_analytics import activity
from wst_analytics.export.read import CopyDamaged, NotPublished, read_published
from wst_analytics.export.guard import refusal
from wst_analytics.export.write import FORMATS, export, outputs
from wst_analytics.releases.create import ReleaseRefused


def register(commands) -> None:
    command = commands.add_parser(
        "export", help="export a published (disclosure-controlled) table as CSV, XLSX or Parquet",
        description="Export a table of the published schema, the only one report authors may "
                    "use: published.indicator_values, published.indicator_yoy, "
                    "published.indicators, published.symbols, published.notes.")
    command.add_argument("table", help="e.g. published.indicator_values")
    command.add_argument("--format", choices=FORMATS, default=None,
                         help="csv, xlsx or parquet (default: from the --out extension; must agree with it)")
    command.add_argument("--out", type=Path, required=True,
                         help="file to write (never a file of the project: the warehouse, the drop folder, ...)")
    command.add_argument("--force", action="store_true", help="replace the file if it exists")
    command.add_argument("--area", metavar="CODE",
                         help="one place's rows: an LA's GSS code (E08000031) or a partnership's code "
                              "(default: every place, with area_type and area_code)")
    command.add_argument("--release", metavar="NAME",
                         help="the table as release NAME froze it (`wst release list`), byte for byte "
                              "whatever has been loaded since (default: the latest published tables)")
    command.set_defaults(run=run)


def format_problem(file_format: str | None, out: Path) -> str | None:
    """Why `--format` and the `--out` extension do not name one format, or None."""
    extension = out.suffix.lstrip(".").lower()
    if file_format and extension != file_format:
        return (f"--format {file_format} but --out {out.name} is not a .{file_format} file: "
                f"name it {out.stem}.{file_format} (or leave out --format and the extension decides)")
    if (file_format or extension) not in FORMATS:
        return f"say --format {'|'.join(FORMATS)} (or use one of those extensions)"
    return None


def run(args) -> int:
    file_format = args.format or args.out.suffix.lstrip(".").lower()
    problem = (file_format in FORMATS and refusal(outputs(file_format, args.out), args.force)
               or format_problem(args.format, args.out))  # a file of the project is named first
    if problem:
        print(f"wst export: {problem}")
        return 2
    try:
        table = read_published(args.table, area=args.area, release=args.release)
    except (NotPublished, FileNotFoundError, CopyDamaged, ReleaseRefused) as error:
        print(f"wst export: {error}")
        return 2
    written = export(table, file_format, args.out)
    released = f" of release {args.release}" if args.release else ""
    activity.record("export", f"published.{table.name}{released} as {file_format}", activity.hashed(written))
    print(f"Wrote {table.frame.height} rows of published.{table.name}{released}"
          + (f" for {table.area.label}" if table.area else "") + " to "
          + ", ".join(str(p) for p in written))
    return 0
