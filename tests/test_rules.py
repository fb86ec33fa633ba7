"""Every validation rule of the contract and the national rules: a failing row each.

Each case changes one valid row so that it breaks exactly one rule, and checks that the row is
quarantined naming that column and rule, with a plain-English message, and nothing else.
"""

import pytest

from tests.conftest import VALID
from tests.helpers import read_rows

CASES = [
    ("cp_plans", {"child_id": ""}, "child_id", "required"),
    ("cp_plans", {"child_id": "C-1001"}, "child_id", "format"),
    ("cp_plans", {"child_id": "C" * 21}, "child_id", "too_long"),
    ("cp_plans", {"date_of_birth": ""}, "date_of_birth", "dob_or_expected_dob"),
    ("cp_plans", {"sex": "X"}, "sex", "code_list"),
    ("cp_plans", {"ethnicity": "WXYZ"}, "ethnicity", "code_list"),
    ("cp_plans", {"strategy_discussion_date": "2019-04-11"}, "strategy_discussion_date", "strategy_before_icpc"),
    ("cp_plans", {"cpp_start_date": "2019-05-01", "icpc_date": "", "strategy_discussion_date": ""},
     "cpp_start_date", "after_month_end"),
    ("cp_plans", {"cpp_end_date": "2019-04-10"}, "cpp_end_date", "same_day_plan"),
    ("cp_plans", {"cpp_end_date": "2019-04-09"}, "cpp_end_date", "end_after_start"),
    ("cp_plans", {"cpp_start_date": "2019-03-01", "cpp_end_date": "2019-05-02"}, "cpp_end_date", "after_month_end"),
    ("cp_plans", {"initial_category": "ABC"}, "initial_category", "code_list"),
    ("cp_plans", {"latest_category": ""}, "latest_category", "required"),
    ("cp_plans", {"previous_cpp_count": "-1"}, "previous_cpp_count", "range"),
    ("adult_concerns", {"person_id": ""}, "person_id", "required"),
    ("adult_concerns", {"date_received": "2019-05-01"}, "date_received", "after_month_end"),
    ("adult_concerns", {"age": "121"}, "age", "range"),
    ("adult_concerns", {"age": "-1"}, "age", "range"),
    ("adult_concerns", {"sex": "Q"}, "sex", "code_list"),
    ("adult_concerns", {"types_of_risk": "NEGLECT;BURGLARY"}, "types_of_risk", "code_list"),
    ("adult_concerns", {"types_of_risk": ";"}, "types_of_risk", "code_list"),
    ("adult_concerns", {"types_of_risk": ""}, "types_of_risk", "required"),
    ("adult_concerns", {"location_of_risk": "GARDEN"}, "location_of_risk", "code_list"),
    ("s42_enquiries", {"concern_id": ""}, "concern_id", "required"),
    ("s42_enquiries", {"enquiry_type": "S47"}, "enquiry_type", "code_list"),
    ("s42_enquiries", {"start_date": "2019-05-01", "end_date": ""}, "start_date", "after_month_end"),
    ("s42_enquiries", {"end_date": "2019-04-07"}, "end_date", "end_not_before_start"),
    ("s42_enquiries", {"risk_outcome": ""}, "risk_outcome", "risk_outcome_required"),
    ("s42_enquiries", {"risk_outcome": "SOLVED"}, "risk_outcome", "code_list"),
    ("s42_enquiries", {"msp_asked": "MAYBE"}, "msp_asked", "code_list"),
    ("s42_enquiries", {"msp_expressed": "N"}, "msp_achieved", "msp_achieved_requires_expressed"),
    ("s42_enquiries", {"msp_expressed": ""}, "msp_achieved", "msp_achieved_requires_expressed"),
    ("s42_enquiries", {"msp_achieved": "MOSTLY"}, "msp_achieved", "code_list"),
    ("police_incidents", {"recorded_date": "2019-05-01"}, "recorded_date", "after_month_end"),
    ("police_incidents", {"child_age": "18"}, "child_age", "range"),
    ("police_incidents", {"cse_marker": ""}, "cse_marker", "required"),
    ("police_incidents", {"crime_recorded": "maybe"}, "crime_recorded", "invalid_flag"),
    ("training_attendance", {"delivery": "HYBRID"}, "delivery", "code_list"),
    ("training_attendance", {"capacity": "0"}, "capacity", "range"),
    ("training_attendance", {"attendance": "LATE"}, "attendance", "code_list"),
    ("training_attendance", {"dna_charge_gbp": "-5"}, "dna_charge_gbp", "range"),
    ("training_attendance", {"course_title": "x" * 201}, "course_title", "too_long"),
    ("training_attendance", {"session_date": "16/4/2019"}, "session_date", "invalid_date"),
    ("population", {"age_to": "1000"}, "age_to", "range"),
    ("population", {"age_from": "5", "age_to": "4"}, "age_to", "age_band"),
    ("population", {"population": "-3"}, "population", "range"),
    ("police_incidents", {"record_status": "archived"}, "record_status", "code_list"),
]


