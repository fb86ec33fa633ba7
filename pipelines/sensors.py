"""The drop-folder sensor: start a load when the drop folder holds file versions the warehouse
has not taken in.

What is new is judged from the warehouse's own audit, exactly as `wst load` judges it
(`wst_analytics.ingest.arrivals`: discovery's `new_candidates` for every extract, against the
audit read in a moment under the load lock), so starting `wst ui` after `wst load` starts
nothing. A file still being written waits for the next tick (the settle rule every load
applies: `WST_SETTLE_SECONDS`); while a load holds the warehouse the sensor reads nothing and
looks again at the next tick, and a load never waits for the sensor more than a moment.

The cursor is one short run key: the new file versions (by path key and hash, never a name),
the warehouse file (a restore puts another in place) and the audit's last file version id,
hashed. While a requested run has not yet taken them in,
the same key comes again and no second run is requested; once any load has taken them in, the
audit says so. The key (`WST_PSEUDONYM_KEY`) must be in the environment, as for a load.
"""

from __future__ import annotations

import hashlib

import dagster as dg

from pipelines.jobs import monthly_load
from pipelines.resources import DropFolderResource, PseudonymKeyResource, WarehouseResource
from wst_analytics import settings
from wst_analytics.ingest.arrivals import Arrivals, AuditUnreadable, NotThisKey, new_arrivals
from wst_analytics.registry_checks import RegistryError
from wst_analytics.warehouse.lock import LoadInProgress


def run_key(arrivals: Arrivals) -> str:
    """The same new file versions on the same audit give the same key."""
    versions = sorted(f"{c.path_key}@{c.sha256}" for c in arrivals.candidates)
    return hashlib.sha256("\n".join([arrivals.audit_mark, *versions]).encode()).hexdigest()[:32]


def _arrivals(drop_folder: DropFolderResource, warehouse: WarehouseResource,
              pseudonym_key: PseudonymKeyResource) -> Arrivals | dg.SkipReason:
    try:
        return new_arrivals(warehouse.file, drop_folder.folder, drop_folder.registry(),
                            pseudonym_key.pseudonymiser())
    except LoadInProgress as busy:
        return dg.SkipReason(f"a load is running ({busy}): it takes in what is new; the next tick looks again")
    except (settings.MissingKeyError, RegistryError, AuditUnreadable, NotThisKey) as error:
        return dg.SkipReason(f"cannot tell what is new: {error}")


@dg.sensor(job=monthly_load, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.RUNNING)
def drop_folder_sensor(context: dg.SensorEvaluationContext, drop_folder: DropFolderResource,
                       warehouse: WarehouseResource, pseudonym_key: PseudonymKeyResource):
    """Requests a monthly load when the drop folder holds file versions the warehouse's audit
    has not taken in (as `wst load` would find them)."""
    arrivals = _arrivals(drop_folder, warehouse, pseudonym_key)
    if isinstance(arrivals, dg.SkipReason):
        return arrivals
    waiting = f" ({len(arrivals.left)} file(s) still being written: the next tick looks again)" if arrivals.left else ""
    if not arrivals.candidates:
        return dg.SkipReason(f"nothing new: the warehouse's audit holds every file version in the drop folder{waiting}")
    key = run_key(arrivals)
    if context.cursor == key:
        return dg.SkipReason(f"a run was requested for these {len(arrivals.candidates)} new file version(s); "
                             "they are not in the audit yet (if that run failed, `wst load` or the "
                             "monthly_load job takes them in)")
    context.update_cursor(key)
    return dg.RunRequest(run_key=key, tags={"wst/new_file_versions": str(len(arrivals.candidates))})
