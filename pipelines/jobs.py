"""The monthly load: every load asset, the data-quality findings, then the marts and the
published tables built on them."""

import dagster as dg

monthly_load = dg.define_asset_job(
    "monthly_load",
    selection=dg.AssetSelection.groups("core", "audit", "marts", "published", "reports"),
    description="Load every new file version in the drop folder into the warehouse, then "
                "rebuild the data-quality findings, the indicator marts, the published tables, the "
                "exceptions and the exception report, and publish the read-only copies for "
                "analysts and report authors.",
)
