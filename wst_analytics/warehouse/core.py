"""Computing core: the current version of every record, from history and the audit."""

from __future__ import annotations

import duckdb

from schemas import SCHEMAS
from wst_analytics.warehouse.sql import scalar, sql_file


def rebuild_core(con: duckdb.DuckDBPyConnection, extract: str) -> None:
    """Recompute core.<extract> from history and the current return versions."""
    schema = SCHEMAS[extract]
    columns = [f'"{column}"' for column in schema.metadata["key"]]
    sql = sql_file("core/current_version.sql").format(
        extract=extract, key=", ".join(f"h.{c}" for c in columns), order=", ".join(columns),
        record_key=" || '|' || ".join(f"CAST(h.{c} AS VARCHAR)" for c in columns))
    con.execute(sql)
    if schema.metadata["after_core_sql"]:
        con.execute(sql_file(schema.metadata["after_core_sql"]))


def ensure_core_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create any core table that does not exist yet (empty, from empty history), so every
    query on core works on a new warehouse whatever was loaded first."""
    for extract in SCHEMAS:
        exists = scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'core' "
                             "AND table_name = ?", [extract])
        if not exists:
            rebuild_core(con, extract)
