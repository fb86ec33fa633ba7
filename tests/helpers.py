"""Helpers the tests share: running the load assets in process against a workspace."""

from __future__ import annotations

import hashlib
from datetime import datetime

import dagster as dg

from pipelines.assets import ALL_ASSETS
from pipelines.resources import (
    DropFolderResource,
    PseudonymKeyResource,
    WarehouseResource,
)
from tests.conftest import PARTNER, TEST_KEY, VALID, csv_bytes
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.offered import path_key
from wst_analytics.extracts import EXTRACTS
from wst_analytics.indicators.build import build_indicators
from wst_analytics.ingest.batch import read_return
from wst_analytics.ingest.filenames import parse_return_path
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.ingest.read_return import FileVersion
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.load import load_candidates


def resources(workspace) -> dict:
    return {"warehouse": WarehouseResource(path=str(workspace.warehouse)),
            "drop_folder": DropFolderResource(path=str(workspace.raw)),
            "pseudonym_key": PseudonymKeyResource()}


def materialize(workspace, raise_on_error: bool = True, instance=None) -> dg.ExecuteInProcessResult:
    """One monthly load of everything in the workspace's drop folder, in process."""
    return dg.materialize(ALL_ASSETS, resources=resources(workspace), instance=instance,
                          raise_on_error=raise_on_error)


def check_results(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], bool]:
    """(asset, check) -> passed, for every check evaluated in the run."""
    return {(e.asset_key.to_user_string(), e.check_name): e.passed
            for e in result.get_asset_check_evaluations()}


def read_rows(tmp_path, extract: str, rows: list[dict], month: str = "2019-04",
              header: list[str] | None = None, context=None, fmt: str = "csv", data: bytes | None = None):
    """Read rows (or raw bytes) as a partner file of `extract` through the whole reader."""
    path = tmp_path / extract / f"{PARTNER[extract]}_{month}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if data is not None else csv_bytes(rows, header))
    file = parse_return_path(path, tmp_path, load_registry())
    content = path.read_bytes()
    version = FileVersion(file, hashlib.sha256(content).hexdigest(), len(content), datetime.now())
    return read_return(version, content, Pseudonymiser(TEST_KEY.encode()), context)


def key_of(relative: str, key: str | None = None) -> str:
    """The audit's name for a path under the drop folder (`audit.file_versions.path_key`): a
    keyed hash, with the tests' key unless another is given."""
    return path_key(Pseudonymiser((key or TEST_KEY).encode()), relative)


def months_of(financial_year: str) -> list[str]:
    start = int(financial_year[:4])
    return [f"{start + (m < 4)}-{m:02d}" for m in (*range(4, 13), *range(1, 4))]


def drop_returns(workspace, extract: str, rows_by_month: dict[str, list[dict]],
                 years: tuple[str, ...] = ("2019-20",), partner: str | None = None,
                 header: list[str] | None = None) -> None:
    """A return for every month of the years (header only where a month has no rows)."""
    header = [*(header or VALID[extract]), "record_status"]
    for year in years:
        for month in months_of(year):
            rows = rows_by_month.get(month, [])
            workspace.drop(f"{extract}/{partner or PARTNER[extract]}_{month}.csv", csv_bytes(rows, header),
                           received=f"{month}-28T10:00:00")


def load_and_build(workspace) -> None:
    """Load the drop folder and build the indicator marts, with library calls (no Dagster)."""
    con, keys = connect(workspace.warehouse), Pseudonymiser(TEST_KEY.encode())
    try:
        for extract in EXTRACTS:
            candidates = new_candidates(con, workspace.raw, load_registry(), extract, pseudonymiser=keys)
            load_candidates(con, extract, candidates, keys, "test")
        build_indicators(con)
    finally:
        con.close()


def period_type(period: str) -> str:
    """A label's period type, as a test means it: `2019-20` a financial year, `2019-07` a month
    (a test meaning the month `2010-11` says so with `period_type=`)."""
    return "financial_year" if int(period[5:]) == (int(period[:4]) + 1) % 100 else "month"


def indicator(workspace, indicator_id: str, period: str = "2019-20", breakdown: str = "",
              area: tuple[str, str] = ("partnership", "wst"), kind: str | None = None) -> tuple:
    """(value, numerator, denominator) of one indicator row of a place (by default the demo's
    partnership), or None if there is no row."""
    rows = workspace.query("SELECT value, numerator, denominator FROM marts.indicator_values "
                           "WHERE area_type = ? AND area_code = ? AND indicator_id = ? AND period_type = ? "
                           "AND period = ? AND breakdown = ?",
                           [*area, indicator_id, kind or period_type(period), period, breakdown])
    return rows[0] if rows else None
