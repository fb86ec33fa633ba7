"""The monthly load: every load asset, the data-quality findings, then the marts and the
published tables built on them.

It runs in one process (every step writes the one warehouse file, one after another anyway), so
the warehouse resource, and the load lock it holds, is set up once for the whole run: a run the
daemon launches and a `wst load` never interleave (`wst_analytics.warehouse.lock`)."""

import dagster as dg

monthly_load = dg.define_asset_job(
    "monthly_load",
    selection=dg.AssetSelection.groups("core", "audit", "marts", "published", "reports"),
    executor_def=dg.in_process_executor,
    description="Load every new file version in the drop folder into the warehouse, then "
                "rebuild the data-quality findings, the indicator marts, the published tables, the "
                "exceptions and the exception report, and publish the read-only copies for "
                "analysts and report authors. A run with nothing new materialises nothing (each "
                "load asset records an observation saying so) and rebuilds nothing.",
)
