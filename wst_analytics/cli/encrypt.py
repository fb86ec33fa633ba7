"""`wst encrypt [--from-export DIR]`: encrypt a warehouse made before encryption at rest.

Holds the load lock; then publishes the copies again (encrypted with `WST_COPY_KEY`). The
plain file is kept aside for its owner to delete (`warehouse.encrypt`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from wst_analytics import settings
from wst_analytics.copies import publish_copies_from
from wst_analytics.keys import copy_key, warehouse_key
from wst_analytics.warehouse.backup_folder import backups_dir
from wst_analytics.warehouse.encrypt import NothingToEncrypt, encrypt_warehouse
from wst_analytics.warehouse.health import damage_of
from wst_analytics.warehouse.lock import LoadInProgress, load_lock


def register(commands) -> None:
    command = commands.add_parser(
        "encrypt", help="encrypt a warehouse made before encryption at rest (WST_WAREHOUSE_KEY)",
        description="Copy the plain warehouse into a new file encrypted with WST_WAREHOUSE_KEY, check "
                    "every table's rows, put it in place and keep the plain file aside for you to "
                    "delete; then publish the copies again, encrypted with WST_COPY_KEY. A warehouse "
                    "written by DuckDB 2: export it with that version (EXPORT DATABASE) and give the "
                    "folder with --from-export.")
    command.add_argument("--from-export", type=Path, metavar="DIR",
                         help="a folder EXPORT DATABASE wrote, to build the encrypted warehouse from")
    command.set_defaults(run=run)


def run(args) -> int:
    warehouse = settings.warehouse_path()
    warehouse_key(), copy_key()  # both, before anything is read
    try:
        with load_lock(warehouse):
            aside = encrypt_warehouse(warehouse, args.from_export)
            publish_copies_from(warehouse)
    except LoadInProgress as error:
        print(f"wst encrypt: refusing: {error}")
        return 3
    except NothingToEncrypt as error:
        print(f"wst encrypt: {error}")
        return 2
    except duckdb.Error as error:
        if damage_of(str(error)) is None or "version" not in str(error):
            raise
        print(f"wst encrypt: {warehouse} was written by another DuckDB version than this one "
              f"({duckdb.__version__}): with that version run EXPORT DATABASE 'DIR', then "
              "`wst encrypt --from-export DIR` (docs/warehouse.md)")
        return 2
    kept = f" The plain file is kept as {aside}: delete it once you have checked." if aside else ""
    print(f"Encrypted {warehouse} with WST_WAREHOUSE_KEY and published the copies again.{kept} Delete "
          f"any backup taken before (in {backups_dir(warehouse)}) and any export folder: they are not encrypted.")
    return 0
