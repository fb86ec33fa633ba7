"""Helpers the tests share: running the load assets in process against a workspace."""

from __future__ import annotations

import dagster as dg

from pipelines.assets.audit import data_quality_findings, unrecognised_files
from pipelines.assets.core import LOAD_ASSETS
from pipelines.assets.marts import indicator_marts, published_tables
from pipelines.resources import DropFolderResource, PseudonymKeyResource, WarehouseResource

ALL_ASSETS = [*LOAD_ASSETS, unrecognised_files, data_quality_findings, indicator_marts,
              published_tables]


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
    import hashlib
    from datetime import datetime

    from tests.conftest import PARTNER, TEST_KEY, csv_bytes
    from wst_analytics.ingest.filenames import parse_return_path
    from wst_analytics.ingest.pseudonymise import Pseudonymiser
    from wst_analytics.ingest.read_return import FileVersion, read_return
    from wst_analytics.registry import load_registry

    path = tmp_path / extract / f"{PARTNER[extract]}_{month}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if data is not None else csv_bytes(rows, header))
    file = parse_return_path(path, tmp_path, load_registry())
    content = path.read_bytes()
    version = FileVersion(file, hashlib.sha256(content).hexdigest(), len(content), datetime.now())
    return read_return(version, content, Pseudonymiser(TEST_KEY.encode()), context)
