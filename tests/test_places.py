"""Places end to end: a police force serving three LAs loads each record into its LA, la_code
defaults, is required and is checked, and each place's figures come from its own records and
population (a partnership's rate from the summed population, never averaged rates)."""

import pytest

from tests.conftest import VALID
from tests.helpers import drop_returns, indicator, load_and_build

THREE_LAS = """
due_day = 15
[areas.E08000027]
name = "Dudley"
region = "E12000005"
[areas.E08000028]
name = "Sandwell"
region = "E12000005"
[areas.E08000031]
name = "Wolverhampton"
region = "E12000005"
[partnerships.black-country]
name = "Black Country"
areas = ["E08000027", "E08000028", "E08000031"]
[partnerships.wst]
name = "Wolverhampton Safeguarding Together"
areas = ["E08000031"]
[partners.wmp]
organisation = "West Midlands Police"
areas = ["E08000027", "E08000028", "E08000031"]
owes = ["police_incidents"]
[partners.cwc-cs]
organisation = "Wolverhampton Children's Services"
areas = ["E08000031"]
owes = ["cp_plans"]
[partners.dud-cs]
organisation = "Dudley Children's Services"
areas = ["E08000027"]
owes = ["cp_plans"]
[partners.ons]
organisation = "Office for National Statistics"
reference = ["population"]
"""
DUDLEY, SANDWELL, WOLVES = "E08000027", "E08000028", "E08000031"
LA = "local_authority"


@pytest.fixture
def three_las(workspace, tmp_path, monkeypatch):
    registry = tmp_path / "partners.toml"
    registry.write_text(THREE_LAS)
    monkeypatch.setenv("WST_PARTNERS", str(registry))
    return workspace


def incident(n: int, la: str | None) -> dict:
    row = {**VALID["police_incidents"], "incident_id": f"I{n}", "recorded_date": "2019-06-03"}
    return {**row, "la_code": la} if la is not None else row


def police_month(space, rows):
    header = [*VALID["police_incidents"], "la_code"]
    drop_returns(space, "police_incidents", {"2019-06": rows}, header=header)


def test_a_police_force_serving_three_las_loads_each_record_into_its_la(three_las):
    police_month(three_las, [incident(1, DUDLEY), incident(2, SANDWELL), incident(3, "e08000028"),
                             incident(4, WOLVES)])
    load_and_build(three_las)
    assert three_las.query("SELECT la_code, count(*) FROM core.police_incidents GROUP BY ALL ORDER BY 1") == [
        (DUDLEY, 1), (SANDWELL, 2), (WOLVES, 1)]
    counts = {area: indicator(three_las, "police_child_abuse_incidents", "2019-06", area=(LA, area))[0]
              for area in (DUDLEY, SANDWELL, WOLVES)}
    assert counts == {DUDLEY: 1, SANDWELL: 2, WOLVES: 1}
    assert indicator(three_las, "police_child_abuse_incidents", "2019-06", area=("partnership", "black-country"))[0] == 4
    assert indicator(three_las, "police_child_abuse_incidents", "2019-06", area=("partnership", "wst"))[0] == 1


def quarantined(space):
    return space.query("SELECT source_row, \"column\", rule FROM quarantine.rows ORDER BY source_row, rule")


def test_la_code_is_required_from_a_partner_serving_several(three_las):
    police_month(three_las, [incident(1, ""), incident(2, DUDLEY)])
    load_and_build(three_las)
    assert quarantined(three_las) == [(2, "la_code", "la_code_required")]
    assert three_las.scalar("SELECT count(*) FROM core.police_incidents") == 1


def test_an_la_the_partner_does_not_serve_is_quarantined(three_las):
    police_month(three_las, [incident(1, "E08000025"), incident(2, "Dudley"), incident(3, DUDLEY)])
    load_and_build(three_las)
    assert quarantined(three_las) == [(2, "la_code", "la_not_served"), (3, "la_code", "format"),
                                      (3, "la_code", "la_not_served")]


def test_a_partner_serving_one_la_may_leave_la_code_out_but_not_name_another(three_las):
    plan = VALID["cp_plans"]
    drop_returns(three_las, "cp_plans", {"2019-06": [plan]}, partner="dud-cs")
    drop_returns(three_las, "cp_plans", {"2019-06": [{**plan, "la_code": DUDLEY}]}, partner="cwc-cs",
                 header=[*plan, "la_code"])
    load_and_build(three_las)
    assert three_las.query("SELECT partner, la_code FROM core.cp_plans") == [("dud-cs", DUDLEY)]
    assert quarantined(three_las) == [(2, "la_code", "la_not_served")]


def population(la: str, children: int) -> list[dict]:
    return [{"mid_year": "2019", "age_from": "0", "age_to": "17", "population": str(children), "la_code": la},
            {"mid_year": "2019", "age_from": "18", "age_to": "999", "population": "1000", "la_code": la}]


def test_the_partnership_rate_uses_its_summed_population_not_averaged_rates(three_las):
    plan = VALID["cp_plans"]
    wolves = [{**plan, "child_id": f"W{n}"} for n in range(3)]
    dudley = [{**plan, "child_id": f"D{n}"} for n in range(1)]
    drop_returns(three_las, "cp_plans", {"2019-04": wolves}, partner="cwc-cs")
    drop_returns(three_las, "cp_plans", {"2019-04": dudley}, partner="dud-cs")
    rows = population(WOLVES, 10000) + population(DUDLEY, 30000) + population(SANDWELL, 20000)
    three_las.drop("population/ons_2020-06.csv", rows)
    load_and_build(three_las)
    assert indicator(three_las, "cp_open_rate_per_10k", area=(LA, WOLVES)) == (3.0, 3, 10000)
    assert indicator(three_las, "cp_open_rate_per_10k", area=(LA, DUDLEY))[0] == pytest.approx(1 / 3)
    # Sandwell sends no CP returns: no figure for it, nor for the partnership that includes it
    assert indicator(three_las, "cp_open_rate_per_10k", area=(LA, SANDWELL)) is None
    assert indicator(three_las, "cp_open_rate_per_10k", area=("partnership", "black-country")) is None


def test_population_from_a_registry_of_several_las_needs_la_code(three_las):
    three_las.drop("population/ons_2020-06.csv", [
        {"mid_year": "2019", "age_from": "0", "age_to": "17", "population": "100"}])
    load_and_build(three_las)
    assert quarantined(three_las) == [(2, "la_code", "la_code_required")]


def test_one_person_known_in_two_las_keeps_one_pseudonym(three_las):
    police_month(three_las, [{**incident(1, DUDLEY), "child_ref": "P1"}, {**incident(2, WOLVES), "child_ref": "P1"}])
    load_and_build(three_las)
    assert three_las.scalar("SELECT count(DISTINCT child_ref) FROM core.police_incidents") == 1
