"""What an asset shows in the UI after a load: column schemas, row counts, a preview only of
tables without personal data, quarantine by rule, links to the reports, the published tables'
symbols; the drop folder and quarantine.rows in the lineage; groups that read top to bottom."""

import dagster as dg
import duckdb
import pytest

from pipelines.assets.external import GROUPS
from pipelines.definitions import defs
from pipelines.metadata import ddl_descriptions, preview


def _metadata(result, *path) -> dict:
    found = [e.materialization.metadata for e in result.get_asset_materialization_events()
             if e.materialization.asset_key == dg.AssetKey(list(path))]
    assert found, f"{'/'.join(path)} was not materialised"
    return found[-1]


def _columns(metadata) -> dict[str, str | None]:
    return {c.name: c.description for c in metadata["dagster/column_schema"].value.columns}


def test_a_load_asset_shows_its_columns_rows_and_quarantine_by_rule_but_no_rows(sample_warehouse):
    space, _, result = sample_warehouse
    shown = _metadata(result, "core", "cp_plans")
    columns = _columns(shown)
    assert columns["child_id"] and "pseudonym" in columns["child_id"] and columns["file_version_id"]
    assert shown["dagster/row_count"].value == space.scalar("SELECT count(*) FROM core.cp_plans")
    assert "| rule | column | rows |" in shown["quarantined_by_rule"].value
    assert "preview" not in shown


def test_marts_and_published_tables_show_a_few_rows(sample_warehouse):
    _, _, result = sample_warehouse
    for path in (("marts", "indicator_values"), ("marts", "indicator_yoy"), ("published", "indicator_values")):
        table = _metadata(result, *path)["preview"].value.splitlines()
        assert table[0].startswith("| indicator_id |") and 3 <= len(table) <= 7, path
    symbols = _metadata(result, "published", "indicator_values")["cells_by_symbol"].value
    assert "| c | confidential" in symbols


def test_quarantine_rows_is_recorded_with_its_rules(sample_warehouse):
    space, _, result = sample_warehouse
    shown = _metadata(result, "quarantine", "rows")
    assert shown["dagster/row_count"].value == space.scalar("SELECT count(*) FROM quarantine.rows") > 0
    assert "| rule | column | rows |" in shown["by_rule"].value and "preview" not in shown
    assert "CIN census" in _columns(shown)["dfe_code"]


def test_the_exception_report_links_its_files(sample_warehouse):
    _, _, result = sample_warehouse
    shown = _metadata(result, "reports", "exception_report")
    links = [v.value for k, v in shown.items() if k != "folder"]
    assert links and all(isinstance(v, str) and v.endswith((".html", ".xlsx")) for v in links)
    assert isinstance(shown["folder"], dg.PathMetadataValue)


@pytest.mark.parametrize("table", ["core.cp_plans", "history.cp_plans", "quarantine.rows", "audit.file_versions"])
def test_no_preview_of_a_table_that_may_hold_personal_data(table):
    with pytest.raises(ValueError, match="may hold personal data"):
        preview(duckdb.connect(), table)


def test_the_warehouse_describes_its_audit_columns():
    assert "keyed hash of the path" in ddl_descriptions()["audit.file_versions"]["path_key"]


def test_the_drop_folder_and_quarantine_are_in_the_lineage():
    graph = defs.resolve_asset_graph()
    assert dg.AssetKey(["drop_folder", "cp_plans"]) in graph.get(dg.AssetKey(["core", "cp_plans"])).parent_keys
    assert dg.AssetKey(["core", "cp_plans"]) in graph.get(dg.AssetKey(["quarantine", "rows"])).parent_keys


def test_the_groups_read_top_to_bottom():
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        for parent in node.parent_keys:
            assert GROUPS.index(graph.get(parent).group_name) <= GROUPS.index(node.group_name), (parent, key)
