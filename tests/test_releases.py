"""Releases and revisions on a real load: the demo's warehouse (a copy of the session's sample),
released for 2018-19, then a late correction to a 2018-19 return loaded. Released outputs are
written before and after the correction (the module fixture); the tests only read them."""

import re
import shutil
from datetime import date

import duckdb
import pytest

from tests.conftest import open_db, Workspace, pointed_at
from tests.helpers import materialize
from wst_analytics.cli import main
from wst_analytics.releases.create import ReleaseRefused
from wst_analytics.releases.decisions import allow_purge
from wst_analytics.releases.frozen import find_release, frozen_tables, release_names
from wst_analytics.warehouse.backup_folder import backups_dir, list_backups
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.restore import restore
from wst_analytics.warehouse.retention import purge


def released_outputs(folder) -> None:
    """Release y2018's values as CSV and XLSX, and its annual report, into `folder`."""
    folder.mkdir()
    for name in ("values.csv", "values.xlsx"):
        assert main(["export", "published.indicator_values", "--release", "y2018", "--out", str(folder / name)]) == 0
    assert main(["report", "annual", "--year", "2018-19", "--release", "y2018", "--out", str(folder / "annual.html")]) == 0


def withdraw_an_attendance(path) -> None:
    """A late correction: the partner sends the month again without one attended booking."""
    lines = path.read_bytes().splitlines(keepends=True)
    last = max(n for n, line in enumerate(lines) if b",ATTENDED," in line)
    path.write_bytes(b"".join(lines[:last] + lines[last + 1:]))


@pytest.fixture(scope="module")
def released(sample_warehouse, tmp_path_factory):
    template = sample_warehouse[0]
    space = Workspace(tmp_path_factory.mktemp("releases"))
    shutil.copytree(template.root, space.root, dirs_exist_ok=True, copy_function=shutil.copy2,
                    ignore=shutil.ignore_patterns("dh", "backups"))
    with pointed_at(space):
        assert main(["backup"]) == 0  # taken before the release: restoring it would drop the release
        assert main(["release", "create", "y2018", "--period", "2018-19"]) == 0
        released_outputs(space.root / "before")
        withdraw_an_attendance(space.raw / "training_attendance/wst_2018-06.csv")
        materialize(space)
        released_outputs(space.root / "after")
        assert main(["report", "annual", "--year", "2018-19", "--out", str(space.root / "live.html")]) == 0
    return space


def copy_of(space: Workspace, tmp_path):
    """A copy of the module's warehouse, for a test that changes it."""
    return shutil.copy2(space.warehouse, tmp_path / "wst.duckdb")


def report_copy(space: Workspace, sql: str) -> list[tuple]:
    with open_db(space.warehouse.parent / "published" / "report.duckdb") as con:
        return con.execute(sql).fetchall()


def test_figures_of_a_year_not_released_are_provisional_and_released_ones_unmarked(released):
    marks = dict(report_copy(released, "SELECT period, list(DISTINCT revision) FROM published.indicator_values "
                                       "WHERE period_type = 'financial_year' GROUP BY period"))
    assert marks["2019-20"] == ["p"] and set(marks["2018-19"]) <= {None, "r"}


def test_a_late_correction_after_a_release_shows_r(released):
    revised = report_copy(released, "SELECT indicator_id, period FROM published.indicator_values "
                                    "WHERE revision = 'r' AND area_type = 'partnership'")
    assert {("training_attended", "2018-19"), ("training_attended", "2018-06")} <= set(revised)
    assert {period for _, period in revised} <= {"2018-19", "2018-06"}  # only what the correction touched


def test_the_diff_names_the_file_version_that_changed_each_figure(released, capsys):
    with pointed_at(released):
        assert main(["release", "diff", "y2018"]) == 0
    line = next(row for row in capsys.readouterr().out.splitlines() if "training_attended " in row and "partnership wst  financial_year" in row)
    assert "released " in line and "caused by: training_attendance/wst_2018-06 (version 2) (received " in line


