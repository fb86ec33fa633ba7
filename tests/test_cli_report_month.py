"""`wst report exceptions --month` and what an empty or missing warehouse's report says, in
process, on the comparators' warehouse (read only) and on empty workspaces."""

import pytest

from tests.conftest import settings_for, open_db
from wst_analytics.cli import main


@pytest.fixture
def on_comparators(comparator_warehouse, monkeypatch, capsys, tmp_path):
    """`wst ARGS` on the comparators' warehouse, writing reports in tmp_path: (code, printed)."""
    monkeypatch.delenv("WST_COPIES_DIR", raising=False)
    for name, value in settings_for(comparator_warehouse).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("WST_PARTNERS", str(comparator_warehouse.root / "partners.toml"))
    monkeypatch.setenv("WST_ACTIVITY_LOG", str(tmp_path / "activity.log"))

    def wst(*args):
        capsys.readouterr()
        code = main([*args, "--out-dir", str(tmp_path)])
        return code, capsys.readouterr().out
    return wst


def test_the_latest_month_is_written(on_comparators, tmp_path):
    code, printed = on_comparators("report", "exceptions", "--month", "2020-03", "--area", "wst")
    assert code == 0, printed
    assert (tmp_path / "exceptions-wst-2020-03.html").exists()


def test_a_later_month_says_to_load_its_returns(on_comparators, tmp_path):
    code, printed = on_comparators("report", "exceptions", "--month", "2020-07")
    assert code == 2 and len(printed.strip().splitlines()) == 1
    assert "no returns for 2020-07 have been received (the latest month they cover is 2020-03)" in printed
    assert not list(tmp_path.glob("*.html"))


def test_an_earlier_month_not_kept_is_rebuilt_as_at_then(on_comparators, tmp_path):
    code, printed = on_comparators("report", "exceptions", "--month", "2019-05", "--area", "wst")
    assert code == 0, printed
    page = (tmp_path / "exceptions-wst-2019-05.html").read_text(encoding="utf-8")
    assert "Exception report: " in page and ", May 2019</" in page and "as at May 2019" in page


def test_an_earlier_month_kept_says_where_it_is(on_comparators, tmp_path):
    (tmp_path / "exceptions-wst-2019-05.html").write_text("kept")
    code, printed = on_comparators("report", "exceptions", "--month", "2019-05", "--area", "wst")
    assert code == 2 and "was written when it was the latest month" in printed
    assert (tmp_path / "exceptions-wst-2019-05.html").read_text() == "kept"


def test_a_month_that_is_not_one_is_one_error_without_a_traceback(on_comparators, capsys):
    with pytest.raises(SystemExit) as exited:
        on_comparators("report", "exceptions", "--month", "2020-13")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "a month is YYYY-MM, e.g. 2019-04" in err and "Traceback" not in err


def test_no_warehouse_says_what_to_do(workspace, capsys):
    assert main(["report", "exceptions"]) == 2
    printed = capsys.readouterr().out
    assert "there is no warehouse yet" in printed and "run `wst load`" in printed


def test_an_empty_warehouse_report_says_nothing_has_been_received(comparator_warehouse, on_comparators):
    """The page as an empty warehouse's marts give it: as at no month, no exceptions."""
    from dataclasses import replace

    from wst_analytics.query.places import choose_area
    from wst_analytics.reports.exception_data import open_marts, read_exception_data
    from wst_analytics.reports.exception_report import build_page

    con = open_marts(comparator_warehouse.warehouse)
    try:
        data = read_exception_data(con, choose_area(con, "wst"))
    finally:
        con.close()
    page = build_page(replace(data, as_at=None, exceptions=data.exceptions.clear()))
    assert "Nothing has been received yet" in page and "No exceptions this month" not in page

def test_the_load_summary_names_each_partnerships_report_file(comparator_warehouse, on_comparators, capsys):
    import duckdb

    from wst_analytics.cli.summary import _print_load

    con = open_db(comparator_warehouse.warehouse)
    try:
        _print_load(con, con.execute("SELECT max(load_id) FROM audit.file_versions").fetchall()[0][0])
    finally:
        con.close()
    page = comparator_warehouse.root / "reports" / "exceptions" / "exceptions-bc-2020-03.html"
    assert f"amber: {page} (and .xlsx)" in capsys.readouterr().out
