"""The `wst` command: load, validate, demo, export, report, release, activity, ui, sample, backup, restore, encrypt."""

from __future__ import annotations

import argparse
import sqlite3
import sys

import duckdb

from wst_analytics import settings
from wst_analytics.cli import activity, backup, demo, encrypt, export, load, release, report, sample, storage, ui, validate
from wst_analytics.keys import MissingKeyError
from wst_analytics.registry_checks import RegistryError
from wst_analytics.warehouse.encrypted import KeyRefused
from wst_analytics.warehouse.extensions import MissingExtension
from wst_analytics.warehouse.health import WarehouseBusy, WarehouseDamaged

#: Errors whose message is written for the person running `wst`: printed in one line, exit 2.
REFUSALS = (RegistryError, WarehouseDamaged, WarehouseBusy, KeyRefused, MissingKeyError, MissingExtension)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="wst", description="Safeguarding partnership data pipeline and warehouse.")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (load, validate, demo, export, report, release, activity, ui, sample, backup, encrypt):
        module.register(commands)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    main_parser = parser()
    args = main_parser.parse_args(argv)
    try:
        return _run(args)
    except REFUSALS as error:
        print(f"wst {args.command}: {error}")
        return 2
    except ValueError as error:  # a setting's own check names the variable first; else a defect
        if not str(error).startswith("WST_"):
            raise
        print(f"wst {args.command}: {error}")
        return 2
    except (OSError, duckdb.Error, sqlite3.Error) as error:
        line = storage.said(error) or storage.path_said(error)  # storage, or a path given; else a defect
        if line is None:
            raise
        print(f"wst {args.command}: {line}")
        return 2


def _run(args) -> int:
    """The command, once the warehouse setting is known to name a file."""
    warehouse = settings.warehouse_path()
    if warehouse.is_dir():
        print(f"wst {args.command}: WST_WAREHOUSE names a folder ({warehouse}): it must name the "
              f"warehouse file, e.g. {warehouse / 'wst.duckdb'}")
        return 2
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
