"""The append-only activity log of loads and exports, and the retention purge."""

import hashlib
import json
from datetime import date

from tests.conftest import VALID
from tests.helpers import drop_returns, materialize
from tests.test_cli import wst
from wst_analytics import activity
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.retention import cutoff, purge


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entries(workspace):
    path = workspace.warehouse.parent / "activity.log"
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_loads_and_exports_are_logged_with_who_when_what_and_hashes(workspace, tmp_path):
    path = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    assert wst("load").returncode == 0
    out = tmp_path / "values.csv"
    assert wst("export", "published.indicator_values", "--out", str(out)).returncode == 0
    logged = entries(workspace)
    load = next(e for e in logged if e["action"] == "load" and "police_incidents" in e["what"])
    assert load["files"] == [{"path": "police_incidents/wmp_2019-04 (version 1)",  # a label, never a name
                              "sha256": _sha256(path)}] and load["run_id"]
    export = next(e for e in logged if e["action"] == "export")
    assert export["what"] == "published.indicator_values as csv" and "@" in export["who"]
    assert {f["path"]: f["sha256"] for f in export["files"]}[str(out)] == _sha256(out)
    assert activity.verify(workspace.warehouse.parent / "activity.log") == []
    assert load["anchored"] is True and export["anchored"] is False and load["mac"] and export["mac"]


def test_changing_an_earlier_entry_breaks_the_chain(tmp_path):
    log = tmp_path / "activity.log"
    for n in range(3):
        activity.record("export", f"table {n}", path=log)
    lines = log.read_text().splitlines()
    lines[1] = lines[1].replace("table 1", "table X")
    log.write_text("\n".join(lines) + "\n")
    problems = activity.examine(log, key=None, anchors=None).problems
    assert len(problems) == 1 and problems[0].startswith("entry 3 (export at ")
    assert problems[0].endswith("does not follow the line before it: an entry was removed, changed or moved")


def test_retention_purges_old_records_and_records_that_it_did(workspace, monkeypatch):
    rows = {m: [{**VALID["police_incidents"], "incident_id": f"I{m}", "recorded_date": f"{m}-03"}]
            for m in ("2019-04", "2019-05", "2019-06")}
    drop_returns(workspace, "police_incidents", rows)
    materialize(workspace)
    con = connect(workspace.warehouse)
    try:
        removed = purge(con, years=2, today=date(2021, 5, 20), run_id="test")
    finally:
        con.close()
    assert cutoff(2, date(2021, 5, 20)) == date(2019, 5, 1)
    assert removed["history.police_incidents"] == 1
    assert workspace.query("SELECT incident_id IS NOT NULL, reporting_month::VARCHAR FROM core.police_incidents "
                           "ORDER BY 2") == [(True, "2019-05-01"), (True, "2019-06-01")]
    assert workspace.query("SELECT version_status FROM audit.return_versions WHERE reporting_month = '2019-04-01'") \
        == [("purged",)]
    assert ("history.police_incidents", 1) in workspace.query(
        "SELECT table_name, rows_removed FROM audit.retention WHERE cutoff_month = '2019-05-01'")


def test_retention_runs_with_every_load_when_set(workspace, monkeypatch):
    monkeypatch.setenv("WST_RETENTION_YEARS", "3")
    drop_returns(workspace, "police_incidents", {"2019-05": [{**VALID["police_incidents"], "recorded_date": "2019-05-02"}]})
    materialize(workspace)
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 0  # 2019 is over 3 years ago
    assert workspace.scalar("SELECT sum(rows_removed) FROM audit.retention") > 0
    purge_entry = next(e for e in entries(workspace) if e["action"] == "purge")
    assert purge_entry["n"] in activity.anchors_in(workspace.warehouse)  # written in the purge's transaction


def test_no_retention_keeps_everything(workspace, monkeypatch):
    monkeypatch.setenv("WST_RETENTION_YEARS", "0")
    drop_returns(workspace, "police_incidents", {"2019-05": [{**VALID["police_incidents"], "recorded_date": "2019-05-02"}]})
    materialize(workspace)
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 1
    assert workspace.scalar("SELECT count(*) FROM audit.retention") == 0


def test_the_next_load_after_a_purge_still_proves_its_rows_conserved(workspace):
    rows = {m: [{**VALID["police_incidents"], "incident_id": f"I{m}", "recorded_date": f"{m}-03"}]
            for m in ("2019-04", "2019-05")}
    drop_returns(workspace, "police_incidents", rows)
    materialize(workspace)
    con = connect(workspace.warehouse)
    try:
        purge(con, years=2, today=date(2021, 5, 20), run_id="test")
    finally:
        con.close()
    workspace.drop("police_incidents/wmp_2020-04.csv", [{**VALID["police_incidents"], "incident_id": "I2020",
                                                          "recorded_date": "2020-04-03"}])
    result = materialize(workspace)
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()
              if e.asset_key.path[-1] == "police_incidents"}
    assert checks["rows_conserved"] is True
