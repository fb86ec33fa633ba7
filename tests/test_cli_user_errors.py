"""A person's mistake met by any `wst` command is one line naming what is wrong and what to do:
never a Python class name nor a traceback. In process (`cli.main`), with the mistakes a new
user makes: a bad setting, a path that is a file or a folder or is missing, a bad year."""

import pytest

from tests.conftest import VALID
from wst_analytics.cli import main

CLASS_NAMES = ("Error:", "Exception", "Traceback", "Errno")


def said(capsys, *args) -> tuple[int, str]:
    """Run `wst ARGS`: (exit code, everything printed); it must not raise."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def one_plain_line(printed: str) -> bool:
    lines = printed.strip().splitlines()
    return len(lines) == 1 and not any(name in printed for name in CLASS_NAMES)


def test_a_bad_setting_is_one_line_naming_it(workspace, monkeypatch, capsys):
    monkeypatch.setenv("WST_SETTLE_SECONDS", "abc")
    code, printed = said(capsys, "load")
    assert code == 2 and one_plain_line(printed) and "WST_SETTLE_SECONDS must be a number of seconds" in printed


def test_a_bad_memory_setting_is_refused_before_the_load(workspace, monkeypatch, capsys):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    monkeypatch.setenv("WST_DUCKDB_MEMORY", "lots")
    code, printed = said(capsys, "load", "--wait-for-files", "0")
    assert code == 2 and one_plain_line(printed) and "WST_DUCKDB_MEMORY must be a size" in printed
    assert not workspace.warehouse.exists()


def test_a_backup_folder_that_is_a_file_is_one_line(workspace, capsys, tmp_path):
    from wst_analytics.warehouse.connection import connect

    connect(workspace.warehouse).close()
    (tmp_path / "afile").write_text("x")
    code, printed = said(capsys, "backup", "--to", str(tmp_path / "afile"))
    assert code == 2 and one_plain_line(printed) and str(tmp_path / "afile") in printed


def test_a_missing_partner_registry_is_one_line(workspace, monkeypatch, capsys, tmp_path):
    path = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    monkeypatch.setenv("WST_PARTNERS", str(tmp_path / "nope.toml"))
    code, printed = said(capsys, "validate", str(path))
    assert code == 2 and one_plain_line(printed) and "nope.toml" in printed


def test_a_warehouse_setting_that_names_a_folder_is_one_line(workspace, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("WST_WAREHOUSE", str(tmp_path))
    code, printed = said(capsys, "report", "exceptions")
    assert code == 2 and one_plain_line(printed) and "WST_WAREHOUSE" in printed


def test_an_activity_log_that_is_a_folder_is_one_line(workspace, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("WST_ACTIVITY_LOG", str(tmp_path))
    code, printed = said(capsys, "activity", "verify")
    assert code == 2 and one_plain_line(printed) and str(tmp_path) in printed


def test_a_year_that_is_not_a_financial_year_says_what_one_is(workspace, capsys):
    with pytest.raises(SystemExit):
        main(["report", "annual", "--year", "2019"])
    printed = capsys.readouterr().err
    assert "a financial year is YYYY-YY, e.g. 2019-20" in printed and "Traceback" not in printed
