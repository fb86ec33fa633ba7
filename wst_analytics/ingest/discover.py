"""Finding new file versions in the drop folder.

A file version is a path with given content (sha256). A file is new when its path has never
been taken in, or its content differs from the last version taken in from that path (so a
partner who puts back an earlier version has sent it again). The path is known to the audit
only by its `path_key`, a keyed hash of it (HMAC with the pseudonymisation key, as identifiers
are hashed), never by its name. Loading the same files twice changes nothing. A file rejected
for its name or partner alone is offered again once the name or the partner registry lets it
in. Hidden files, Excel's `~$` lock files and the folder's own README are not returns and are
skipped; a symbolic link (to a file or to a folder, an extract's own folder included), anything
that is not a regular file, a file larger than any return (`MAX_FILE_BYTES`: it is read whole
into memory), or a name that does not fit the contract is reported (rejected), never read and
never followed. A file still being written, or that vanishes or changes while it is looked at,
is left for the next load (`drop_folder`).
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from wst_analytics.ingest.candidate import Candidate
from wst_analytics.ingest.drop_folder import FileLeft, settled_stat
from wst_analytics.ingest.hash_memo import CANNOT_READ, HashMemo, sha256_of, unreadable
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import parse_return_path, relative_name
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import Registry

SKIPPED_NAMES = {"README.md", "Thumbs.db"}


def path_key(pseudonymiser: Pseudonymiser, relative: str) -> str:
    """A keyed hash of a path under the drop folder: the same path, the same key; no name without the key."""
    return pseudonymiser.pseudonym("drop folder path:" + relative.encode("utf-8", "surrogateescape").hex())


def drop_folder_files(raw_dir: Path, extract: str | None = None,
                      skip: frozenset[str] = frozenset()) -> list[Path]:
    """Files under the drop folder that could be returns, links included, sorted: all of them,
    those under one extract's folder, or (with `skip`) those outside the skipped folders. A
    link to a folder is listed itself (to be rejected) and never followed; so is an extract's
    folder that is a link."""
    top = raw_dir / extract if extract else raw_dir
    if extract and top.is_symlink():
        return [top]
    found = []
    if not top.is_dir():
        return found
    for folder, subfolders, names in os.walk(top, followlinks=False):
        here = Path(folder)
        linked = sorted(d for d in subfolders if (here / d).is_symlink()
                        and not (here == raw_dir and d in skip))
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in linked
                               and not (here == raw_dir and d in skip))
        for name in sorted([*names, *linked]):
            if name.startswith((".", "~$")) or name in SKIPPED_NAMES:
                continue
            found.append(here / name)
    return sorted(found)


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


def new_candidates(con: duckdb.DuckDBPyConnection, raw_dir: Path, registry: Registry,
                   extract: str | None = None, *, pseudonymiser: Pseudonymiser,
                   left: list[tuple[Path, str]] | None = None,
                   memo: HashMemo | None = None) -> list[Candidate]:
    """File versions not yet in the audit, oldest received first: those of one extract's
    folder, or with `extract=None` every file outside the extracts' folders (`_offered`). The
    hashes worked out are remembered in `memo`, which the load writes in its own transaction
    (`HashMemo.remember`); without one they are written now."""
    last = _last_versions(con)
    paths = drop_folder_files(raw_dir, extract, skip=frozenset(registry.extracts) if extract is None else frozenset())
    hashes, left = memo or HashMemo(con), left if left is not None else []
    candidates = [c for c in (_offered(path, raw_dir, registry, pseudonymiser, hashes, last, left) for path in paths)
                  if c is not None]
    if memo is None:
        hashes.remember()
    return sorted((c for c in candidates if _is_new(c, last.get(c.path_key))),
                  key=lambda c: (c.received_at, c.relative))


def anything_new(con: duckdb.DuckDBPyConnection, raw_dir: Path, registry: Registry, *,
                 pseudonymiser: Pseudonymiser) -> bool:
    """Whether any file in the drop folder, in an extract's folder or not, is a version not yet
    taken in; it stops at the first, and writes nothing (not even the hashes it works out)."""
    last, hashes = _last_versions(con), HashMemo(con)
    for path in drop_folder_files(raw_dir):
        candidate = _offered(path, raw_dir, registry, pseudonymiser, hashes, last, [])
        if candidate is not None and _is_new(candidate, last.get(candidate.path_key)):
            return True
    return False


def _last_versions(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    return {key: (sha256, rule) for key, sha256, rule in con.execute(LAST_VERSIONS).fetchall()}

def _offered(path: Path, raw_dir: Path, registry: Registry, pseudonymiser: Pseudonymiser, hashes: HashMemo,
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


def _is_new(candidate: Candidate, last: tuple[str, str | None] | None) -> bool:
    if last is None or last[0] != candidate.sha256:
        return True
    return last[1] in NAME_RULES and candidate.rejection is None  # the name is accepted now
