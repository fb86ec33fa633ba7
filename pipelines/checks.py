"""Asset checks computed inside the load assets, from what the load just wrote.

`rows_conserved` proves, from the tables themselves, that every row read is in history or in
quarantine; `one_row_per_key` that core holds one current version per key; the warnings say
which files were rejected and whether quarantine ran above tolerance.
"""

from __future__ import annotations

import dagster as dg
import duckdb

from wst_analytics.exceptions.settings import load_settings
from wst_analytics.extracts import SCHEMAS
from wst_analytics.warehouse import audit
from wst_analytics.warehouse.load import LoadSummary
from wst_analytics.warehouse.sql import scalar

SAMPLE = 10


def quarantine_tolerance() -> float:
    """Above this share of a load's rows quarantined, warn: the exception report's amber
    threshold (`quarantine_rate_amber` in exceptions.toml), so the check and the report agree."""
    return load_settings().data_quality.quarantine_rate_amber


CHECKS = {
    "rows_conserved": ("Every row read is loaded or quarantined: rows read = rows loaded + rows "
                       "quarantined, for every file version of this extract (but those a retention purge removed).", True),
    "one_row_per_key": ("core holds exactly one current row per key.", True),
    "no_files_rejected": ("No file of this extract was rejected in this load.", False),
    "quarantine_within_tolerance": ("At most the exception report's amber share "
                                    "(quarantine_rate_amber in exceptions.toml) of the rows read in "
                                    "this load were quarantined.", False),
}


def check_specs(key: dg.AssetKey) -> list[dg.AssetCheckSpec]:
    return [dg.AssetCheckSpec(name, asset=key, description=text, blocking=blocking)
            for name, (text, blocking) in CHECKS.items()]


def _all_versions(con: duckdb.DuckDBPyConnection, extract: str) -> list[int]:
    """Every file version of the extract whose rows the warehouse still keeps: a retention
    purge removes a version's rows on purpose (its audit row says so, status 'purged')."""
    return [row[0] for row in con.execute(
        "SELECT file_version_id FROM audit.file_versions WHERE extract = ? AND status <> 'purged'",
        [extract]).fetchall()]


def check_results(con: duckdb.DuckDBPyConnection, extract: str, summary: LoadSummary) -> list[dg.AssetCheckResult]:
    everything = audit.conservation(con, _all_versions(con, extract))
    broken = [c for c in everything if not c["conserved"]]
    totals = {name: sum(c[name] for c in everything)
              for name in ("rows_read", "rows_loaded", "rows_quarantined")}
    key = ", ".join(f'"{c}"' for c in SCHEMAS[extract].metadata["key"])
    duplicates = scalar(con, f"SELECT count(*) FROM (SELECT partner, {key} FROM core.{extract} "
                                  "GROUP BY ALL HAVING count(*) > 1)")
    read, quarantined = summary.total("rows_read"), summary.total("rows_quarantined")
    rate = quarantined / read if read else 0.0
    rejected = [f"{f['file']}: {f['reason']}" for f in summary.rejected]
    warn = dg.AssetCheckSeverity.WARN
    return [
        dg.AssetCheckResult(check_name="rows_conserved", passed=not broken, metadata={
            **totals, "file_versions": len(everything), "not_conserved": str(broken[:SAMPLE])}),
        dg.AssetCheckResult(check_name="one_row_per_key", passed=duplicates == 0,
                            metadata={"duplicated_keys": duplicates}),
        dg.AssetCheckResult(check_name="no_files_rejected", passed=not rejected, severity=warn,
                            metadata={"rejected": len(rejected), "sample": "\n".join(rejected[:SAMPLE])}),
        dg.AssetCheckResult(check_name="quarantine_within_tolerance", severity=warn,
                            passed=rate <= quarantine_tolerance(),
                            metadata={"rows_read": read, "rows_quarantined": quarantined,
                                      "tolerance": dg.MetadataValue.float(quarantine_tolerance()),
                                      "rate": dg.MetadataValue.float(round(rate, 4))}),
    ]
