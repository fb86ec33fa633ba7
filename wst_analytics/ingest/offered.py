"""One file in the drop folder, as discovery offers it to a load: a `Candidate` with its path key
(a keyed hash of its path, never its name), content hash and what its name says; or nothing,
when its content is that of the last version taken in from its path (passed over unparsed) or
it is left for the next load (still being written, gone or changed while looked at). How
`discover` judges new against the audit's last version of each path.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from wst_analytics.ingest.candidate import Candidate
from wst_analytics.ingest.drop_folder import FileLeft, settled_stat
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import parse_return_path, relative_name
from wst_analytics.ingest.hash_memo import CANNOT_READ, HashMemo, sha256_of, unreadable
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import Registry


def path_key(pseudonymiser: Pseudonymiser, relative: str) -> str:
    """A keyed hash of a path under the drop folder: the same path, the same key; no name without the key."""
    return pseudonymiser.pseudonym("drop folder path:" + relative.encode("utf-8", "surrogateescape").hex())


def _candidate(path: Path, raw_dir: Path, registry: Registry, key: str, digest: str | None = None,
               stat: os.stat_result | None = None) -> Candidate:
    relative = relative_name(path, raw_dir)
    stat = stat or path.lstat()
    received = datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc).replace(tzinfo=None)
    file, refused = None, CANNOT_READ if digest == CANNOT_READ[1] else unreadable(path, stat)
    if refused:
        rejection, digest = refused
    else:
        rejection, digest = None, digest or sha256_of(path)
        try:
            file = parse_return_path(path, raw_dir, registry)
        except FileRejected as error:
            rejection = error
    return Candidate(path, relative, key, digest, stat.st_size, received, file, rejection)


def last_versions(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    return {key: (sha256, rule) for key, sha256, rule in con.execute(LAST_VERSIONS).fetchall()}

def offered(path: Path, raw_dir: Path, registry: Registry, pseudonymiser: Pseudonymiser, hashes: HashMemo,
             last: dict, left: list[tuple[Path, str]]) -> Candidate | None:
    """The file as a candidate, unless its content is that of the last version taken in from its
    path (passed over unparsed) or it is left for the next load, still being written or gone or
    changed while looked at ((path, why) added to `left`)."""
    try:
        relative, stat = relative_name(path, raw_dir), settled_stat(path)
        key = path_key(pseudonymiser, relative)
        if unreadable(path, stat):
            return _candidate(path, raw_dir, registry, key, stat=stat)
        try:
            digest = hashes.digest(path, stat, sha256_of)
        except OSError:
            digest = CANNOT_READ[1]
    except FileLeft as gone:
        left.append((path, gone.reason))
        return None
    previous = last.get(key)
    if previous is not None and previous[0] == digest and previous[1] not in NAME_RULES:
        return None  # the content last taken in from this path: not new, whatever its name says
    return _candidate(path, raw_dir, registry, key, digest, stat)


# The last version taken in from each path, and the rule that rejected it (if one did).
LAST_VERSIONS = """SELECT path_key, sha256, reject_rule FROM audit.file_versions
QUALIFY row_number() OVER (PARTITION BY path_key ORDER BY file_version_id DESC) = 1"""
NAME_RULES = {"file_name", "partner"}


def is_new(candidate: Candidate, last: tuple[str, str | None] | None) -> bool:
    if last is None or last[0] != candidate.sha256:
        return True
    return last[1] in NAME_RULES and candidate.rejection is None  # the name is accepted now
