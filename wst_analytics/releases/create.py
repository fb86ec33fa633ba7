"""Making a release: `wst release create NAME --period 2019-20`.

In one transaction: the figures released (`releases.cells`: every published cell of a period
up to the end of the year), the file versions behind them (`releases.file_versions`), the
revision markers again (the released year's figures are no longer provisional), then every
table of the published schema frozen as it now is (`releases.tables`, as Parquet), with the
load facts the outputs print, and the release's row: who, when, a content hash. A name is
used once; nothing alters a release afterwards.
"""

from __future__ import annotations

import getpass
import hashlib
import io
import json
import re
from datetime import datetime, timezone

import duckdb

from wst_analytics.copy_build import describe
from wst_analytics.releases.revisions import remark
from wst_analytics.warehouse.sql import quote_name, scalar, sql_file, transaction

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
PERIOD = re.compile(r"(\d{4})-(\d{2})")


class ReleaseRefused(ValueError):
    """A release cannot be made (or read) as asked; the message says why and what to do."""


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise ReleaseRefused(f"release name {name!r}: use 1 to 64 letters, digits, '.', '_' or '-', "
                             "starting with a letter or digit (e.g. 2019-20-annual); never a person's name")
    return name


def last_month(period: str) -> str:
    """The last month of financial year `period` (2019-20 -> 2020-03); refuses anything else."""
    match = PERIOD.fullmatch(period)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ReleaseRefused(f"--period {period!r} is not a financial year: say e.g. 2019-20")
    return f"{int(match[1]) + 1}-03"


def _refusal(con: duckdb.DuckDBPyConnection, name: str, period: str) -> str | None:
    made = con.execute("SELECT created_at, period FROM releases.releases WHERE release_name = ?", [name]).fetchall()
    if made:
        return (f"a release named {name} exists (of {made[0][1]}, made {made[0][0]:%Y-%m-%d %H:%M} UTC): "
                "a release is never altered or replaced; choose another name")
    try:
        years = [r[0] for r in con.execute("SELECT DISTINCT period FROM published.indicator_values "
                                           "WHERE period_type = 'financial_year' ORDER BY 1").fetchall()]
    except duckdb.CatalogException:
        return "nothing has been published yet: run `wst load` first"
    if period not in years:
        return f"no published figures for {period}: the published years are {', '.join(years) or 'none'}"
    return None


def _freeze(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    """Every published table into releases.tables; its (table, sha256) pairs."""
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'published' AND NOT temporary ORDER BY table_name").fetchall()]
    hashes = []
    for table in tables:
        frame = con.sql(f"SELECT * FROM published.{quote_name(table)}").pl()
        buffer = io.BytesIO()
        frame.write_parquet(buffer, statistics=False)
        content = buffer.getvalue()
        digest = hashlib.sha256(content).hexdigest()
        con.execute("INSERT INTO releases.tables VALUES (?, ?, ?, ?, ?)", [name, table, frame.height, digest, content])
        hashes.append((table, digest))
    return hashes


def content_hash(hashes: list[tuple[str, str]], facts: str) -> str:
    """The release's content hash: of its tables' hashes (by name) and the load facts."""
    lines = [f"{table} {digest}" for table, digest in sorted(hashes)] + [facts]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def create_release(con: duckdb.DuckDBPyConnection, name: str, period: str, who: str | None = None,
                   now: datetime | None = None) -> dict:
    """Make release `name` of financial year `period` in the warehouse `con` writes; return its row."""
    check_name(name)
    month = last_month(period)
    problem = _refusal(con, name, period)
    if problem:
        raise ReleaseRefused(problem)
    made = dict(release_name=name, period=period, created_by=who or getpass.getuser(),
                created_at=(now or datetime.now(timezone.utc)).replace(tzinfo=None, microsecond=0))
    manifest = describe(con, {}, None)
    facts = json.dumps({"data": manifest["data"], "last_load": manifest["last_load"]}, sort_keys=True)
    with transaction(con):
        made["release_number"] = scalar(con, "SELECT coalesce(max(release_number), 0) + 1 FROM releases.releases")
        con.execute(sql_file("releases/cells.sql"), {"name": name, "period": period, "last_month": month})
        con.execute(sql_file("releases/file_versions.sql"), {"name": name})
        remark(con)
        made["content_sha256"] = content_hash(_freeze(con, name), facts)
        made["cells"] = scalar(con, "SELECT count(*) FROM releases.cells WHERE release_name = ?", [name])
        con.execute("INSERT INTO releases.releases BY NAME SELECT ? AS release_name, ? AS release_number, "
                    "? AS period, ? AS created_at, ? AS created_by, ? AS as_at, ? AS content_sha256, ? AS cells",
                    [name, made["release_number"], period, made["created_at"], made["created_by"], facts,
                     made["content_sha256"], made["cells"]])
    return made
