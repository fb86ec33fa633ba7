"""The Dagster side: in-process runs of the load assets, their checks, the schedule (the sensor:
tests/test_sensor.py)."""

from datetime import datetime, timezone

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.schedules import monthly_load_schedule
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
