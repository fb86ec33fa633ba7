"""The monthly load: every load asset, then the data-quality findings."""

import dagster as dg

monthly_load = dg.define_asset_job(
    "monthly_load",
    selection=dg.AssetSelection.groups("core", "audit"),
    description="Load every new file version in the drop folder into the warehouse, then "
                "rebuild the data-quality findings.",
)
