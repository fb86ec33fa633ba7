"""The activity log after what is not tampering: a write torn by a crash, and a warehouse put
back from a backup (`wst restore`), which undoes loads the log still records."""

import json

from tests.conftest import TEST_KEY, VALID
from tests.helpers import materialize
from tests.test_cli import wst
from wst_analytics import activity

KEY = activity.log_key(TEST_KEY.encode())


def test_a_line_torn_by_a_crash_is_noted_and_the_log_carries_on_after_it(tmp_path):
    log = tmp_path / "activity.log"
    activity.record("export", "table 1", path=log, key=KEY)
    with log.open("a") as handle:
        handle.write('{"action": "load", "files": [{"path": "police_inci')  # killed mid-write
    activity.record("export", "table 2", path=log, key=KEY)
    verdict = activity.examine(log, KEY, None)
    assert verdict.problems == [] and verdict.entries == 2
    assert verdict.notes[0].startswith("line 2 is not an entry: a write torn by a crash")
    assert json.loads(log.read_text().splitlines()[2])["n"] == 2


def test_a_line_damaged_in_the_middle_of_the_log_is_found(tmp_path):
    log = tmp_path / "activity.log"
    for n in range(3):
        activity.record("export", f"table {n}", path=log, key=KEY)
    lines = log.read_text().splitlines()
    log.write_text("\n".join([lines[0], "garbage", lines[2]]) + "\n")
    assert activity.examine(log, KEY, None).problems[0].startswith("entry 3 (export at ")


def test_a_restore_is_anchored_and_the_loads_it_undid_are_said_to_be_undone(workspace):
    for month in ("04", "05"):  # the second load backs up first: the warehouse as the first left it
        workspace.drop(f"police_incidents/wmp_2019-{month}.csv",
                       [{**VALID["police_incidents"], "incident_id": f"19/10{month}/19"}])
        assert materialize(workspace).success
    done = wst("restore")
    assert done.returncode == 0, done.stdout + done.stderr
    log = workspace.warehouse.parent / "activity.log"
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["action"] for e in entries] == ["load", "report", "load", "report", "restore"]
    verdict = activity.examine(log, KEY, activity.anchors_in(workspace.warehouse))
    assert verdict.problems == [] and entries[-1]["anchored"] and verdict.anchored == 3
    assert [n.split(" (")[0] for n in verdict.notes] == ["entry 3", "entry 4"]
    assert all(n.endswith("the warehouse was restored from an earlier backup (entry 5)") for n in verdict.notes)
    assert materialize(workspace).success  # the next load takes May again, after the restore
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 2
