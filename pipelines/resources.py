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
from pydantic import PrivateAttr

from wst_analytics import activity, settings
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import Registry, load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.lock import run_lock


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file (`WST_WAREHOUSE`); only loads write it, one at a time.

    A run holds the warehouse's load lock from its start to its end (the monthly load runs in
    one process, so this is once per run): a run the daemon launches while another load holds
    it waits, at most `lock_wait_seconds`, and says whom it waited for and how long. Outside a
    run (the drop-folder sensor's evaluation) it takes no lock: the sensor only reads, holding
    the lock for a moment itself (`wst_analytics.ingest.arrivals`).
    The file is encrypted with `WST_WAREHOUSE_KEY`, read from the environment whenever it is
    opened: never configuration, so never in the event log."""

    path: str = ""
    lock_wait_seconds: float = 3600

    @property
    def file(self) -> Path:
        return Path(self.path) if self.path else settings.warehouse_path()

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        if context.run is None:
            yield self
            return
        with run_lock(self.file, self.lock_wait_seconds, say=context.log.info if context.log else print):
            yield self

    _opened: tuple | None = PrivateAttr(default=None)

    def _identity(self) -> tuple | None:
        try:
            stat = self.file.stat()
        except FileNotFoundError:
            return None
        return (str(self.file), stat.st_dev, stat.st_ino)

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The warehouse for one asset. The run's first opening checks the file and makes its
        tables; the later ones, while the run holds the lock, open the same file plainly."""
        checked = self._opened is not None and self._opened == self._identity()
        con = connect(self.file, checked=checked)
        self._opened = self._identity()
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

    def activity_key(self) -> bytes:
        """The key the activity log's entries are sealed with, derived from this key."""
        return activity.log_key(settings.pseudonym_key(self.env_var))


def default_resources() -> dict[str, dg.ConfigurableResource]:
    return {"warehouse": WarehouseResource(), "drop_folder": DropFolderResource(),
            "pseudonym_key": PseudonymKeyResource()}
