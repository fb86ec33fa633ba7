"""The rule catalogue (`wst_analytics/extracts/rules.toml`) names every rule the reader and the
findings use, and docs/rules.md shows it as it is."""

import re
from pathlib import Path

import pytest

from pipelines.assets.audit import data_quality_findings
from wst_analytics.exceptions.data_quality import FINDINGS as REPORTED
from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.docs import RULES, rules_table, tables_in
from wst_analytics.extracts.rules import find_rule, load_rules
from wst_analytics.ingest.headers import contract_columns
from wst_analytics.settings import SQL_DIR

DOCS = Path(__file__).parents[1] / "docs"
PARTNER_EXTRACTS = ("cp_plans", "adult_concerns", "s42_enquiries", "police_incidents")


@pytest.mark.parametrize("extract", PARTNER_EXTRACTS)
def test_every_rule_of_the_partners_extracts_is_in_the_catalogue(extract):
    schema = SCHEMAS[extract]
    missing = [(column, check.name) for column in contract_columns(schema)
               for check in schema.columns[column].checks if find_rule(extract, column, check.name) is None]
    assert missing == []


def test_every_finding_the_sql_writes_is_in_the_catalogue_and_checked():
    written = set()
    for path in (SQL_DIR / "data_quality").glob("*.sql"):
        written |= set(re.findall(r"SELECT '([a-z_]+)', ", path.read_text()))
    findings = {r.rule for r in load_rules() if r.outcome == "finding"}
    assert written and written <= findings
    checked = {key.name.removeprefix("no_") for key in data_quality_findings.check_keys}
    assert findings == checked == set(REPORTED)


def test_the_rules_page_shows_the_catalogue():
    tables = tables_in((DOCS / "rules.md").read_text(), RULES)
    assert set(tables) == {"every", *PARTNER_EXTRACTS}
    for name, table in tables.items():
        assert table == rules_table(name), name


def test_a_rule_id_in_the_catalogue_is_one_entry_per_column_and_outcome():
    keys = [(r.extract, r.column, r.rule, r.outcome) for r in load_rules()]
    assert len(keys) == len(set(keys))
