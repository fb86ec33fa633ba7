"""A long load shows its progress: a bar with files, rows and time left on a terminal; plain
lines elsewhere, one per extract or per thousand files, never one per file; and a line while it
works on without news, so a national first load is never a silent minute. (What `wst load`
prints when not on a terminal: tests/test_cli.py, beside its load.)"""

import io
import os
import select

from wst_analytics.cli.progress import Display
from wst_analytics.warehouse.progress import Told


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _national_extract(display: Display, clock: Clock, files: int = 3000, batch: int = 100) -> None:
    """A bulk load of one extract told as the load tells it: a batch at a time, 0.1 s a file."""
    display(Told("found", "police_incidents", {"files": files, "bytes": files * 10_000}))
    for _ in range(files // batch):
        clock.now += batch * 0.1
        display(Told("checked", "police_incidents", {"files": batch, "rows": batch * 250, "bytes": batch * 10_000}))
    display(Told("done", "police_incidents", {}))


def test_plain_lines_say_each_extract_and_every_thousand_files_not_every_file():
    out, clock = io.StringIO(), Clock()
    _national_extract(Display(out, now=clock, every_seconds=1e9), clock)
    lines = out.getvalue().splitlines()
    assert lines == ["police_incidents: 3,000 new file(s), 30.0 MB",
                     "police_incidents: 1,000 of 3,000 files, 250,000 rows, about 3:20 left",
                     "police_incidents: 2,000 of 3,000 files, 500,000 rows, about 1:40 left",
                     "police_incidents: 3,000 file(s), 750,000 rows in 5:00"]


def test_a_slow_extract_says_something_at_least_every_twenty_seconds():
    out, clock = io.StringIO(), Clock()
    _national_extract(Display(out, now=clock), clock, files=600, batch=300)  # 30 s a batch
    assert len(out.getvalue().splitlines()) == 3  # found, a batch at 30 s, done


def test_a_load_working_without_news_says_so():
    out, clock = io.StringIO(), Clock()
    display = Display(out, now=clock)
    display(Told("done", "police_incidents", {}))
    clock.now += 5
    display.heartbeat()
    assert out.getvalue() == ""
    clock.now += 20
    display.heartbeat()
    assert out.getvalue() == ("still working: building the findings, marts, published tables and reports "
                              "(0:25 so far)\n")


def test_on_a_terminal_one_line_is_redrawn_with_a_bar_and_the_time_left():
    out, clock = Terminal(), Clock()
    _national_extract(Display(out, now=clock), clock)
    drawn = out.getvalue().split("\r\x1b[K")
    assert len(drawn) > 30  # redrawn for every batch, in place
    assert "police_incidents [############............] 1,500 of 3,000 files, 375,000 rows, about 2:30 left" in drawn
    assert drawn[-1] == "police_incidents: 3,000 file(s), 750,000 rows in 5:00\n"  # the extract's line stays


def test_the_bar_on_a_pseudo_terminal_and_log_lines_do_not_tear_it():
    leader, follower = os.openpty()
    with os.fdopen(follower, "w") as terminal:
        display = Display(terminal, now=Clock())
        display(Told("found", "cp_plans", {"files": 10, "bytes": 100}))
        display(Told("checked", "cp_plans", {"files": 5, "rows": 50, "bytes": 50}))
        display.say("  a line of the load's log")  # printed to stdout, the bar redrawn after it
        display.finish()
    shown = b""
    while select.select([leader], [], [], 0.5)[0]:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other end is closed: all was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    shown = shown.decode()
    assert display.terminal and "cp_plans [############............] 5 of 10 files, 50 rows" in shown
    assert shown.endswith("\r\x1b[K")



def test_the_backup_before_a_load_is_said_and_named_while_it_lasts():
    out, clock = io.StringIO(), Clock()
    display = Display(out, now=clock)
    display(Told("backing_up", "unrecognised files", {}))
    clock.now += 21
    display.heartbeat()
    assert out.getvalue().splitlines() == ["backing up the warehouse before loading",
                                           "still working: backing up the warehouse before loading (0:21 so far)"]
