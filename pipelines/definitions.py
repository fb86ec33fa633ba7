"""The Dagster code location: `dagster dev -m pipelines.definitions` (or `wst ui`)."""

import dagster as dg

from pipelines.assets import ALL_ASSETS
from pipelines.jobs import monthly_load
from pipelines.resources import default_resources
from pipelines.schedules import monthly_load_schedule
from pipelines.sensors import drop_folder_sensor

defs = dg.Definitions(assets=ALL_ASSETS, jobs=[monthly_load], schedules=[monthly_load_schedule],
                      sensors=[drop_folder_sensor], resources=default_resources(),
                      # every run, even of one asset started in the UI, holds the load lock from
                      # its start to its end (see pipelines/jobs.py)
                      executor=dg.in_process_executor)
