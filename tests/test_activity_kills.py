"""A load killed at each point around its commit: the activity log and the warehouse agree on
what happened, `verify` says so, and the next load carries on from there."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import TEST_KEY, VALID
from tests.helpers import materialize
from wst_analytics import activity

KILLED = """
import os, sys
point = sys.argv[1]
import pipelines.assets.loading as loading
from wst_analytics import activity

if point == "after the commit":
    load = loading.load_candidates

    def killed(con, extract, *args, **kwargs):
        summary = load(con, extract, *args, **kwargs)
        if extract == "police_incidents":
            os._exit(9)
        return summary
    loading.load_candidates = killed
else:
    write = activity.AnchoredLog.write

    def killed(self, con, action, *args, **kwargs):
        if point == "before the entry":
            os._exit(9)
        write(self, con, action, *args, **kwargs)
        os._exit(9)
    activity.AnchoredLog.write = killed
from wst_analytics.cli import main
sys.exit(main(["load"]))
"""
POINTS = ["before the entry", "after the entry, before the commit", "after the commit"]
KEY = activity.log_key(TEST_KEY.encode())


def _state(workspace):
    log = workspace.warehouse.parent / "activity.log"
    entries = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    verdict = activity.examine(log, KEY, activity.anchors_in(workspace.warehouse))
    loaded = workspace.query("SELECT load_id FROM audit.file_versions")
    return entries, verdict, loaded


@pytest.mark.parametrize("point", POINTS)
def test_a_load_killed_around_its_commit_is_recorded_as_it_happened(workspace, point):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    killed = subprocess.run([sys.executable, "-c", KILLED, point], capture_output=True, text=True,
                            env=os.environ, timeout=300)
    assert killed.returncode == 9, killed.stdout + killed.stderr
    entries, verdict, loaded = _state(workspace)
    assert verdict.problems == []
    if point == "before the entry":
        assert entries == [] and loaded == []
    elif point == "after the entry, before the commit":
        assert [e["action"] for e in entries] == ["load"] and loaded == []
        assert verdict.notes == ["entry 1 (load at " + entries[0]["at"] + ") was written but never committed: "
                                 "what it records was interrupted and rolled back, and none of it is in the "
                                 "warehouse"]
    else:
        assert [e["action"] for e in entries] == ["load"] and loaded == [(entries[0]["run_id"],)]
        assert verdict.notes == []

    assert materialize(workspace).success  # the next load
    after, verdict, loaded = _state(workspace)
    assert verdict.problems == []
    assert after[:len(entries)] == entries  # nothing written before is lost or changed
    loads = [e for e in after if e["action"] == "load"]
    if point == "after the commit":
        assert len(loads) == 1 and loaded == [(loads[0]["run_id"],)]  # the next load found nothing new
    else:
        assert loaded == [(loads[-1]["run_id"],)] and len(verdict.notes) == len(loads) - 1
