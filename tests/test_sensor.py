"""The drop-folder sensor judges what is new from the warehouse's own audit, as `wst load` does:
after a load it starts nothing; a new or changed file starts one run; its cursor stays one short
key; it never blocks a load, nor waits for one."""

import os
import shutil
import threading
import time
from datetime import datetime, timezone

import dagster as dg

from pipelines.sensors import drop_folder_sensor
from tests.conftest import TEST_KEY, VALID
from tests.helpers import resources
from wst_analytics.extracts import EXTRACTS
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.load import load_candidates
from wst_analytics.warehouse.lock import load_lock

APRIL = "police_incidents/wmp_2019-04.csv"


def _aged(workspace, relative, rows, when="2019-05-09T10:00:00"):
    return workspace.drop(relative, rows, received=when)


def _load(workspace) -> None:
    """What `wst load` takes in, by the library (the load assets' own calls, without Dagster)."""
    con, keys = connect(workspace.warehouse), Pseudonymiser(TEST_KEY.encode())
    try:
        for extract in [*EXTRACTS, None]:
            found = new_candidates(con, workspace.raw, load_registry(), extract, pseudonymiser=keys)
            load_candidates(con, extract, found, keys, "test")
    finally:
        con.close()


def _tick(workspace, cursor=None):
    with dg.build_sensor_context(cursor=cursor, resources=resources(workspace)) as context:
        return drop_folder_sensor(context), context.cursor


def test_after_the_demo_load_the_sensor_starts_nothing(sample_warehouse, monkeypatch):
    space, _, _ = sample_warehouse  # loaded through every asset, as `wst load` and `wst demo` run them
    monkeypatch.setenv("WST_PSEUDONYM_KEY", TEST_KEY)
    result, cursor = _tick(space)
    assert isinstance(result, dg.SkipReason) and "nothing new" in result.skip_message
    assert cursor is None


def test_after_a_load_nothing_then_a_new_file_starts_one_run(workspace):
    _aged(workspace, APRIL, [VALID["police_incidents"]])
    _aged(workspace, "unexpected.txt", b"not a return")  # rejected by the load: in the audit too
    _load(workspace)
    assert isinstance(_tick(workspace)[0], dg.SkipReason)
    _aged(workspace, "police_incidents/wmp_2019-05.csv", [VALID["police_incidents"]])
    request, cursor = _tick(workspace)
    assert isinstance(request, dg.RunRequest) and request.tags["wst/new_file_versions"] == "1"
    again, _ = _tick(workspace, cursor)
    assert isinstance(again, dg.SkipReason) and "not in the audit yet" in again.skip_message


def test_a_tick_reads_no_file_from_a_path_never_taken_in(workspace, monkeypatch):
    import wst_analytics.ingest.offered as offered

    _aged(workspace, APRIL, [VALID["police_incidents"]])
    _load(workspace)  # its hash is remembered by the load: not read again either
    for month in ("05", "06"):
        _aged(workspace, f"police_incidents/wmp_2019-{month}.csv", [VALID["police_incidents"]])

    def never(path):
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(offered, "sha256_of", never)
    request, _ = _tick(workspace)
    assert isinstance(request, dg.RunRequest) and request.tags["wst/new_file_versions"] == "2"


def test_a_changed_file_is_a_new_version(workspace):
    path = _aged(workspace, APRIL, [VALID["police_incidents"]])
    _load(workspace)
    _aged(workspace, path.relative_to(workspace.raw).as_posix(),
          [{**VALID["police_incidents"], "crime_recorded": "Y"}], when="2019-05-10T10:00:00")
    assert isinstance(_tick(workspace)[0], dg.RunRequest)


def test_an_earlier_version_put_back_after_loads_is_new_with_a_new_run_key(workspace):
    first = {**VALID["police_incidents"]}
    keys = []
    for day, row in (("09", first), ("10", {**first, "crime_recorded": "Y"}), ("11", first)):
        _aged(workspace, APRIL, [row], when=f"2019-05-{day}T10:00:00")
        request, _ = _tick(workspace)
        assert isinstance(request, dg.RunRequest)
        keys.append(request.run_key)
        _load(workspace)
    assert len(set(keys)) == 3  # Dagster drops a run key it has seen: the first version's must not repeat


