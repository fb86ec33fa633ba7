"""A memo of the drop folder's file hashes (`audit.file_hashes`), so a load does not read every
file again to find the few new ones.

A file is remembered by what its file system says of it, never by its name: device and inode,
size, modification time and status-change time. When all of them are what they were when it
was hashed, its content is taken to be unchanged (as git and rsync do; any write changes the
status-change time, which no one can set back). Not a record of anything: emptying it only
makes the next load hash every file again. And a file's digest: its sha256, or a stand-in for
a file that must never be opened.
"""

from __future__ import annotations

import os
import stat as file_mode
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics.ingest.drop_folder import MAX_FILE_BYTES, sha256_found, stat_of
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.warehouse.sql import insert_frame

COLUMNS = {"device": pl.Int64, "inode": pl.Int64, "size_bytes": pl.Int64, "mtime_ns": pl.Int64,
           "ctime_ns": pl.Int64, "sha256": pl.String}


def sha256_of(path: Path) -> str:
    """The file's sha256, opened as found (`drop_folder.open_found`): `FileLeft` if it is gone
    or is no longer a regular file (a link, a pipe it would block on)."""
    return sha256_found(path)


def _signature(stat: os.stat_result) -> tuple[int, ...]:
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


class HashMemo:
    """File hashes by file status, remembered in audit.file_hashes."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con, self.fresh = con, []
        self.known = {tuple(row[:5]): row[5] for row in con.execute(
            f"SELECT {', '.join(COLUMNS)} FROM audit.file_hashes").fetchall()}

    def digest(self, path: Path, stat: os.stat_result, hash_file=sha256_of) -> str:
        signature = _signature(stat)
        known = self.known.get(signature)
        if known is not None:
            return known
        digest = hash_file(path)
        if _signature(stat_of(path)) == signature:
            self.fresh.append((*signature, digest))  # unchanged while it was read
        return digest

    def remember(self) -> None:
        if self.fresh:
            frame = pl.DataFrame(self.fresh, orient="row", schema=COLUMNS)
            insert_frame(self.con, "audit.file_hashes", frame, replace=True)


def unreadable(path: Path, stat: os.stat_result) -> tuple[FileRejected, str] | None:
    """(why, a stand-in for the hash) for a file that must not be opened at all, else None."""
    if path.is_symlink():
        return (FileRejected("file_name", "it is a symbolic link: copy the file itself into the "
                             "drop folder"), "symbolic link")
    if not file_mode.S_ISREG(stat.st_mode):
        return (FileRejected("file_name", "it is not a regular file (a folder, a pipe or a "
                             "device): only files are read"), "not a regular file")
    if stat.st_size > MAX_FILE_BYTES:
        return (FileRejected("too_large", f"the file is {stat.st_size:,} bytes, more than the "
                             f"{MAX_FILE_BYTES:,} a return may be: it is not read"),
                f"too large:{stat.st_size}:{stat.st_mtime_ns}")
    return None


def digest_of(path: Path) -> str:
    """The file's sha256, or a stand-in for a file that must never be opened (a link, a pipe,
    a device, a file too large to be a return)."""
    refused = unreadable(path, path.lstat())
    return refused[1] if refused else sha256_of(path)


#: A file the system would not let us read: the error's own message would name it.
CANNOT_READ = (FileRejected("unreadable", "the file cannot be read (no permission to read it, or "
                            "a disk error): nothing in it was loaded"), "cannot be read")
