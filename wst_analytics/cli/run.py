"""Running the monthly load in this process, through the same Dagster job the schedule uses,
with the run recorded in DAGSTER_HOME and progress printed file by file."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from wst_analytics import settings


@dataclass
class RunOutcome:
    run_id: str
    success: bool
    failures: list[str]  # failed steps and failed blocking checks, in plain words


def _show_progress() -> None:
    logger = logging.getLogger("wst")
    if not any(getattr(h, "_wst_cli", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("  %(message)s"))
        handler._wst_cli = True
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _root_cause(error) -> str:
    """The innermost error's own message: what went wrong, not Dagster's wrapping of it."""
    if error is None:
        return "failed"
    while error.cause is not None:
        error = error.cause
    return f"{error.cls_name}: {error.message.strip().splitlines()[-1]}" if error.message else error.cls_name


def run_monthly_load() -> RunOutcome:
    """Materialise the monthly load job in process; the key must already be in the environment."""
    settings.ensure_dagster_home()
    import dagster as dg

    from pipelines.definitions import defs

    _show_progress()
    instance = dg.DagsterInstance.get()
    result = defs.resolve_job_def("monthly_load").execute_in_process(
        instance=instance, raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})
    failures = []
    for event in result.all_events:
        if event.is_step_failure:
            failures.append(f"{event.step_key}: {_root_cause(event.step_failure_data.error)}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed and evaluation.severity.value == "ERROR":
                failures.append(f"check {evaluation.check_name} failed on "
                                f"{evaluation.asset_key.to_user_string()}")
    return RunOutcome(run_id=result.run_id, success=result.success and not failures, failures=failures)
