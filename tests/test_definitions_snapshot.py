"""A snapshot of the Dagster definitions (the groups' order, asset keys, groups, kinds,
dependencies, checks, which assets are external, jobs, schedules, sensors), as dagster-io/dagster-open-platform keeps one: a change to the graph shows
in review as a change to tests/snapshots/definitions.json. After a deliberate change, write the
new snapshot with `WST_UPDATE_SNAPSHOTS=1 uv run pytest tests/test_definitions_snapshot.py`."""

import json
import os
from pathlib import Path

from pipelines.assets.external import GROUPS
from pipelines.definitions import defs

SNAPSHOT = Path(__file__).parent / "snapshots" / "definitions.json"


def describe_definitions() -> dict:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        assets[key.to_user_string()] = {
            "group": node.group_name,
            "kinds": sorted(node.kinds),
            "deps": sorted(parent.to_user_string() for parent in node.parent_keys),
            "checks": sorted(check.name for check in node.check_keys),
            "materialised_by_a_run": node.is_materializable,  # false: external (the drop folder, quarantine)
        }
    return {
        "groups_top_to_bottom": list(GROUPS),
        "assets": assets,
        "jobs": sorted(job.name for job in defs.resolve_all_job_defs() if not job.name.startswith("__")),
        "schedules": sorted(s.name for s in defs.schedules or []),
        "sensors": sorted(s.name for s in defs.sensors or []),
    }


def test_the_definitions_match_the_snapshot():
    current = describe_definitions()
    if os.environ.get("WST_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(current, indent=2) + "\n")
    assert current == json.loads(SNAPSHOT.read_text()), (
        "the asset graph changed: if on purpose, update the snapshot (see this file's docstring)")
