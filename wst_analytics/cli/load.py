"""`wst load`: load everything new in the drop folder, in process, with progress shown.

Files still being written are waited for first (`drop_folder`: at most `--wait-for-files`
seconds, saying which), then the load lock is taken (refusing, or waiting `--wait` seconds, for
a load already running, saying whom it waited for and how long)."""

from __future__ import annotations

import duckdb

from wst_analytics import settings
from wst_analytics.cli.notices import drop_folder_empty, drop_folder_missing
from wst_analytics.cli.run import explain, run_monthly_load
from wst_analytics.cli.summary import print_run_summary
from wst_analytics.cli.waiting import wait_for_files
from wst_analytics.demo_files import DemoKeyRefused, guard_demo_key, key_mismatch
from wst_analytics.ingest.drop_folder import WAIT_FOR_FILES, settle_seconds
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.keys import copy_key, is_demo_key, warehouse_key
from wst_analytics.registry import load_registry
from wst_analytics.registry_checks import RegistryError
from wst_analytics.warehouse.backup_folder import keep
from wst_analytics.warehouse.connection import info
from wst_analytics.warehouse.encrypted import KeyRefused
from wst_analytics.warehouse.health import WarehouseBusy, WarehouseDamaged, open_checked
from wst_analytics.warehouse.lock import LoadInProgress, load_lock


def register(commands) -> None:
    command = commands.add_parser(
        "load", help="load every new file in the drop folder into the warehouse",
        description="Load every new file version in WST_RAW_DIR (default raw/) into the "
                    "warehouse WST_WAREHOUSE through the Dagster load assets, in this process. "
                    "Requires WST_PSEUDONYM_KEY, WST_WAREHOUSE_KEY and WST_COPY_KEY.")
    command.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                         help="if another load is running, wait up to this long for it (default: refuse)")
    command.add_argument("--wait-for-files", type=float, default=WAIT_FOR_FILES, metavar="SECONDS",
                         help="wait up to this long for files still being written to settle (unchanged "
                              f"for WST_SETTLE_SECONDS, default 30); default {WAIT_FOR_FILES}, 0 leaves them "
                              "for the next load")
    command.set_defaults(run=run)


def say(message: str) -> None:
    print(message, flush=True)


def preflight() -> str | None:
    """Why a load cannot start (no key or a weak one, the demo's key on real files, a registry
    it cannot use, a damaged, busy or unwritable warehouse, or not this warehouse's key),
    before Dagster runs."""
    try:
        pseudonymiser = Pseudonymiser(settings.pseudonym_key())
        warehouse_key(), copy_key()
        for variable in ("WST_WAREHOUSE_KEY", "WST_COPY_KEY"):
            guard_demo_key(is_demo_key(variable), settings.raw_dir(), variable)
        load_registry()  # a registry it cannot use is refused now, not by every asset
        guard_demo_key(pseudonymiser.uses_key(settings.DEMO_PSEUDONYM_KEY.encode()), settings.raw_dir())
    except (settings.MissingKeyError, RegistryError, DemoKeyRefused) as error:
        return str(error)
    path = settings.warehouse_path()
    if not path.exists():
        return None
    try:
        con = open_checked(path)  # can it be written? (only loads ever write it)
    except (WarehouseDamaged, WarehouseBusy, KeyRefused) as error:
        return str(error)
    except duckdb.IOException as error:
        return explain(str(error))
    try:
        expected = info(con, "key_check")
    except duckdb.CatalogException:
        expected = None
    finally:
        con.close()
    if expected is not None and expected != pseudonymiser.key_check():
        return key_mismatch(expected, pseudonymiser)
    return None


def run(args) -> int:
    try:
        settings.pseudonym_key(), warehouse_key(), copy_key()  # all three, before anything is read
    except settings.MissingKeyError as error:
        print(f"wst load: {error}")
        return 2
    settings.duckdb_memory_limit(), keep(), settle_seconds()  # a bad setting: one line now, not a failed step
    missing = drop_folder_missing(settings.raw_dir())
    if missing:
        print(f"wst load: {missing}")
        return 2
    empty = drop_folder_empty(settings.raw_dir())
    if empty:
        print(empty)
    wait_for_files(settings.raw_dir(), load_registry(), args.wait_for_files, say)
    try:
        with load_lock(settings.warehouse_path(), args.wait, say=say):
            problem = preflight()
            if problem:
                print(f"wst load: {problem}")
                return 2
            print(f"Loading new files from {settings.raw_dir()} into {settings.warehouse_path()}")
            outcome = run_monthly_load()
            print_run_summary(outcome)
    except LoadInProgress as error:
        print(f"wst load: refusing: {error}")
        return 3
    return 0 if outcome.success else 1
