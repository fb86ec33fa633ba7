"""Audit assets: files that fit no extract, and cross-record data-quality findings."""

import dagster as dg

from pipelines.assets.core import LOAD_ASSETS
from pipelines.assets.external import OUTSIDE, QUARANTINE
from pipelines.assets.loading import load_extract
from pipelines.metadata import quarantine_rows, table_metadata
from pipelines.resources import (
    DropFolderResource,
    PseudonymKeyResource,
    WarehouseResource,
)
from wst_analytics import activity
from wst_analytics.exceptions.data_quality import FINDINGS
from wst_analytics.warehouse.findings import rebuild_findings
from wst_analytics.warehouse.freshness import record_built
from wst_analytics.warehouse.retention import purge, retention_years

AUDIT = dict(group_name="audit", kinds={"duckdb"}, pool="warehouse")


@dg.asset(key=["audit", "unrecognised_files"], deps=[OUTSIDE], output_required=False, **AUDIT)
def unrecognised_files(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                       drop_folder: DropFolderResource, pseudonym_key: PseudonymKeyResource):
    """audit.file_versions rows for files in the drop folder outside any extract's folder:
    each is rejected with the reason (its name does not fit the contract), never read."""
    yield from load_extract(context, None, warehouse, drop_folder, pseudonym_key)


RETENTION = dg.AssetKey(["audit", "retention"])


@dg.asset(key=RETENTION, deps=LOAD_ASSETS, **AUDIT)
def retention(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
              pseudonym_key: PseudonymKeyResource):
    """audit.retention: after every load, records older than the retention setting
    (wst_analytics/defaults/retention.toml, WST_RETENTION_YEARS; 0 keeps everything) are purged from history,
    quarantine and core, and each purge is recorded here and in the activity log (its entry
    anchored in the purge's own transaction)."""
    years = retention_years()
    with warehouse.connect() as con, activity.AnchoredLog(pseudonym_key.activity_key()) as entries:
        removed = purge(con, years, run_id=context.run.run_id, before_commit=lambda removed: entries.write(
            con, "purge", f"records older than {years} years: {sum(removed.values())} rows",
            run_id=context.run.run_id))
        context.log_event(dg.AssetMaterialization(asset_key=QUARANTINE, metadata=quarantine_rows(con)))
        shown = table_metadata(con, "audit.retention")
    return dg.MaterializeResult(metadata={"retention_years": years, "rows_removed": sum(removed.values()), **shown})


@dg.asset(key=["audit", "data_quality_findings"], deps=[*LOAD_ASSETS, RETENTION],
          check_specs=[dg.AssetCheckSpec(f"no_{name}", asset=["audit", "data_quality_findings"],
                                         description=f"No {text[0].lower()}{text[1:]}.")
                        for name, text in FINDINGS.items()],
          **AUDIT)
def data_quality_findings(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """audit.data_quality_findings: cross-record findings and the rules' queries (the row
    loads), rebuilt after every load: enquiries whose concern is unknown or received after the
    enquiry began, the CIN census queries and cross-record rules on CP plans (docs/rules.md),
    and records whose latest row was quarantined (so the
    warehouse shows an earlier version). Each names the record's pseudonymised key and the
    file and row it came from."""
    with warehouse.connect() as con:
        counts = rebuild_findings(con)
        shown = table_metadata(con, "audit.data_quality_findings")
        record_built(con, "data_quality_findings", context.run.run_id)
    checks = [dg.AssetCheckResult(check_name=f"no_{name}", passed=counts.get(name, 0) == 0,
                                  severity=dg.AssetCheckSeverity.WARN,
                                  metadata={"findings": counts.get(name, 0)})
              for name in FINDINGS]
    return dg.MaterializeResult(metadata={"findings": sum(counts.values()), **counts, **shown},
                                check_results=checks)
