"""Every output per place, on two LAs and a partnership of both loaded through every asset
(tests/two_places.py): the exception report (`wst report exceptions --area`), exports
(`wst export --area`) and the query library (`area=`). The `wst` commands run in process
(`cli.main`, as the `wst` script does), to keep the tests fast."""

import duckdb
import fastexcel
import polars as pl
import pytest

import wst_analytics.query as q
from tests.two_places import PARTNERSHIP, WALSALL, WOLVERHAMPTON, run, two_places_loaded  # noqa: F401
from tests.conftest import open_db

INCIDENTS = "police_child_abuse_incidents"


@pytest.fixture
def con(two_places_loaded):
    con = q.open_latest(directory=two_places_loaded[0].warehouse.parent / "published")
    yield con
    con.close()


@pytest.fixture
def report(two_places_loaded):
    con = q.open_latest("report", directory=two_places_loaded[0].warehouse.parent / "published")
    yield con
    con.close()


def test_the_pipeline_writes_every_partnerships_report(two_places_loaded):
    space, _ = two_places_loaded
    assert sorted(p.name for p in (space.root / "reports" / "exceptions").iterdir()) == [
        "exceptions-bc-2020-03.html", "exceptions-bc-2020-03.xlsx"]


def test_the_report_for_an_la_names_it_and_holds_its_exceptions_only(two_places_loaded, run, tmp_path):
    space, _ = two_places_loaded
    code, printed = run("report", "exceptions", "--area", WALSALL, "--out-dir", str(tmp_path))
    assert code == 0, printed
    page = (tmp_path / f"exceptions-{WALSALL}-2020-03.html").read_text()
    assert "Exception report: Walsall, March 2020" in page and "in the partnership Black Country (bc)" in page
    assert "Wolverhampton training team" not in page and "wst_2019-10.csv" not in page  # not Walsall's
    book = fastexcel.read_excel((tmp_path / f"exceptions-{WALSALL}-2020-03.xlsx").read_bytes())
    sheet = book.load_sheet("Exceptions", header_row=0).to_polars()
    table = space.query("SELECT message FROM marts.exceptions WHERE area_code = ?", [WALSALL])
    assert sorted(sheet["message"].to_list()) == sorted(m for m, in table) and table


def test_the_report_defaults_to_the_partnership(two_places_loaded, run, tmp_path):
    code, printed = run("report", "exceptions", "--out-dir", str(tmp_path))
    assert code == 0, printed
    page = (tmp_path / "exceptions-bc-2020-03.html").read_text()
    assert "Black Country (partnership bc), its local authorities: Walsall (E08000030), Wolverhampton" in page


def test_an_unknown_area_is_one_line_naming_the_known_ones(two_places_loaded, run, tmp_path):
    code, printed = run("report", "exceptions", "--area", "E08000999", "--out-dir", str(tmp_path))
    assert code == 2 and len(printed.strip().splitlines()) == 1
    assert all(name in printed for name in ("'E08000999'", "bc (Black Country)", WALSALL, WOLVERHAMPTON))
    assert not list(tmp_path.iterdir())


def test_an_export_for_one_area_has_only_its_rows(two_places_loaded, run, tmp_path):
    code, printed = run("export", "published.indicator_values", "--area", WALSALL,
                        "--out", str(tmp_path / "walsall.csv"))
    assert code == 0 and "for local authority E08000030" in printed, printed
    frame = pl.read_csv(tmp_path / "walsall.csv", infer_schema=False)
    assert set(frame["area_code"]) == {WALSALL} and set(frame["area_type"]) == {"local_authority"}
    assert "local authority E08000030" in (tmp_path / "walsall-notes.txt").read_text()


def test_an_export_without_an_area_has_every_place(two_places_loaded, run, tmp_path):
    out = tmp_path / "yoy.parquet"
    assert run("export", "published.indicator_yoy", "--out", str(out))[0] == 0
    frame = pl.read_parquet(out)
    assert frame.columns[:3] == ["indicator_id", "area_type", "area_code"]
    assert set(frame["area_code"]) == {WALSALL, WOLVERHAMPTON, PARTNERSHIP}


