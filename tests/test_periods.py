"""A month and a financial year can share a label (`2010-11` is November 2010 and the year
2010-11): every period is told apart by its type, so neither stops the marts (issue 11, defect 1)."""

from tests.conftest import VALID
from tests.helpers import check_results, indicator, materialize

INCIDENT = VALID["police_incidents"]


def incident(incident_id: str, recorded: str) -> dict:
    return {**INCIDENT, "incident_id": incident_id, "recorded_date": recorded}


def test_returns_from_2010_and_2019_build_the_marts_on_this_and_every_later_load(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [INCIDENT])
    workspace.drop("police_incidents/wmp_2010-01.csv", [incident("OLD1", "2010-01-05")])
    result = materialize(workspace)
    assert result.success
    assert check_results(result)[("marts/indicator_values", "every_indicator_computed")]
    workspace.drop("police_incidents/wmp_2019-05.csv", [incident("NEW1", "2019-05-02")])
    assert materialize(workspace).success


def test_the_month_2010_11_and_the_year_2010_11_are_two_figures(workspace):
    workspace.drop("police_incidents/wmp_2010-04.csv", [incident("A", "2010-04-10")])
    workspace.drop("police_incidents/wmp_2010-11.csv", [incident("B", "2010-11-15")])
    workspace.drop("police_incidents/wmp_2011-11.csv", [incident("C", "2011-11-15"), incident("D", "2011-11-16"),
                                                        incident("E", "2011-11-17")])
    workspace.drop("police_incidents/wmp_2012-03.csv", [incident("F", "2012-03-01")])
    assert materialize(workspace).success
    assert indicator(workspace, "police_child_abuse_incidents", "2010-11", kind="month")[0] == 1
    assert indicator(workspace, "police_child_abuse_incidents", "2010-11", kind="financial_year")[0] == 2
    yoy = workspace.query("SELECT period, value, previous_period, previous_value FROM marts.indicator_yoy "
                          "WHERE indicator_id = 'police_child_abuse_incidents' AND area_type = 'partnership' "
                          "ORDER BY period")
    # the year 2011-12 compares with the year 2010-11 (2), never with November 2010 (1)
    assert yoy == [("2010-11", 2.0, "2009-10", None), ("2011-12", 4.0, "2010-11", 2.0)]
