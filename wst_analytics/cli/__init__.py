"""The `wst` command: load, validate, demo, export, report, activity, ui."""

from __future__ import annotations

import argparse
import sys

from wst_analytics.cli import activity, demo, export, load, report, sample, ui, validate


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="wst", description="Safeguarding partnership data pipeline and warehouse.")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (load, validate, demo, export, report, activity, ui, sample):
        module.register(commands)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    main_parser = parser()
    args, extra = main_parser.parse_known_args(argv)
    if extra and args.command != "ui":
        main_parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra  # `wst ui` passes these on to `dagster dev`
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
