"""Dagster resources: the warehouse file, the drop folder, the partner registry and the key.

Each reads its location from the environment (see `wst_analytics.settings`) unless a path is
given, so tests point them at `tmp_path` and deployments at their own folders.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from wst_analytics import settings
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import Registry, load_registry
from wst_analytics.warehouse.connection import connect


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file (`WST_WAREHOUSE`); only loads write it, one at a time."""

    path: str = ""

    @property
    def file(self) -> Path:
        return Path(self.path) if self.path else settings.warehouse_path()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect(self.file)
        try:
            yield con
        finally:
            con.close()


class DropFolderResource(dg.ConfigurableResource):
    """The drop folder partners' files land in (`WST_RAW_DIR`), and the partner registry."""

    path: str = ""
    registry_path: str = ""

    @property
    def folder(self) -> Path:
        return Path(self.path) if self.path else settings.raw_dir()

    def registry(self) -> Registry:
        return load_registry(Path(self.registry_path) if self.registry_path else None)


class PseudonymKeyResource(dg.ConfigurableResource):
    """Names the environment variable that holds the pseudonymisation key.

    The key is read from the environment when a load runs; it never passes through Dagster's
    run configuration, so it never reaches the event log or the UI.
    """

    env_var: str = "WST_PSEUDONYM_KEY"

    def pseudonymiser(self) -> Pseudonymiser:
        return Pseudonymiser(settings.pseudonym_key(self.env_var))


def default_resources() -> dict[str, dg.ConfigurableResource]:
    return {"warehouse": WarehouseResource(), "drop_folder": DropFolderResource(),
            "pseudonym_key": PseudonymKeyResource()}
