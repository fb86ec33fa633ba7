"""The sample manifest: what was written, what the figures truly are, and every planted case.

`SampleManifest` is returned by `generate_sample` (built by `build`); it is never written inside
the raw folder (the loader would treat it as a partner file). `to_json()` gives its text;
`save(path)` writes it anywhere outside the raw folder.

Places (extract contract, section 7): `places` names the sample's LA, region and partnership;
`benchmarks` and `neighbours` are the rows the reference files hold as the warehouse should keep
them (the latest publication of each key, invalid rows left out; value a float, or None where
suppressed), `benchmark_revisions` the figures a later publication revised, and `comparisons`
the true `marts.indicator_benchmarks` rows for the LA and its partnership (`comparisons.py`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .model import PARTNERS, Plants, RawFile
from .writer import render


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
    places: dict = field(default_factory=dict)
    benchmarks: list[dict] = field(default_factory=list)
    neighbours: list[dict] = field(default_factory=list)
    benchmark_revisions: list[dict] = field(default_factory=list)
    comparisons: list[dict] = field(default_factory=list)  # rows of marts.indicator_benchmarks

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


def _resolve(value):
    """Replace RawFile references in the planted-case records with their paths."""
    if isinstance(value, RawFile):
        return value.path
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


def build(raw_dir, seed, scale, fys, files: list[RawFile], truth, plants: Plants,
          keys: dict[str, tuple[str, ...]], **places) -> SampleManifest:
    """The manifest of the files written; `keys` gives each extract's key, `places` the
    fields about places (places, benchmarks, neighbours, benchmark_revisions, comparisons)."""
    entries = [FileEntry(
        path=f.path, extract=f.extract, partner=PARTNERS[f.extract], month=f.month, format=f.fmt,
        encoding=f.encoding if f.fmt == "csv" else "xlsx",
        line_ending=("CRLF" if f.crlf else "LF") if f.fmt == "csv" else "",
        date_style=f.date_style if f.fmt == "csv" else ("excel+text" if f.excel_dates else "text"),
        received_at=f.received_at.isoformat(), rows=len(f.rows), superseded=f.superseded)
        for f in files]
    invalid = [InvalidRow(f.extract, f.path, f.index_of(row), column, rule,
                          render(row.get(column), f.date_style),
                          "|".join(render(row.get(k), f.date_style) for k in keys[f.extract]))
               for f, row, column, rule in plants.invalid]
    invalid.sort(key=lambda r: (r.file, r.row))
    return SampleManifest(
        raw_dir=str(raw_dir), seed=seed, scale=scale, years=fys, files=entries, truth=truth,
        invalid_rows=invalid, resubmissions=_resolve(plants.resubmissions),
        rejected_files=_resolve(plants.rejected_files), deleted_keys=_resolve(plants.deleted_keys),
        unknown_columns=_resolve(plants.unknown_columns),
        missing_returns=plants.missing_returns, late_returns=_resolve(plants.late_returns),
        corrections=plants.corrections, data_quality=plants.data_quality,
        untidiness=_resolve(plants.untidiness), row_count={e.path: e.rows for e in entries},
        shift=plants.shift, **places)
