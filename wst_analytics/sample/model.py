"""The in-memory form of one partner file before it is written (`RawFile`), and the running
record of everything the generator plants (`Plants`), which becomes the manifest.

Rows are dicts keyed by canonical column names holding canonical values (dates, ints, bools,
Decimals, strings, None); untidiness is applied by replacing values with the exact text to
write, and `writer.py` renders the rest in the file's style.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PARTNERS = {"cp_plans": "cwc-cs", "adult_concerns": "cwc-asc", "s42_enquiries": "cwc-asc",
            "police_incidents": "wmp", "training_attendance": "wst", "population": "ons",
            "benchmarks": "dfe", "neighbours": "dfe"}
MONTHLY_EXTRACTS = ["cp_plans", "adult_concerns", "s42_enquiries", "police_incidents",
                    "training_attendance"]


@dataclass
class RawFile:
    """One file as it will be written to `raw/<extract>/<partner>_<YYYY-MM>[_<suffix>].<fmt>`."""

    extract: str
    month: str
    columns: list[str]                # canonical names, in the order written
    rows: list[dict]
    suffix: str = ""
    fmt: str = "csv"                  # csv or xlsx
    encoding: str = "utf-8"           # utf-8, utf-8-sig (BOM) or cp1252 (CSV only)
    crlf: bool = False
    date_style: str = "iso"           # iso (YYYY-MM-DD) or uk (DD/MM/YYYY) for text dates
    excel_dates: tuple[str, ...] = ()  # xlsx: columns written as real Excel dates
    headers: dict[str, str] = field(default_factory=dict)  # canonical -> header written
    notes_sheet: bool = False         # xlsx: add a second worksheet "Notes"
    received_at: dt.datetime | None = None
    superseded: bool = False          # replaced by a later version of the same return

    @property
    def partner(self) -> str:
        return PARTNERS[self.extract]

    @property
    def path(self) -> str:
        """Path relative to the raw folder."""
        suffix = f"_{self.suffix}" if self.suffix else ""
        return f"{self.extract}/{self.partner}_{self.month}{suffix}.{self.fmt}"

    def header(self) -> list[str]:
        return [self.headers.get(column, column) for column in self.columns]

    def index_of(self, row: dict) -> int:
        """Spreadsheet row number of a row (the header is row 1)."""
        return next(i for i, r in enumerate(self.rows) if r is row) + 2


@dataclass
class Plants:
    """What was planted, collected while the files are built."""

    untidiness: list[dict] = field(default_factory=list)
    invalid: list[tuple[RawFile, dict, str, str]] = field(default_factory=list)
    resubmissions: list[dict] = field(default_factory=list)
    rejected_files: list[dict] = field(default_factory=list)
    deleted_keys: list[dict] = field(default_factory=list)
    unknown_columns: list[dict] = field(default_factory=list)
    missing_returns: list[dict] = field(default_factory=list)
    late_returns: list[dict] = field(default_factory=list)
    corrections: list[dict] = field(default_factory=list)
    data_quality: dict = field(default_factory=dict)
    shift: dict = field(default_factory=dict)

    def note(self, kind: str, file: RawFile, detail: str) -> None:
        """Record one planted untidiness (the file's path is resolved when the manifest is
        made, after resubmission suffixes are set)."""
        self.untidiness.append({"kind": kind, "file": file, "detail": detail})
