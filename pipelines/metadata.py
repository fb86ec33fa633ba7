"""What an asset shows in the UI, read from the warehouse it just wrote: each table's columns
(`dagster/column_schema`: the warehouse's own names and types, described by the extract specs
and the lineage), its rows (`dagster/row_count`), and for the tables that hold no personal data
(the marts and the published tables) a preview of a few rows.

Dagster keeps this metadata in its run history, so nothing in it may be a person's identifier,
a file's name or a partner's text: history, core and quarantine get their schema and counts,
never their rows (`preview` refuses them); quarantine is counted by rule and column, names the
code's own.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import dagster as dg
import duckdb

from wst_analytics import settings

from wst_analytics.extracts import SCHEMAS
from wst_analytics.warehouse.sql import quote_name, scalar

#: The schemas whose rows may be shown: figures for places, never about a person.
PREVIEWED = ("marts", "published")
PREVIEW_ROWS = 5
#: The columns every history and core table has beside the contract's (`spec.LINEAGE`).
LINEAGE = {"file_version_id": "the file version the row came from (audit.file_versions)",
           "source_row": "the row's number in its file (the header is row 1)",
           "partner": "the partner who sent it", "reporting_month": "the month of its return",
           "record_status": "active, or deleted by a later return", "file_label": "its file's label",
           "record_key": "the record's key, its identifiers pseudonymised"}
COLUMNS = ("SELECT column_name, data_type, comment FROM duckdb_columns() "
           "WHERE database_name = current_database() AND schema_name = ? AND table_name = ? ORDER BY column_index")


@functools.cache
def ddl_descriptions() -> dict[str, dict[str, str]]:
    """The warehouse's own descriptions of its tables' columns: the comments beside them in
    the table definitions (`sql/ddl/`), by table."""
    described: dict[str, dict[str, str]] = {}
    table = None
    for ddl in sorted((settings.SQL_DIR / "ddl").glob("*.sql")):
        for line in ddl.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"CREATE TABLE IF NOT EXISTS (\w+\.\w+)", line):
                table = match[1]
            elif table and (match := re.match(r'\s+"?(\w+)"?\s+\w.*--\s*(.+)$', line)):
                described.setdefault(table, {})[match[1]] = match[2].strip()
    return described


def _descriptions(schema: str, table: str) -> dict[str, str]:
    spec = SCHEMAS.get(table) if schema in ("core", "history") else None
    own = {name: column.description or "" for name, column in spec.columns.items()} if spec else {}
    return {**LINEAGE, **ddl_descriptions().get(f"{schema}.{table}", {}),
            **{name: text for name, text in own.items() if text}}


def column_schema(con: duckdb.DuckDBPyConnection, table: str) -> dg.TableSchema:
    """The table's columns as the warehouse has them, each described where the code says what it is."""
    schema, name = table.split(".")
    described = _descriptions(schema, name)
    return dg.TableSchema(columns=[
        dg.TableColumn(column, kind, description=comment or described.get(column))
        for column, kind, comment in con.execute(COLUMNS, [schema, name]).fetchall()])


def preview(con: duckdb.DuckDBPyConnection, table: str) -> dg.MetadataValue:
    """The first rows (by every column) of a marts or published table, as a markdown table."""
    schema, name = table.split(".")
    if schema not in PREVIEWED:
        raise ValueError(f"{table} may hold personal data: no preview of it is stored")
    relation = con.sql(f"SELECT * FROM {quote_name(schema)}.{quote_name(name)} ORDER BY ALL LIMIT {PREVIEW_ROWS}")
    lines = ["| " + " | ".join(relation.columns) + " |", "|" + "---|" * len(relation.columns)]
    lines += ["| " + " | ".join("" if v is None else str(v).replace("|", "/") for v in row) + " |"
              for row in relation.fetchall()]
    return dg.MetadataValue.md("\n".join(lines))


def table_metadata(con: duckdb.DuckDBPyConnection, table: str) -> dict:
    """Column schema and row count of a table; a preview too for marts and published tables."""
    schema, name = table.split(".")
    metadata = {"dagster/column_schema": column_schema(con, table), "dagster/table_name": table,
                "dagster/row_count": scalar(con, f"SELECT count(*) FROM {quote_name(schema)}.{quote_name(name)}")}
    if schema in PREVIEWED:
        metadata["preview"] = preview(con, table)
    return metadata


QUARANTINED = ("SELECT rule, \"column\", count(*) FROM quarantine.rows WHERE file_version_id IN "
               "(SELECT file_version_id FROM audit.file_versions WHERE load_id = ? AND extract IS NOT DISTINCT FROM ?) "
               "GROUP BY ALL ORDER BY 3 DESC, 1, 2")
ALL_QUARANTINED = "SELECT rule, \"column\", count(*) FROM quarantine.rows GROUP BY ALL ORDER BY 3 DESC, 1, 2"
#: A column is named only if a spec names it (a rule id is always the code's own).
KNOWN_COLUMNS = {name for spec in SCHEMAS.values() for name in spec.columns}


def counted_by_rule(rows: list[tuple]) -> dg.MetadataValue:
    """(rule, column, rows) as a markdown table."""
    lines = ["| rule | column | rows |", "|---|---|---|"]
    lines += [f"| {rule} | {column if column in KNOWN_COLUMNS else ''} | {count:,} |" for rule, column, count in rows]
    return dg.MetadataValue.md("\n".join(lines) if rows else "nothing quarantined")


def quarantine_by_rule(con: duckdb.DuckDBPyConnection, load_id: str, extract: str | None) -> dg.MetadataValue:
    """The rows this load quarantined from one extract's files, counted by rule and column."""
    return counted_by_rule(con.execute(QUARANTINED, [load_id, extract]).fetchall())


def core_metadata(con: duckdb.DuckDBPyConnection, extract: str, load_id: str) -> dict:
    """A load asset's table (core.<extract>: schema, rows) and what its load quarantined."""
    return {**table_metadata(con, f"core.{extract}"),
            "quarantined_by_rule": quarantine_by_rule(con, load_id, extract)}


def quarantine_rows(con: duckdb.DuckDBPyConnection) -> dict:
    """What quarantine.rows holds now: its columns and rows, counted by rule and column."""
    return {**table_metadata(con, "quarantine.rows"), "by_rule": counted_by_rule(con.execute(ALL_QUARANTINED).fetchall())}


SYMBOLS = ("SELECT s.symbol, s.meaning, count(v.symbol) FROM published.symbols AS s "
           "LEFT JOIN published.indicator_values AS v USING (symbol) GROUP BY ALL ORDER BY 1")


def published_metadata(con: duckdb.DuckDBPyConnection, name: str) -> dict:
    """A published table's schema, rows and preview; for indicator_values, its cells by symbol."""
    metadata = table_metadata(con, f"published.{name}")
    if name == "indicator_values":
        rows = con.execute(SYMBOLS).fetchall()
        metadata["cells_by_symbol"] = dg.MetadataValue.md("\n".join(
            ["| symbol | meaning | cells |", "|---|---|---|", *(f"| {s} | {m} | {n:,} |" for s, m, n in rows)]))
    return metadata


def report_links(folder: Path, written: list[Path]) -> dict:
    """Each report file written, as a link (its path), and the folder they are in."""
    return {"folder": dg.MetadataValue.path(str(folder)),
            **{path.name: dg.MetadataValue.path(str(path)) for path in written}}
