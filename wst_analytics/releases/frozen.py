"""Reading a release back exactly as it was made: its frozen tables (checked against their
hashes, so a changed byte is refused, never shown) and the load facts its outputs print."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime

import duckdb
import polars as pl

from wst_analytics.keys import MissingKeyError
from wst_analytics.releases.create import ReleaseRefused, content_hash
from wst_analytics.warehouse.encrypted import KeyRefused, open_read_only


@dataclass(frozen=True)
class Release:
    name: str
    period: str
    created_at: datetime
    created_by: str
    content_sha256: str
    cells: int
    facts: dict  # {"data": ..., "last_load": ...}: as the copies' manifest said when it was made


LISTED = ("release_name, period, created_at, created_by, content_sha256, cells, as_at")


def list_releases(con: duckdb.DuckDBPyConnection) -> list[Release]:
    """Every release, in the order they were made (none when the copy predates releases)."""
    try:
        rows = con.execute(f"SELECT {LISTED} FROM releases.releases ORDER BY release_number").fetchall()
    except duckdb.CatalogException:
        return []
    return [Release(*row[:6], json.loads(row[6])) for row in rows]


def release_names(path) -> set[str]:
    """The releases a warehouse file (or a backup) holds; none if it cannot be read."""
    try:
        con = open_read_only(path)  # a warehouse or a backup: WST_WAREHOUSE_KEY
    except (duckdb.Error, KeyRefused, MissingKeyError):
        return set()
    try:
        return {r.name for r in list_releases(con)}
    finally:
        con.close()


def find_release(con: duckdb.DuckDBPyConnection, name: str) -> Release:
    """The release called `name`, or a refusal naming those there are."""
    releases = list_releases(con)
    for release in releases:
        if release.name == name:
            return release
    known = ", ".join(r.name for r in releases) or "none yet (make one with `wst release create`)"
    raise ReleaseRefused(f"no release named {name!r}: the releases are {known}")


def frozen_tables(con: duckdb.DuckDBPyConnection, release: Release) -> dict[str, pl.DataFrame]:
    """Every table the release froze, by name, as it was; refused if any byte differs."""
    rows = con.execute("SELECT table_name, sha256, content FROM releases.tables WHERE release_name = ? "
                       "ORDER BY table_name", [release.name]).fetchall()
    for table, digest, content in rows:
        if hashlib.sha256(content).hexdigest() != digest:
            raise ReleaseRefused(f"release {release.name}: its frozen table {table} does not match its hash")
    hashes = [(table, digest) for table, digest, _ in rows]
    if content_hash(hashes, json.dumps(release.facts, sort_keys=True)) != release.content_sha256:
        raise ReleaseRefused(f"release {release.name}: its content does not match its content hash")
    return {table: pl.read_parquet(io.BytesIO(content)) for table, _, content in rows}
