"""Adult, police and training indicators pinned on small hand-built returns."""

import pytest

from tests.conftest import VALID
from tests.helpers import drop_returns, indicator, load_and_build

CONCERN, ENQUIRY = VALID["adult_concerns"], VALID["s42_enquiries"]
INCIDENT, BOOKING = VALID["police_incidents"], VALID["training_attendance"]


def concern(cid, received="2019-06-03", **other):
    return {**CONCERN, "concern_id": cid, "date_received": received, **other}


def enquiry(eid, cid, start="2019-06-10", end="", **other):
    closed = {"risk_outcome": "RISK_REDUCED"} if end else {"risk_outcome": "", "msp_achieved": "",
                                                           "msp_expressed": "", "msp_asked": ""}
    return {**ENQUIRY, "enquiry_id": eid, "concern_id": cid, "start_date": start, "end_date": end,
            **closed, **other}


@pytest.fixture
def adults(workspace):
    drop_returns(workspace, "adult_concerns", {
        "2019-06": [concern("THREE", types_of_risk="NEGLECT;FINANCIAL;PHYSICAL", age="95"),
                    concern("TWO_S42", age="18"), concern("OTHER_ONLY", age=""),
                    concern("NONE", location_of_risk="CARE_HOME_NURSING", age="40"),
                    concern("GONE")],
        "2019-07": [concern("GONE", record_status="deleted")],
        "2020-03": [concern("LATE", received="2020-03-30", age="29")],
    })
    drop_returns(workspace, "s42_enquiries", {
        "2019-06": [enquiry("E1", "TWO_S42"), enquiry("E2", "TWO_S42"),
                    enquiry("E3", "OTHER_ONLY", enquiry_type="OTHER"), enquiry("E5", "GONE")],
        "2019-07": [enquiry("E1", "TWO_S42", end="2019-07-20", msp_asked="Y", msp_expressed="Y",
                            msp_achieved="FULLY"),
                    enquiry("E2", "TWO_S42", end="2019-07-25", msp_asked="N", msp_expressed="Y",
                            msp_achieved="NOT", risk_outcome="RISK_REMAINS")],
    }, years=("2019-20", "2020-21"))
    drop_returns(workspace, "s42_enquiries", {
        "2020-04": [enquiry("E4", "LATE", start="2020-04-02")]}, years=("2020-21",))
    load_and_build(workspace)
    return workspace


def test_concerns_received_leave_out_the_deleted_one(adults):
    assert indicator(adults, "adult_concerns_received")[0] == 5
    assert indicator(adults, "adult_concerns_received", "2019-06")[0] == 4


def test_a_concern_with_three_types_counts_under_each(adults):
    rows = dict(adults.query("SELECT breakdown, value FROM marts.indicator_values WHERE "
                             "area_type = 'partnership' AND indicator_id = 'adult_concerns_by_type_of_risk' AND period = '2019-20'"))
    assert (rows["PHYSICAL"], rows["NEGLECT"], rows["FINANCIAL"], rows["SEXUAL"]) == (1, 5, 5, 0)
    assert indicator(adults, "adult_concerns_by_type_of_risk", breakdown="PHYSICAL") == (1, 1, 5)


def test_age_bands_and_locations(adults):
    ages = dict(adults.query("SELECT breakdown, value FROM marts.indicator_values WHERE "
                             "area_type = 'partnership' AND indicator_id = 'adult_concerns_by_age_band' AND period = '2019-20' AND value > 0"))
    assert ages == {"90_plus": 1, "18_or_under": 1, "not_known": 1, "40-49": 1, "19-29": 1}
    assert indicator(adults, "adult_concerns_by_location", breakdown="CARE_HOME_NURSING")[0] == 1
    assert indicator(adults, "adult_concerns_by_location", breakdown="OWN_HOME")[0] == 4


def test_concerns_to_s42_count_each_concern_once_and_only_s42(adults):
    # TWO_S42 (two S42 enquiries) and LATE (its S42 starts in the next year); not OTHER_ONLY
    assert indicator(adults, "adult_concerns_to_s42")[0] == 2
    assert indicator(adults, "adult_concerns_to_s42_pct") == (40.0, 2, 5)