def test_a_release_re_exported_after_further_loads_is_byte_identical_with_p_and_r_explained(released):
    for name in ("values.csv", "values-notes.txt", "values.xlsx", "annual.html"):
        assert (released.root / "before" / name).read_bytes() == (released.root / "after" / name).read_bytes(), name
    notes = (released.root / "after" / "values-notes.txt").read_text()
    assert "Release: y2018" in notes and "p  provisional: a figure of a period not yet released" in notes
    header = (released.root / "after" / "values.csv").read_text().splitlines()[0].split(",")
    assert header[header.index("symbol") + 1] == "revision" and "r  revised: " in notes


def test_a_release_changed_in_any_byte_is_refused(released, tmp_path):
    with open_db(copy_of(released, tmp_path), read_only=False) as con:
        con.execute("UPDATE releases.tables SET sha256 = sha256(content || 'x'::BLOB), "
                    "content = content || 'x'::BLOB WHERE table_name = 'notes'")
        with pytest.raises(ReleaseRefused, match="does not match its content hash"):
            frozen_tables(con, find_release(con, "y2018"))


def test_the_latest_report_marks_revised_figures_and_says_which_year_is_provisional(released, tmp_path):
    live, frozen = (released.root / "live.html").read_text(), (released.root / "after" / "annual.html").read_text()
    assert "figures have been revised since they were released (r, shown beside them)" in live
    assert "Figures for 2018-19 are provisional" not in live
    assert "The figures of release y2018, as released." in frozen and "revised since" not in frozen
    assert re.search(r'<td class="number">[\d,]+ r</td>', live) and not re.search(r'[\d,]+ r</td>', frozen)
    with pointed_at(released):
        assert main(["report", "annual", "--year", "2019-20", "--out", str(tmp_path / "p.html")]) == 0
    assert "Figures for 2019-20 are provisional (p): not yet released" in (tmp_path / "p.html").read_text()
    assert "r  revised: the figure has changed since it was first released" in live  # the notes


def test_a_release_name_is_used_once_and_listed_with_who_when_hash_and_cells(released, capsys):
    with pointed_at(released):
        assert main(["release", "create", "y2018", "--period", "2019-20"]) == 2
        assert "a release named y2018 exists" in capsys.readouterr().out
        assert main(["release", "list"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.split()[:2] == ["y2018", "2018-19"] and "sha256 " in line and " cells" in line


def test_retention_refuses_to_purge_the_returns_a_release_rests_on_until_a_decision(released, tmp_path):
    con = connect(copy_of(released, tmp_path))
    try:
        removed = purge(con, years=1, today=date(2020, 6, 1), run_id="test")  # before 2019-06
        assert removed["history.training_attendance"] == 0
        assert con.execute("SELECT rows_kept_for_releases FROM audit.retention "
                           "WHERE table_name = 'history.training_attendance'").fetchall()[0][0] > 0
        assert con.execute("SELECT count(*) FROM core.training_attendance "
                           "WHERE reporting_month = '2018-06-01'").fetchall()[0][0] > 0
        allow_purge(con, "y2018", who="test")
        removed = purge(con, years=1, today=date(2020, 6, 1), run_id="test")
        assert removed["history.training_attendance"] > 0
        assert con.execute("SELECT count(*) FROM core.training_attendance "
                           "WHERE reporting_month < '2019-06-01'").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM releases.tables WHERE release_name = 'y2018'").fetchall()[0][0] > 0
    finally:
        con.close()


def test_restore_refuses_a_backup_that_would_drop_a_release_unless_decided(released, capsys, tmp_path):
    before = min(list_backups(backups_dir(released.warehouse)), key=lambda b: b.taken_at)
    with pointed_at(released):
        assert main(["restore", str(before.path)]) == 2
    assert "holds release y2018, made after this backup" in capsys.readouterr().out
    restore(before, copy := copy_of(released, tmp_path), drop_releases=True)
    assert release_names(copy) == set()
