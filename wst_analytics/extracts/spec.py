"""One declarative spec per extract, and what is derived from it.

A spec is a pandera (polars backend) `DataFrameSchema` built by `extract_schema`: the contract's
columns (built with `wst_analytics.extracts.common`), the key, and metadata the pipeline reads:

| metadata | meaning |
|---|---|
| `key` | the record's key within its partner |
| `monthly` | a monthly return the registry tracks (else a reference extract) |
| `places` | rows carry `la_code` (contract version 2, section 7) |
| `after` | extracts loaded before this one (their core tables feed its rules) |
| `counted_by` | a monthly extract's date by which a record falls in a period: the building block `marts.<name>_in_period` is made from it, so an indicator counting its rows needs no SQL |
| `context_sql` | reference values from the warehouse that row rules need, joined on its first column (a file under `wst_analytics/sql/`, taking the partners as parameter) |
| `after_core_sql` / `after_core_changed_sql` | SQL run after core is rebuilt / updated for the records a load changed (temporary tables `changed_keys` and `changed_records`) |

From the spec come the reader's header matching, types, rules and pseudonyms, the history
table (`history_ddl`), core, the Dagster load asset (`pipelines.assets.core`), the code lists
(`codes`) and the contract tables of the docs (`wst_analytics.extracts.docs`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandera.polars as pa
import polars as pl

from wst_analytics.extracts.common import MONTH_END, internal, record_status
from wst_analytics.extracts.place_columns import SERVED, la_code

#: The history table's SQL type for each kind of column.
SQL_TYPES = {"identifier": "VARCHAR", "text": "VARCHAR", "code": "VARCHAR", "code_list": "VARCHAR[]",
             "date": "DATE", "flag": "BOOLEAN", "integer": "BIGINT", "decimal": "DECIMAL(12, 2)",
             "number": "DOUBLE"}
LINEAGE = ("file_version_id BIGINT NOT NULL", "source_row INTEGER NOT NULL", "partner VARCHAR NOT NULL",
           "reporting_month DATE NOT NULL", "record_status VARCHAR NOT NULL")


def extract_schema(name: str, key: Sequence[str], columns: dict[str, pa.Column], *,
                   monthly: bool = True, places: bool | None = None, after: Sequence[str] = (),
                   counted_by: str | None = None,
                   description: str = "", context_sql: str | None = None,
                   after_core_sql: str | None = None,
                   after_core_changed_sql: str | None = None) -> pa.DataFrameSchema:
    """The spec of one extract: its columns plus `record_status`, `la_code` (for `places`:
    by default every monthly extract) and the reader's internal columns."""
    places = monthly if places is None else places
    if counted_by is not None and (counted_by not in columns or columns[counted_by].metadata["kind"] != "date"):
        raise ValueError(f"extract spec {name}: counted_by {counted_by!r} is not one of its date columns")
    _check_key(name, key, columns)
    area = {"la_code": la_code(), SERVED: internal(pl.List(pl.String))} if places else {}
    all_columns = {**columns, **area, "record_status": record_status(), MONTH_END: internal(pl.Date)}
    return pa.DataFrameSchema(all_columns, name=name, unique=list(key), report_duplicates="all",
                              strict=False, description=description,
                              metadata={"key": list(key), "monthly": monthly, "places": places,
                                        "after": list(after), "counted_by": counted_by,
                                        "context_sql": context_sql,
                                        "after_core_sql": after_core_sql,
                                        "after_core_changed_sql": after_core_changed_sql})


def _check_key(name: str, key: Sequence[str], columns: dict[str, pa.Column]) -> None:
    """A key column is never null (a null key matches no other, so a revision would be lost):
    it is required, or an empty cell is its default."""
    for column in key:
        metadata = columns[column].metadata if column in columns else {"required": True}
        if not metadata["required"] and metadata.get("default") is None:
            raise ValueError(f"extract spec {name}: key column {column!r} is optional and has no "
                             "default: give it one (e.g. default='' for a headline figure)")


def stored_columns(schema: pa.DataFrameSchema) -> list[str]:
    """The columns a row of this extract is stored with (the contract's, `la_code` included)."""
    return [name for name, column in schema.columns.items()
            if column.metadata.get("kind") != "internal" and name != "record_status"]


def sql_type(schema: pa.DataFrameSchema, column: str) -> str:
    """The SQL type a stored column is kept as."""
    return SQL_TYPES[schema.columns[column].metadata["kind"]]


def history_ddl(schema: pa.DataFrameSchema) -> str:
    """`CREATE TABLE history.<name>`: lineage, then every stored column with its SQL type (the
    key's columns NOT NULL). Whole numbers are BIGINT (the reader accepts up to 18 digits; the
    specs bound them) and money DECIMAL(12, 2) (at most 9 digits and 2 decimal places)."""
    key = set(schema.metadata["key"])
    columns = [f'"{name}" {sql_type(schema, name)}'
               + (" NOT NULL" if name in key and schema.columns[name].metadata["required"] else "")
               for name in stored_columns(schema)]
    return (f"CREATE TABLE IF NOT EXISTS history.{schema.name} (\n    "
            + ",\n    ".join([*LINEAGE, *columns]) + "\n);")


def codes(schema: pa.DataFrameSchema, column: str) -> list[str]:
    """The code list of one column (empty for a column without one)."""
    return list(schema.columns[column].metadata.get("values", []))


def load_order(specs: dict[str, pa.DataFrameSchema]) -> list[str]:
    """The extracts in an order that loads each after those it names in `after`."""
    ordered: list[str] = []

    def visit(name: str, seen: tuple[str, ...]) -> None:
        if name in seen:
            raise ValueError(f"extract specs: {' -> '.join((*seen, name))} is a cycle of `after`")
        for before in specs[name].metadata["after"]:
            if before not in specs:
                raise ValueError(f"extract spec {name}: `after` names {before!r}, not an extract")
            visit(before, (*seen, name))
        if name not in ordered:
            ordered.append(name)

    for name in specs:
        visit(name, ())
    return ordered
