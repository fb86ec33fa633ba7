"""The adults' rules as the Safeguarding Adults Collection defines the fields: an enquiry that
starts before its concern was received still happened, so it loads, counts, and is a finding
of kind error (docs/rules.md); a rule of the contract quarantines the row."""

from tests.conftest import TEST_KEY, VALID
from tests.helpers import read_rows
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.findings import rebuild_findings
from wst_analytics.warehouse.load import load_candidates


def test_an_enquiry_starting_before_its_concern_loads_with_a_finding(workspace):
    workspace.drop("adult_concerns/cwc-asc_2019-04.csv", [{**VALID["adult_concerns"], "date_received": "2019-04-09"}])
    workspace.drop("s42_enquiries/cwc-asc_2019-04.csv", [VALID["s42_enquiries"]])  # starts 8 April
    con, keys = connect(workspace.warehouse), Pseudonymiser(TEST_KEY.encode())
    try:
        for extract in ("adult_concerns", "s42_enquiries"):
            found = new_candidates(con, workspace.raw, load_registry(), extract, pseudonymiser=keys)
            load_candidates(con, extract, found, keys, "test")
        rebuild_findings(con)
    finally:
        con.close()
    enquiry = Pseudonymiser(TEST_KEY.encode()).pseudonym("EQ1001")
    assert workspace.scalar("SELECT count(*) FROM core.s42_enquiries WHERE enquiry_id = ?", [enquiry]) == 1
    assert workspace.query("SELECT finding, dfe_code, kind FROM audit.data_quality_findings") == [
        ("enquiry_before_concern", None, "error")]


def test_a_rule_of_the_contract_on_an_enquiry_quarantines_it_without_a_dfe_code(tmp_path):
    result = read_rows(tmp_path, "s42_enquiries", [{**VALID["s42_enquiries"], "risk_outcome": ""}])
    assert result.quarantine.select("rule", "dfe_code", "kind").rows() == [("risk_outcome_required", None, "error")]