def test_s42_started_concluded_and_outcomes(adults):
    assert indicator(adults, "s42_enquiries_started")[0] == 3  # E1, E2, E5 (E3 is OTHER)
    assert indicator(adults, "s42_enquiries_concluded")[0] == 2
    assert indicator(adults, "s42_concluded_by_risk_outcome", breakdown="RISK_REMAINS") == (1, 1, 2)
    assert indicator(adults, "msp_asked_pct") == (50.0, 1, 2)
    assert indicator(adults, "msp_outcomes_achieved_pct") == (50.0, 1, 2)


def test_police_cse_and_crime_conversion(workspace):
    def incident(n, cse, crime, date="2019-08-05"):
        return {**INCIDENT, "incident_id": f"I{n}", "cse_marker": cse, "crime_recorded": crime,
                "recorded_date": date}
    drop_returns(workspace, "police_incidents", {"2019-08": [
        incident(1, "Y", "Y"), incident(2, "Y", "N"), incident(3, "Y", "N"), incident(4, "N", "Y")]})
    load_and_build(workspace)
    assert indicator(workspace, "police_child_abuse_incidents")[0] == 4
    assert indicator(workspace, "cse_incidents")[0] == 3
    assert indicator(workspace, "cse_crimes_recorded")[0] == 1
    assert indicator(workspace, "cse_crime_recorded_pct")[1:] == (1, 3)


def test_training_sessions_places_attendance_and_charges(workspace):
    def booking(n, course, date, attendance, capacity="20", agency="CWC", charge=""):
        return {**BOOKING, "booking_id": f"B{n}", "course_code": course, "session_date": date,
                "attendance": attendance, "capacity": capacity, "attendee_agency": agency,
                "dna_charge_gbp": charge}
    drop_returns(workspace, "training_attendance", {"2019-09": [
        booking(1, "WT", "2019-09-02", "ATTENDED"), booking(2, "WT", "2019-09-02", "DNA", charge="50"),
        booking(3, "WT", "2019-09-09", "ATTENDED", agency="WMP"), booking(4, "SA", "2019-09-02", "CANCELLED", capacity="10"),
        booking(5, "SA", "2019-09-02", "DNA", capacity="10", charge="35.50")]})
    load_and_build(workspace)
    assert indicator(workspace, "training_sessions")[0] == 3
    assert indicator(workspace, "training_course_types")[0] == 2
    assert indicator(workspace, "training_places")[0] == 50
    assert indicator(workspace, "training_attended")[0] == 2
    assert indicator(workspace, "training_fill_pct") == (4.0, 2, 50)
    assert indicator(workspace, "training_dna_pct")[1:] == (2, 4)
    assert indicator(workspace, "training_dna_charges_gbp")[0] == 85.5
    assert indicator(workspace, "training_attended_by_agency", breakdown="WMP") == (1, 1, 2)


def test_year_on_year_change(workspace):
    incidents = {"2018-06": [{**INCIDENT, "incident_id": f"A{n}", "recorded_date": "2018-06-01"} for n in range(4)],
                 "2019-06": [{**INCIDENT, "incident_id": f"B{n}", "recorded_date": "2019-06-01"} for n in range(5)]}
    drop_returns(workspace, "police_incidents", incidents, years=("2018-19", "2019-20"))
    load_and_build(workspace)
    assert workspace.query("SELECT period, value, previous_value, change, change_pct FROM marts.indicator_yoy "
                           "WHERE area_type = 'partnership' AND indicator_id = 'police_child_abuse_incidents' ORDER BY period") == [
        ("2018-19", 4, None, None, None), ("2019-20", 5, 4, 1, 25.0)]


def test_a_year_the_returns_do_not_wholly_cover_has_no_figure(workspace):
    drop_returns(workspace, "police_incidents", {"2019-06": [{**INCIDENT, "recorded_date": "2019-06-05"}]})
    (workspace.raw / "police_incidents/wmp_2020-03.csv").unlink()
    load_and_build(workspace)
    assert indicator(workspace, "police_child_abuse_incidents") is None
    assert indicator(workspace, "police_child_abuse_incidents", "2019-06")[0] == 1
