"""README.md's "Your first hour" cannot drift: every command in it is one this project knows,
every `wst` command parses as written, and the cheap ones run as written: the drop, validate
and fix steps in a scratch project folder, the reports and the export on the sample warehouse
(the demo's data, read only). The demo, the UI, a load and JupyterLab are left to the tests
that run them (test_demo, test_ui, test_notebooks)."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.conftest import settings_for
from wst_analytics.cli import main, parser

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Your first hour", 1)[1].split("\n## ", 1)[0]
COMMANDS = [line.strip() for block in re.findall(r"```sh\n(.*?)```", SECTION, re.S)
            for line in block.splitlines() if line.strip()]
WST = [shlex.split(c)[3:] for c in COMMANDS if c.startswith("uv run wst ")]
#: Every other kind of command the walk-through may use (a new one is a decision: add it here).
KNOWN = ("uv sync", "uv run --with jupyterlab jupyter lab notebooks/", "uv run jupyter nbconvert --to html --execute ",
         "ls ", "mkdir -p raw/", "printf ", "export WST_PSEUDONYM_KEY=", "export WST_WAREHOUSE_KEY=",
         "export WST_COPY_KEY=", "rm -rf ")
ON_THE_DEMO = [argv for argv in WST if argv[0] in ("report", "export")]


def test_the_walk_through_touches_what_a_newcomer_touches():
    assert {argv[0] for argv in WST} == {"demo", "report", "ui", "export", "validate", "load"}
    assert any("jupyter lab" in c for c in COMMANDS) and any("nbconvert" in c for c in COMMANDS)


def test_every_other_command_is_a_known_kind():
    assert [c for c in COMMANDS if not c.startswith("uv run wst ") and not c.startswith(KNOWN)] == []


@pytest.mark.parametrize("argv", WST, ids=" ".join)
def test_every_wst_command_parses_as_written(argv):
    args, extra = parser().parse_known_args(argv)  # an unknown command or option exits here
    assert extra == [] and callable(args.run)


def test_the_nbconvert_line_is_the_one_docs_notebooks_gives():
    page = (Path(__file__).parents[1] / "docs" / "notebooks.md").read_text(encoding="utf-8")
    line = next(c for c in COMMANDS if "nbconvert" in c)
    assert line.rsplit(" ", 1)[0] in page


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A scratch project folder, the current folder, with no setting but WST_HOME."""
    for name in ("WST_RAW_DIR", "WST_WAREHOUSE", "WST_REPORTS_DIR", "WST_COPIES_DIR", "WST_PARTNERS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WST_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_drop_validate_and_fix_run_as_written(project, capsys):
    """Step 6: the file is rejected and says why, then a row would be quarantined, then it is clean."""
    codes, said = [], []
    for command in COMMANDS:
        if command.startswith(("mkdir ", "printf ")):
            subprocess.run(["bash", "-c", command], cwd=project, check=True)
        elif command.startswith("uv run wst validate "):
            capsys.readouterr()
            codes.append(main(shlex.split(command)[3:]))
            said.append(capsys.readouterr().out)
    assert codes == [1, 1, 0]
    for quoted, out in zip(("required column cse_marker missing from the header",
                            "row 3, recorded_date: [invalid_date] recorded_date must be a real date"), said):
        assert quoted in SECTION and quoted in out


@pytest.mark.parametrize("argv", ON_THE_DEMO, ids=" ".join)
def test_reports_and_the_export_run_as_written_on_the_demos_data(argv, sample_warehouse, tmp_path, monkeypatch,
                                                                  capsys):
    for name, value in settings_for(sample_warehouse[0]).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("WST_COPIES_DIR", raising=False)  # the copies beside the warehouse, as the demo's
    monkeypatch.setenv("WST_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("WST_ACTIVITY_LOG", str(tmp_path / "activity.log"))
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0, capsys.readouterr().out
    assert "Wrote " in capsys.readouterr().out
