"""Parsing the files of a load, in a pool of processes when there are many.

Parsing is a file's own work (read, hash, decode, split, match the header) and most of it is
Python around polars, so one process keeps one core busy. A bulk load (a first national load
has 45,000 files) parses in a pool of worker processes, one per core, while this process checks
and stores the batches already parsed. Results come back in the files' order, whichever worker
parsed them, and at most two windows of files are in flight, so memory stays bounded. A load of
a few files (every monthly one) parses here, without the pool's start-up. A file that vanished
or changed since it was found comes back as `FileLeft` (it is left for the next load).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from wst_analytics.ingest.candidate import Candidate
from wst_analytics.ingest.hash_memo import CANNOT_READ
from wst_analytics.ingest.drop_folder import FileLeft, read_as_found
from wst_analytics.ingest.read_return import NO_FAILURES, FileVersion, ParsedReturn, ReturnRead, parse_return

PARALLEL_FILES = 200  # from this many readable files, parse in a pool
WINDOW = 1_000  # files handed to the pool at a time (two windows in flight at most)
MAX_WORKERS = 4


def parse_file(candidate: Candidate) -> ParsedReturn | FileLeft:
    """Read the file once, as it was found: the bytes parsed are those hashed when it was found
    (and recorded with that hash), or the file is left for the next load (`FileLeft`: gone,
    changed, or no longer a file). A file the system will not let us read is rejected (the
    error's own message, which names it, is not kept)."""
    try:
        data = read_as_found(candidate.path, candidate.sha256)
    except FileLeft as left:
        return left
    except OSError:
        version = FileVersion(candidate.file, candidate.sha256, candidate.size_bytes, candidate.received_at)
        rejection = CANNOT_READ[0]
        result = ReturnRead(version, status="rejected", reason=str(rejection), reject_rule=rejection.rule,
                            rows_read=None)
        return ParsedReturn(result, None, NO_FAILURES, 0.0)
    version = FileVersion(candidate.file, candidate.sha256, len(data), candidate.received_at)
    return parse_return(version, data)


def _workers() -> int:
    return min(len(os.sched_getaffinity(0)), MAX_WORKERS)


def _in_windows(pool: ProcessPoolExecutor, files: list[Candidate]) -> Iterator[ParsedReturn]:
    windows = [files[start:start + WINDOW] for start in range(0, len(files), WINDOW)]
    ahead = pool.map(parse_file, windows[0], chunksize=16)
    for number in range(len(windows)):
        current = ahead
        if number + 1 < len(windows):
            ahead = pool.map(parse_file, windows[number + 1], chunksize=16)
        yield from current


def parsed_in_order(candidates: list[Candidate], parallel_files: int = PARALLEL_FILES
                    ) -> Iterator[tuple[Candidate, ParsedReturn | FileLeft | None]]:
    """Each candidate with its parsed file (None for one rejected unread; `FileLeft` for one
    gone or changed since it was found), in order."""
    readable = [c for c in candidates if c.rejection is None]
    if len(readable) < parallel_files or _workers() < 2:
        for candidate in candidates:
            yield candidate, (parse_file(candidate) if candidate.rejection is None else None)
        return
    context = multiprocessing.get_context("forkserver")  # never fork a process running threads
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(_workers(), mp_context=context) as pool:
        parsed = _in_windows(pool, readable)
        for candidate in candidates:
            yield candidate, (next(parsed) if candidate.rejection is None else None)


#: How many rows to check at once: large enough that pandera's set-up is spread thin, small
#: enough that a batch (text, typed and hashed copies) stays well under a gigabyte.
BATCH_ROWS = 500_000


def in_batches(candidates: list[Candidate], parallel_files: int = PARALLEL_FILES):
    """Readable candidates parsed (as above) and grouped into batches of about BATCH_ROWS
    rows, in order; an unreadable one (rejected on its name or nature) is yielded alone, and
    one gone or changed since it was found as (candidate, FileLeft)."""
    batch, rows = [], 0
    for candidate, parsed in parsed_in_order(candidates, parallel_files):
        if isinstance(parsed, FileLeft):
            yield candidate, parsed
            continue
        if parsed is None:
            if batch:
                yield batch
                batch, rows = [], 0
            yield candidate
            continue
        batch.append((candidate, parsed))
        rows += parsed.result.rows_read or 0
        if rows >= BATCH_ROWS:
            yield batch
            batch, rows = [], 0
    if batch:
        yield batch
