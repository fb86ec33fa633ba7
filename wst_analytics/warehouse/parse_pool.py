"""Parsing the files of a load, in a pool of processes when there are many.

Parsing is a file's own work (read, hash, decode, split, match the header) and most of it is
Python around polars, so one process keeps one core busy. A bulk load (a first national load
has 45,000 files) parses in a pool of worker processes, one per core, while this process checks
and stores the batches already parsed. Results come back in the files' order, whichever worker
parsed them, and at most two windows of files are in flight, so memory stays bounded. A load of
a few files (every monthly one) parses here, without the pool's start-up.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from wst_analytics.discover import CANNOT_READ, Candidate
from wst_analytics.ingest.read_return import NO_FAILURES, FileVersion, ParsedReturn, ReturnRead, parse_return

PARALLEL_FILES = 200  # from this many readable files, parse in a pool
WINDOW = 1_000  # files handed to the pool at a time (two windows in flight at most)
MAX_WORKERS = 4


def parse_file(candidate: Candidate) -> ParsedReturn:
    """Read the file once: the hash recorded is that of the very bytes parsed. A file that can
    no longer be read is rejected (the error's own message, which names it, is not kept)."""
    try:
        data = candidate.path.read_bytes()
    except OSError:
        version = FileVersion(candidate.file, candidate.sha256, candidate.size_bytes, candidate.received_at)
        rejection = CANNOT_READ[0]
        result = ReturnRead(version, status="rejected", reason=str(rejection), reject_rule=rejection.rule,
                            rows_read=None)
        return ParsedReturn(result, None, NO_FAILURES, 0.0)
    version = FileVersion(candidate.file, hashlib.sha256(data).hexdigest(), len(data), candidate.received_at)
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
                    ) -> Iterator[tuple[Candidate, ParsedReturn | None]]:
    """Each candidate with its parsed file (None for one rejected unread), in order."""
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
