"""The read-only copies of the warehouse analysts and report authors open, published after
every successful load (see `wst_analytics.copies`)."""

import dagster as dg

from pipelines.assets.marts import PUBLISHED
from pipelines.resources import WarehouseResource
from wst_analytics.copies import copies_dir, publish_copies
from wst_analytics.warehouse.freshness import record_built

ANALYST, REPORT = dg.AssetKey(["copies", "analyst"]), dg.AssetKey(["copies", "report"])
#: Copied after the published tables and after the exception marts (marts.spc, marts.exceptions):
#: the analyst copy holds every marts table, so it waits for the last one written.
UPSTREAM = [*PUBLISHED, dg.AssetKey(["marts", "exceptions"])]
SWAP = ("Built in a new file and renamed over the previous copy, so a reader open during a "
        "load keeps working and a load never waits for a reader. In WST_COPIES_DIR (default: "
        "published/ beside the warehouse), with manifest.json.")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(ANALYST, deps=UPSTREAM, group_name="published", kinds={"duckdb"},
                     description="analyst.duckdb: a read-only copy of the pseudonymised core, "
                                 "the marts and the published tables, what analysts' notebooks "
                                 "open (wst_analytics.query). " + SWAP),
        dg.AssetSpec(REPORT, deps=UPSTREAM, group_name="published", kinds={"duckdb"},
                     description="report.duckdb: a read-only copy of the published tables "
                                 "only, what report authors read. " + SWAP),
    ],
    pool="warehouse",
)
def published_copies(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Publishes the analyst and report copies of the warehouse, swapped in atomically."""
    directory = copies_dir(warehouse.file)
    with warehouse.connect() as con:
        manifest = publish_copies(con, directory, run_id=context.run.run_id)
        record_built(con, "published_copies", context.run.run_id)
    for key, kind in ((ANALYST, "analyst"), (REPORT, "report")):
        copy = manifest["copies"][kind]
        yield dg.MaterializeResult(asset_key=key, metadata={
            "path": dg.MetadataValue.path(str(directory / copy["file"])),
            "tables": dg.MetadataValue.json(copy["tables"]),
            "latest_reporting_month": manifest["data"]["latest_reporting_month"] or "",
        })


COPY_ASSETS = [published_copies]
