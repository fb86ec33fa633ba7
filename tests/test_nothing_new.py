"""A load that finds nothing new rebuilds nothing: every load asset records an observation
("nothing new: N files already loaded") and keeps its last materialisation, and no derived
asset (findings, marts, published tables, exceptions, the report, the copies) materialises.
Anything that makes the derived tables out of date (a new file, a stale build) rebuilds them."""

import logging

import dagster as dg
import duckdb
import pytest

from tests.conftest import open_db, VALID, Workspace, pointed_at
from tests.helpers import materialize

FILES = {"police_incidents/wmp_2019-04.csv": VALID["police_incidents"],
         "cp_plans/cwc-cs_2019-04.csv": VALID["cp_plans"]}
POLICE = dg.AssetKey(["core", "police_incidents"])
PLAN = "dagster._core.execution.plan.active"  # the logger Dagster warns of missing check results on
MARTS = "SELECT * FROM marts.indicator_values ORDER BY ALL"


class Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def materialised(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """On one Dagster instance: a load, a load with nothing new, a load with one new file, and
    a load after a derived asset's build was made stale (as a run failing after the load
    leaves it). Tests only read what each left."""
    space = Workspace(tmp_path_factory.mktemp("nothing-new"))
    space.raw.mkdir()
    runs = {}
    with pointed_at(space), dg.instance_for_test() as instance:
        for relative, row in FILES.items():
            space.drop(relative, [row], received="2019-05-09T10:00:00")
        runs["first"] = materialize(space, instance=instance)
        runs["marts"] = space.query(MARTS)
        warnings = Warnings()
        logging.getLogger(PLAN).addHandler(warnings)
        try:
            runs["second"] = materialize(space, instance=instance)
        finally:
            logging.getLogger(PLAN).removeHandler(warnings)
        runs["warnings"] = warnings.messages
        runs["marts_after"] = space.query(MARTS)
        runs["latest"] = instance.get_latest_materialization_event(POLICE)
        runs["tags"] = instance.get_run_by_id(runs["second"].run_id).tags
        runs["files"] = space.scalar("SELECT count(*) FROM audit.file_versions")
        space.drop("cp_plans/cwc-cs_2019-05.csv", [VALID["cp_plans"]], received="2019-06-09T10:00:00")
        runs["new_file"] = materialize(space, instance=instance)
        con = open_db(space.warehouse, read_only=False)
        con.execute("UPDATE audit.derived_builds SET inputs = 'older' WHERE asset = 'published_copies'")
        con.close()
        runs["stale"] = materialize(space, instance=instance)
        yield space, runs


def test_a_load_with_nothing_new_materialises_nothing(loaded):
    _, runs = loaded
    assert "marts/indicator_values" in materialised(runs["first"])
    assert runs["second"].success and materialised(runs["second"]) == set()


def test_each_load_asset_says_nothing_new_in_an_observation(loaded):
    _, runs = loaded
    observed = {e.asset_key.to_user_string(): e.asset_observation_data.asset_observation.metadata["nothing_new"].value
                for e in runs["second"].all_events if e.event_type_value == "ASSET_OBSERVATION"}
    assert observed["core/police_incidents"] == f"nothing new: {runs['files']} files already loaded"
    assert set(observed) >= {"core/cp_plans", "core/adult_concerns", "audit/unrecognised_files"}


def test_a_load_with_nothing_new_warns_of_nothing(loaded):
    _, runs = loaded
    assert not [m for m in runs["warnings"] if "emitted no result" in m]


def test_the_run_is_tagged_nothing_new(loaded):
    _, runs = loaded
    assert runs["tags"]["wst/nothing_new"] == f"nothing new: {runs['files']} files already loaded"


def test_the_load_asset_keeps_its_last_meaningful_metadata(loaded):
    _, runs = loaded
    assert runs["latest"].run_id == runs["first"].run_id
    assert runs["latest"].asset_materialization.metadata["rows_loaded"].value == 1


def test_the_marts_were_left_as_they_were(loaded):
    _, runs = loaded
    assert runs["marts"] and runs["marts_after"] == runs["marts"]
    assert not any(e.step_key == "indicator_marts" for e in runs["second"].all_events
                   if e.event_type_value == "STEP_START")


def test_a_new_file_rebuilds_every_derived_asset(loaded):
    _, runs = loaded
    assert {"marts/indicator_values", "marts/exceptions", "reports/exception_report", "copies/analyst",
            "core/cp_plans"} <= materialised(runs["new_file"])


def test_a_stale_derived_build_rebuilds_though_no_file_is_new(loaded):
    _, runs = loaded
    assert {"marts/indicator_values", "copies/analyst"} <= materialised(runs["stale"])
    assert "wst/nothing_new" not in runs["stale"].dagster_run.tags


def test_wst_load_says_nothing_new_in_words(loaded, capsys):
    from wst_analytics.cli.summary import _print_load

    space, runs = loaded
    con = open_db(space.warehouse)
    try:
        _print_load(con, runs["second"].run_id, runs["tags"]["wst/nothing_new"])
    finally:
        con.close()
    assert capsys.readouterr().out.strip() == (
        f"Nothing new: {runs['files']} files already loaded: the marts, published tables, exception "
        "reports and copies are as the last load left them.")


def test_copies_republished_by_a_restore_or_removed_are_not_current(loaded, tmp_path):
    import json
    import shutil

    from wst_analytics.warehouse.freshness import copies_current

    space, _ = loaded
    copies = tmp_path / "published"
    shutil.copytree(space.warehouse.parent / "published", copies)
    con = open_db(space.warehouse)
    try:
        assert copies_current(con, copies)
        manifest = json.loads((copies / "manifest.json").read_text())
        (copies / "manifest.json").chmod(0o644)
        (copies / "manifest.json").write_text(json.dumps({**manifest, "run_id": None}))
        assert not copies_current(con, copies)
        shutil.rmtree(copies)
        assert not copies_current(con, copies)
    finally:
        con.close()
