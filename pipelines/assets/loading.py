"""The body every load asset shares: new file versions of one extract into the warehouse.

A run with nothing new (no file version not yet taken in, anywhere in the drop folder; no
retention purge due; every derived asset built from the warehouse as it is: `freshness`) is
decided once, by its first load asset: each load asset then records an observation ("nothing
new: N files already loaded") and materialises nothing, so its last metadata stands, and
Dagster skips every derived asset, and every load asset loaded after another (their upstream
produced nothing). The run is tagged
`wst/nothing_new` with the same words. Otherwise every load asset materialises, as it always
did, and the derived assets rebuild."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import dagster as dg

from pipelines.checks import check_results
from pipelines.metadata import core_metadata
from pipelines.resources import (
    DropFolderResource,
    PseudonymKeyResource,
    WarehouseResource,
)
from wst_analytics import activity, settings
from wst_analytics.copies import copies_dir
from wst_analytics.demo_files import guard_demo_key
from wst_analytics.ingest.discover import anything_new, new_candidates
from wst_analytics.ingest.drop_folder import left_label
from wst_analytics.ingest.hash_memo import HashMemo
from wst_analytics.keys import is_demo_key
from wst_analytics.warehouse.backup import backup_before_load
from wst_analytics.warehouse.freshness import copies_current, derived_current, files_on_record, purge_due
from wst_analytics.warehouse.load import LoadSummary, load_candidates

CORE = dict(group_name="core", kinds={"duckdb", "polars"}, pool="warehouse")
log = logging.getLogger("wst.load")


#: Files listed in a run's metadata: a national first load has tens of thousands (all of them
#: are in audit.file_versions); rejected files and those with quarantined rows come first.
FILES_SHOWN = 200


def file_table(summary: LoadSummary) -> dg.MetadataValue:
    """The run's table of file versions, each by its label (never its file name)."""
    lines = ["| file | status | read | loaded | quarantined | reason |", "|---|---|---|---|---|---|"]
    notable = sorted(summary.files, key=lambda f: (f["status"] != "rejected", not f["rows_quarantined"]))
    for f in notable[:FILES_SHOWN]:
        lines.append(f"| {f['file']} | {f['status']} | {f['rows_read'] or ''} | "
                     f"{f['rows_loaded']} | {f['rows_quarantined']} | {f['reason'] or ''} |")
    if len(notable) > FILES_SHOWN:
        lines.append(f"| ... and {len(notable) - FILES_SHOWN} more (see audit.file_versions) | | | | | |")
    return dg.MetadataValue.md("\n".join(lines))


def _load(context, con, extract: str | None, candidates, pseudonymiser, key: bytes, memo: HashMemo) -> LoadSummary:
    """The load, with what discovery learnt (the hash memo) and its activity entry, written and
    anchored in its transaction (`activity.anchor`)."""
    name = extract or "unrecognised files"
    with activity.AnchoredLog(key) as entries:
        def record(ids: list[int]) -> None:
            memo.remember()
            if ids:
                entries.write(con, "load", f"{name}: {len(ids)} file version(s)",
                              activity.files_taken_in(con, ids), context.run.run_id)
        return load_candidates(con, extract, candidates, pseudonymiser, context.run.run_id, before_commit=record)


class _SkippedChecks(logging.Filter):
    """Dagster warns, for every step downstream of a load asset, that its blocking checks gave
    no result; in a run with nothing new they give none on purpose (nothing was loaded to check)
    and those steps are skipped, so the warning says nothing true and is left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "emitted no result" not in record.getMessage()


logging.getLogger("dagster._core.execution.plan.active").addFilter(_SkippedChecks())
_decided: dict[str, str | None] = {}  # run id -> "nothing new: ..." or None; the last run only


def nothing_new(context, con, warehouse: WarehouseResource, drop_folder: DropFolderResource,
                pseudonymiser) -> str | None:
    """'nothing new: N files already loaded' when the run has nothing new, else None; decided by
    the run's first load asset, so that every asset of the run agrees."""
    run_id = context.run.run_id
    if run_id not in _decided:
        idle = (derived_current(con) and not purge_due(con) and copies_current(con, copies_dir(warehouse.file))
                and not anything_new(con, drop_folder.folder, drop_folder.registry(), pseudonymiser=pseudonymiser))
        _decided.clear()
        _decided[run_id] = f"nothing new: {files_on_record(con)} files already loaded" if idle else None
        if idle:
            context.instance.add_run_tags(run_id, {"wst/nothing_new": _decided[run_id]})
    return _decided[run_id]


def load_extract(context: dg.AssetExecutionContext, extract: str | None,
                 warehouse: WarehouseResource, drop_folder: DropFolderResource,
                 pseudonym_key: PseudonymKeyResource) -> Iterator[dg.MaterializeResult]:
    """Load every new file version of `extract` and report the checks on what was written; or,
    when the run has nothing new, say so and materialise nothing."""
    pseudonymiser = pseudonym_key.pseudonymiser()  # refuses before anything is read
    registry = drop_folder.registry()
    for variable in ("WST_WAREHOUSE_KEY", "WST_COPY_KEY"):  # before the warehouse is made with it
        guard_demo_key(is_demo_key(variable), drop_folder.folder, variable)
    with warehouse.connect() as con:
        idle = nothing_new(context, con, warehouse, drop_folder, pseudonymiser)
        if idle:
            context.log.info(f"{extract or 'unrecognised files'}: {idle}; the marts, reports and copies are kept")
            context.log_event(dg.AssetObservation(asset_key=context.asset_key, metadata={"nothing_new": idle}))
            return
        left: list[tuple] = []
        memo = HashMemo(con)  # written with the load, in its transaction
        candidates = new_candidates(con, drop_folder.folder, registry, extract, pseudonymiser=pseudonymiser,
                                    left=left, memo=memo)
        for path, why in left:
            log.info("%s: left for the next load: %s", left_label(path, drop_folder.folder, registry), why)
        guard_demo_key(pseudonymiser.uses_key(settings.DEMO_PSEUDONYM_KEY.encode()), drop_folder.folder)
        if candidates:
            backup_before_load(con, warehouse.file, context.run.run_id)  # once per run, before any change
        context.log.info(f"{len(candidates)} new file version(s) for {extract or 'unrecognised files'}")
        summary = _load(context, con, extract, candidates, pseudonymiser, pseudonym_key.activity_key(), memo)
        checks = check_results(con, extract, summary) if extract else []
        shown = core_metadata(con, extract, context.run.run_id) if extract else {}
    metadata = {
        "files_loaded": len(summary.files) - len(summary.rejected),
        "files_rejected": len(summary.rejected),
        "files_left": len(left) + len(summary.left),
        "rows_read": summary.total("rows_read"),
        "rows_loaded": summary.total("rows_loaded"),
        "rows_quarantined": summary.total("rows_quarantined"),
        "files": file_table(summary),
        **shown,
    }
    if extract:
        metadata["dagster/row_count"] = summary.core_rows
    yield dg.MaterializeResult(metadata=metadata, check_results=checks)
