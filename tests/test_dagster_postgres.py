"""Dagster's run history in PostgreSQL (`WST_DAGSTER_POSTGRES_URL`), on a real server
(tests/postgres.py): a `wst load` and a run the daemon's sensor starts are both kept there, the
instance settings name the variable and never its value, and an unreachable server is refused
in one line that shows no password."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import VALID
from tests.postgres import new_database, rows, throwaway_server
from tests.test_cli import wst
from wst_analytics import settings

DAEMON = str(Path(sys.executable).parent / "dagster-daemon")


@pytest.fixture(scope="module")
def server():
    with throwaway_server() as url:
        yield url


def test_a_load_keeps_its_run_and_events_in_postgresql(workspace, server, monkeypatch):
    url = new_database(server, "load_history")
    monkeypatch.setenv("WST_DAGSTER_POSTGRES_URL", url)
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    done = wst("load")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert rows(url, "SELECT pipeline_name, status FROM runs") == [("monthly_load", "SUCCESS")]
    kinds = {kind for (kind,) in rows(url, "SELECT DISTINCT dagster_event_type FROM event_logs")}
    assert {"ASSET_MATERIALIZATION", "ASSET_CHECK_EVALUATION", "PIPELINE_SUCCESS"} <= kinds
    home = Path(os.environ["DAGSTER_HOME"])
    assert not (home / "history").exists()  # no SQLite history beside it
    instance_settings = (home / "dagster.yaml").read_text()
    assert "env: WST_DAGSTER_POSTGRES_URL" in instance_settings and url not in instance_settings


def test_a_run_the_daemon_s_sensor_starts_is_kept_in_postgresql(workspace, server, monkeypatch):
    url = new_database(server, "daemon_history")
    monkeypatch.setenv("WST_DAGSTER_POSTGRES_URL", url)
    settings.ensure_dagster_home()
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    daemon = subprocess.Popen([DAEMON, "run", "-m", "pipelines.definitions"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and daemon.poll() is None:
            if _has_runs(url) and rows(url, "SELECT 1 FROM runs WHERE status = 'SUCCESS'"):
                break
            time.sleep(1)
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        output = daemon.communicate(timeout=60)[0]
    runs = rows(url, "SELECT r.status, t.value FROM runs r JOIN run_tags t ON t.run_id = r.run_id "
                     "WHERE t.key = 'dagster/sensor_name'")
    assert runs and runs[0][0] == "SUCCESS", output[-3000:]
    assert workspace.query("SELECT count(*) FROM core.police_incidents") == [(1,)]


def _has_runs(url: str) -> bool:
    """The daemon makes the tables as it starts: until then there is nothing to read."""
    return bool(rows(url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'runs'"))


def test_an_unreachable_run_history_is_refused_in_one_line_without_its_password(workspace, tmp_path, monkeypatch):
    url = f"postgresql://wst:not-this-secret@/postgres?host={tmp_path / 'no-server-here'}"
    monkeypatch.setenv("WST_DAGSTER_POSTGRES_URL", url)
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    done = wst("load")
    assert done.returncode == 2
    said = done.stdout.strip().splitlines()[-1]  # after the line naming the drop folder
    assert said.startswith("wst load: WST_DAGSTER_POSTGRES_URL") and "cannot be used" in said, done.stdout
    assert done.stderr == ""
    assert "not-this-secret" not in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert not workspace.warehouse.exists()  # refused before anything was written
