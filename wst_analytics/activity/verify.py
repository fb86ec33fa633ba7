"""Checking the activity log: its chain, its seals (with the key) and its anchors (with the
warehouse), and saying in plain words what was found and what could not be checked."""

from __future__ import annotations

import fcntl
import hmac
import json
from dataclasses import dataclass, field
from pathlib import Path

from wst_analytics import settings
from wst_analytics.activity.anchor import anchors_in
from wst_analytics.activity.entries import GENESIS, key_from_environment, line_hash, log_path, seal


@dataclass
class Verdict:
    entries: int = 0
    problems: list[str] = field(default_factory=list)  # the log was changed (or damaged)
    notes: list[str] = field(default_factory=list)  # true, and worth knowing, but not tampering
    anchored: int = 0  # entries the warehouse anchors, all found as recorded when no problems


def _read(path: Path) -> list[str]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH)  # never half an entry being appended
        return [line for line in handle.read().splitlines() if line.strip()]


def _label(entry: dict) -> str:
    return f"entry {entry.get('n')} ({entry.get('action')} at {entry.get('at')})"


def _chain(lines: list[str], key: bytes | None, verdict: Verdict) -> dict[int, tuple[str, dict]]:
    """Check each line follows the one before and carries a right seal; entries by number."""
    found, previous, expected = {}, GENESIS, 1
    for number, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if not isinstance(entry, dict):  # the next entry's link says whether it was there when that was written
            verdict.notes.append(f"line {number} is not an entry: a write torn by a crash (what it was "
                                 "recording was rolled back), or damage")
            previous = line_hash(line)
            continue
        n = entry.setdefault("n", expected)  # entries from before they were numbered count in order
        if entry.get("previous") != previous:
            verdict.problems.append(f"{_label(entry)} does not follow the line before it: an entry was "
                                    "removed, changed or moved")
        elif n != expected:
            verdict.problems.append(f"{_label(entry)} should be entry {expected}: entries were removed, "
                                    "added or moved")
        if key and entry.get("mac") is None:
            verdict.notes.append(f"{_label(entry)} was written without the key: it is in the chain, but "
                                 "its own content cannot be vouched for")
        elif key and not hmac.compare_digest(str(entry["mac"]), seal(entry, key)):
            verdict.problems.append(f"{_label(entry)}: its seal is wrong: it was changed, or written "
                                    "by someone without the partnership's key")
        found[n] = (line_hash(line), entry)
        previous, expected = line_hash(line), n + 1
    verdict.entries = len(found)
    return found


def _spans(numbers: list[int]) -> list[tuple[int, int]]:
    spans = []
    for n in numbers:
        if spans and spans[-1][1] == n - 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    return spans


def _anchors(found: dict[int, tuple[str, dict]], anchors: dict[int, str], verdict: Verdict) -> None:
    """Every anchored entry must be in the log as recorded; one written for the warehouse without
    an anchor there is noted."""
    verdict.anchored = len(anchors)
    for first, last in _spans(sorted(n for n in anchors if n not in found)):
        which = f"entry {first}" if first == last else f"entries {first} to {last}"
        verb = ("is", "it was") if first == last else ("are", "they were")
        verdict.problems.append(f"{which}, which the warehouse recorded, {verb[0]} missing from the log: "
                                f"{verb[1]} removed")
    for n in sorted(n for n in anchors if n in found and found[n][0] != anchors[n]):
        verdict.problems.append(f"entry {n} is not the entry the warehouse recorded: it was changed or replaced")
    restores = [n for n, (_, entry) in found.items() if entry.get("action") == "restore"]
    for n, (_, entry) in sorted(found.items()):
        if entry.get("anchored") and n not in anchors:
            verdict.notes.append(_not_in_warehouse(entry, [m for m in restores if m > n]))


def _not_in_warehouse(entry: dict, later_restores: list[int]) -> str:
    """Why an entry written for the warehouse has no anchor there: undone by a restore after it,
    or its transaction never committed."""
    if later_restores:
        return (f"{_label(entry)} was written, but what it records is no longer in the warehouse: the "
                f"warehouse was restored from an earlier backup (entry {later_restores[0]})")
    return (f"{_label(entry)} was written but never committed: what it records was interrupted and "
            "rolled back, and none of it is in the warehouse")


def examine(path: Path, key: bytes | None, anchors: dict[int, str] | None) -> Verdict:
    """The verdict on the log at `path`, with the log key (None: seals not checked) and the
    warehouse's anchors (None: not read)."""
    verdict = Verdict()
    found = _chain(_read(path), key, verdict)
    if anchors is not None:
        _anchors(found, anchors, verdict)
    if key is None:
        verdict.notes.append("the seals were not checked (checked without WST_PSEUDONYM_KEY): an entry "
                             "rewritten with its chain recomputed is found only if the warehouse anchors it "
                             "or an entry after it")
    if anchors is None:
        verdict.notes.append("the warehouse's record of the log was not read: entries removed from the end "
                             "of the log would not be found")
    return verdict


def verify(path: Path | None = None) -> list[str]:
    """What was changed in the log (empty when intact), checked with the key in the environment
    and the warehouse's anchors."""
    return examine(path or log_path(), key_from_environment(), anchors_in(settings.warehouse_path())).problems
