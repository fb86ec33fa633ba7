"""The `wst` command, run as an analyst runs it: in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from tests.conftest import VALID

WST = str(Path(sys.executable).parent / "wst")


def wst(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([WST, *args], capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def test_validate_reports_each_failure_and_exits_zero_when_nothing_is_rejected(workspace):
    path = workspace.drop("police_incidents/wmp_2019-04.csv",
                          [VALID["police_incidents"], {**VALID["police_incidents"], "incident_id": "B", "child_age": "19"}])
    done = wst("validate", str(path))
    assert done.returncode == 0, done.stderr
    assert "2 rows read, 1 would load, 1 would be quarantined" in done.stdout
    assert "row 3, child_age: [range] child_age must be between 0 and 17" in done.stdout
    assert not workspace.warehouse.exists()


def test_validate_exits_non_zero_when_a_file_would_be_rejected(workspace):
    good = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    bad = workspace.drop("police_incidents/wmp_2019-05.csv", b"incident_id,recorded_date\r\nX,2019-05-01\r\n")
    done = wst("validate", str(good), str(bad))
    assert done.returncode == 1
    assert "wmp_2019-05.csv: REJECTED: required columns cse_marker, crime_recorded missing" in done.stdout


def test_validate_rejects_a_name_outside_the_contract(workspace):
    path = workspace.drop("police_incidents/police-april.csv", [VALID["police_incidents"]])
    done = wst("validate", str(path))
    assert done.returncode == 1 and "the name must be" in done.stdout


def test_validate_counts_unknown_columns_and_escapes_what_does_not_print(workspace):
    extra = workspace.drop("police_incidents/wmp_2019-04.csv", [{**VALID["police_incidents"], "Zebedee Quartermain": "x"}])
    escape = workspace.drop("police_incidents/wmp_2019-05_\x1b[2J.csv", [VALID["police_incidents"]])
    done = wst("validate", str(extra), str(escape))
    assert "1 column not in the contract was ignored (never read, never stored): column 7" in done.stdout
    assert "Zebedee" not in done.stdout and "\x1b" not in done.stdout and "\\x1b[2J" in done.stdout


def test_load_refuses_to_run_without_a_key(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    env = {k: v for k, v in os.environ.items() if k != "WST_PSEUDONYM_KEY"}
    done = subprocess.run([WST, "load"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2
    assert "WST_PSEUDONYM_KEY is not set" in done.stdout
    assert not workspace.warehouse.exists()


def test_load_runs_the_dagster_job_and_keeps_the_run_in_dagster_home(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    done = wst("load")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "police_incidents/wmp_2019-04 (version 1): 1 rows loaded, 0 quarantined" in done.stdout
    assert "wmp_2019-04.csv" not in done.stdout
    assert "police_incidents: 1 new file(s)" in done.stderr  # not a terminal: plain progress lines
    assert "police_incidents: 1 file(s), 1 rows in 0:0" in done.stderr and "\x1b[" not in done.stderr
    assert "wmp_2019-04" not in done.stderr
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 1
    instance = dg.DagsterInstance.from_config(os.environ["DAGSTER_HOME"])
    runs = instance.get_runs()
    assert [r.job_name for r in runs] == ["monthly_load"] and runs[0].is_success
    assert (Path(os.environ["DAGSTER_HOME"]) / "dagster.yaml").exists()
    assert os.environ["WST_PSEUDONYM_KEY"] not in done.stdout + done.stderr  # the key is never printed
