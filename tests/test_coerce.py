from datetime import date

import pytest

from tests.conftest import VALID
from tests.helpers import read_rows


def one(tmp_path, extract, **changes):
    return read_rows(tmp_path, extract, [{**VALID[extract], **changes}])


@pytest.mark.parametrize("written", ["2019-04-03", "03/04/2019"])
def test_iso_and_uk_dates(tmp_path, written):
    result = one(tmp_path, "adult_concerns", date_received=written)
    assert result.rows["date_received"].to_list() == [date(2019, 4, 3)]


@pytest.mark.parametrize("written", ["04/30/2019", "31/02/2019", "2019-4-3", "3/4/2019", "yesterday",
                                     "2019-04-03T10:00"])
def test_month_first_impossible_and_other_dates_are_invalid(tmp_path, written):
    result = one(tmp_path, "adult_concerns", date_received=written)
    assert result.quarantine.select("column", "rule").rows() == [("date_received", "invalid_date")]


@pytest.mark.parametrize("written, value", [
    ("Y", True), ("y", True), ("Yes", True), ("YES", True), ("TRUE", True), ("true", True), ("1", True),
    ("N", False), ("no", False), ("False", False), ("0", False), (" n ", False)])
def test_every_flag_spelling(tmp_path, written, value):
    assert one(tmp_path, "police_incidents", cse_marker=written).rows["cse_marker"].to_list() == [value]


@pytest.mark.parametrize("written", ["maybe", "2", "T"])
def test_other_flags_are_invalid(tmp_path, written):
    result = one(tmp_path, "police_incidents", cse_marker=written)
    assert result.quarantine.select("column", "rule").rows() == [("cse_marker", "invalid_flag")]


def test_codes_in_any_case_with_spaces(tmp_path):
    result = one(tmp_path, "cp_plans", sex=" f ", initial_category="neg", latest_category="Emo")
    assert result.rows.select("sex", "initial_category", "latest_category").rows() == [("F", "NEG", "EMO")]


def test_types_of_risk_split_into_a_list(tmp_path):
    result = one(tmp_path, "adult_concerns", types_of_risk=" neglect ; Financial;PHYSICAL ")
    assert result.rows["types_of_risk"].to_list() == [["NEGLECT", "FINANCIAL", "PHYSICAL"]]


@pytest.mark.parametrize("written, value", [("3", 3), (" 12 ", 12), ("+4", 4), ("7.0", 7)])
def test_integers(tmp_path, written, value):
    assert one(tmp_path, "police_incidents", child_age=written).rows["child_age"].to_list() == [value]


@pytest.mark.parametrize("written", ["3.5", "ten", "1e3", "99999999999999999999"])
def test_invalid_integers(tmp_path, written):
    result = one(tmp_path, "cp_plans", previous_cpp_count=written)
    assert result.quarantine.select("column", "rule").rows() == [("previous_cpp_count", "invalid_integer")]


@pytest.mark.parametrize("written", ["£50", "50 GBP", "fifty"])
def test_invalid_decimals(tmp_path, written):
    result = one(tmp_path, "training_attendance", dna_charge_gbp=written)
    assert result.quarantine.select("column", "rule").rows() == [("dna_charge_gbp", "invalid_decimal")]


def test_identifiers_trimmed_and_upper_cased_before_hashing(tmp_path):
    upper = one(tmp_path, "cp_plans", child_id="C1001").rows["child_id"][0]
    lower = one(tmp_path / "b", "cp_plans", child_id=" c1001 ").rows["child_id"][0]
    assert upper == lower


def test_record_status_defaults_to_active_and_reads_any_case(tmp_path):
    assert one(tmp_path, "police_incidents").rows["record_status"].to_list() == ["active"]
    deleted = one(tmp_path / "b", "police_incidents", record_status="DELETED")
    assert deleted.rows["record_status"].to_list() == ["deleted"]


def test_pseudonyms_are_standard_hmac_sha256():
    import hashlib
    import hmac

    from wst_analytics.ingest.pseudonymise import Pseudonymiser

    key = b"a-test-key-of-some-length"
    expected = hmac.new(key, "C1001".encode(), hashlib.sha256).hexdigest()
    assert Pseudonymiser(key).pseudonym("C1001") == expected
    assert Pseudonymiser(key).pseudonym("C1001") == Pseudonymiser(key).pseudonym("C1001")


def test_many_values_hashed_together_get_the_same_pseudonyms_as_one_at_a_time():
    import hashlib
    import hmac

    import polars as pl

    from wst_analytics.ingest.pseudonymise import IN_SQL, Pseudonymiser

    values = [f"C{i}" for i in range(IN_SQL + 10)] + ["é", "Ünïcødé", "", " c1 ", None, "C5"]
    for key in (b"sixteen-byte-key", b"k" * 100):  # a key longer than SHA-256's block is hashed first
        pseudonyms = Pseudonymiser(key).column(pl.Series("child_id", values))
        assert pseudonyms.name == "child_id" and pseudonyms.len() == len(values)
        assert pseudonyms.to_list() == [None if v is None else hmac.new(key, v.encode(), hashlib.sha256).hexdigest()
                                        for v in values]