def test_after_a_restore_the_same_new_files_get_a_new_run_key(workspace):
    _aged(workspace, APRIL, [VALID["police_incidents"]])
    _load(workspace)
    _aged(workspace, "police_incidents/wmp_2019-05.csv", [VALID["police_incidents"]])
    before, _ = _tick(workspace)
    copy = workspace.warehouse.with_name("restored.duckdb")
    shutil.copyfile(workspace.warehouse, copy)
    os.replace(copy, workspace.warehouse)  # as `wst restore` puts a backup in place: renamed over it
    after, _ = _tick(workspace)
    assert isinstance(after, dg.RunRequest) and after.run_key != before.run_key


def test_the_cursor_stays_one_short_key_and_holds_no_file_name(workspace):
    for month in range(4, 13):
        _aged(workspace, f"police_incidents/wmp_2019-{month:02d}_zebedee-quartermain.csv", [VALID["police_incidents"]])
    request, cursor = _tick(workspace)
    assert isinstance(request, dg.RunRequest) and request.tags["wst/new_file_versions"] == "9"
    assert cursor == request.run_key and len(cursor) == 32
    assert "zebedee" not in cursor and "wmp_2019" not in cursor


def test_the_sensor_does_not_wait_for_a_load_and_reads_nothing_meanwhile(workspace):
    _aged(workspace, APRIL, [VALID["police_incidents"]])
    _load(workspace)
    with load_lock(workspace.warehouse):
        started = time.monotonic()
        result, _ = _tick(workspace)
    assert isinstance(result, dg.SkipReason) and "a load is running" in result.skip_message
    assert time.monotonic() - started < 2


def test_a_load_starting_while_the_sensor_reads_waits_for_it_instead_of_refusing(workspace, monkeypatch):
    import wst_analytics.ingest.arrivals as arrivals

    _aged(workspace, APRIL, [VALID["police_incidents"]])
    _load(workspace)
    reading, took = threading.Event(), []
    real = arrivals.open_read_only

    def slow_open(*args, **kwargs):  # the sensor holds the lock while it opens the audit
        reading.set()
        time.sleep(0.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(arrivals, "open_read_only", slow_open)
    sensor = threading.Thread(target=_tick, args=(workspace,))
    sensor.start()
    assert reading.wait(5)
    with load_lock(workspace.warehouse, wait_seconds=0):  # `wst load`'s default: refuse a real load
        took.append(True)
    sensor.join()
    assert took == [True]


def test_without_the_key_the_sensor_says_why_and_starts_nothing(workspace, monkeypatch):
    _aged(workspace, APRIL, [VALID["police_incidents"]])
    monkeypatch.delenv("WST_PSEUDONYM_KEY")
    result, _ = _tick(workspace)
    assert isinstance(result, dg.SkipReason) and "WST_PSEUDONYM_KEY is not set" in result.skip_message


def test_another_warehouse_key_starts_nothing(workspace, monkeypatch):
    _aged(workspace, APRIL, [VALID["police_incidents"]])
    _load(workspace)
    monkeypatch.setenv("WST_PSEUDONYM_KEY", "another-key-0123456789abcdef")
    result, _ = _tick(workspace)
    assert isinstance(result, dg.SkipReason) and "not the key the warehouse" in result.skip_message


def test_sensor_waits_for_a_file_still_being_written(workspace, monkeypatch):
    monkeypatch.setenv("WST_SETTLE_SECONDS", "600")  # the tests' default is 0 (conftest.py)
    workspace.drop(APRIL, [VALID["police_incidents"]])  # modified just now
    result, _ = _tick(workspace)
    assert isinstance(result, dg.SkipReason) and "still being written" in result.skip_message


def test_sensor_never_opens_a_pipe_in_the_drop_folder(workspace):
    folder = workspace.raw / "police_incidents"
    folder.mkdir()
    os.mkfifo(folder / "wmp_2019-04.csv")  # opening it to hash would block for ever
    old = datetime(2019, 5, 9, tzinfo=timezone.utc).timestamp()
    os.utime(folder / "wmp_2019-04.csv", (old, old))
    assert isinstance(_tick(workspace)[0], dg.RunRequest)  # a load rejects it, unread
