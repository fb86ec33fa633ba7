"""A file that vanishes or changes between being found and being read affects only itself: it
is left for the next load, with a line saying so, and the content loaded is the content hashed."""

import logging
import os
import threading

import dagster as dg

import pipelines.assets.loading as loading
from pipelines.sensors import drop_folder_sensor
from tests.conftest import TEST_KEY, VALID
from tests.helpers import materialize, resources
from wst_analytics.ingest import discover, offered
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.load import load_candidates

APRIL, MAY = "police_incidents/wmp_2019-04.csv", "police_incidents/wmp_2019-05.csv"
MAY_RETURN = "police_incidents/wmp_2019-05"  # how a file not taken in is shown: its return, never its name
PSEUDONYMISER = Pseudonymiser(TEST_KEY.encode())


def _two_returns(workspace):
    workspace.drop(APRIL, [VALID["police_incidents"]])
    workspace.drop(MAY, [{**VALID["police_incidents"], "incident_id": "19/1002/19"}])


def _load_after(workspace, change, parallel_files: int = 200):
    """Find the new files, `change` the drop folder, then load what was found."""
    con = connect(workspace.warehouse)
    try:
        found = new_candidates(con, workspace.raw, load_registry(), "police_incidents", pseudonymiser=PSEUDONYMISER)
        change(workspace.raw / MAY)
        return load_candidates(con, "police_incidents", found, PSEUDONYMISER, "test", parallel_files=parallel_files)
    finally:
        con.close()


def _loaded(workspace) -> list[tuple]:
    return workspace.query("SELECT file_label, sha256 FROM audit.file_versions ORDER BY 1")


def test_a_file_removed_after_it_was_found_is_left_and_the_others_load(workspace):
    _two_returns(workspace)
    summary = _load_after(workspace, lambda path: path.unlink())
    assert [f["file"] for f in summary.files] == ["police_incidents/wmp_2019-04 (version 1)"]
    assert summary.left == [(MAY_RETURN, "it was removed after it was found")]
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 1


def test_a_file_removed_after_it_was_found_is_left_by_the_parse_pool_too(workspace):
    _two_returns(workspace)
    summary = _load_after(workspace, lambda path: path.unlink(), parallel_files=1)
    assert len(summary.files) == 1 and [m for m, _ in summary.left] == [MAY_RETURN]


def test_a_file_changed_after_it_was_found_is_left_and_loaded_next_time_as_it_now_is(workspace):
    _two_returns(workspace)
    replaced = {**VALID["police_incidents"], "incident_id": "19/1003/19"}
    summary = _load_after(workspace, lambda path: workspace.drop(MAY, [replaced]))
    assert summary.left == [(MAY_RETURN, "it changed after it was found: it is read again by the next load")]
    assert [s for s, _ in _loaded(workspace)] == ["police_incidents/wmp_2019-04 (version 1)"]
    con = connect(workspace.warehouse)
    try:
        again = new_candidates(con, workspace.raw, load_registry(), "police_incidents", pseudonymiser=PSEUDONYMISER)
        load_candidates(con, "police_incidents", again, PSEUDONYMISER, "test")
    finally:
        con.close()
    assert _loaded(workspace)[1] == (MAY_RETURN + " (version 1)", offered.sha256_of(workspace.raw / MAY))


def test_a_file_replaced_by_a_pipe_after_it_was_found_is_left_without_blocking(workspace):
    _two_returns(workspace)

    def to_pipe(path):
        path.unlink()
        os.mkfifo(path)
    outcome = []
    load = threading.Thread(target=lambda: outcome.append(_load_after(workspace, to_pipe)), daemon=True)
    load.start()
    load.join(timeout=60)
    assert not load.is_alive(), "opening the pipe blocked the load"
    assert [m for m, _ in outcome[0].left] == [MAY_RETURN]


def _listed_then_removed(monkeypatch, module, workspace):
    """The drop folder is listed, then a file goes before it is looked at (a partner deleting
    a mistaken upload): the listing names a file that is no longer there."""
    listing = module.drop_folder_files
    monkeypatch.setattr(module, "drop_folder_files", lambda *a, **k: [*listing(*a, **k), workspace.raw / MAY])


def test_a_file_removed_while_the_folder_is_searched_is_left(workspace, monkeypatch):
    workspace.drop(APRIL, [VALID["police_incidents"]])
    _listed_then_removed(monkeypatch, discover, workspace)
    con = connect(workspace.warehouse)
    try:
        left = []
        found = new_candidates(con, workspace.raw, load_registry(), "police_incidents", pseudonymiser=PSEUDONYMISER,
                               left=left)
    finally:
        con.close()
    assert [c.relative for c in found] == [APRIL]
    assert left == [(workspace.raw / MAY, "it was removed after it was found")]


def test_the_sensor_passes_over_a_file_removed_while_it_looks(workspace, monkeypatch):
    workspace.drop(APRIL, [VALID["police_incidents"]])
    _listed_then_removed(monkeypatch, discover, workspace)  # the sensor finds files as every load does
    with dg.build_sensor_context(resources=resources(workspace)) as context:
        assert isinstance(drop_folder_sensor(context), dg.RunRequest)


def test_a_run_says_which_file_it_left(workspace, monkeypatch, caplog):
    _two_returns(workspace)
    found = loading.new_candidates

    def then_remove(*args, **kwargs):
        candidates = found(*args, **kwargs)
        if MAY in [c.relative for c in candidates]:
            (workspace.raw / MAY).unlink()  # found, then gone before it is read
        return candidates
    monkeypatch.setattr(loading, "new_candidates", then_remove)
    with caplog.at_level(logging.INFO, logger="wst"):
        result = materialize(workspace)
    assert result.success
    assert f"{MAY_RETURN}: left for the next load: it was removed after it was found" in caplog.text
    assert "wmp_2019-05.csv" not in caplog.text  # shown by its return, never by its name
    assert [s for s, _ in _loaded(workspace)] == ["police_incidents/wmp_2019-04 (version 1)"]
    police = next(e.materialization for e in result.get_asset_materialization_events()
                  if e.asset_key == dg.AssetKey(["core", "police_incidents"]))
    assert police.metadata["files_left"].value == 1
