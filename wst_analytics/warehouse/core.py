"""Computing core: the current version of every record, from history and the audit.

A load updates core for the records it may have changed (`update_core`): those with a row in a
return it took a file version of. Their current version is found again and replaces the old in
place, so a month's load costs in proportion to the month, not to the years behind it. A full
rebuild (`rebuild_core`) gives the same table; it is used when core is empty and after a
retention purge.
"""

from __future__ import annotations

import duckdb

from wst_analytics.extracts import SCHEMAS
from wst_analytics.warehouse.sql import scalar, sql_file


def _quoted(extract: str) -> list[str]:
    return [f'"{column}"' for column in SCHEMAS[extract].metadata["key"]]


def _record_key(columns: list[str]) -> str:
    return " || '|' || ".join(f"CAST(h.{c} AS VARCHAR)" for c in columns)


def rebuild_core(con: duckdb.DuckDBPyConnection, extract: str) -> None:
    """Recompute core.<extract> from history and the current return versions."""
    schema, columns = SCHEMAS[extract], _quoted(extract)
    sql = sql_file("core/current_version.sql").format(
        extract=extract, key=", ".join(f"h.{c}" for c in columns), record_key=_record_key(columns))
    con.execute(sql)
    if schema.metadata["after_core_sql"]:
        con.execute(sql_file(schema.metadata["after_core_sql"]))


def update_core(con: duckdb.DuckDBPyConnection, extract: str, new_ids: list[int]) -> None:
    """Bring core.<extract> up to date after a load of the file versions `new_ids`."""
    schema, columns = SCHEMAS[extract], _quoted(extract)
    if not scalar(con, f"SELECT count(*) FROM core.{extract}"):
        rebuild_core(con, extract)
        return
    con.execute("CREATE OR REPLACE TEMP TABLE load_versions AS SELECT unnest(?::BIGINT[]) AS file_version_id",
                [new_ids])
    con.execute(sql_file("core/changed_records.sql").format(
        extract=extract, key=", ".join(f"h.{c}" for c in columns),
        key_columns=", ".join(f"h.{c}" for c in columns),
        key_match=" AND ".join(f"h.{c} = k.{c}" for c in columns), record_key=_record_key(columns)))
    core_columns = [row[0] for row in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'core' AND table_name = ? "
        "ORDER BY column_index", [extract]).fetchall()]
    listed = ", ".join(f'"{c}"' for c in core_columns)
    con.execute(f"DELETE FROM core.{extract} AS c USING changed_keys AS k WHERE c.partner = k.partner AND "
                + " AND ".join(f"c.{c} = k.{c}" for c in columns))
    con.execute(f"INSERT INTO core.{extract} ({listed}) SELECT {listed} FROM changed_records "
                "WHERE record_status = 'active'")
    if schema.metadata.get("after_core_changed_sql"):
        con.execute(sql_file(schema.metadata["after_core_changed_sql"]))
    con.execute("DROP TABLE changed_records; DROP TABLE changed_keys; DROP TABLE load_versions")


def ensure_core_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create any core table that does not exist yet (empty, from empty history), so every
    query on core works on a new warehouse whatever was loaded first."""
    for extract in SCHEMAS:
        exists = scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'core' "
                             "AND table_name = ?", [extract])
        if not exists:
            rebuild_core(con, extract)
