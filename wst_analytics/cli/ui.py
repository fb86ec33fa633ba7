"""`wst ui`: the Dagster UI (`dagster dev`) on this project, with its run history."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from wst_analytics import settings
from wst_analytics.cli.demo import is_demo_warehouse
from wst_analytics.cli.notices import drop_folder_empty, drop_folder_missing, warehouse_missing
from wst_analytics.keys import use_demo_keys
from wst_analytics.warehouse.health import WarehouseBusy, check_warehouse


def register(commands) -> None:
    command = commands.add_parser(
        "ui", help="open the Dagster UI: assets, runs, checks, schedule and sensor",
        description="Start `dagster dev` on the project's definitions, with DAGSTER_HOME set so "
                    "the UI shows every run of `wst load` and `wst demo`. Extra arguments go to "
                    "dagster dev.")
    command.add_argument("--host", help="the address to serve the UI on (dagster dev's default: 127.0.0.1)")
    command.add_argument("--port", type=int, help="the port to serve the UI on (dagster dev's default: 3000)")
    command.set_defaults(run=run)


def dagster_command(args) -> list[str]:
    """`dagster dev` on the project's definitions, with --host/--port and any extra arguments."""
    dagster = Path(sys.executable).parent / "dagster"
    chosen = [*(["--host", args.host] if args.host else []), *(["--port", str(args.port)] if args.port else [])]
    return [str(dagster), "dev", "-m", "pipelines.definitions", *chosen, *args.extra]


def run(args) -> int:
    home = settings.ensure_dagster_home()
    warehouse = settings.warehouse_path()
    try:  # a damaged warehouse, or one the key does not open, is refused before the UI starts
        if warehouse.exists() and is_demo_warehouse(warehouse):
            if use_demo_keys():
                print("The warehouse holds the demo's sample data: loads started from the UI use the "
                      "demo's throwaway keys for those not set.")
        else:
            check_warehouse(warehouse)
    except WarehouseBusy:
        pass  # a load is running: the UI shows it
    for notice in (warehouse_missing(), drop_folder_missing(settings.raw_dir()), drop_folder_empty(settings.raw_dir())):
        if notice:
            print(notice[0].upper() + notice[1:] + ("" if notice.endswith(".") else "."))
    command = dagster_command(args)
    print(f"Dagster UI with run history in {home} (Ctrl-C to stop)")
    os.chdir(settings.project_dir())
    os.execv(command[0], command)
    return 0  # not reached
