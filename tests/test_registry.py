"""Adding a partner or a second local authority is a change to the registry file only."""

import pytest

from tests.conftest import VALID
from tests.helpers import materialize
from wst_analytics.registry import load_registry

SECOND_LA = """
due_day = 15
[partners.cwc-cs]
organisation = "City of Wolverhampton Council, Children's Services"
owes = ["cp_plans"]
[partners.dud-cs]
organisation = "Dudley Council, Children's Services"
local_authority = "Dudley"
owes = ["cp_plans"]
first_month = "2019-04"
"""


def test_the_shipped_registry_matches_the_contract():
    registry = load_registry()
    assert sorted(registry.returns_owed()) == sorted([
        ("cwc-cs", "cp_plans"), ("cwc-asc", "adult_concerns"), ("cwc-asc", "s42_enquiries"),
        ("wmp", "police_incidents"), ("wst", "training_attendance")])
    assert registry.partners["ons"].reference == ("population",)
    assert registry.due_day == 15


def test_a_second_local_authority_loads_with_keys_kept_apart(workspace, tmp_path, monkeypatch):
    registry = tmp_path / "partners.toml"
    registry.write_text(SECOND_LA)
    monkeypatch.setenv("WST_PARTNERS", str(registry))
    workspace.drop("cp_plans/cwc-cs_2019-04.csv", [VALID["cp_plans"]])
    workspace.drop("cp_plans/dud-cs_2019-04.csv", [VALID["cp_plans"]])  # same child id, other LA
    materialize(workspace)
    assert workspace.query("SELECT partner FROM core.cp_plans ORDER BY 1") == [("cwc-cs",), ("dud-cs",)]


def test_a_partner_not_in_the_registry_is_rejected(workspace):
    workspace.drop("cp_plans/dud-cs_2019-04.csv", [VALID["cp_plans"]])
    materialize(workspace)
    assert workspace.query("SELECT status, reason FROM audit.file_versions") == [
        ("rejected", "the partner code the name starts with is not in the partner registry (partners.toml): "
                     "check the code, or add the partner")]  # never the code itself: it may be a name


def test_a_registry_naming_an_unknown_extract_is_refused(tmp_path):
    path = tmp_path / "partners.toml"
    path.write_text('[partners.x]\norganisation = "X"\nowes = ["referrals"]\n')
    with pytest.raises(ValueError, match="unknown extracts"):
        load_registry(path)
