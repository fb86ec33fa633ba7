"""`wst activity verify`: is the activity log as it was written? Exit 0 when it is, 1 when it
was changed (or damaged), 3 when a load holds the warehouse."""

from __future__ import annotations

from contextlib import nullcontext

from wst_analytics import activity, settings
from wst_analytics.warehouse.lock import LoadInProgress, load_lock


def register(commands) -> None:
    command = commands.add_parser("activity", help="check the activity log (who loaded, exported or reported what)")
    actions = command.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify", help="check that no entry of the activity log was removed, changed or moved",
        description="Check the activity log (WST_ACTIVITY_LOG, default activity.log beside the "
                    "warehouse): its chain, each entry's seal (with WST_PSEUDONYM_KEY, if set) and "
                    "the entries the warehouse recorded. Exits 1 if anything was changed.")
    verify.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                        help="if a load is running, wait up to this long for it (default: refuse)")
    verify.set_defaults(run=run_verify)


def _summary(verdict: activity.Verdict, keyed: bool) -> str:
    if verdict.problems:
        return "It has been changed since it was written (or damaged):"
    checks = ["every entry follows the one before it"]
    if keyed:
        checks.append("every sealed entry's seal is right")
    if verdict.anchored == 1:
        checks.append("the entry the warehouse recorded is there, unchanged")
    elif verdict.anchored:
        checks.append(f"the {verdict.anchored} entries the warehouse recorded are all there, unchanged")
    return "It is intact: " + ", ".join(checks[:-1]) + (" and " if len(checks) > 1 else "") + checks[-1] + "."


def run_verify(args) -> int:
    path, key, warehouse = activity.log_path(), activity.key_from_environment(), settings.warehouse_path()
    try:
        with load_lock(warehouse, args.wait, say=print) if warehouse.exists() else nullcontext():
            verdict = activity.examine(path, key, activity.anchors_in(warehouse))
    except LoadInProgress as error:
        print(f"wst activity verify: refusing: {error}")
        return 3
    print(f"The activity log {path}: {verdict.entries} entr{'y' if verdict.entries == 1 else 'ies'}.")
    print(_summary(verdict, key is not None))
    for problem in verdict.problems:
        print(f"  - {problem}")
    if verdict.notes:
        print("Worth knowing:")
        for note in verdict.notes:
            print(f"  - {note}")
    return 1 if verdict.problems else 0

