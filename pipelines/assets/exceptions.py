"""Exception reporting after every load: the exception marts, their checks (the red exceptions
show in the run view), and the report files for the Integrated Assurance Lead."""


import dagster as dg

from pipelines.assets.marts import VALUES, YOY
from pipelines.resources import PseudonymKeyResource, WarehouseResource
from wst_analytics import activity, settings
from wst_analytics.exceptions.build import build_exceptions
from wst_analytics.reports.exception_report import write_exception_report

EXCEPTIONS = dg.AssetKey(["marts", "exceptions"])
KINDS = {"spc": "special-cause variation that reads as a concern",
         "tolerance": "a year-on-year change beyond the red tolerance, or a missed target",
         "late_return": "a return missing (not received at all)",
         "data_quality": "a rejected file not replaced, a high quarantine rate or a sharp drop in rows"}
SAMPLE = 10


@dg.asset(key=EXCEPTIONS, deps=[VALUES, YOY, dg.AssetKey(["audit", "data_quality_findings"])],
          group_name="marts", kinds={"duckdb"}, pool="warehouse",
          check_specs=[dg.AssetCheckSpec(f"no_red_{kind}", asset=EXCEPTIONS, description=f"No red exception: {text}.")
                       for kind, text in KINDS.items()])
def exceptions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """marts.exceptions: every exception of this load (spc, tolerance, late_return, data_quality),
    red or amber, in plain English with the figures behind it; with marts.spc (SPC of every
    indicator's monthly series), marts.spc_summary, marts.return_timeliness and
    marts.partner_scorecard."""
    with warehouse.connect() as con:
        counts = build_exceptions(con, context.run.run_id)
        red = con.execute("SELECT kind, message FROM marts.exceptions WHERE severity = 'red'").fetchall()
    for kind in KINDS:
        messages = [m for k, m in red if k == kind]
        yield dg.AssetCheckResult(check_name=f"no_red_{kind}", asset_key=EXCEPTIONS, passed=not messages,
                                  severity=dg.AssetCheckSeverity.WARN,
                                  metadata={"red": len(messages), "messages": "\n".join(messages[:SAMPLE])})
    yield dg.MaterializeResult(asset_key=EXCEPTIONS, metadata={"red": counts["red"], "amber": counts["amber"]})


@dg.asset(key=["reports", "exception_report"], deps=[EXCEPTIONS], group_name="reports", kinds={"html", "xlsx"},
          pool="warehouse")
def exception_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                     pseudonym_key: PseudonymKeyResource):
    """The exception report files for the as-at month (reports/exceptions/exceptions-YYYY-MM.html
    and .xlsx); earlier months' reports are kept. Recorded in the activity log, anchored."""
    written = write_exception_report(settings.reports_dir() / "exceptions", warehouse.file)
    with warehouse.connect() as con:
        activity.record_anchored(con, pseudonym_key.activity_key(), "report", "exception report",
                                 activity.hashed(written), context.run.run_id)
    return dg.MaterializeResult(metadata={"files": "\n".join(str(p) for p in written)})


EXCEPTION_ASSETS = [exceptions, exception_report]
