"""The Dagster code location: `dagster dev -m pipelines.definitions` (or `wst ui`)."""

import dagster as dg

from pipelines.assets.audit import data_quality_findings, retention, unrecognised_files
from pipelines.assets.copies import COPY_ASSETS
from pipelines.assets.core import LOAD_ASSETS
from pipelines.assets.exceptions import EXCEPTION_ASSETS
from pipelines.assets.marts import indicator_marts, published_tables
from pipelines.jobs import monthly_load
from pipelines.resources import default_resources
from pipelines.schedules import monthly_load_schedule
from pipelines.sensors import drop_folder_sensor

defs = dg.Definitions(
    assets=[*LOAD_ASSETS, unrecognised_files, retention, data_quality_findings, indicator_marts,
            published_tables, *EXCEPTION_ASSETS, *COPY_ASSETS],
    jobs=[monthly_load],
    schedules=[monthly_load_schedule],
    sensors=[drop_folder_sensor],
    resources=default_resources(),
    executor=dg.in_process_executor,  # every run, even one asset materialised from the UI, holds
    # the load lock from its start to its end (see pipelines/jobs.py)
)