# ---- the identifier alphabet, and case changed only in ASCII values -------------------------

OUTSIDE_THE_ALPHABET = {
    "dotless i (upper-cases to I)": "WMPı1001", "sharp s (upper-cases to SS)": "straße1",
    "accented letter": "WMPé1", "zero-width space": "WMP1001\u200b", "byte order mark": "\ufeffWMP1001",
    "soft hyphen": "WMP10\u00ad01", "line separator": "WMP1001\u2028", "paragraph separator": "WMP1001\u2029",
    "no-break space inside": "WMP\u00a01001", "no-break space after": "WMP1001\u00a0",
    "full-width digits": "WMP１００１", "full-width letters": "ＷＭＰ1001", "Arabic-Indic digits": "WMP١٠٠١",
    "space inside": "WMP 1001", "Kelvin sign (lower-cases to k)": "\u212a1001", "word joiner": "WMP\u20601001",
    "right-to-left override": "WMP\u202e1001", "ideographic space": "WMP1001\u3000",
}


@pytest.mark.parametrize("what", OUTSIDE_THE_ALPHABET)
def test_an_identifier_outside_the_alphabet_is_quarantined_without_quoting_it(tmp_path, what):
    value = OUTSIDE_THE_ALPHABET[what]
    result = one(tmp_path, "police_incidents", child_ref=value)
    assert result.quarantine.select("column", "rule").rows() == [("child_ref", "format")]
    message = result.quarantine["message"][0]
    assert value not in message and value.strip() not in message and "WMP" not in message


@pytest.mark.parametrize("value", ["cı1001", "straße1"])
def test_letters_that_upper_case_into_others_never_merge_two_children(tmp_path, value):
    result = one(tmp_path, "cp_plans", child_id=value)
    assert result.quarantine.select("column", "rule").rows() == [("child_id", "format")]


@pytest.mark.parametrize("value", ["19/1001/19", "a-b_c.d", "0", "x" * 200, "-WMP1", "/1"])
def test_the_alphabet_admits_letters_digits_and_dash_slash_underscore_dot(tmp_path, value):
    assert one(tmp_path, "police_incidents", child_ref=value).rows.height == 1


@pytest.mark.parametrize("value", ["-", "/", "...", "-_-"])
def test_punctuation_alone_is_no_ones_identifier(tmp_path, value):
    result = one(tmp_path, "police_incidents", child_ref=value)
    assert result.quarantine.select("column", "rule").rows() == [("child_ref", "format")]
    assert "a letter or digit" in result.quarantine["message"][0]


def test_only_ascii_white_space_is_trimmed_from_an_identifier(tmp_path):
    trimmed = one(tmp_path, "police_incidents", child_ref="\t wmp1001 \x0b")
    assert trimmed.rows["child_ref"].to_list() == [one(tmp_path / "b", "police_incidents").rows["child_ref"][0]]


@pytest.mark.parametrize("column, value, rule", [
    ("types_of_risk", "fınancial", "code_list"), ("types_of_risk", "ﬁnancial", "code_list"),
    ("location_of_risk", "own_home\u200b", "code_list"), ("sex", "ｆ", "code_list")])
def test_codes_change_case_only_when_all_ascii(tmp_path, column, value, rule):
    result = one(tmp_path, "adult_concerns", **{column: value})
    assert result.quarantine.select("column", "rule").rows() == [(column, rule)]
    assert value not in result.quarantine["message"][0]


@pytest.mark.parametrize("written", ["yeſ", "Ｙ", "ｙｅｓ", "TRUE\u200b"])
def test_flags_change_case_only_when_all_ascii(tmp_path, written):
    result = one(tmp_path, "police_incidents", cse_marker=written)
    assert result.quarantine.select("column", "rule").rows() == [("cse_marker", "invalid_flag")]


@pytest.mark.parametrize("written", ["DELETED\u200b", "deleted\u00ad"])
def test_record_status_changes_case_only_when_all_ascii(tmp_path, written):
    result = one(tmp_path, "police_incidents", record_status=written)
    assert result.quarantine.select("column", "rule").rows() == [("record_status", "code_list")]


@pytest.mark.parametrize("extract, column, written, rule", [
    ("adult_concerns", "date_received", "٢٠١٩-04-03", "invalid_date"),
    ("adult_concerns", "date_received", "03/04/２０１９", "invalid_date"),
    ("adult_concerns", "age", "٨٤", "invalid_integer"), ("adult_concerns", "age", "８４", "invalid_integer"),
    ("training_attendance", "dna_charge_gbp", "٥٠.٠٠", "invalid_decimal"),
    ("training_attendance", "capacity", "３0", "invalid_integer")])
def test_dates_and_numbers_need_ascii_digits(tmp_path, extract, column, written, rule):
    result = one(tmp_path, extract, **{column: written})
    assert result.quarantine.select("column", "rule").rows() == [(column, rule)]