@pytest.mark.parametrize("extract, change, column, rule", CASES,
                         ids=[f"{c[0]}-{c[3]}-{c[2]}" for c in CASES])
def test_row_breaking_a_rule_is_quarantined_with_column_rule_and_message(tmp_path, extract, change, column, rule):
    good = VALID[extract]
    first_column = next(iter(good))  # the key, or part of it: a second valid row needs another
    second = {**good, "age_from": "18", "age_to": "999"} if extract == "population" else {
        **good, first_column: good[first_column] + "9"}
    result = read_rows(tmp_path, extract, [{**good, **change}, second])
    assert result.status == "loaded"
    assert result.quarantine.select("source_row", "column", "rule").rows() == [(2, column, rule)]
    message = result.quarantine["message"][0]
    assert message.startswith(column) and len(message) > len(column) + 10
    assert result.rows_loaded == 1 and result.rows_read == 2


def test_valid_row_of_every_extract_loads(tmp_path):
    for extract, row in VALID.items():
        result = read_rows(tmp_path / extract, extract, [row])
        assert (result.rows_loaded, result.rows_quarantined) == (1, 0), extract


def test_duplicate_key_quarantines_every_copy(tmp_path):
    result = read_rows(tmp_path, "police_incidents", [VALID["police_incidents"]] * 2)
    assert result.quarantine.select("source_row", "rule").rows() == [(2, "duplicate_key"), (3, "duplicate_key")]
    assert "rows 2, 3" in result.quarantine["message"][0]


def test_keys_that_did_not_parse_are_not_each_others_duplicates(tmp_path):
    rows = [{**VALID["population"], "mid_year": "2019x"}, {**VALID["population"], "mid_year": "two"}]
    result = read_rows(tmp_path, "population", rows, month="2019-06")
    assert result.quarantine.select("source_row", "rule").rows() == [(2, "invalid_integer"), (3, "invalid_integer")]


def test_identifiers_outside_the_alphabet_are_not_each_others_duplicates(tmp_path):
    rows = [{**VALID["police_incidents"], "incident_id": "=1"}, {**VALID["police_incidents"], "incident_id": "I​1"}]
    result = read_rows(tmp_path, "police_incidents", rows)
    assert result.quarantine.select("source_row", "rule").rows() == [(2, "format"), (3, "format")]


@pytest.mark.parametrize("extract, change", [
    ("s42_enquiries", {"msp_expressed": "N", "msp_achieved": ""}),
    ("s42_enquiries", {"end_date": "", "risk_outcome": ""}),
    ("cp_plans", {"strategy_discussion_date": "", "icpc_date": ""}),
    ("cp_plans", {"date_of_birth": "", "expected_date_of_birth": "2019-09-01", "sex": "U"}),
])
def test_empty_optional_values_pass_their_rules(tmp_path, extract, change):
    result = read_rows(tmp_path, extract, [{**VALID[extract], **change}])
    assert (result.rows_loaded, result.rows_quarantined) == (1, 0), result.quarantine.rows()


def test_deleted_record_needs_only_its_key(tmp_path):
    row = {"incident_id": "19/1001/19", "record_status": "deleted"}
    result = read_rows(tmp_path, "police_incidents", [row],
                       header=[*VALID["police_incidents"], "record_status"])
    assert (result.rows_loaded, result.rows_quarantined) == (1, 0)


def test_missing_required_column_quarantines_every_row_as_file_rejected(tmp_path):
    header = [c for c in VALID["police_incidents"] if c != "cse_marker"]
    result = read_rows(tmp_path, "police_incidents", [VALID["police_incidents"]] * 3, header=header)
    assert result.status == "rejected" and "cse_marker" in result.reason
    assert result.rows_read == 3 and result.rows_quarantined == 3 and result.rows_loaded == 0
    assert set(result.quarantine["rule"]) == {"file_rejected"}


def test_a_row_breaking_several_rules_is_one_quarantined_row(tmp_path):
    result = read_rows(tmp_path, "cp_plans", [{**VALID["cp_plans"], "sex": "X", "previous_cpp_count": "-2"}])
    assert sorted(result.quarantine["rule"]) == ["code_list", "range"]
    assert result.rows_quarantined == 1


def test_an_excel_error_in_a_contract_column_quarantines_its_row(tmp_path):
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    header = [*VALID["police_incidents"], "Notes"]
    sheet.write_row(0, 0, header)
    for row in (1, 2):
        sheet.write_row(row, 0, [f"I{row}", *list(VALID["police_incidents"].values())[1:]])
    sheet.write_formula(1, header.index("child_age"), "=1/0", None, "#DIV/0!")
    sheet.write_formula(2, header.index("Notes"), "=NA()", None, "#N/A")  # not a contract column
    book.close()
    result = read_rows(tmp_path, "police_incidents", [], fmt="xlsx", data=buffer.getvalue())
    assert result.quarantine.select("source_row", "column", "rule").rows() == [(2, "child_age", "excel_error")]
    assert "#DIV/0!" in result.quarantine["message"][0]
    assert result.rows_loaded == 1