def test_an_export_refuses_an_unknown_area_or_a_table_not_by_place(two_places_loaded, run, tmp_path):
    code, printed = run("export", "published.indicator_values", "--area", "xx", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "no place 'xx'" in printed and WALSALL in printed
    code, printed = run("export", "published.indicators", "--area", WALSALL, "--out", str(tmp_path / "y.csv"))
    assert code == 2 and "not by place" in printed
    assert not list(tmp_path.iterdir())


def test_the_query_library_lists_the_places(con, report):
    assert q.areas(con).select("area_type", "area_code", "name").rows() == [
        ("partnership", PARTNERSHIP, "Black Country"), ("local_authority", WALSALL, "Walsall"),
        ("local_authority", WOLVERHAMPTON, "Wolverhampton")]
    assert q.areas(report)["area_code"].to_list() == [PARTNERSHIP, WALSALL, WOLVERHAMPTON]


def test_indicators_default_to_the_partnership_and_take_an_area(con):
    default = q.indicator(con, INCIDENTS, periods="2019-20")
    assert default.select("area_type", "area_code", "value").rows() == [("partnership", PARTNERSHIP, 299.0)]
    assert q.indicator(con, INCIDENTS, periods="2019-20", area=WALSALL)["value"].to_list() == [120.0]
    both = q.yoy(con, INCIDENTS, years="2019-20", area=[WOLVERHAMPTON, WALSALL])
    assert both.select("area_code", "previous_value", "value").rows() == [
        (WALSALL, 120.0, 120.0), (WOLVERHAMPTON, 120.0, 179.0)]
    assert q.latest_year(con, area=WALSALL) == "2019-20"


def test_the_monthly_series_spc_and_chart_are_the_areas_own(con):
    series = q.monthly(con, INCIDENTS, area=WOLVERHAMPTON)
    assert series.height == 24 and set(series["area_code"]) == {WOLVERHAMPTON} and series["value"].max() == 30
    limits = q.spc(con, INCIDENTS, area=WALSALL)
    assert limits.height == 24 and set(limits["area_code"]) == {WALSALL}
    figure = q.chart(con, INCIDENTS, year="2019-20", area=WALSALL)
    assert "Walsall" in figure.layout.title.text and max(figure.data[1].y) == 11


def test_published_figures_per_area_on_the_report_copy(report):
    frame = q.indicator(report, INCIDENTS, periods="2019-20", area=WOLVERHAMPTON)
    assert frame.select("area_code", "value_text").rows() == [(WOLVERHAMPTON, "179")]
    assert q.indicator(report, INCIDENTS, periods="2019-20")["area_code"].to_list() == [PARTNERSHIP]


def test_an_unknown_area_names_the_known_ones(con):
    with pytest.raises(q.UnknownArea, match=f"no place 'E08000999'.*bc.*{WALSALL}"):
        q.indicator(con, INCIDENTS, area="E08000999")


def test_with_several_partnerships_there_is_no_default():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    con.execute("CREATE TABLE marts.areas AS SELECT * FROM (VALUES ('partnership', 'bc', 'Black Country', NULL), "
                "('partnership', 'wst', 'Wolverhampton', NULL)) AS t(area_type, area_code, name, region_code)")
    with pytest.raises(q.UnknownArea, match="there are 2 partnerships: say which place"):
        q.choose_area(con)
    assert q.choose_area(con, "WST").area_code == "wst"


def test_the_load_summary_gives_each_partnerships_exceptions(two_places_loaded, capsys):
    from wst_analytics.cli.summary import _print_load

    space, _ = two_places_loaded
    con = open_db(space.warehouse)
    try:
        _print_load(con, con.execute("SELECT max(load_id) FROM audit.file_versions").fetchall()[0][0])
    finally:
        con.close()
    red, amber = space.query("SELECT count(*) FILTER (severity = 'red'), count(*) FILTER (severity = 'amber') "
                             "FROM marts.exceptions WHERE area_code = ?", [PARTNERSHIP])[0]
    assert red and f"Black Country (bc): {red} red, {amber} amber" in capsys.readouterr().out
