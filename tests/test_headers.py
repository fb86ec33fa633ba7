import pytest

from wst_analytics.extracts import SCHEMAS
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.headers import map_header, normalise

CP = SCHEMAS["cp_plans"]
REQUIRED = ["child_id", "sex", "cpp_start_date", "initial_category", "latest_category",
            "previous_cpp_count"]


@pytest.mark.parametrize("variant", ["CPP Start Date", "cpp_start_date", "Cpp-Start-Date",
                                     "CPP.START.DATE", " cpp start_date ", "CPPSTARTDATE"])
def test_header_variants_match(variant):
    assert normalise(variant) == normalise("cpp_start_date")


def test_columns_in_any_order_and_optional_absent():
    header = list(reversed(REQUIRED))
    mapped = map_header(header, CP)
    assert mapped.positions["child_id"] == len(REQUIRED) - 1
    assert "date_of_birth" in mapped.absent


def test_unknown_columns_reported_by_count_and_position_never_by_name():
    mapped = map_header([*REQUIRED, "Child Name", None], CP)
    assert (mapped.unknown, mapped.unknown_positions) == (2, [7, 8])
    assert "Child Name" not in repr(mapped)


@pytest.mark.parametrize("cell, column", [("BOO\u212aING_ID", "booking_id"), ("CHİLD_ID", "child_id"),
                                          ("ＣＨＩＬＤ_ＩＤ", "child_id")])
def test_header_case_is_changed_in_ascii_letters_only(cell, column):
    assert normalise(cell) != normalise(column)


def test_missing_required_column_rejects_the_file():
    with pytest.raises(FileRejected, match="required column sex missing") as raised:
        map_header([h for h in REQUIRED if h != "sex"], CP)
    assert (raised.value.rule, raised.value.column) == ("missing_column", "sex")


def test_two_columns_matching_one_contract_column_reject_the_file():
    with pytest.raises(FileRejected, match="both match 'sex'"):
        map_header([*REQUIRED, "SEX"], CP)
