"""`wst report exceptions` reads the warehouse when there is no copy (and an earlier month's
report always does): while a load writes it (DuckDB's lock held by another process) it says
so in one line, never a traceback nor a guess."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wst_analytics.cli import main

HOLD = ("import os, sys; from wst_analytics.warehouse.encrypted import open_file; "
        "c = open_file(sys.argv[1], os.environ['WST_WAREHOUSE_KEY'], 'WST_WAREHOUSE_KEY'); "
        "print('held', flush=True); sys.stdin.read()")


@pytest.fixture
def held(workspace):
    """The workspace's warehouse held for writing by another process, as a load holds it."""
    workspace.warehouse.parent.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(workspace.warehouse)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    yield workspace
    holder.communicate("")


@pytest.mark.parametrize("month", [[], ["--month", "2019-12"]], ids=["latest", "earlier"])
def test_a_report_while_a_load_writes_says_so_in_a_line(held, month, tmp_path, capsys):
    assert main(["report", "exceptions", *month, "--out-dir", str(tmp_path / "out")]) == 2
    printed = capsys.readouterr().out
    assert "is in use by another process" in printed and len(printed.strip().splitlines()) == 1
