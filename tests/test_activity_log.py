"""The activity log is tamper-evident: entries are chained, sealed with a key derived from the
pseudonymisation key, and a load's anchored in the warehouse in its own transaction. Any
deletion, edit, reordering or replacement is found; what cannot be is said (SECURITY.md)."""

import hashlib
import json
import os
import subprocess

import pytest

from tests.conftest import TEST_KEY, VALID, Workspace, pointed_at
from tests.helpers import materialize
from tests.test_cli import WST, wst
from wst_analytics import activity

KEY = activity.log_key(TEST_KEY.encode())


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    """A log written by two real loads (each: a load entry and a report entry, anchored), with an
    export (sealed, not anchored) after each, and the warehouse's anchors."""
    space = Workspace(tmp_path_factory.mktemp("activity"))
    space.raw.mkdir()
    with pointed_at(space):
        for month in ("04", "05"):
            space.drop(f"police_incidents/wmp_2019-{month}.csv",
                       [{**VALID["police_incidents"], "incident_id": f"19/10{month}/19"}])
            materialize(space)
            activity.record("export", "published.indicator_values as csv")
    log = space.warehouse.parent / "activity.log"
    return space, log, activity.anchors_in(space.warehouse)


def _lines(logged) -> list[str]:
    return logged[1].read_text().splitlines()


def _examine(logged, tmp_path, lines, key=KEY, anchors=True):
    copy = tmp_path / "activity.log"
    copy.write_text("".join(line + "\n" for line in lines))
    return activity.examine(copy, key, logged[2] if anchors else None)


def _rechained(lines: list[str]) -> list[str]:
    """What someone who can write the log, but has not the key, can do: renumber the entries
    and recompute every link of the chain."""
    out, previous = [], activity.GENESIS
    for number, line in enumerate(lines, start=1):
        entry = {**json.loads(line), "n": number, "previous": previous}
        out.append(json.dumps(entry, sort_keys=True))
        previous = hashlib.sha256(out[-1].encode()).hexdigest()
    return out


def test_an_untouched_log_verifies_with_every_load_anchored(logged, tmp_path):
    verdict = _examine(logged, tmp_path, _lines(logged))
    assert verdict.problems == [] and verdict.entries == 6
    assert sorted(logged[2]) == [1, 2, 4, 5]  # two loads and two reports; the exports are not anchored
    assert [json.loads(line)["action"] for line in _lines(logged)] == ["load", "report", "export"] * 2


def test_removing_the_last_entries_a_load_wrote_is_found(logged, tmp_path):
    verdict = _examine(logged, tmp_path, _lines(logged)[:2])
    assert verdict.problems == ["entries 4 to 5, which the warehouse recorded, are missing from the log: "
                                "they were removed"]


def test_removing_one_entry_and_rechaining_is_found(logged, tmp_path):
    lines = _lines(logged)
    verdict = _examine(logged, tmp_path, _rechained(lines[:1] + lines[2:]))
    assert any("seal is wrong" in p for p in verdict.problems)
    assert any("not the entry the warehouse recorded" in p for p in verdict.problems)


def test_an_edited_entry_with_the_chain_recomputed_is_found_with_the_key_or_the_warehouse(logged, tmp_path):
    lines = _lines(logged)
    edited = _rechained([lines[0].replace("police_incidents: ", "cp_plans: "), *lines[1:]])
    with_key = _examine(logged, tmp_path, edited, anchors=False)
    assert with_key.problems[0].startswith("entry 1 (load at ") and "seal is wrong" in with_key.problems[0]
    without_key = _examine(logged, tmp_path, edited, key=None)
    assert without_key.problems[0] == "entry 1 is not the entry the warehouse recorded: it was changed or replaced"


def test_reordered_entries_are_found(logged, tmp_path):
    lines = _lines(logged)
    assert _examine(logged, tmp_path, [lines[1], lines[0], *lines[2:]], anchors=False).problems
    assert _examine(logged, tmp_path, _rechained([lines[1], lines[0], *lines[2:]]), anchors=False).problems


def test_a_whole_log_replaced_by_a_freshly_chained_one_is_found(logged, tmp_path):
    fresh = tmp_path / "fresh.log"
    other_key = activity.log_key(b"someone-else's-key-0123456789")
    for line in _lines(logged):
        entry = json.loads(line)
        activity.record(entry["action"], entry["what"], [(f["path"], f["sha256"]) for f in entry["files"]],
                        entry["run_id"], path=fresh, key=other_key)
    lines = fresh.read_text().splitlines()
    assert _examine(logged, tmp_path, lines, key=None, anchors=False).problems == []  # the chain alone holds
    assert len(_examine(logged, tmp_path, lines, anchors=False).problems) == 6
    assert len(_examine(logged, tmp_path, lines, key=None).problems) == 4


def test_an_export_written_since_the_last_load_is_sealed_but_its_removal_is_not_found(logged, tmp_path):
    lines = _lines(logged)
    export = json.loads(lines[-1])
    assert export["mac"] and export["anchored"] is False
    edited = _rechained([*lines[:-1], lines[-1].replace("as csv", "as xlsx")])
    assert any("entry 6 (export" in p for p in _examine(logged, tmp_path, edited).problems)
    assert _examine(logged, tmp_path, lines[:-1]).problems == []  # documented in SECURITY.md


def test_removing_an_export_a_load_came_after_is_found_key_or_no_key(logged, tmp_path):
    lines = _lines(logged)
    without = lines[:2] + lines[3:]
    assert _examine(logged, tmp_path, without, key=None).problems[0].startswith("entry 4 (load at ")
    assert _examine(logged, tmp_path, _rechained(without), key=None).problems == [
        f"entry {n} is not the entry the warehouse recorded: it was changed or replaced" for n in (4, 5)]


def test_without_the_key_or_the_warehouse_the_verdict_says_what_was_not_checked(logged, tmp_path):
    verdict = _examine(logged, tmp_path, _lines(logged), key=None, anchors=False)
    assert verdict.problems == []
    assert any(n.startswith("the seals were not checked") for n in verdict.notes)
    assert any(n.startswith("the warehouse's record of the log was not read") for n in verdict.notes)


def test_wst_activity_verify_says_intact_or_tampered_in_plain_words(logged, tmp_path):
    space, log, _ = logged
    env = {"WST_WAREHOUSE": str(space.warehouse), "WST_PSEUDONYM_KEY": TEST_KEY, "WST_ACTIVITY_LOG": str(log)}
    done = wst("activity", "verify", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 entries" in done.stdout and "intact" in done.stdout
    copy = tmp_path / "activity.log"
    copy.write_text("".join(line + "\n" for line in _lines(logged)[:4]))
    broken = wst("activity", "verify", env={**env, "WST_ACTIVITY_LOG": str(copy)})
    assert broken.returncode == 1 and "has been changed" in broken.stdout
    assert "entry 5, which the warehouse recorded, is missing from the log" in broken.stdout


def test_wst_activity_verify_without_the_key_says_what_it_could_check(logged):
    space, log, _ = logged
    env = {k: v for k, v in os.environ.items() if k != "WST_PSEUDONYM_KEY"}
    env.update({"WST_WAREHOUSE": str(space.warehouse), "WST_ACTIVITY_LOG": str(log)})
    done = subprocess.run([WST, "activity", "verify"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "without WST_PSEUDONYM_KEY" in done.stdout

