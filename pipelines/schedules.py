"""The monthly schedule: returns are due by the 15th, so the load runs early on the 16th."""

import dagster as dg

from pipelines.jobs import monthly_load

monthly_load_schedule = dg.ScheduleDefinition(
    name="monthly_load_after_returns_due",
    job=monthly_load,
    cron_schedule="0 6 16 * *",
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="06:00 on the 16th of each month, after partners' returns fall due on the 15th.",
)
