"""No leaks: the key is never logged or stored, and no raw identifier or unexpected column
reaches any table, log, Dagster's run storage, copy, report or export."""

import os
from pathlib import Path

import dagster as dg

from tests.conftest import TEST_KEY
from tests.test_cli import wst
from tests.test_no_identifiers_stored import (
    PERSONAL,
    RAW_IDENTIFIERS,
    drop_files_with_identifiers_and_personal_columns,
)


def every_file(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def test_no_key_identifier_or_personal_value_anywhere_on_disk_nor_in_dagster_s_records(workspace, tmp_path):
    drop_files_with_identifiers_and_personal_columns(workspace)
    load = wst("load")
    assert load.returncode == 0, load.stdout
    exported = tmp_path / "exports"
    for table, suffix in (("published.indicator_values", "csv"), ("published.indicator_yoy", "xlsx"),
                          ("published.indicators", "parquet")):
        assert wst("export", table, "--out", str(exported / f"{table}.{suffix}")).returncode == 0
    assert wst("report", "exceptions").returncode == 0
    written = every_file(workspace.warehouse.parent, Path(os.environ["DAGSTER_HOME"]),
                         Path(os.environ["WST_REPORTS_DIR"]), Path(os.environ["WST_COPIES_DIR"]), exported)
    assert len(written) > 10
    output = (load.stdout + load.stderr).encode()
    for needle in [TEST_KEY, *RAW_IDENTIFIERS, *PERSONAL]:
        assert needle.encode() not in output, needle
        for path in written:
            assert needle.encode() not in path.read_bytes(), (needle, path)
    instance = dg.DagsterInstance.from_config(os.environ["DAGSTER_HOME"])  # nor in Dagster's run records
    run = instance.get_runs()[0]
    records = instance.all_logs(run.run_id)
    assert records and TEST_KEY not in str(run.run_config) and all(TEST_KEY not in str(r) for r in records)
