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
from pathlib import Path

import duckdb

from wst_analytics.ingest.candidate import Candidate
from wst_analytics.ingest.hash_memo import HashMemo
from wst_analytics.ingest.offered import is_new, last_versions, offered
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import Registry
from wst_analytics.warehouse import progress

SKIPPED_NAMES = {"README.md", "Thumbs.db"}
LOOKING_EVERY = 500  # files looked at between two words to a progress display


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


def new_candidates(con: duckdb.DuckDBPyConnection, raw_dir: Path, registry: Registry,
                   extract: str | None = None, *, pseudonymiser: Pseudonymiser,
                   left: list[tuple[Path, str]] | None = None,
                   memo: HashMemo | None = None) -> list[Candidate]:
    """File versions not yet in the audit, oldest received first: those of one extract's
    folder, or with `extract=None` every file outside the extracts' folders (`offered`). The
    hashes worked out are remembered in `memo`, which the load writes in its own transaction
    (`HashMemo.remember`); without one they are written now."""
    last = last_versions(con)
    paths = drop_folder_files(raw_dir, extract, skip=frozenset(registry.extracts) if extract is None else frozenset())
    hashes, candidates, left = memo or HashMemo(con), [], left if left is not None else []
    for number, path in enumerate(paths, 1):
        if number % LOOKING_EVERY == 0 or number == len(paths):
            progress.tell("looking", extract, files=number, of=len(paths))
        candidate = offered(path, raw_dir, registry, pseudonymiser, hashes, last, left)
        if candidate is not None:
            candidates.append(candidate)
    if memo is None:
        hashes.remember()
    return sorted((c for c in candidates if is_new(c, last.get(c.path_key))),
                  key=lambda c: (c.received_at, c.relative))


def anything_new(con: duckdb.DuckDBPyConnection, raw_dir: Path, registry: Registry, *,
                 pseudonymiser: Pseudonymiser) -> bool:
    """Whether any file in the drop folder, in an extract's folder or not, is a version not yet
    taken in; it stops at the first, and writes nothing (not even the hashes it works out)."""
    last, hashes = last_versions(con), HashMemo(con)
    for path in drop_folder_files(raw_dir):
        candidate = offered(path, raw_dir, registry, pseudonymiser, hashes, last, [])
        if candidate is not None and is_new(candidate, last.get(candidate.path_key)):
            return True
    return False
