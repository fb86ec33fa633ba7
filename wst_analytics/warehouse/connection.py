"""Opening the warehouse file and making sure its tables exist.

One DuckDB file admits one writing process; `connect` is for the pipeline (the writer).
Analysts and report authors read published copies, never this file. A damaged file is
refused before anything is written to it (`health.open_checked`); it is encrypted with
`WST_WAREHOUSE_KEY` (`encrypted`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from wst_analytics import settings
from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.spec import history_ddl, sql_type, stored_columns
from wst_analytics.keys import warehouse_key
from wst_analytics.warehouse.core import ensure_core_tables
from wst_analytics.warehouse.encrypted import open_file
from wst_analytics.warehouse.health import WarehouseBusy, WarehouseDamaged, open_checked
from wst_analytics.warehouse.sql import scalar, transaction

__all__ = ["WarehouseBusy", "WarehouseDamaged", "connect", "info", "set_info"]


def connect(path: Path | None = None, checked: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if need be) the warehouse for writing and apply the table definitions.

    `checked=True` is for a run that has already opened this same file with `connect` (it
    holds the load lock, so nothing else has written it): DuckDB's own open only, without the
    health checks and table definitions again."""
    path = Path(path or settings.warehouse_path())
    config = {"memory_limit": settings.duckdb_memory_limit()}
    if checked:
        con = open_file(path, warehouse_key(), "WST_WAREHOUSE_KEY", config=config)
        con.execute("SET enable_progress_bar = false")
        return con
    path.parent.mkdir(parents=True, exist_ok=True)
    con = open_checked(path, config=config)
    con.execute("SET enable_progress_bar = false")  # a load logs; it draws no bars
    with transaction(con):  # all the tables or none: a load killed while making them leaves none
        for ddl in sorted((settings.SQL_DIR / "ddl").glob("*.sql")):
            con.execute(ddl.read_text(encoding="utf-8"))
        ensure_history_tables(con)
        ensure_core_tables(con)
    return con


def ensure_history_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create each extract's history table from its spec; add the columns a newer spec has
    (`la_code`, contract version 2) to a table made by an older one, empty for the old rows."""
    for schema in SCHEMAS.values():
        con.execute(history_ddl(schema))
        present = {row[0] for row in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'history' AND table_name = ?",
            [schema.name]).fetchall()}
        for name in stored_columns(schema):
            if name not in present:
                con.execute(f'ALTER TABLE history.{schema.name} ADD COLUMN "{name}" {sql_type(schema, name)}')


def info(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    return scalar(con, "SELECT value FROM audit.warehouse_info WHERE name = ?", [name])


def set_info(con: duckdb.DuckDBPyConnection, name: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO audit.warehouse_info VALUES (?, ?)", [name, value])
