"""`wst demo`: write the sample extracts, load them through the pipeline, say where to look.

The demo uses the configured drop folder and warehouse so that `wst ui` and the notebooks
find it with no settings, but it never touches real data: it refuses a drop folder or a
warehouse it did not create itself. `wst demo --clean` removes what it made (`demo_clean`). Both hold the
load lock throughout, so neither removes a warehouse a load is writing.
"""

from __future__ import annotations

import os
from pathlib import Path

from wst_analytics import settings
from wst_analytics.cli.demo_clean import clean, clean_all, run_history
from wst_analytics.cli.run import run_monthly_load
from wst_analytics.cli.summary import print_run_summary
from wst_analytics.copies import copies_dir
from wst_analytics.demo_files import foreign_files, write_marker
from wst_analytics.keys import DEMO_KEYS, use_demo_keys
from wst_analytics.warehouse.encrypted import KeyRefused
from wst_analytics.warehouse.connection import connect, set_info
from wst_analytics.warehouse.health import open_checked
from wst_analytics.warehouse.load_report import built_by_demo
from wst_analytics.warehouse.lock import LoadInProgress, load_lock


def register(commands) -> None:
    command = commands.add_parser(
        "demo", help="run the whole pipeline on sample extracts, end to end",
        description="Write two financial years of sample partner extracts into the drop "
                    "folder, load them into the warehouse through the Dagster pipeline, and "
                    "print a summary. Refuses to touch a drop folder or warehouse holding real data.")
    command.add_argument("--clean", action="store_true",
                         help="remove everything the demo made (files, warehouse, reports, run history, log, lock)")
    command.set_defaults(run=run)


def is_demo_warehouse(path: Path) -> bool:
    """Whether the warehouse was built by the demo (refusing a damaged one: `health`), opened
    with WST_WAREHOUSE_KEY or else the demo's throwaway key (which it has unless one was set)."""
    demo = DEMO_KEYS["WST_WAREHOUSE_KEY"]
    for key in dict.fromkeys([os.environ.get("WST_WAREHOUSE_KEY") or demo, demo]):
        try:
            con = open_checked(path, read_only=True, key=key)
        except KeyRefused:
            continue
        try:
            return built_by_demo(con)
        finally:
            con.close()
    return False


def refusal(raw: Path, warehouse: Path) -> str | None:
    """Why the demo may not use these locations, or None."""
    foreign = foreign_files(raw) if raw.exists() else []
    if foreign:  # counted, never named: a partner's file name may hold a person's name
        return (f"the drop folder {raw} holds {len(foreign)} file(s) the demo did not write. Point "
                "WST_RAW_DIR and WST_WAREHOUSE at empty locations to run the demo beside real data.")
    if warehouse.exists() and not is_demo_warehouse(warehouse):
        return f"the warehouse {warehouse} was not built by the demo; it is left alone."
    return None


def run(args) -> int:
    raw, warehouse = settings.raw_dir(), settings.warehouse_path()
    try:
        with load_lock(warehouse):
            return _run(args, raw, warehouse)
    except LoadInProgress as error:
        print(f"wst demo: refusing: {error}")
        return 3


def _run(args, raw: Path, warehouse: Path) -> int:
    """The demo, holding the load lock."""
    reason = refusal(raw, warehouse)
    if reason:
        print(f"wst demo: refusing: {reason}")
        return 2
    if args.clean:
        clean_all(raw, warehouse)
        history = "its run history" if run_history() else \
            f"not the run history in {os.environ['DAGSTER_HOME']} (DAGSTER_HOME: not the project's own)"
        print(f"Removed what the demo made: its sample files in {raw}, its warehouse {warehouse} (copies, "
              f"backups, lock, activity log), its reports in {settings.reports_dir()}; {history}.")
        return 0
    clean(raw, warehouse)
    unset = use_demo_keys()
    if unset:
        print(f"{', '.join(unset)} {'is' if len(unset) == 1 else 'are'} not set: the demo uses its documented "
              "THROWAWAY keys (wst_analytics/keys.py). Never load real data with them.")
    from wst_analytics.sample import generate_sample

    raw.mkdir(parents=True, exist_ok=True)
    manifest = generate_sample(raw)
    write_marker(raw, [entry.path for entry in manifest.files])
    print(f"Wrote {len(manifest.files)} sample partner files (2018-19 and 2019-20) to {raw}")
    con = connect(warehouse)
    set_info(con, "demo", "true")
    con.close()
    os.environ["WST_SETTLE_SECONDS"] = "0"  # the demo wrote every file itself, whole, just now
    outcome = run_monthly_load()
    print_run_summary(outcome)
    print(f"""
Where to look:
  warehouse   {warehouse}  (audit, quarantine, history, core, marts, published, releases)
  the UI      uv run wst ui   (assets, checks, this run and the schedule and sensor)
  a file      uv run wst validate {raw}/cp_plans/cwc-cs_2019-04.csv
  notebooks   uv run --with jupyterlab jupyter lab notebooks/   (on the read-only copy, {copies_dir(warehouse)})
  reports     {settings.reports_dir() / 'exceptions'} (the partnership's exception report this month;
              an LA's: uv run wst report exceptions --area E08000031);
              uv run wst report annual --year 2019-20; uv run wst export published.indicator_values --out x.xlsx
  clean up    uv run wst demo --clean""")
    return 0 if outcome.success else 1
