"""Files still being written are never taken: `wst load`, every run and the sensor apply one
settle rule (`wst_analytics.ingest.drop_folder`), and `wst load` says which files it waited for or left."""

import hashlib
import logging
import os
import subprocess
import threading
from datetime import datetime, timezone

import dagster as dg

from pipelines.sensors import drop_folder_sensor
from tests.conftest import VALID, csv_bytes
from tests.helpers import materialize, resources
from tests.test_cli import WST, wst
from tests.test_concurrency import _watch

WRITING = "police_incidents/wmp_2019-04.csv"
RETURN = "police_incidents/wmp_2019-04"  # how a file not taken in yet is shown: its return, never its name
SLOW = "600"  # a settle time no load in these tests outlasts, however busy the machine


def _row(n: int) -> bytes:
    return csv_bytes([{**VALID["police_incidents"], "incident_id": f"19/{1000 + n}/19"}]).split(b"\r\n", 1)[1]


class Writer(threading.Thread):
    """A partner's upload: the file grows half a row at a time until told to finish."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path, self.finish, self.rows = path, threading.Event(), 0
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(csv_bytes([VALID["police_incidents"]]).split(b"\r\n", 1)[0] + b"\r\n")

    def run(self):
        while True:
            row = _row(self.rows)
            with self.path.open("ab") as handle:
                handle.write(row[: len(row) // 2])  # the file now ends mid-row
            self.rows += 1
            if self.finish.wait(0.2):
                with self.path.open("ab") as handle:
                    handle.write(row[len(row) // 2:])
                return
            with self.path.open("ab") as handle:
                handle.write(row[len(row) // 2:])


def test_load_waits_for_a_file_being_written_and_takes_it_whole(workspace):
    writer = Writer(workspace.raw / WRITING)
    writer.start()
    load = subprocess.Popen([WST, "load", "--wait-for-files", "120"], env={**os.environ, "WST_SETTLE_SECONDS": "2"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, waiting = _watch(load, "still being written")
    assert waiting.wait(60), "".join(lines)
    writer.finish.set()
    writer.join()
    assert load.wait(timeout=300) == 0, "".join(lines)
    output = "".join(lines)
    assert "Waiting for 1 file still being written" in output and RETURN in output
    assert "settled after" in output and WRITING not in output
    whole = (workspace.raw / WRITING).read_bytes()
    assert workspace.query("SELECT sha256, rows_read, rows_quarantined FROM audit.file_versions") == [
        (hashlib.sha256(whole).hexdigest(), writer.rows, 0)]


def test_load_that_does_not_wait_leaves_a_file_being_written_for_the_next_load(workspace):
    workspace.drop(WRITING, [VALID["police_incidents"]])
    done = wst("load", "--wait-for-files", "0", env={"WST_SETTLE_SECONDS": SLOW})
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"1 file still being written (a file is taken once unchanged for {SLOW} s), left for the next load: " \
           f"{RETURN}\n" in done.stdout
    assert f"{RETURN}: left for the next load: it is still being written" in done.stdout
    assert WRITING not in done.stdout
    assert workspace.scalar("SELECT count(*) FROM audit.file_versions") == 0
    assert materialize(workspace).success  # the next load, the file settled (the tests' settle time is 0)
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 1


def _set_back(workspace):
    """A file copied in with its times kept (cp -p, a synced folder): modified long ago, but
    it arrived, and may still be arriving, just now."""
    path = workspace.drop(WRITING, [VALID["police_incidents"]])
    stamp = datetime(2019, 5, 1, tzinfo=timezone.utc).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_the_sensor_waits_for_a_file_whose_times_were_set_back_as_it_arrived(workspace, monkeypatch):
    monkeypatch.setenv("WST_SETTLE_SECONDS", SLOW)
    _set_back(workspace)
    with dg.build_sensor_context(resources=resources(workspace)) as context:
        assert isinstance(drop_folder_sensor(context), dg.SkipReason)


def test_a_run_leaves_a_file_whose_times_were_set_back_as_it_arrived(workspace, monkeypatch, caplog):
    monkeypatch.setenv("WST_SETTLE_SECONDS", SLOW)
    _set_back(workspace)
    with caplog.at_level(logging.INFO, logger="wst"):
        assert materialize(workspace).success
    assert f"{RETURN}: left for the next load: it is still being written" in caplog.text
    assert workspace.scalar("SELECT count(*) FROM audit.file_versions") == 0
