"""`wst backup [--to DIR] [--list]` and `wst restore [BACKUP] [--copies]`: the way back.

Both hold the load lock, so neither runs while a load does (nor a load while they do). A
restore republishes the copies from the restored warehouse, so readers see what it holds, and
records itself in the activity log, which keeps every entry (loads after the backup included).
"""

from __future__ import annotations

from pathlib import Path

from wst_analytics import activity, settings
from wst_analytics.copies import publish_copies_from
from wst_analytics.warehouse.backup import take_backup
from wst_analytics.warehouse.backup_folder import backups_dir, keep, list_backups
from wst_analytics.warehouse.health import check_warehouse, open_checked
from wst_analytics.warehouse.lock import LoadInProgress, load_lock
from wst_analytics.warehouse.restore import BackupUnusable, find_backup, releases_dropped, restore


def register(commands) -> None:
    backup = commands.add_parser(
        "backup", help="take a verified backup of the warehouse (or list the backups)",
        description="Copy the warehouse while no load runs, verify the copy (opened, every table's "
                    "rows compared, sha256 recorded in a manifest beside it) and keep the newest "
                    "WST_BACKUP_KEEP (default 5) in WST_BACKUPS (default backups/ beside the warehouse).")
    backup.add_argument("--to", type=Path, metavar="DIR", help="folder to back up into instead")
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    backup.set_defaults(run=run_backup)
    restore_command = commands.add_parser(
        "restore", help="put a backup back in place of the warehouse",
        description="Check a backup (its sha256, that it opens, its tables and rows) and put it in "
                    "place of the warehouse, moving the replaced file aside (never deleting it); then "
                    "publish the copies again. With no BACKUP, the latest. Refuses while a load runs.")
    restore_command.add_argument("backup", nargs="?", metavar="BACKUP",
                                 help="a backup file (see `wst backup --list`); default: the latest")
    restore_command.add_argument("--drop-releases", action="store_true",
                                 help="restore even though the warehouse holds releases made after the backup "
                                      "(the decision is recorded; the replaced file keeps them)")
    restore_command.add_argument("--copies", action="store_true",
                                 help="only publish the copies again from the warehouse as it is")
    restore_command.set_defaults(run=run_restore)


def list_them(directory: Path) -> int:
    backups = list_backups(directory)
    if not backups:
        print(f"No backups in {directory}.")
    for found in backups:
        print(f"{found.path}  {found.taken_at}  {found.manifest.get('size_bytes', 0) / 1e6:,.1f} MB  "
              f"{found.manifest.get('reason', '')}")
    return 0


def run_backup(args) -> int:
    warehouse = settings.warehouse_path()
    directory = args.to.expanduser().resolve() if args.to else backups_dir(warehouse)
    if args.list:
        return list_them(directory)
    if not warehouse.exists():
        print(f"wst backup: there is no warehouse at {warehouse} to back up")
        return 2
    try:
        keep()  # a bad WST_BACKUP_KEEP is refused before anything is copied
    except ValueError as error:
        print(f"wst backup: {error}")
        return 2
    try:
        with load_lock(warehouse):
            con = open_checked(warehouse)  # a damaged warehouse is never backed up
            try:
                taken = take_backup(con, warehouse, "wst backup", directory=directory)
            finally:
                con.close()
    except LoadInProgress as error:
        print(f"wst backup: refusing: {error}")
        return 3
    activity.record("backup", f"warehouse backed up to {taken.path.name}", [(str(taken.path), taken.manifest["sha256"])])
    print(f"Backed up {warehouse} to {taken.path} ({taken.manifest['size_bytes'] / 1e6:,.1f} MB, "
          f"{len(taken.manifest['tables'])} tables checked); keeping the newest {keep()} in {directory}")
    return 0


def run_restore(args) -> int:
    warehouse = settings.warehouse_path()
    try:
        with load_lock(warehouse):
            if args.copies:
                check_warehouse(warehouse)
                publish_copies_from(warehouse)
                print(f"Published the copies again from {warehouse}")
                return 0
            chosen = find_backup(args.backup, warehouse)
            dropped = releases_dropped(chosen, warehouse)
            aside = restore(chosen, warehouse, drop_releases=args.drop_releases)
            publish_copies_from(warehouse)
            moved = (f"; the replaced file is kept as {aside}" if aside else "") + (
                f"; releases dropped, as decided: {', '.join(dropped)}" if dropped else "")
            activity.record_beside(warehouse, "restore", f"warehouse restored from {chosen.path.name}{moved}",
                                   [(str(chosen.path), chosen.manifest["sha256"])])  # anchored, lock held
    except LoadInProgress as error:
        print(f"wst restore: refusing: {error}")
        return 3
    except BackupUnusable as error:
        print(f"wst restore: {error}")
        return 2
    print(f"Restored {warehouse} from {chosen.path} (taken {chosen.taken_at}){moved}. The copies "
          "were published again; the next `wst load` loads again the files that came after it.")
    return 0
