"""`wst ui`: the Dagster UI (`dagster dev`) on this project, with its run history."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wst_analytics import settings


def register(commands) -> None:
    command = commands.add_parser(
        "ui", help="open the Dagster UI: assets, runs, checks, schedule and sensor",
        description="Start `dagster dev` on the project's definitions, with DAGSTER_HOME set so "
                    "the UI shows every run of `wst load` and `wst demo`. Extra arguments go to "
                    "dagster dev (e.g. `wst ui -p 3001`).")
    command.add_argument("dagster_args", nargs=argparse.REMAINDER, help="passed on to `dagster dev`")
    command.set_defaults(run=run)


def run(args) -> int:
    home = settings.ensure_dagster_home()
    dagster = Path(sys.executable).parent / "dagster"
    command = [str(dagster), "dev", "-m", "pipelines.definitions", *args.dagster_args]
    print(f"Dagster UI with run history in {home} (Ctrl-C to stop)")
    os.chdir(settings.PROJECT_ROOT)
    os.execv(command[0], command)
    return 0  # not reached
