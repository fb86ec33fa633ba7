"""The progress of `wst load` and `wst demo`, on stderr: a bar on a terminal, plain lines
otherwise.

On a terminal one line is redrawn in place: the extract, a bar, its files and rows so far, and
the time left (from the bytes still to read, at the speed so far); each extract ends with a
line that stays. Elsewhere (a log file, CI, cron) a line per extract, and one every
`EVERY_FILES` files or `EVERY_SECONDS` seconds within a long one, never one per file. A line
every `EVERY_SECONDS` while the load works on without news (the marts after the loads), so a
national first load is never a silent minute. Own renderer: a dozen lines of ANSI, no new
dependency. Told by the load (`wst_analytics.warehouse.progress`); names extracts and counts only.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from wst_analytics.warehouse.progress import Told

EVERY_FILES = 1000
EVERY_SECONDS = 20.0
BAR = 24


def clock(seconds: float) -> str:
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}" if minutes >= 60 else f"{minutes}:{seconds:02d}"


class Display:
    """Listens to a load's progress and shows it on `stream` (a bar if it is a terminal)."""

    def __init__(self, stream: TextIO | None = None, now=time.monotonic,
                 every_files: int = EVERY_FILES, every_seconds: float = EVERY_SECONDS):
        self.stream, self.now = stream or sys.stderr, now
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self.every_files, self.every_seconds = every_files, every_seconds
        self.lock, self.drawn, self.phase = threading.RLock(), "", "starting the load"
        self.said_at = self.started = self.now()
        self.extract: dict = {}

    def __call__(self, told: Told) -> None:
        with self.lock:
            getattr(self, f"_{told.kind}")(told.extract, told.counts)

    def _looking(self, extract: str, counts: dict) -> None:
        self.phase = f"{extract}: looking at {counts['files']:,} of {counts['of']:,} files in the drop folder"
        self._show(self.phase, plain=self.now() - self.said_at >= self.every_seconds)

    def _backing_up(self, extract: str, counts: dict) -> None:
        self.phase = "backing up the warehouse before loading"
        self._show(self.phase, plain=True)

    def _found(self, extract: str, counts: dict) -> None:
        self.extract = {"name": extract, "files": counts["files"], "bytes": counts["bytes"], "done": 0,
                        "rows": 0, "read": 0, "since": self.now(), "said": 0}
        self.phase = f"{extract}: loading"
        if counts["files"]:
            self._show(f"{extract}: {counts['files']:,} new file(s), {counts['bytes'] / 1e6:,.1f} MB", plain=True)

    def _checked(self, extract: str, counts: dict) -> None:
        e = self.extract
        e["done"], e["rows"], e["read"] = e["done"] + counts["files"], e["rows"] + counts["rows"], e["read"] + counts["bytes"]
        due = e["done"] - e["said"] >= self.every_files or self.now() - self.said_at >= self.every_seconds
        if due and e["done"] < e["files"]:
            e["said"] = e["done"]
        self._show(self._bar(e) if self.terminal else self._words(e), plain=due and e["done"] < e["files"])

    def _done(self, extract: str, counts: dict) -> None:
        e, self.phase = self.extract, "building the findings, marts, published tables and reports"
        if e.get("files"):
            self._show(f"{extract}: {e['done']:,} file(s), {e['rows']:,} rows in {clock(self.now() - e['since'])}",
                       plain=True, keep=True)

    def _left(self, e: dict) -> str:
        share = e["read"] / e["bytes"] if e["bytes"] else e["done"] / max(e["files"], 1)
        if share <= 0 or share >= 1:
            return ""
        return f", about {clock((self.now() - e['since']) * (1 - share) / share)} left"

    def _words(self, e: dict) -> str:
        return f"{e['name']}: {e['done']:,} of {e['files']:,} files, {e['rows']:,} rows{self._left(e)}"

    def _bar(self, e: dict) -> str:
        share = e["read"] / e["bytes"] if e["bytes"] else e["done"] / max(e["files"], 1)
        filled = int(BAR * min(share, 1))
        return f"{e['name']} [{'#' * filled}{'.' * (BAR - filled)}] {self._words(e)[len(e['name']) + 2:]}"

    def _show(self, text: str, plain: bool = False, keep: bool = False) -> None:
        """On a terminal: redraw the line (`keep`: leave it and start a new one); else print
        `text` as a line if `plain`."""
        if self.terminal:
            self.stream.write("\r\x1b[K" + text + ("\n" if keep else ""))
            self.drawn = "" if keep else text
        elif plain:
            self.stream.write(text + "\n")
        else:
            return
        self.stream.flush()
        self.said_at = self.now()

    def say(self, line: str) -> None:
        """A line of the load's own log, printed to `out` (stdout) without tearing the bar."""
        with self.lock:
            if self.terminal and self.drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            print(line, flush=True)
            if self.terminal and self.drawn:
                self.stream.write(self.drawn)
                self.stream.flush()

    def heartbeat(self) -> None:
        """Say what the load is doing if nothing was said for `every_seconds`."""
        with self.lock:
            if self.now() - self.said_at >= self.every_seconds:
                self._show(f"still working: {self.phase} ({clock(self.now() - self.started)} so far)", plain=True)

    def finish(self) -> None:
        with self.lock:
            if self.terminal and self.drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self.drawn = ""

