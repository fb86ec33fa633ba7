"""Showing a load as it runs in this process: the progress display (`progress`) listening to
it, a heartbeat that speaks when nothing else has for a while, and the load's own log lines
(the `wst` logger) printed on stdout through the display, so they never tear its bar."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from wst_analytics.cli.progress import Display
from wst_analytics.warehouse.progress import listening


class _Lines(logging.Handler):
    """The load's own log lines (`wst` logger), through the current display."""

    display: Display | None = None

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)
        self.display.say(line) if self.display else print(line, flush=True)


@contextmanager
def showing(stream: TextIO | None = None) -> Iterator[Display]:
    """Show the progress of the loads run in the block, and their log lines on stdout."""
    display, stop = Display(stream), threading.Event()
    logger = logging.getLogger("wst")
    lines = next((h for h in logger.handlers if isinstance(h, _Lines)), None)
    if lines is None:
        lines = _Lines()
        lines.setFormatter(logging.Formatter("  %(message)s"))
        logger.addHandler(lines)
    logger.setLevel(logging.INFO)
    lines.display = display
    beat = threading.Thread(target=lambda: [display.heartbeat() for _ in iter(lambda: stop.wait(1.0), True)],
                            daemon=True)
    beat.start()
    try:
        with listening(display):
            yield display
    finally:
        stop.set()
        beat.join()
        lines.display = None
        display.finish()
