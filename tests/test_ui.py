"""`wst ui` serves the Dagster UI on the project's definitions (code location `wst_analytics`),
with the runs of `wst load`; its sensor, started after `wst load`, starts nothing; nothing at
start-up warns."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

from tests.conftest import VALID
from tests.test_cli import WST, wst


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]


SENSOR_TICKS = """{ sensorOrError(sensorSelector: {repositoryLocationName: "wst_analytics",
  repositoryName: "__repository__", sensorName: "drop_folder_sensor"}) {
  ... on Sensor { sensorState { ticks(limit: 5) { status skipReason } } } } }"""


def _sensor_ticks(port: int, server, deadline: float) -> list[dict]:
    """The sensor's ticks, once the daemon has evaluated it at least once."""
    while True:
        ticks = graphql(port, SENSOR_TICKS)["sensorOrError"]["sensorState"]["ticks"]
        if ticks:
            return ticks
        assert time.time() < deadline and server.poll() is None, "the sensor was never evaluated"
        time.sleep(1)


def test_ui_lists_the_assets_and_the_runs_of_wst_load(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]], received="2019-05-09T10:00:00")
    assert wst("load").returncode == 0
    port = free_port()
    server = subprocess.Popen([WST, "ui", "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env=os.environ.copy(), start_new_session=True)
    try:
        deadline = time.time() + 120
        while True:
            try:
                runs = graphql(port, "{ runsOrError { ... on Runs { results { jobName status } } } }")
                break
            except OSError:
                assert time.time() < deadline and server.poll() is None, "the UI did not start"
                time.sleep(1)
        assert {"jobName": "monthly_load", "status": "SUCCESS"} in runs["runsOrError"]["results"]
        assets = graphql(port, "{ assetNodes { assetKey { path } } }")["assetNodes"]
        assert {"path": ["core", "police_incidents"]} in [a["assetKey"] for a in assets]
        locations = graphql(port, "{ workspaceOrError { ... on Workspace { locationEntries { name } } } }")
        assert [e["name"] for e in locations["workspaceOrError"]["locationEntries"]] == ["wst_analytics"]
        ticks = _sensor_ticks(port, server, deadline)
        assert ticks[0]["status"] == "SKIPPED" and "nothing new" in ticks[0]["skipReason"], ticks
        runs = graphql(port, "{ runsOrError { ... on Runs { results { jobName status } } } }")
        assert len(runs["runsOrError"]["results"]) == 1  # the sensor started no load of what `wst load` took in
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    said = server.stdout.read().decode()
    assert "Serving dagster-webserver" in said
    assert not [line for line in said.splitlines() if "warn" in line.lower()], said
