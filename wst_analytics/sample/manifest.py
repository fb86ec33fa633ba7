"""The sample manifest: what was written, what the figures truly are, and every planted case.

`SampleManifest` is returned by `generate_sample`; it is never written inside the raw folder
(the loader would treat it as a partner file). `to_json()` gives its text; `save(path)` writes it
anywhere outside the raw folder.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class FileEntry:
    path: str           # relative to raw_dir
    extract: str
    partner: str
    month: str          # reporting month (publication month for population)
    format: str         # csv or xlsx
    encoding: str       # utf-8, utf-8-sig, cp1252 (xlsx: "xlsx")
    line_ending: str    # LF or CRLF ("" for xlsx)
    date_style: str     # iso, uk, or excel+text for xlsx
    received_at: str    # ISO 8601 UTC, also the file's mtime
    rows: int           # data rows (header excluded)
    superseded: bool    # replaced by a later version of the same return


@dataclass
class InvalidRow:
    extract: str
    file: str           # relative to raw_dir
    row: int            # spreadsheet row number: header is 1, first data row is 2
    column: str         # contract column name
    rule: str           # loader rule id
    value: str          # the text written in that cell ("" when empty)
    key: str            # the junk key of the row


@dataclass
class SampleManifest:
    raw_dir: str
    seed: int
    scale: float
    years: list[str]
    files: list[FileEntry] = field(default_factory=list)
    truth: dict = field(default_factory=dict)
    invalid_rows: list[InvalidRow] = field(default_factory=list)
    resubmissions: list[dict] = field(default_factory=list)
    rejected_files: list[dict] = field(default_factory=list)
    deleted_keys: list[dict] = field(default_factory=list)
    unknown_columns: list[dict] = field(default_factory=list)
    missing_returns: list[dict] = field(default_factory=list)
    late_returns: list[dict] = field(default_factory=list)
    corrections: list[dict] = field(default_factory=list)
    data_quality: dict = field(default_factory=dict)
    untidiness: list[dict] = field(default_factory=list)
    row_count: dict[str, int] = field(default_factory=dict)
    shift: dict = field(default_factory=dict)  # a deliberate shift, planted on request

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def save(self, path: Path) -> Path:
        """Write the manifest as JSON, refusing a location inside the raw folder."""
        path = Path(path).resolve()
        if path.is_relative_to(Path(self.raw_dir).resolve()):
            raise ValueError("the manifest must not be written inside the raw folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")
        return path
