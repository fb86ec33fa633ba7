"""Running the monthly load in this process, through the same Dagster job the schedule uses,
with the run recorded in DAGSTER_HOME and its progress shown (`showing`)."""

from __future__ import annotations

import os
import socket
import tempfile
from dataclasses import dataclass

from wst_analytics import run_history, settings
from wst_analytics.cli.showing import showing
from wst_analytics.cli.storage import FULL, UNWRITABLE, kind_of, named_file, words
from wst_analytics.warehouse.health import advice, damage_of


@dataclass
class RunOutcome:
    run_id: str
    success: bool
    failures: list[str]  # failed steps and failed blocking checks, in plain words
    nothing_new: str | None = None  # "nothing new: N files already loaded" (the run's tag)


STORAGE_PROBLEMS = {
    FULL: "the disk holding the warehouse is full (or the file reached its size limit): nothing from the "
          "failed steps was kept; free some space and run the load again",
    UNWRITABLE: "the warehouse cannot be written (read-only, or no permission): nothing from the failed "
                "steps was kept; check the file and its folder, then run the load again",
}


def explain(message: str) -> str:
    """A storage failure or a damaged warehouse in plain words, with the original message after it.
    A failure to write another file than the warehouse (the activity log, a copy) names it."""
    kind, named = kind_of(message), named_file(message)
    if kind and named is not None and not named.name.startswith(settings.warehouse_path().name):
        return f"{words(kind, named)} ({message})"
    for needles, meaning in STORAGE_PROBLEMS.items():
        if any(needle in message for needle in needles):
            return f"{meaning} ({message})"
    damage = damage_of(message)
    if damage and "WarehouseDamaged" not in message:  # found mid-load, deeper than opening looks
        return (f"the warehouse is damaged: {damage}: nothing from the failed steps was kept. "
                f"{advice(settings.warehouse_path())} ({message})")
    return message


def _root_cause(error) -> str:
    """The innermost error's own message: what went wrong, not Dagster's wrapping of it."""
    if error is None:
        return "failed"
    while error.cause is not None:
        error = error.cause
    message = f"{error.cls_name}: {error.message.strip().splitlines()[-1]}" if error.message else error.cls_name
    return explain(message)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_abandoned_slots(instance) -> list[str]:
    """Free the pool slots of `wst` runs whose process is gone (a load killed mid-way), which
    would otherwise block every later load; mark those runs failed. Call it holding the load
    lock, so no other `wst` load can be running. Runs launched by the Dagster daemon are left
    to Dagster's own run monitoring."""
    freed = []
    for run_id in instance.event_log_storage.get_concurrency_run_ids():
        run = instance.get_run_by_id(run_id)
        tags = run.tags if run else {}
        if run is not None and tags.get("wst/host") == socket.gethostname() and "wst/pid" in tags \
                and not run.is_finished and _alive(int(tags["wst/pid"])):
            continue
        if run is None or "wst/pid" in tags or run.is_finished:
            instance.event_log_storage.free_concurrency_slots_for_run(run_id)
            if run is not None and not run.is_finished:
                instance.report_run_failed(run, "its process ended without finishing (killed?)")
            freed.append(run_id)
    return freed


def _check_dagster_home(home) -> None:
    """Dagster writes its run history there: say so plainly now rather than fail inside it."""
    try:
        with tempfile.TemporaryFile(dir=home):
            pass
    except OSError as error:
        raise OSError(error.errno, f"{error.strerror} (Dagster's run history, DAGSTER_HOME)", str(home)) from None


def run_monthly_load() -> RunOutcome:
    """Materialise the monthly load job in process; the key must already be in the environment."""
    _check_dagster_home(settings.ensure_dagster_home())
    run_history.check_reachable()
    import dagster as dg

    from pipelines.definitions import defs

    instance = dg.DagsterInstance.get()
    for run_id in release_abandoned_slots(instance):
        print(f"  (freed the warehouse from run {run_id}, which ended without finishing)")
    with showing():  # files and rows per extract on stderr; the load's log lines on stdout
        result = defs.resolve_job_def("monthly_load").execute_in_process(
            instance=instance, raise_on_error=False,
            tags={"wst/launched_by": "wst", "wst/pid": str(os.getpid()), "wst/host": socket.gethostname()},
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
    run = instance.get_run_by_id(result.run_id)
    return RunOutcome(run_id=result.run_id, success=result.success and not failures, failures=failures,
                      nothing_new=run.tags.get("wst/nothing_new") if run else None)
