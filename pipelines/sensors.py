"""The drop-folder sensor: start a load when new file versions arrive.

Its cursor remembers every file version it has seen, by path and content hash (with size and
modification time, so unchanged files are not hashed again). A file still being written (its
modification time within the last `SETTLE_SECONDS`) waits for the next tick.
"""

from __future__ import annotations

import hashlib
import json
import time

import dagster as dg

from pipelines.jobs import monthly_load
from pipelines.resources import DropFolderResource
from wst_analytics.discover import drop_folder_files, sha256_of

SETTLE_SECONDS = 30


def scan(drop_folder: DropFolderResource, seen: dict[str, list], now: float) -> list[str]:
    """Update `seen` (path -> [size, mtime_ns, sha256]) and return the new versions' keys."""
    new = []
    raw = drop_folder.folder
    for path in drop_folder_files(raw):
        relative = path.relative_to(raw).as_posix()
        stat = path.lstat()
        known = seen.get(relative)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            continue
        if now - stat.st_mtime < SETTLE_SECONDS:
            continue
        digest = "symlink" if path.is_symlink() else sha256_of(path)
        seen[relative] = [stat.st_size, stat.st_mtime_ns, digest]
        if not known or known[2] != digest:
            new.append(f"{relative}@{digest}")
    return new


@dg.sensor(job=monthly_load, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.RUNNING)
def drop_folder_sensor(context: dg.SensorEvaluationContext, drop_folder: DropFolderResource):
    """Requests a monthly load when files appear or change in the drop folder."""
    seen = json.loads(context.cursor) if context.cursor else {}
    new = scan(drop_folder, seen, time.time())
    context.update_cursor(json.dumps(seen, sort_keys=True))
    if not new:
        return dg.SkipReason("no new file versions in the drop folder")
    run_key = hashlib.sha256("\n".join(sorted(new)).encode()).hexdigest()[:32]
    return dg.RunRequest(run_key=run_key, tags={"wst/new_file_versions": str(len(new))})
