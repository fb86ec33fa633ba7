"""`wst ui`: the Dagster UI (`dagster dev`) on this project, with its run history."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from wst_analytics import settings
from wst_analytics.cli.demo import is_demo_warehouse
from wst_analytics.warehouse.health import WarehouseBusy, check_warehouse


def register(commands) -> None:
    command = commands.add_parser(
        "ui", help="open the Dagster UI: assets, runs, checks, schedule and sensor",
        description="Start `dagster dev` on the project's definitions, with DAGSTER_HOME set so "
                    "the UI shows every run of `wst load` and `wst demo`. Extra arguments go to "
                    "dagster dev (e.g. `wst ui -p 3001`).")
    command.set_defaults(run=run)


def run(args) -> int:
    home = settings.ensure_dagster_home()
    warehouse = settings.warehouse_path()
    try:
        check_warehouse(warehouse)  # a damaged warehouse is refused before the UI starts
    except WarehouseBusy:
        pass  # a load is running: the UI shows it
    if not os.environ.get("WST_PSEUDONYM_KEY") and warehouse.exists() and is_demo_warehouse(warehouse):
        os.environ["WST_PSEUDONYM_KEY"] = settings.DEMO_PSEUDONYM_KEY
        print("The warehouse holds the demo's sample data: loads started from the UI use the "
              "demo's throwaway key.")
    dagster = Path(sys.executable).parent / "dagster"
    command = [str(dagster), "dev", "-m", "pipelines.definitions", *args.extra]
    print(f"Dagster UI with run history in {home} (Ctrl-C to stop)")
    os.chdir(settings.project_dir())
    os.execv(command[0], command)
    return 0  # not reached
