"""adult_concerns: adult safeguarding concerns, from Adult Social Care (NHS SAC).

Key: `concern_id`. `types_of_risk` holds one or more codes joined by `;`; the warehouse keeps
them in their own table, one row per concern and type.
"""

from wst_analytics.extracts.common import code, code_list, date, identifier, integer
from wst_analytics.extracts.spec import extract_schema

TYPES_OF_RISK = ["PHYSICAL", "SEXUAL", "PSYCHOLOGICAL", "FINANCIAL", "DISCRIMINATORY",
                 "ORGANISATIONAL", "NEGLECT", "DOMESTIC", "SEXUAL_EXPLOITATION", "MODERN_SLAVERY",
                 "SELF_NEGLECT"]
LOCATIONS = ["OWN_HOME", "COMMUNITY", "COMMUNITY_SERVICE", "CARE_HOME_NURSING",
             "CARE_HOME_RESIDENTIAL", "HOSPITAL_ACUTE", "HOSPITAL_MENTAL_HEALTH",
             "HOSPITAL_COMMUNITY", "OTHER"]

schema = extract_schema(
    "adult_concerns",
    key=["concern_id"],
    after_core_sql="core/adult_concerns.sql",
    after_core_changed_sql="core/adult_concerns_changed.sql",
    description="Adult safeguarding concerns: one row per concern, the latest version of each.",
    columns={
        "concern_id": identifier(required=True, pseudonymise=True, description="pseudonymised"),
        "person_id": identifier(required=True, pseudonymise=True, description="pseudonymised"),
        "date_received": date(required=True, not_after_month_end=True),
        "age": integer(min=0, max=120, description="age when received; null is not known"),
        "sex": code(["M", "F", "U"]),
        "types_of_risk": code_list(TYPES_OF_RISK, required=True, description="at least one; stored one row "
                                   "per type in core.adult_concern_risk_types"),
        "location_of_risk": code(LOCATIONS, required=True),
    },
)
