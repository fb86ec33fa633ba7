"""Opening an encrypted DuckDB file: the warehouse, a backup, or a read-only copy.

Every file the pipeline writes with personal data in it is a DuckDB database encrypted with
AES-256-GCM (DuckDB's own encryption): the warehouse and its backups with `WST_WAREHOUSE_KEY`,
the copies with `WST_COPY_KEY` (`wst_analytics.keys`). DuckDB opens an encrypted file only by
attaching it with its key, so a connection is an in-memory database with the file attached
as its default catalog (`ALIAS`, `wst`, for the warehouse): tables are named by schema and
table as before. Its write-ahead log and the temporary files a large transaction spills
(`<file>.tmp/`, `temp_file_encryption`) are encrypted with the same key.

Writing an encrypted file needs the httpfs extension's crypto module (DuckDB's built-in one
only reads), loaded from its wheel (`extensions`) whenever a file is attached for writing.
A wrong key, or a file made before encryption, is refused in one line (`KeyRefused`) naming
the file and the variable, never the key.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from wst_analytics import keys
from wst_analytics.warehouse import extensions
from wst_analytics.warehouse.sql import quote_literal, quote_name

ALIAS = "wst"  # the warehouse's catalog name in its connection (DuckDB's default was the file's stem)
#: What each key is for, in messages.
OPENS = {"WST_WAREHOUSE_KEY": "the warehouse", "WST_COPY_KEY": "the copy"}
COPY_FILES = ("analyst.duckdb", "report.duckdb")  # `copies.copy_path`: opened with the copy key


class KeyRefused(RuntimeError):
    """The file does not open with the key given (another key, or not encrypted)."""


def refusal(path: Path, variable: str, message: str) -> KeyRefused | None:
    """The one-line refusal a DuckDB open error means, if it is about the key."""
    what = f"{OPENS.get(variable, 'the file')} {path}"
    if "Wrong encryption key" in message:
        return KeyRefused(f"{what} does not open with {variable}: it was encrypted with another key. "
                          f"Set {variable} to the key it was made with (it cannot be recovered without it).")
    if "is not encrypted" in message:
        return KeyRefused(f"{what} is not encrypted (made before encryption at rest, or by another "
                          f"tool): encrypt it with `wst encrypt` (docs/warehouse.md), or move it aside.")
    return None


def ensure_crypto(con: duckdb.DuckDBPyConnection) -> None:
    """Load httpfs (its crypto module writes encrypted files) unless `con` has it already."""
    loaded = con.execute("SELECT count(*) FROM duckdb_extensions() WHERE extension_name = 'httpfs' "
                         "AND loaded").fetchall()[0][0]
    if not loaded:
        extensions.load(con, "httpfs")


def attach(con: duckdb.DuckDBPyConnection, path: Path, alias: str, key: str, variable: str,
           read_only: bool = False) -> None:
    """Attach the encrypted file `path` to `con` as `alias`, with `key` (from `variable`)."""
    if not read_only:
        ensure_crypto(con)
    options = f"ENCRYPTION_KEY {quote_literal(key)}" + (", READ_ONLY" if read_only else "")
    try:
        con.execute(f"ATTACH {quote_literal(path)} AS {quote_name(alias)} ({options})")
    except duckdb.Error as error:
        message = str(error).replace(key, "***")  # never echoed, should DuckDB ever quote it
        refused = refusal(Path(path), variable, message)
        if refused is not None:
            raise refused from None
        raise type(error)(message) from None


def open_file(path: Path, key: str, variable: str, *, read_only: bool = False, config: dict | None = None,
              alias: str = ALIAS, spills: bool | None = None) -> duckdb.DuckDBPyConnection:
    """A connection whose default catalog is the encrypted file `path` (created if absent and
    not `read_only`). Spilled temporary files go, encrypted, to `<path>.tmp/` (unless `config`
    says where); a read-only connection that may spill (`spills`) loads httpfs to encrypt
    them (a short read need not: it spills nothing, and would fail rather than spill plainly)."""
    path = Path(path)
    settings = {"temp_directory": str(path.with_name(path.name + ".tmp")), "temp_file_encryption": "true"}
    con = extensions.memory_connection({**settings, **(config or {})})
    try:
        if spills if spills is not None else not read_only:
            ensure_crypto(con)
        attach(con, path, alias, key, variable, read_only)
        con.execute(f"USE {quote_name(alias)}")
    except BaseException:
        con.close()
        raise
    return con


def open_read_only(path: Path, spills: bool = False) -> duckdb.DuckDBPyConnection:
    """A file the pipeline wrote, read-only, with its kind's key: a copy (`analyst.duckdb`,
    `report.duckdb`) with `WST_COPY_KEY`, the warehouse or a backup with `WST_WAREHOUSE_KEY`."""
    path = Path(path)
    if path.name in COPY_FILES:
        return open_file(path, keys.copy_key_for(demo_copies(path.parent)), "WST_COPY_KEY",
                         read_only=True, spills=spills)
    return open_file(path, keys.warehouse_key(), "WST_WAREHOUSE_KEY", read_only=True, spills=spills)


def demo_copies(folder: Path) -> bool:
    """Whether the copies in `folder` hold the demo's sample data, by their manifest."""
    manifest = Path(folder) / "manifest.json"
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8"))["data"]["demo"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
