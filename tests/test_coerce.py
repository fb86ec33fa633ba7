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
