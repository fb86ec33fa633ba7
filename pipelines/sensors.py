"""The drop-folder sensor: start a load when new file versions arrive.

Its cursor remembers every file version it has seen (`seen`: each file with each content
hash), and each file's latest state (`latest`: size, modification time and hash, so unchanged
files are not hashed again). A file whose content changes, or goes back to an earlier version,
is a new arrival. Dagster keeps the cursor, so it knows a file by its device and inode, never
by its name. A file still being written waits for the next tick, by the same settle rule every
load applies (`wst_analytics.ingest.drop_folder`: unchanged for `WST_SETTLE_SECONDS`, default 30), and
a file that vanishes while the sensor looks at it is passed over. The run it requests waits for
any load already running (the load lock) and says so in its log.
"""

from __future__ import annotations

import hashlib
import json
import time

import dagster as dg

from pipelines.jobs import monthly_load
from pipelines.resources import DropFolderResource
from wst_analytics.ingest.discover import drop_folder_files
from wst_analytics.ingest.hash_memo import digest_of
from wst_analytics.ingest.drop_folder import FileLeft, settled_stat


def scan(drop_folder: DropFolderResource, cursor: dict, now: float) -> list[str]:
    """Update the cursor (`latest`, `seen`) and return one key per new arrival."""
    latest, seen = cursor.setdefault("latest", {}), set(cursor.get("seen", []))
    new = []
    raw = drop_folder.folder
    for path in drop_folder_files(raw):
        try:
            stat = settled_stat(path, now)  # FileLeft: gone, or still being written
            file = f"{stat.st_dev}:{stat.st_ino}"
            known = latest.get(file)
            if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
                continue
            digest = digest_of(path)
        except (FileLeft, OSError):
            continue  # gone, still being written, or unreadable: the next tick sees it as it then is
        latest[file] = [stat.st_size, stat.st_mtime_ns, digest]
        seen.add(f"{file}@{digest}")
        if not known or known[2] != digest:
            new.append(f"{file}@{digest}@{stat.st_mtime_ns}")
    cursor["seen"] = sorted(seen)
    return new


@dg.sensor(job=monthly_load, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.RUNNING)
def drop_folder_sensor(context: dg.SensorEvaluationContext, drop_folder: DropFolderResource):
    """Requests a monthly load when files appear or change in the drop folder."""
    cursor = json.loads(context.cursor) if context.cursor else {}
    new = scan(drop_folder, cursor, time.time())
    context.update_cursor(json.dumps(cursor, sort_keys=True))
    if not new:
        return dg.SkipReason("no new file versions in the drop folder")
    run_key = hashlib.sha256("\n".join(sorted(new)).encode()).hexdigest()[:32]
    return dg.RunRequest(run_key=run_key, tags={"wst/new_file_versions": str(len(new))})
