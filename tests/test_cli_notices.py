"""`wst ui --host/--port`, and the one line a missing or empty drop folder or a missing
warehouse gets, in process. `os.execv` (the hand-over to Dagster's services) is caught, so the UI is
not started: what is tested is the command it would run and what was said first."""

import os
import shutil

import pytest

from wst_analytics.cli import main


@pytest.fixture
def handed_over(monkeypatch):
    """The command `wst ui` hands its process over to."""
    seen = []
    monkeypatch.setenv("WST_HOME", os.environ.get("WST_HOME", os.getcwd()))  # `wst ui` sets it: undone after
    monkeypatch.setattr(os, "execv", lambda path, command: seen.append(command))
    monkeypatch.setattr(os, "chdir", lambda path: None)
    return seen


def test_ui_passes_host_and_port_to_dagster(workspace, handed_over):
    assert main(["ui", "--host", "0.0.0.0", "--port", "3001"]) == 0
    home = workspace.root / "dagster_home"
    assert handed_over[0][1:] == ["-m", "pipelines.dev", "--workspace", str(home / "workspace.yaml"),
                                  "--host", "0.0.0.0", "--port", "3001"]
    assert "location_name: wst_analytics" in (home / "workspace.yaml").read_text()


def test_ui_help_names_host_and_port(capsys):
    with pytest.raises(SystemExit):
        main(["ui", "-h"])
    assert "--host HOST" in capsys.readouterr().out


def test_ui_says_what_is_missing_in_a_line_each(workspace, handed_over, capsys):
    assert main(["ui"]) == 0
    out = capsys.readouterr().out
    assert f"There is no warehouse yet ({workspace.warehouse}): the UI shows no data until a load runs" in out
    assert f"The drop folder {workspace.raw} is empty: partners' files go in" in out


def test_load_refuses_a_missing_drop_folder_in_a_line(workspace, capsys):
    shutil.rmtree(workspace.raw)
    assert main(["load"]) == 2
    out = capsys.readouterr().out
    assert out.strip().splitlines() == [f"wst load: the drop folder {workspace.raw} does not exist: create it and put "
                                        f"partners' files in {workspace.raw}/<extract>/<partner>_<YYYY-MM>.csv, or "
                                        "point WST_RAW_DIR at the folder that holds them"]
    assert not workspace.warehouse.exists()

