"""police_incidents: child-abuse-related incidents recorded by the police.

Key: `incident_id`.
"""

from wst_analytics.extracts.common import date, flag, identifier, integer
from wst_analytics.extracts.spec import extract_schema

schema = extract_schema(
    "police_incidents",
    key=["incident_id"],
    counted_by="recorded_date",
    description="Child-abuse-related police incidents: one row per incident, latest version.",
    columns={
        "incident_id": identifier(required=True, pseudonymise=True, description="pseudonymised"),
        "recorded_date": date(required=True, not_after_month_end=True),
        "child_ref": identifier(pseudonymise=True, description="police person reference (pseudonymised)"),
        "child_age": integer(min=0, max=17),
        "cse_marker": flag(required=True, description="child sexual exploitation marker"),
        "crime_recorded": flag(required=True, description="a confirmed crime was recorded"),
    },
)
