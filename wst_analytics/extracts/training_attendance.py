"""training_attendance: bookings on the partnership's safeguarding training.

Key: `booking_id`. A session is (`course_code`, `session_date`).
"""

from wst_analytics.extracts.common import (
    code,
    date,
    decimal,
    identifier,
    integer,
    text,
)
from wst_analytics.extracts.spec import extract_schema

schema = extract_schema(
    "training_attendance",
    key=["booking_id"],
    description="Training bookings: one row per booking, the latest version of each.",
    columns={
        "booking_id": identifier(required=True, pseudonymise=True,
                                 description="pseudonymised: a booking reference can lead to a person"),
        "course_code": identifier(required=True, description="one code per type of course"),
        "course_title": text(required=True),
        "session_date": date(required=True),
        "delivery": code(["F2F", "ONLINE"], required=True),
        "capacity": integer(required=True, min=1, max=1000, description="places on the session"),
        "attendee_agency": identifier(required=True, description="partner or agency code"),
        "attendance": code(["ATTENDED", "DNA", "CANCELLED"], required=True,
                           description="DNA: did not attend"),
        "dna_charge_gbp": decimal(min=0, description="non-attendance fee invoiced"),
    },
)
