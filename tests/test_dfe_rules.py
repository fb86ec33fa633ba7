"""The CIN census rules (DfE codes, 2024-25) on CP plan rows, built from DfE's definitions: a
rule the contract requires quarantines the row with its DfE code; a query, a census error on a
value the contract leaves free, and a cross-record rule load the row and record a data-quality
finding with its code and kind (docs/rules.md)."""

import pytest

from tests.conftest import TEST_KEY, VALID, Workspace, csv_bytes, pointed_at
from tests.helpers import indicator, read_rows
from wst_analytics.indicators.build import build_indicators
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.findings import rebuild_findings
from wst_analytics.warehouse.load import load_candidates

NO_ICPC = {"strategy_discussion_date": "", "icpc_date": ""}
ERRORS = [  # (DfE code, change to the valid row, column, rule)
    ("8500", {"child_id": ""}, "child_id", "required"),
    ("1570", {"child_id": "C" * 21}, "child_id", "too_long"),
    ("1580", {"child_id": "C-1001"}, "child_id", "format"),
    ("8525Q", {"date_of_birth": ""}, "date_of_birth", "dob_or_expected_dob"),
    ("4180", {"sex": ""}, "sex", "required"),
    ("4180", {"sex": "X"}, "sex", "code_list"),
    ("4220", {"ethnicity": "WXYZ"}, "ethnicity", "code_list"),
    ("8720", {"cpp_start_date": ""}, "cpp_start_date", "required"),
    ("8720", {"cpp_start_date": "2019-05-01", **NO_ICPC}, "cpp_start_date", "after_month_end"),
    ("8930", {"cpp_end_date": "2019-05-02"}, "cpp_end_date", "after_month_end"),
    ("8925", {"cpp_end_date": "2019-04-09"}, "cpp_end_date", "end_after_start"),
    ("8840", {"cpp_end_date": "2019-04-10"}, "cpp_end_date", "same_day_plan"),
    ("8905", {"initial_category": ""}, "initial_category", "required"),
    ("8905", {"initial_category": "ABC"}, "initial_category", "code_list"),
    ("8910", {"latest_category": ""}, "latest_category", "required"),
    ("8910", {"latest_category": "NEGLECT"}, "latest_category", "code_list"),
    ("8730", {"previous_cpp_count": ""}, "previous_cpp_count", "required"),
    ("8730", {"previous_cpp_count": "-1"}, "previous_cpp_count", "range"),
]


@pytest.mark.parametrize("dfe, change, column, rule", ERRORS, ids=[f"{e[0]}-{e[3]}" for e in ERRORS])
def test_a_census_error_quarantines_the_row_with_its_code(tmp_path, dfe, change, column, rule):
    result = read_rows(tmp_path, "cp_plans", [{**VALID["cp_plans"], **change}])
    assert result.quarantine.select("column", "rule", "dfe_code", "kind").rows() == [(column, rule, dfe, "error")]
    assert (result.rows_loaded, result.rows_quarantined) == (0, 1)


def test_8510_the_same_plan_twice_in_a_file_quarantines_both_with_its_code(tmp_path):
    result = read_rows(tmp_path, "cp_plans", [VALID["cp_plans"]] * 2)
    assert set(result.quarantine.select("rule", "dfe_code", "kind").rows()) == {("duplicate_key", "8510", "error")}
    assert result.rows_quarantined == 2


def test_a_rule_of_another_extract_carries_no_dfe_code(tmp_path):
    result = read_rows(tmp_path, "police_incidents", [{**VALID["police_incidents"], "child_age": "18"}])
    assert result.quarantine.select("rule", "dfe_code", "kind").rows() == [("range", None, "error")]


def _plan(child: str, start: str, **change) -> dict:
    """A valid plan of `child` starting (and conferenced) on `start`, open unless changed."""
    return {**VALID["cp_plans"], "child_id": child, "cpp_start_date": start, "icpc_date": start,
            "strategy_discussion_date": "2019-04-01", **change}


