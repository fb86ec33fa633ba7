"""Backfill: months before `late_from` (registry) are history being loaded, never late."""

from datetime import date

import pytest

from tests.helpers import load_and_build, months_of
from tests.test_exceptions_rules import ONLY_POLICE, build
from wst_analytics.cli.summary import _print_load
from wst_analytics.reports.exception_data import read_exception_data
from wst_analytics.query.places import Area
from wst_analytics.reports.exception_report import build_page
from wst_analytics.warehouse.connection import connect

HEADER = b"incident_id,recorded_date,cse_marker,crime_recorded\r\n"


def registry(tmp_path, monkeypatch, extra: str = ""):
    path = tmp_path / "partners.toml"
    path.write_text(extra + ONLY_POLICE)
    monkeypatch.setenv("WST_PARTNERS", str(path))
    return path


def drop_history(workspace, skip: tuple[str, ...] = ()):
    """A year of returns whose files all arrived on one day (a first load, a copied folder)."""
    for month in months_of("2019-20"):
        if month not in skip:
            workspace.drop(f"police_incidents/wmp_{month}.csv", HEADER, received="2020-04-20T09:00:00")
    load_and_build(workspace)
    return workspace


@pytest.fixture
def history(workspace):
    return drop_history(workspace)


def late(raised):
    return [(e[1], e[4]) for e in raised if e[0] == "late_return"]


def test_without_late_from_a_history_backfill_is_all_late(history, tmp_path, monkeypatch):
    assert len(late(build(history, registry(tmp_path, monkeypatch)))) == 12


def test_with_late_from_a_history_backfill_raises_no_late_return(history, tmp_path, monkeypatch):
    assert late(build(history, registry(tmp_path, monkeypatch, 'late_from = "2020-04"\n'))) == []


def test_a_return_from_late_from_on_is_still_late(history, tmp_path, monkeypatch):
    path = registry(tmp_path, monkeypatch, 'late_from = "2020-04"\n')
    path.write_text(path.read_text() + 'late_from = "2020-01"\n')  # the partner's own wins
    assert late(build(history, path)) == [("amber", "2020-01"), ("amber", "2020-02"), ("amber", "2020-03")]


def test_a_backfill_month_never_received_is_still_missing(workspace, tmp_path, monkeypatch):
    history = drop_history(workspace, skip=("2019-07",))
    assert late(build(history, registry(tmp_path, monkeypatch, 'late_from = "2020-04"\n'))) == [("red", "2019-07")]


def test_the_summary_and_the_report_name_the_backfill(history, tmp_path, monkeypatch, capsys):
    build(history, registry(tmp_path, monkeypatch, 'late_from = "2020-01"\n'))
    con = connect(history.warehouse)
    try:
        _print_load(con, "test")
        page = build_page(read_exception_data(con, Area("partnership", "all", "")))
    finally:
        con.close()
    out = capsys.readouterr().out
    for text in (out, page):
        assert "treated as backfill" in text
        assert "West Midlands Police, police_incidents: 9 returns for April 2019 to December 2019" in text
