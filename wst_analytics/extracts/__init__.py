"""One pandera (polars backend) schema per partner extract of the contract.

`SCHEMAS` maps the extract name (the folder under `raw/`) to its schema. The schemas are the
single source of the contract's columns: header matching, parsing, validation, pseudonymisation
and the docs all read them.
"""

from wst_analytics.extracts import (
                     adult_concerns,
                     cp_plans,
                     police_incidents,
                     population,
                     s42_enquiries,
                     training_attendance,
)

SCHEMAS = {
    module.schema.name: module.schema
    for module in (cp_plans, adult_concerns, s42_enquiries, police_incidents,
                   training_attendance, population)
}
EXTRACTS = tuple(SCHEMAS)