QUERIES = [  # (child, its plans, finding, DfE code, kind, the plans it names)
    ("Q1", [_plan("Q1", "2019-04-10", date_of_birth="2019-04-20", expected_date_of_birth="2019-04-25")],
     "dob_and_expected_dob", "8525Q", "query", 1),
    ("Q2", [_plan("Q2", "2019-04-10", date_of_birth="", expected_date_of_birth="2020-01-30", sex="U")],
     "expected_dob_out_of_range", "8530Q", "query", 1),
    ("Q3", [_plan("Q3", "2019-04-10", date_of_birth="", expected_date_of_birth="2019-03-31", sex="U")],
     "expected_dob_out_of_range", "8530Q", "query", 1),
    ("Q4", [_plan("Q4", "2019-04-10", ethnicity="")], "ethnicity_missing", "4220", "error", 1),
    ("Q5", [_plan("Q5", "2019-04-10", previous_cpp_count="100")], "many_previous_plans", None, "query", 1),
    ("Q6", [_plan("Q6", "2019-04-02"), _plan("Q6", "2019-04-10")], "open_cp_plans", "8935", "error", 2),
    ("Q7", [_plan("Q7", "2019-04-02", cpp_end_date="2019-04-09"), _plan("Q7", "2019-04-09")],
     "overlapping_cp_plans", "8940", "error", 1),
    ("E1", [_plan("E1", "2019-04-10", date_of_birth="2019-05-01")], "dob_after_month_end", "8520", "error", 1),
    ("E2", [_plan("E2", "2019-04-10", date_of_birth="", expected_date_of_birth="2019-09-01")],
     "unborn_sex", "8750", "error", 1),
    ("E3", [_plan("E3", "2019-03-20", icpc_date="2019-05-01")], "icpc_after_month_end", "8715", "error", 1),
    ("E4", [_plan("E4", "2019-04-13")], "icpc_on_weekend", "8875", "error", 1),
    ("E5", [_plan("E5", "2019-04-10", icpc_date="2019-04-09")], "plan_start_not_icpc", "2885", "error", 1),
]
IN_RANGE = [_plan("R1", "2019-04-10", date_of_birth="", expected_date_of_birth="2020-01-29", sex="U"),
            _plan("R2", "2019-04-10", date_of_birth="", expected_date_of_birth="2019-04-01", sex="U"),
            _plan("R3", "2019-04-02", cpp_end_date="2019-04-08"), _plan("R3", "2019-04-09"),
            _plan("R4", "2019-03-20", icpc_date="2019-03-19", strategy_discussion_date=""),  # 2885: before the census year
            _plan("R5", "2019-04-10", date_of_birth="2019-04-30")]


@pytest.fixture(scope="module")
def queried(tmp_path_factory):
    """One April 2019 return holding every query's plans (and plans just inside each), loaded
    and its findings built: (workspace, pseudonymiser)."""
    space, keys = Workspace(tmp_path_factory.mktemp("queries")), Pseudonymiser(TEST_KEY.encode())
    rows = [plan for _, plans, *_ in QUERIES for plan in plans] + IN_RANGE
    with pointed_at(space):
        space.drop("cp_plans/cwc-cs_2019-04.csv", csv_bytes(rows, [*VALID["cp_plans"]]))
        con = connect(space.warehouse)
        try:
            candidates = new_candidates(con, space.raw, load_registry(), "cp_plans", pseudonymiser=keys)
            load_candidates(con, "cp_plans", candidates, keys, "test")
            rebuild_findings(con)
            build_indicators(con)
        finally:
            con.close()
    return space, keys


@pytest.mark.parametrize("child, plans, finding, dfe, kind, named", QUERIES, ids=[q[2] + "-" + q[0] for q in QUERIES])
def test_a_finding_rule_loads_the_row_and_records_its_code_and_kind(queried, child, plans, finding, dfe, kind, named):
    space, keys = queried
    record = keys.pseudonym(child)
    assert space.scalar("SELECT count(*) FROM core.cp_plans WHERE child_id = ?", [record]) == len(plans)
    found = space.query("SELECT dfe_code, kind FROM audit.data_quality_findings WHERE record = ? AND finding = ?",
                        [record, finding])
    assert found == [(dfe, kind)] * named
    assert space.scalar("SELECT count(*) FROM quarantine.rows") == 0


def test_plans_just_inside_the_bounds_raise_no_finding(queried):
    space, keys = queried
    records = [keys.pseudonym(child) for child in ("R1", "R2", "R3", "R4", "R5")]
    assert space.query("SELECT finding FROM audit.data_quality_findings WHERE list_contains(?, record)",
                       [records]) == []


def test_a_plan_with_only_findings_counts_in_the_indicators(queried):
    """Counts stay honest: every plan of the return loaded, so every open one is counted."""
    space, _ = queried
    rows = [plan for _, plans, *_ in QUERIES for plan in plans] + IN_RANGE
    assert indicator(space, "cp_open_at_period_end", "2019-04")[0] == sum(not p["cpp_end_date"] for p in rows)
