"""What `wst validate` writes for a partner to act on (`--out FILE.csv|xlsx`), and what a file's
name should be when it does not fit the contract.

Each failure is one row: the file as the partner named it under its extract's folder (a name
that does not fit is not written: the folder and the content's hash stand for it), the row
number in their file (the header is row 1), the column, the rule's id and the rule in words.
Never a value from the file: the messages are the rules' own words, written without values.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from wst_analytics.export.text import neutralise
from wst_analytics.export.xlsx import OPTIONS
from wst_analytics.ingest.filenames import NAME

HEADER = ("file", "row in your file", "column", "rule", "what to fix")
FORMATS = (".csv", ".xlsx")


def out_refusal(out: Path, force: bool) -> str | None:
    """Why `--out` cannot be written, in one line, or None."""
    if out.suffix.lower() not in FORMATS:
        return f"--out must end in .csv or .xlsx (the format is chosen by the extension), not '{out.suffix}'"
    if out.is_dir():
        return f"--out {out} is a folder: name a file, e.g. {out / ('failures' + FORMATS[0])}"
    if out.exists() and not force:
        return f"--out {out} exists: add --force to replace it, or name another file"
    if not out.parent.is_dir():
        return f"--out's folder {out.parent} does not exist: create it first, or name a file in an existing folder"
    return None


def write_failures(out: Path, failures: list[tuple]) -> None:
    """Write the failures (rows of HEADER's columns) as CSV or as an Excel table; a text that a
    spreadsheet would take for a formula is written as text (`export.text.neutralise`)."""
    failures = [tuple(neutralise(value) for value in failure) for failure in failures]
    if out.suffix.lower() == ".csv":
        with out.open("w", newline="", encoding="utf-8-sig") as handle:  # Excel reads the BOM as UTF-8
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(failures)
        return
    _write_xlsx(out, failures)


def _write_xlsx(out: Path, failures: list[tuple]) -> None:
    """An Excel table (autofilter, frozen header), row numbers as numbers, text wrapped."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(out), OPTIONS)
    sheet = book.add_worksheet("Failures")
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    for column, width in enumerate((34, 12, 22, 18, 80)):
        sheet.set_column(column, column, width, wrapped if column == 4 else None)
    sheet.add_table(0, 0, max(len(failures), 1), len(HEADER) - 1,
                    {"name": "Failures", "columns": [{"header": h} for h in HEADER],
                     "data": [list(f) for f in failures] or None})
    sheet.freeze_panes(1, 0)
    book.close()


def unnamed(path: Path, extracts: dict) -> str:
    """A file whose name does not fit, as the failures file shows it: its extract's folder and
    its content's hash, never its name (a name may hold a person's)."""
    folder = path.parent.name if path.parent.name in extracts else "<folder>"
    if not path.is_file():
        return f"{folder}/(a path that is not a file)"
    return f"{folder}/(name not shown; content sha256 {hashlib.sha256(path.read_bytes()).hexdigest()[:16]})"


def name_advice(path: Path, extracts: dict, partners: dict, quote: bool = True) -> str:
    """What the name should be: the folder of an extract, then <partner>_<YYYY-MM>.csv, with
    (`quote`) the name this file could have if only its case is wrong."""
    folder = path.parent.name if path.parent.name in extracts else "<extract>"
    lowered = path.name.lower()
    if quote and lowered != path.name and NAME.fullmatch(lowered):
        return f"rename it {folder}/{lowered}"
    owing = sorted(code for code, p in partners.items() if folder in (*p.owes, *p.reference))
    example = f", e.g. {folder}/{owing[0]}_2019-04.csv" if owing else ""
    return f"the name should be {folder}/<partner>_<YYYY-MM>.csv (or .xlsx){example}"
