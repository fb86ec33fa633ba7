"""The Dagster side: in-process runs of the load assets, their checks, the sensor, the schedule."""

import json
import os
from datetime import datetime, timezone

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.resources import DropFolderResource
from pipelines.schedules import monthly_load_schedule
from pipelines.sensors import drop_folder_sensor
from tests.conftest import VALID
from tests.helpers import check_results, materialize


def test_definitions_load():
    dg.Definitions.validate_loadable(defs)
    assert defs.resolve_job_def("monthly_load") is not None


def test_a_run_loads_every_extract_and_every_check_passes(workspace):
    for extract, row in VALID.items():
        partner = {"cp_plans": "cwc-cs", "adult_concerns": "cwc-asc", "s42_enquiries": "cwc-asc",
                   "police_incidents": "wmp", "training_attendance": "wst", "population": "ons"}[extract]
        workspace.drop(f"{extract}/{partner}_2019-04.csv", [row])
    result = materialize(workspace)
    assert result.success
    load_checks = {k: v for k, v in check_results(result).items() if k[0].startswith(("core/", "audit/"))}
    assert load_checks and all(load_checks.values()), load_checks
    for extract in VALID:
        assert workspace.scalar(f"SELECT count(*) FROM core.{extract}") == 1, extract


def test_the_conservation_check_runs_on_every_load(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    result = materialize(workspace)
    evaluation = next(e for e in result.get_asset_check_evaluations()
                      if e.check_name == "rows_conserved" and e.asset_key.path[-1] == "police_incidents")
    assert evaluation.passed
    assert evaluation.metadata["rows_read"].value == 1 and evaluation.metadata["rows_loaded"].value == 1


def test_rejected_file_and_high_quarantine_warn_without_failing_the_run(workspace):
    bad = {**VALID["police_incidents"], "incident_id": "B", "cse_marker": "perhaps"}
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"], bad])
    workspace.drop("police_incidents/wmp_2019-05.csv", b"incident_id\r\n1\r\n")
    result = materialize(workspace)
    checks = check_results(result)
    assert result.success
    assert checks[("core/police_incidents", "no_files_rejected")] is False
    assert checks[("core/police_incidents", "quarantine_within_tolerance")] is False
    assert checks[("core/police_incidents", "rows_conserved")] is True


def test_cross_record_findings_are_recorded_not_rejected(workspace):
    plan = {**VALID["cp_plans"], "cpp_end_date": "2019-04-25"}  # one open plan: two would be 8935 too
    overlapping = {**VALID["cp_plans"], "cpp_start_date": "2019-04-23", "icpc_date": "2019-04-23"}  # a Tuesday
    workspace.drop("cp_plans/cwc-cs_2019-04.csv", [plan, overlapping])
    workspace.drop("s42_enquiries/cwc-asc_2019-04.csv", [VALID["s42_enquiries"]])
    result = materialize(workspace)
    assert workspace.query("SELECT finding, extract FROM audit.data_quality_findings ORDER BY 1") == [
        ("overlapping_cp_plans", "cp_plans"), ("unknown_concern", "s42_enquiries")]
    assert workspace.scalar("SELECT count(*) FROM core.s42_enquiries") == 1
    checks = check_results(result)
    assert checks[("audit/data_quality_findings", "no_unknown_concern")] is False


def test_a_run_without_the_key_fails_and_writes_nothing(workspace, monkeypatch):
    monkeypatch.delenv("WST_PSEUDONYM_KEY")
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    result = materialize(workspace, raise_on_error=False)
    assert not result.success
    assert not workspace.warehouse.exists()


def _aged(workspace, relative, rows, when="2019-05-09T10:00:00"):
    return workspace.drop(relative, rows, received=when)


def test_sensor_requests_a_run_for_new_files_and_remembers_them(workspace):
    _aged(workspace, "police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    resources = {"drop_folder": DropFolderResource(path=str(workspace.raw))}
    context = dg.build_sensor_context(resources=resources)
    first = drop_folder_sensor(context)
    assert isinstance(first, dg.RunRequest)
    again = drop_folder_sensor(dg.build_sensor_context(cursor=context.cursor, resources=resources))
    assert isinstance(again, dg.SkipReason)


def test_sensor_sees_a_changed_file_as_a_new_version(workspace):
    path = _aged(workspace, "police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    resources = {"drop_folder": DropFolderResource(path=str(workspace.raw))}
    context = dg.build_sensor_context(resources=resources)
    first = drop_folder_sensor(context)
    _aged(workspace, path.relative_to(workspace.raw).as_posix(),
          [{**VALID["police_incidents"], "crime_recorded": "Y"}], when="2019-05-10T10:00:00")
    second = drop_folder_sensor(dg.build_sensor_context(cursor=context.cursor, resources=resources))
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key


def test_sensor_remembers_every_version_not_just_the_last_batch(workspace):
    resources = {"drop_folder": DropFolderResource(path=str(workspace.raw))}
    cursor = None
    for month in ("04", "05", "06"):
        _aged(workspace, f"police_incidents/wmp_2019-{month}.csv", [VALID["police_incidents"]])
        context = dg.build_sensor_context(cursor=cursor, resources=resources)
        assert isinstance(drop_folder_sensor(context), dg.RunRequest)
        cursor = context.cursor
    assert len(json.loads(cursor)["seen"]) == 3


def test_sensor_sees_an_earlier_version_put_back_as_a_new_arrival(workspace):
    resources = {"drop_folder": DropFolderResource(path=str(workspace.raw))}
    first = {**VALID["police_incidents"]}
    cursor, keys = None, []
    for day, row in (("09", first), ("10", {**first, "crime_recorded": "Y"}), ("11", first)):
        _aged(workspace, "police_incidents/wmp_2019-04.csv", [row], when=f"2019-05-{day}T10:00:00")
        context = dg.build_sensor_context(cursor=cursor, resources=resources)
        request = drop_folder_sensor(context)
        assert isinstance(request, dg.RunRequest)
        keys.append(request.run_key)
        cursor = context.cursor
    assert len(set(keys)) == 3
    assert len(json.loads(cursor)["seen"]) == 2


def test_the_sensor_cursor_dagster_keeps_holds_no_file_name(workspace):
    _aged(workspace, "police_incidents/wmp_2019-04_zebedee-quartermain.csv", [VALID["police_incidents"]])
    context = dg.build_sensor_context(resources={"drop_folder": DropFolderResource(path=str(workspace.raw))})
    assert isinstance(drop_folder_sensor(context), dg.RunRequest)
    assert "zebedee" not in context.cursor and "wmp_2019" not in context.cursor


def test_sensor_waits_for_a_file_still_being_written(workspace, monkeypatch):
    monkeypatch.setenv("WST_SETTLE_SECONDS", "600")  # the tests' default is 0 (conftest.py)
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])  # modified just now
    resources = {"drop_folder": DropFolderResource(path=str(workspace.raw))}
    assert isinstance(drop_folder_sensor(dg.build_sensor_context(resources=resources)), dg.SkipReason)


def test_schedule_runs_the_monthly_load_on_the_16th_after_returns_fall_due():
    assert monthly_load_schedule.cron_schedule == "0 6 16 * *"
    assert monthly_load_schedule.execution_timezone == "Europe/London"
    assert monthly_load_schedule.job_name == "monthly_load"
    context = dg.build_schedule_context(
        scheduled_execution_time=datetime(2019, 5, 16, 5, 0, tzinfo=timezone.utc))
    requests = monthly_load_schedule.evaluate_tick(context).run_requests
    assert len(requests) == 1


@pytest.mark.parametrize("asset_key", [["core", e] for e in VALID] + [["audit", "data_quality_findings"]])
def test_every_asset_says_what_its_table_is(asset_key):
    spec = defs.resolve_assets_def(dg.AssetKey(asset_key)).specs_by_key[dg.AssetKey(asset_key)]
    assert spec.description and ".".join(asset_key) in spec.description
    assert defs.resolve_assets_def(dg.AssetKey(asset_key)).node_def.pool == "warehouse"


def test_sensor_never_opens_a_pipe_in_the_drop_folder(workspace):
    folder = workspace.raw / "police_incidents"
    folder.mkdir()
    os.mkfifo(folder / "wmp_2019-04.csv")  # opening it to hash would block for ever
    old = datetime(2019, 5, 9, tzinfo=timezone.utc).timestamp()
    os.utime(folder / "wmp_2019-04.csv", (old, old))
    resources = {"drop_folder": DropFolderResource(path=str(workspace.raw))}
    assert isinstance(drop_folder_sensor(dg.build_sensor_context(resources=resources)), dg.RunRequest)
