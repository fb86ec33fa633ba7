"""How far a load has got, told to whoever listens in this process (the `wst` command's
progress display, `wst_analytics.cli.progress`); without a listener nothing happens. Nothing
told is stored or logged, and it names extracts and counts only, never a file.

What is told, for each extract (`None`'s label: `unrecognised files`):
`looking` (discovery: `files` looked at of `of`, as it goes), `found` (the load's new `files` and
their `bytes`), `backing_up` (the backup before a load's first change), `checked` (a batch stored: its `files`, `rows` read and `bytes`), `done`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Told:
    kind: str
    extract: str
    counts: dict[str, int] = field(default_factory=dict)


_LISTENERS: list[Callable[[Told], None]] = []


@contextmanager
def listening(listener: Callable[[Told], None]) -> Iterator[None]:
    """Tell `listener` the progress of every load in this process while the block runs."""
    _LISTENERS.append(listener)
    try:
        yield
    finally:
        _LISTENERS.remove(listener)


def tell(kind: str, extract: str | None, **counts: int) -> None:
    """Tell every listener (a listener's own failure is its own: it never stops a load)."""
    told = Told(kind, extract or "unrecognised files", counts)
    for listener in list(_LISTENERS):
        try:
            listener(told)
        except Exception:  # noqa: BLE001 - a display that breaks must not break the load
            _LISTENERS.remove(listener)


@contextmanager
def loading(extract: str | None, candidates: list) -> Iterator[None]:
    """`found` as an extract's load begins, `done` when it has been written."""
    tell("found", extract, files=len(candidates), bytes=sum(c.size_bytes for c in candidates))
    yield
    tell("done", extract)


def checked(extract: str | None, entries: list[dict], batch) -> None:
    """A batch stored: `batch` is a file rejected unread, or (candidate, parsed file) pairs."""
    files = [batch] if hasattr(batch, "size_bytes") else [candidate for candidate, _ in batch]
    tell("checked", extract, files=len(entries), rows=sum(e["rows_read"] or 0 for e in entries),
         bytes=sum(c.size_bytes for c in files))
