"""Assets no run materialises, shown in the lineage: the drop folder's files (one asset per
extract's folder, and the files outside them), which the load assets read, and quarantine.rows,
which they write in their transactions (and a retention purge trims). The retention asset, the
last of a run to change quarantine, records what it holds (`pipelines.metadata.quarantine_rows`)."""

import dagster as dg

from wst_analytics.extracts import SCHEMAS

DROP_FOLDER = {name: dg.AssetKey(["drop_folder", name]) for name in SCHEMAS}
OUTSIDE = dg.AssetKey(["drop_folder", "other_files"])
QUARANTINE = dg.AssetKey(["quarantine", "rows"])
#: The groups in the order the graph reads, top to bottom: no asset depends on a later group.
GROUPS = ("drop_folder", "core", "audit", "marts", "published", "reports")

DROP_FOLDER_SPECS = [
    *(dg.AssetSpec(key, group_name="drop_folder", kinds={"csv", "xlsx"},
                   description=f"{name}/ in the drop folder (WST_RAW_DIR): partners' returns, "
                               f"<partner>_<YYYY-MM>.csv or .xlsx, taken in by core/{name}. The "
                               "drop-folder sensor starts a load when one arrives that the audit "
                               "has not taken in.")
      for name, key in DROP_FOLDER.items()),
    dg.AssetSpec(OUTSIDE, group_name="drop_folder",
                 description="Files in the drop folder outside every extract's folder: each is "
                             "recorded and rejected by audit/unrecognised_files, never read."),
]
QUARANTINE_SPEC = dg.AssetSpec(
    QUARANTINE, group_name="audit", kinds={"duckdb"},
    deps=[*(dg.AssetKey(["core", name]) for name in SCHEMAS), dg.AssetKey(["audit", "retention"])],
    description="quarantine.rows: every row that failed a rule, with its file's label, row, "
                "column, rule, message, DfE code and kind; written by each load asset in its "
                "transaction, trimmed by a retention purge. Its metadata (rows by rule) is recorded "
                "by audit/retention after every load.")
EXTERNAL_ASSETS = [*DROP_FOLDER_SPECS, QUARANTINE_SPEC]
