"""The docs state the contract as implemented: every column and rule id of the schemas."""

import re
from pathlib import Path

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.docs import contract_table, tables_in
from wst_analytics.ingest.headers import contract_columns

DOCS = Path(__file__).parents[1] / "docs"


def test_contract_page_names_every_extract_column_and_rule():
    page = (DOCS / "extract-contract.md").read_text()
    for name, schema in SCHEMAS.items():
        assert f"### {name}" in page, name
        for column in contract_columns(schema):
            assert re.search(rf"\b{column}\b", page), (name, column)
            for check in schema.columns[column].checks:
                assert f"`{check.name}`" in page, (name, column, check.name)


def test_the_contract_tables_are_the_specs_own():
    """Each extract's table is what its spec renders (a changed spec needs the page written anew:
    `uv run python -m wst_analytics.extracts.docs docs/extract-contract.md`)."""
    tables = tables_in((DOCS / "extract-contract.md").read_text())
    assert set(tables) == set(SCHEMAS)
    for name, schema in SCHEMAS.items():
        assert tables[name] == contract_table(schema), name


def test_readme_quick_start_is_the_two_commands():
    readme = (DOCS.parent / "README.md").read_text()
    assert "uv run wst demo" in readme and "uv run pytest" in readme


def test_architecture_section_shows_the_flow():
    page = (DOCS / "ARCHITECTURE.md").read_text()
    for stage in ("raw/", "read and validate", "quarantine", "core", "marts", "published"):
        assert stage in page
