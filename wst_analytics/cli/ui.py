"""`wst ui`: the Dagster UI on this project (its code location `wst_analytics`), with its run
history: Dagster's local services as `dg dev` starts them (`pipelines/dev.py`), run from DAGSTER_HOME
with `WST_HOME` naming the project, so nothing at start-up warns."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from wst_analytics import run_history, settings
from wst_analytics.cli.demo import is_demo_warehouse
from wst_analytics.cli.notices import drop_folder_empty, drop_folder_missing, warehouse_missing
from wst_analytics.keys import use_demo_keys
from wst_analytics.warehouse.health import WarehouseBusy, check_warehouse


def register(commands) -> None:
    command = commands.add_parser(
        "ui", help="open the Dagster UI: assets, runs, checks, schedule and sensor",
        description="Start Dagster's local services (webserver and daemon) on the project's "
                    "definitions, with DAGSTER_HOME set so the UI shows every run of `wst load` "
                    "and `wst demo`.")
    command.add_argument("--host", help="the address to serve the UI on (default: 127.0.0.1)")
    command.add_argument("--port", type=int, help="the port to serve the UI on (default: 3000)")
    command.set_defaults(run=run)


LOCATION = "wst_analytics"  # the code location's name in the UI


def write_workspace(home: Path, project: Path) -> Path:
    """The workspace file naming the one code location (its path written as a JSON string,
    which YAML reads as it is)."""
    path = home / "workspace.yaml"
    path.write_text("# Written by `wst ui` at every start: the project's one code location.\n"
                    "load_from:\n  - python_module:\n      module_name: pipelines.definitions\n"
                    f"      location_name: {LOCATION}\n      working_directory: {json.dumps(str(project))}\n",
                    encoding="utf-8")
    return path


def dagster_command(args, workspace: Path) -> list[str]:
    """Dagster's local services on the workspace file, with --host/--port."""
    chosen = [*(["--host", args.host] if args.host else []), *(["--port", str(args.port)] if args.port else [])]
    return [sys.executable, "-m", "pipelines.dev", "--workspace", str(workspace), *chosen]


def run(args) -> int:
    home = settings.ensure_dagster_home()
    run_history.check_reachable()
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
    project = settings.project_dir()
    os.environ["WST_HOME"] = str(project)  # the project's folders, wherever the services run
    command = dagster_command(args, write_workspace(home, project))
    kept = run_history.shown(run_history.postgres_url()) if run_history.postgres_url() else home
    print(f"Dagster UI with run history in {kept} (Ctrl-C to stop)")
    os.chdir(home)  # where the instance's dagster.yaml is: Dagster finds no other to warn about
    os.execv(command[0], command)
    return 0  # not reached
