"""`data_quality` exceptions: rejected files, high quarantine rates, cross-record findings, a
sudden drop in a partner's rows (each a partner's: raised for the places it serves), and months
no partner has sent yet (raised for every place)."""

from __future__ import annotations

from datetime import date

import duckdb

from wst_analytics.exceptions.returns import add_months
from wst_analytics.exceptions.settings import DataQualitySettings
from wst_analytics.exceptions.text import exception, month_name
from wst_analytics.warehouse.sql import sql_file

FINDINGS = {
    "unknown_concern": "S42 enquiries naming a concern no adult_concerns return has sent",
    "enquiry_before_concern": "S42 enquiries starting before their concern was received",
    "overlapping_cp_plans": "CP plans overlapping another plan of the same child (DfE 8940)",
    "open_cp_plans": "CP plans open while another of the child's is (DfE 8935)",
    "dob_and_expected_dob": "CP plans giving both a date of birth and an expected one (DfE 8525Q)",
    "expected_dob_out_of_range": "CP plans whose expected date of birth is outside DfE's range (8530Q)",
    "ethnicity_missing": "CP plans without an ethnicity (DfE 4220)",
    "many_previous_plans": "CP plans giving more than 99 previous plans",
    "dob_after_month_end": "CP plans whose date of birth is after the month (DfE 8520)",
    "unborn_sex": "CP plans for an unborn child whose sex is not U (DfE 8750)",
    "icpc_after_month_end": "CP plans whose ICPC is after the month (DfE 8715)",
    "icpc_on_weekend": "CP plans whose ICPC is on a weekend (DfE 8875)",
    "plan_start_not_icpc": "CP plans starting on another day than their ICPC (DfE 2885)",
    "latest_version_quarantined": "Records whose latest row was quarantined (the warehouse shows an earlier version)",
}


def _month(value: date | None) -> str | None:
    return value.strftime("%Y-%m") if value else None


def _type(value: date | None) -> str | None:
    return "month" if value else None


def _rejected(rows, window: date) -> list[dict]:
    raised = []
    for f in rows:
        if f["extract"] is None or not f["return_loaded"]:
            severity, outcome = "red", "nothing from it has loaded"
        elif not f["replaced"]:
            severity, outcome = "red", "the earlier version still counts"
        elif f["reporting_month"] >= window:
            severity, outcome = "amber", "a later version has loaded"
        else:
            continue
        raised.append(exception("data_quality", severity, f"{f['file_label']} was rejected ({f['reason']}): "
                                f"{outcome}", extract=f["extract"], partner=f["partner"],
                                period_type=_type(f["reporting_month"]), period=_month(f["reporting_month"]),
                                detail="file_rejected"))
    return raised


def data_quality_exceptions(con: duckdb.DuckDBPyConnection, as_at: date,
                            settings: DataQualitySettings) -> list[dict]:
    """The partners' data-quality exceptions (without places: `places.spread` gives them theirs)."""
    rejected, quarantine, findings, drops = (
        con.sql(query).pl().to_dicts() for query in sql_file("exceptions/data_quality.sql").split(";\n\n"))
    window = add_months(as_at, 1 - settings.months_shown)
    raised = _rejected(rejected, window)
    for q in quarantine:
        if q["reporting_month"] >= window and q["rate"] >= settings.quarantine_rate_amber:
            red = q["rate"] >= settings.quarantine_rate_red
            raised.append(exception("data_quality", "red" if red else "amber",
                                    f"{q['file_label']}: {q['rows_quarantined']} of {q['rows_read']} rows "
                                    f"({q['rate']:.1%}) were quarantined", extract=q["extract"], partner=q["partner"],
                                    period_type="month", period=_month(q["reporting_month"]), value=q["rate"],
                                    detail="quarantine_rate"))
    for f in findings:
        raised.append(exception("data_quality", "amber", f"{FINDINGS[f['finding']]}: {f['records']} "
                                f"({f['partner']}, {f['extract']}; see audit.data_quality_findings)",
                                extract=f["extract"], partner=f["partner"], period_type=_type(f["last_period"]),
                                period=_month(f["last_period"]),
                                value=f["records"], detail=f["finding"]))
    for d in drops:
        if d["drop"] >= settings.row_drop_amber:
            red = d["drop"] >= settings.row_drop_red
            raised.append(exception("data_quality", "red" if red else "amber",
                                    f"{d['partner']}'s {d['extract']} return for {month_name(_month(d['reporting_month']))} "
                                    f"has {d['rows_read']} rows, {d['drop']:.0%} below its usual {d['usual']:.0f} "
                                    "(the median of the six months before)", extract=d["extract"],
                                    partner=d["partner"], period_type="month", period=_month(d["reporting_month"]),
                                    value=d["rows_read"], reference_value=d["usual"], detail="row_drop"))
    return raised


def months_not_sent(as_at: date, due_by_today: date) -> list[dict]:
    """Months now due that no partner has sent: the report stops at the as-at month (for every
    place alike)."""
    if due_by_today <= as_at:
        return []
    months = (due_by_today.year - as_at.year) * 12 + due_by_today.month - as_at.month
    return [exception("data_quality", "amber", f"No partner has sent a return for any month after "
                      f"{month_name(_month(as_at))}, though {months} more month(s) are now due: this "
                      "report stops there", period_type="month", period=_month(as_at),
                      detail="no_recent_returns")]
