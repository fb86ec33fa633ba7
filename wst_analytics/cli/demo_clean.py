"""`wst demo --clean`: remove everything the demo made, and only that (`demo.refusal` has
checked that the drop folder and the warehouse are the demo's): its sample files, its
warehouse and the copies published from it, the reports written from it, its backups and
replaced files, the load lock, and, where they are the project's own (their setting unset: a
log or run history kept elsewhere is not the demo's), the activity log and Dagster's run history.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from wst_analytics import settings
from wst_analytics.copies import COPIES, MANIFEST, copies_dir, copy_path
from wst_analytics.demo_files import MARKER, demo_files
from wst_analytics.warehouse.backup_folder import backups_dir
from wst_analytics.warehouse.lock import lock_path

REPORTS = ("exceptions/exceptions-*.html", "exceptions/exceptions-*.xlsx", "annual-*.html")


def _sample_files(raw: Path) -> None:
    for relative in demo_files(raw):
        (raw / relative).unlink(missing_ok=True)
    for folder in sorted((p for p in raw.glob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    (raw / MARKER).unlink(missing_ok=True)


def _reports() -> None:
    """The reports the demo's warehouse gave (the exception reports, the annual report's pages)."""
    reports = settings.reports_dir()
    for pattern in REPORTS:
        for path in reports.glob(pattern):
            path.unlink(missing_ok=True)
    for folder in (reports / "exceptions", reports):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def _backups(warehouse: Path) -> None:
    """The backups taken of the demo's warehouse, when they are kept beside it (the default)."""
    if os.environ.get("WST_BACKUPS"):
        return
    folder = backups_dir(warehouse)
    for path in (*folder.glob(f"{warehouse.stem}-*.duckdb"), *folder.glob(f"{warehouse.stem}-*.json")):
        path.unlink(missing_ok=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def run_history() -> Path | None:
    """The project's own `.dagster/`, when it is the run history in use (DAGSTER_HOME unset or it)."""
    own = (settings.project_dir() / ".dagster").resolve()
    chosen = os.environ.get("DAGSTER_HOME")
    return own if not chosen or Path(chosen).resolve() == own else None


def clean(raw: Path, warehouse: Path) -> None:
    """Remove what the demo made (the module's docstring); the caller holds the load lock."""
    _sample_files(raw)
    copies = copies_dir(warehouse)
    own_log = [] if os.environ.get("WST_ACTIVITY_LOG") else [warehouse.parent / "activity.log"]
    for path in (warehouse, warehouse.with_name(warehouse.name + ".wal"), copies / MANIFEST,
                 *(copy_path(kind, copies) for kind in COPIES), *own_log,
                 *warehouse.parent.glob(f"{warehouse.name}.replaced-*")):
        path.unlink(missing_ok=True)
    _reports()
    _backups(warehouse)


def clean_all(raw: Path, warehouse: Path) -> None:
    """`--clean`: what `clean` removes, then the run history and the lock (held until now)."""
    clean(raw, warehouse)
    history = run_history()
    if history is not None and history.is_dir():
        shutil.rmtree(history)
    lock_path(warehouse).unlink(missing_ok=True)
