"""The marts and the published tables: indicators computed from core, then disclosure
controlled for report authors. Rebuilt after every load that finds something new
(`loading.nothing_new`)."""

import dagster as dg

from pipelines.assets.core import LOAD_ASSETS
from pipelines.metadata import published_metadata, table_metadata
from pipelines.resources import WarehouseResource
from wst_analytics.disclosure.publish import publish
from wst_analytics.indicators.build import build_indicators
from wst_analytics.indicators.catalogue import load_catalogue
from wst_analytics.warehouse.freshness import record_built

VALUES, YOY = dg.AssetKey(["marts", "indicator_values"]), dg.AssetKey(["marts", "indicator_yoy"])
PUBLISHED = [dg.AssetKey(["published", name]) for name in ("indicator_values", "indicator_yoy")]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(VALUES, deps=[*LOAD_ASSETS, dg.AssetKey(["audit", "retention"])], group_name="marts",
                     kinds={"duckdb"},
                     description="marts.indicator_values: every indicator of the catalogue for "
                                 "every financial year and month the returns cover, breakdowns "
                                 "included (value, numerator, denominator)."),
        dg.AssetSpec(YOY, deps=[VALUES], group_name="marts", kinds={"duckdb"},
                     description="marts.indicator_yoy: each financial year's value against the "
                                 "previous year's: change and change_pct."),
    ],
    check_specs=[dg.AssetCheckSpec("every_indicator_computed", asset=VALUES, blocking=True,
                                   description="Every indicator whose source extracts cover a "
                                               "period has rows.")],
    pool="warehouse",
)
def indicator_marts(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Computes the indicator marts from core in one transaction."""
    catalogue = load_catalogue()
    with warehouse.connect() as con:
        counts = build_indicators(con, catalogue)
        shown = [table_metadata(con, "marts.indicator_values"), table_metadata(con, "marts.indicator_yoy")]
        record_built(con, "indicator_marts", context.run.run_id)
    missing = sorted(i for i, (rows, periods) in counts.items() if periods and not rows)
    yield dg.MaterializeResult(asset_key=VALUES, metadata={
        **shown[0], "indicators_with_rows": sum(1 for rows, _ in counts.values() if rows)})
    yield dg.MaterializeResult(asset_key=YOY, metadata=shown[1])
    yield dg.AssetCheckResult(check_name="every_indicator_computed", asset_key=VALUES,
                              passed=not missing, metadata={"without_rows": ", ".join(missing)})


@dg.multi_asset(
    specs=[
        dg.AssetSpec(PUBLISHED[0], deps=[VALUES], group_name="published", kinds={"duckdb"},
                     description="published.indicator_values: the publishable indicators with "
                                 "disclosure control applied (DfE or SAC rule per indicator): "
                                 "value, value_text and symbol. What report authors read."),
        dg.AssetSpec(PUBLISHED[1], deps=[YOY], group_name="published", kinds={"duckdb"},
                     description="published.indicator_yoy: year-on-year changes of the "
                                 "published figures, suppressed when either year is."),
    ],
    pool="warehouse",
)
def published_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Applies each indicator's disclosure policy to the marts."""
    with warehouse.connect() as con:
        publish(con, load_catalogue())
        record_built(con, "published_tables", context.run.run_id)
        shown = [published_metadata(con, key.path[-1]) for key in PUBLISHED]
    for key, metadata in zip(PUBLISHED, shown):
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)
