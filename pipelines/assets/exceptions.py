"""Exception reporting after every load: the exception marts for every place, their checks (the
red exceptions show in the run view), and the report files for the Integrated Assurance Lead:
one per partnership after each load (an LA's on demand, `wst report exceptions --area CODE`,
so that a load of 150 LAs does not write 150 reports nobody asked for)."""


import dagster as dg

from pipelines.assets.marts import VALUES, YOY
from pipelines.metadata import report_links, table_metadata
from pipelines.resources import PseudonymKeyResource, WarehouseResource
from wst_analytics import activity, settings
from wst_analytics.exceptions.build import build_exceptions
from wst_analytics.reports.exception_report import write_partnership_reports
from wst_analytics.warehouse.freshness import record_built

EXCEPTIONS = dg.AssetKey(["marts", "exceptions"])
KINDS = {"spc": "special-cause variation that reads as a concern",
         "tolerance": "a year-on-year change beyond the red tolerance, or a missed target",
         "late_return": "a return missing (not received at all)",
         "data_quality": "a rejected file not replaced, a high quarantine rate or a sharp drop in rows"}
SAMPLE = 10
#: The red exceptions, each with its place's name; partnerships first.
RED = """
SELECT e.kind, coalesce(a.name, e.area_code) || ': ' || e.message
FROM marts.exceptions AS e LEFT JOIN marts.areas AS a USING (area_type, area_code)
WHERE e.severity = 'red'
ORDER BY e.area_type = 'local_authority', e.area_code
"""


@dg.asset(key=EXCEPTIONS, deps=[VALUES, YOY, dg.AssetKey(["audit", "data_quality_findings"])],
          group_name="marts", kinds={"duckdb"}, pool="warehouse",
          check_specs=[dg.AssetCheckSpec(f"no_red_{kind}", asset=EXCEPTIONS, description=f"No red exception: {text}.")
                       for kind, text in KINDS.items()])
def exceptions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """marts.exceptions: every exception of this load for every place (spc, tolerance,
    late_return, data_quality), red or amber, in plain English with the figures behind it; with
    marts.spc (SPC of every place's monthly series of each indicator), marts.spc_summary,
    marts.return_timeliness, marts.partner_scorecard and marts.partner_places."""
    with warehouse.connect() as con:
        counts = build_exceptions(con, context.run.run_id)
        red = con.execute(RED).fetchall()
        shown = table_metadata(con, "marts.exceptions")
        record_built(con, "exceptions", context.run.run_id)
    for kind in KINDS:
        messages = [m for k, m in red if k == kind]
        yield dg.AssetCheckResult(check_name=f"no_red_{kind}", asset_key=EXCEPTIONS, passed=not messages,
                                  severity=dg.AssetCheckSeverity.WARN,
                                  metadata={"red": len(messages), "messages": "\n".join(messages[:SAMPLE])})
    yield dg.MaterializeResult(asset_key=EXCEPTIONS, metadata={"red": counts["red"], "amber": counts["amber"], **shown})


@dg.asset(key=["reports", "exception_report"], deps=[EXCEPTIONS], group_name="reports", kinds={"html", "xlsx"},
          pool="warehouse")
def exception_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                     pseudonym_key: PseudonymKeyResource):
    """Every partnership's exception report for the as-at month
    (reports/exceptions/exceptions-<partnership>-YYYY-MM.html and .xlsx); earlier months' reports
    are kept. Recorded in the activity log, anchored in the warehouse (`activity.anchor`)."""
    written = write_partnership_reports(settings.reports_dir() / "exceptions", warehouse.file)
    with warehouse.connect() as con:
        activity.record_anchored(con, pseudonym_key.activity_key(), "report", "exception report",
                                 activity.hashed(written), context.run.run_id)
        record_built(con, "exception_report", context.run.run_id)
    return dg.MaterializeResult(metadata=report_links(settings.reports_dir() / "exceptions", written))


EXCEPTION_ASSETS = [exceptions, exception_report]
