"""Whether a load has anything to do: a file not yet taken in, or a derived table built from
inputs other than the warehouse's as they are now.

The derived assets (the findings, the marts, the published tables, the exceptions, the
exception report and the read-only copies) are computed from the warehouse and the
configuration only. Each records, when it is built, a hash of those inputs
(`audit.derived_builds`); a load that finds no new file version, no purge due and every derived
asset built from the inputs as they are, has nothing new, and rebuilds nothing. A run that
failed half-way, or materialised only some assets, leaves a stale hash behind, so the next load
rebuilds everything derived.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import duckdb

from wst_analytics import settings
from wst_analytics.extracts import SCHEMAS
from wst_analytics.warehouse.audit import utc_now
from wst_analytics.warehouse.retention import KEPT, KEPT_FOR_RELEASES, cutoff, retention_years

#: The derived assets, each recording what it was built from.
DERIVED = ("data_quality_findings", "indicator_marts", "published_tables", "exceptions",
           "exception_report", "published_copies")
#: The configuration the derived tables are computed with.
CONFIGURATION = ("indicators.toml", "exceptions.toml", "retention.toml")

INPUTS = """
SELECT (SELECT count(*) FROM audit.file_versions), (SELECT max(file_version_id) FROM audit.file_versions),
       (SELECT count(*) FILTER (WHERE status = 'purged') FROM audit.file_versions),
       (SELECT coalesce(sum(rows_removed), 0) FROM audit.retention)
"""
PURGE_DUE = f"""
SELECT count(*) > 0 FROM audit.file_versions
WHERE status = 'loaded' AND reporting_month < ? AND extract NOT IN (SELECT unnest(?)) AND NOT {KEPT_FOR_RELEASES}
"""


def _file_digest(path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def inputs_stamp(con: duckdb.DuckDBPyConnection) -> str:
    """A hash of everything the derived tables are computed from: the file versions taken in
    and purged, the registry and the configuration in force, the extracts and the code's
    version, and where the reports go."""
    from importlib import metadata

    state = {
        "warehouse": [str(v) for v in con.execute(INPUTS).fetchall()[0]],
        "registry": _file_digest(settings.partners_file()),
        "configuration": {name: _file_digest(settings.config_file(name)) for name in CONFIGURATION},
        "extracts": sorted(SCHEMAS),
        "version": metadata.version("wst-analytics"),
        "reports": str(settings.reports_dir()),
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def record_built(con: duckdb.DuckDBPyConnection, asset: str, run_id: str) -> None:
    """Note that `asset` was just built from the inputs as they are."""
    con.execute("INSERT OR REPLACE INTO audit.derived_builds VALUES (?, ?, ?, ?)",
                [asset, inputs_stamp(con), run_id, utc_now()])


def derived_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Every derived asset was built from the inputs as they are now."""
    built = dict(con.execute("SELECT asset, inputs FROM audit.derived_builds").fetchall())
    stamp = inputs_stamp(con)
    return all(built.get(asset) == stamp for asset in DERIVED)


def copies_current(con: duckdb.DuckDBPyConnection, directory: Path) -> bool:
    """Whether the copies in `directory` are the ones the last build of the copies published
    (not, say, copies republished from a restored warehouse, or removed)."""
    from wst_analytics.copies import copies_present, read_manifest

    built = con.execute("SELECT load_id FROM audit.derived_builds WHERE asset = 'published_copies'").fetchall()
    return bool(built) and copies_present(directory) and read_manifest(directory).get("run_id") == built[0][0]


def purge_due(con: duckdb.DuckDBPyConnection, today: date | None = None) -> bool:
    """Whether the retention setting would purge something now (the file versions a release
    rests on are kept by a purge, so they make none due)."""
    years = retention_years()
    if years <= 0:
        return False
    return bool(con.execute(PURGE_DUE, [cutoff(years, today or date.today()), list(KEPT)]).fetchall()[0][0])


def files_on_record(con: duckdb.DuckDBPyConnection) -> int:
    """The file versions already taken in (loaded, rejected or purged)."""
    return con.execute("SELECT count(*) FROM audit.file_versions").fetchall()[0][0]
