"""`wst demo` end to end, as a new user runs it, and its refusal to touch real data."""

from tests.helpers import key_of
from tests.test_cli import wst


def test_demo_refuses_a_drop_folder_with_real_files(workspace):
    workspace.drop("cp_plans/cwc-cs_2019-04.csv", b"child_id\r\n")
    done = wst("demo")
    assert done.returncode == 2 and "refusing" in done.stdout
    assert (workspace.raw / "cp_plans/cwc-cs_2019-04.csv").exists()
    assert not workspace.warehouse.exists()


def test_the_demo_runs_end_to_end_and_cleans_up_only_what_it_made(workspace, monkeypatch):
    """One demo's life, as a new user lives it: it runs end to end and says where to look; a
    real file dropped beside it is never deleted nor loaded with the demo key; a second demo
    starts afresh; --clean then removes exactly what the demo made."""
    from wst_analytics import settings

    monkeypatch.delenv("WST_PSEUDONYM_KEY")
    (workspace.raw / "README.md").write_text("the drop folder")
    done = wst("demo")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "THROWAWAY key" in done.stdout and "Where to look" in done.stdout
    assert workspace.scalar("SELECT count(*) FROM core.adult_concerns") > 4000
    assert workspace.scalar("SELECT value FROM audit.warehouse_info WHERE name = 'demo'") == "true"
    real = workspace.drop("police_incidents/wmp_2020-04.csv", b"incident_id,recorded_date,cse_marker,"
                          b"crime_recorded\r\nREAL1,2020-04-02,N,N\r\n", received="2020-05-05T10:00:00")
    refused = wst("demo", "--clean")
    assert refused.returncode == 2 and "holds 1 file(s) the demo did not write" in refused.stdout
    assert "wmp_2020-04" not in refused.stdout  # counted, never named
    assert real.exists()
    loaded = wst("load", env={"WST_PSEUDONYM_KEY": settings.DEMO_PSEUDONYM_KEY})
    assert loaded.returncode == 2 and "public throwaway key" in loaded.stdout  # refused before it starts
    assert "wmp_2020-04" not in loaded.stdout
    assert workspace.scalar("SELECT count(*) FROM audit.file_versions WHERE path_key = ?",
                            [key_of("police_incidents/wmp_2020-04.csv", settings.DEMO_PSEUDONYM_KEY)]) == 0
    real.unlink()
    assert wst("demo").returncode == 0  # a second demo starts afresh
    done = wst("demo", "--clean")
    assert done.returncode == 0
    assert [p.name for p in workspace.raw.iterdir()] == ["README.md"]
    assert not workspace.warehouse.exists()
    assert not (workspace.warehouse.parent / "activity.log").exists()  # the demo's own log went with it
