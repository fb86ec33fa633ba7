"""Bringing a copy of the warehouse up to date instead of writing it again.

The analyst copy holds core: every current record, millions of rows at national scale, and a
month changes few of them. So a publish starts from the previous copy (copied byte for byte to
a temporary file, never changed in place) and changes only what differs:

- a table with lineage (`file_version_id`, `source_row`: every core table) is synchronised by
  it. A core row is a pure function of the history row it comes from, and history rows are
  never changed, so rows whose lineage the warehouse no longer has are deleted and rows whose
  lineage the copy lacks are inserted; the rest are already right;
- every other table (marts, published: small) is replaced whole; views are made again.

It is refused (and the copy built whole) when the previous copy was made by other code
(`fingerprint`) or its tables or columns differ. Afterwards every table must have the
warehouse's row count, or the publish fails.
"""

from __future__ import annotations

import hashlib
from importlib import metadata

import duckdb

from wst_analytics import settings
from wst_analytics.warehouse.sql import quote_name as _ident
from wst_analytics.warehouse.sql import transaction

LINEAGE = ("file_version_id", "source_row")
FORMAT = "wst-copy-1"  # change when what a copy holds changes in a way columns do not show


class CopyDrift(RuntimeError):
    """The updated copy does not hold what the warehouse holds."""


def fingerprint() -> str:
    """Identifies the code that derives core: the package version and the core SQL."""
    digest = hashlib.sha256(FORMAT.encode())
    digest.update(metadata.version("wst-analytics").encode())
    for path in sorted((settings.SQL_DIR / "core").glob("*.sql")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _columns(con: duckdb.DuckDBPyConnection, database: str, schemas: tuple[str, ...]) -> dict:
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, column, data_type in con.execute(
            "SELECT c.schema_name, c.table_name, c.column_name, c.data_type FROM duckdb_columns() AS c "
            "JOIN duckdb_tables() AS t USING (database_name, schema_name, table_name) "
            "WHERE c.database_name = ? AND c.schema_name IN (SELECT unnest(?::VARCHAR[])) AND NOT t.temporary "
            "ORDER BY c.schema_name, c.table_name, c.column_index", [database, list(schemas)]).fetchall():
        found.setdefault((schema, table), []).append((column, data_type))
    return found


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def update_copy(con: duckdb.DuckDBPyConnection, source: str, target: str,
                schemas: tuple[str, ...]) -> dict[str, int] | None:
    """Make the attached copy `target` hold what catalog `source` holds in `schemas`; return
    each table's rows, or None when the copy's tables differ (build it whole instead)."""
    tables = _columns(con, source, schemas)
    if tables != _columns(con, target, schemas):
        return None
    views = con.execute("SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = ? "
                        "AND schema_name IN (SELECT unnest(?::VARCHAR[])) AND NOT internal",
                        [target, list(schemas)]).fetchall()
    rows = {}
    with transaction(con):
        for schema, view in views:
            con.execute(f"DROP VIEW {_ident(target)}.{_ident(schema)}.{_ident(view)}")
        for (schema, table), columns in tables.items():
            old = f"{_ident(target)}.{_ident(schema)}.{_ident(table)}"
            new = f"{_ident(source)}.{_ident(schema)}.{_ident(table)}"
            if all(name in {c for c, _ in columns} for name in LINEAGE):
                same = " AND ".join(f"s.{c} = t.{c}" for c in LINEAGE)
                con.execute(f"DELETE FROM {old} AS t WHERE NOT EXISTS (SELECT 1 FROM {new} AS s WHERE {same})")
                con.execute(f"INSERT INTO {old} SELECT * FROM {new} AS s "
                            f"WHERE NOT EXISTS (SELECT 1 FROM {old} AS t WHERE {same})")
            else:
                con.execute(f"DELETE FROM {old}")
                con.execute(f"INSERT INTO {old} SELECT * FROM {new}")
            rows[f"{schema}.{table}"] = _count(con, old)
            if rows[f"{schema}.{table}"] != _count(con, new):
                raise CopyDrift(f"the updated copy of {schema}.{table} does not have the warehouse's rows")
    return rows
