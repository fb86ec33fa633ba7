"""`wst demo --clean` removes everything the demo made, in process, on a demo's leavings laid
out by hand (a real demo's life is tests/test_demo.py's)."""

from wst_analytics.cli import main
from wst_analytics.demo_files import write_marker
from wst_analytics.warehouse.connection import connect, set_info


def lay_out_a_demo(workspace):
    """What a demo leaves: sample files, its warehouse, reports, backups, run history, log, lock."""
    sample = workspace.drop("cp_plans/cwc-cs_2019-04.csv", b"child_id\r\n")
    write_marker(workspace.raw, [sample.relative_to(workspace.raw).as_posix()])
    con = connect(workspace.warehouse)
    set_info(con, "demo", "true")
    con.close()
    folder = workspace.warehouse.parent
    made = [folder / "activity.log", folder / "wst.duckdb.lock", folder / "wst.duckdb.replaced-20261201T231852Z",
            folder / "backups" / "wst-20261201T231851Z.duckdb", folder / "backups" / "wst-20261201T231851Z.json",
            workspace.root / "reports" / "exceptions" / "exceptions-wst-2020-03.html",
            workspace.root / "reports" / "exceptions" / "exceptions-wst-2020-03.xlsx",
            workspace.root / "reports" / "annual-2019-20.html", workspace.root / ".dagster" / "runs.db"]
    for path in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"demo")
    return made


def test_clean_removes_reports_run_history_activity_log_backups_and_lock(workspace, monkeypatch, capsys):
    monkeypatch.setenv("WST_HOME", str(workspace.root))
    monkeypatch.delenv("DAGSTER_HOME")
    made = lay_out_a_demo(workspace)
    assert main(["demo", "--clean"]) == 0
    assert [p for p in made if p.exists()] == [] and not workspace.warehouse.exists()
    assert not (workspace.root / ".dagster").exists() and not (workspace.root / "reports").exists()
    assert "its run history" in capsys.readouterr().out


def test_clean_leaves_a_run_history_kept_elsewhere(workspace, monkeypatch, capsys):
    monkeypatch.setenv("WST_HOME", str(workspace.root))
    (workspace.root / "dagster_home").mkdir()
    lay_out_a_demo(workspace)
    assert main(["demo", "--clean"]) == 0
    assert (workspace.root / "dagster_home").is_dir()
    assert "not the run history in" in capsys.readouterr().out
