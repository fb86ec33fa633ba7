from datetime import date

import pytest

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import parse_return_path
from wst_analytics.registry import load_registry


def parse(tmp_path, relative):
    return parse_return_path(tmp_path / relative, tmp_path, load_registry())


def test_name_gives_extract_partner_month_and_format(tmp_path):
    file = parse(tmp_path, "cp_plans/cwc-cs_2019-04.csv")
    assert (file.extract, file.partner, file.month, file.suffix, file.file_format) == (
        "cp_plans", "cwc-cs", date(2019, 4, 1), None, "csv")
    assert file.month_end == date(2019, 4, 30)


@pytest.mark.parametrize("suffix", ["v2", "resubmitted", "v2_corrected"])
def test_resubmission_suffix_is_read(tmp_path, suffix):
    assert parse(tmp_path, f"adult_concerns/cwc-asc_2019-05_{suffix}.xlsx").suffix == suffix


def test_population_from_ons(tmp_path):
    assert parse(tmp_path, "population/ons_2020-06.csv").partner == "ons"


@pytest.mark.parametrize("relative, words", [
    ("cp_plans/cwc-cs_2019-4.csv", "the name must be"),
    ("cp_plans/cwc-cs_2019-13.csv", "not a month"),
    ("cp_plans/CWC-CS_2019-04.csv", "the name must be"),
    ("cp_plans/cwc-cs_2019-04.CSV", "the name must be"),
    ("cp_plans/cwc-cs_2019-04.xls", "the name must be"),
    ("cp_plans/unknown_2019-04.csv", "not in the partner registry"),
    ("cp_plans/wmp_2019-04.csv", "does not send cp_plans"),
    ("referrals/cwc-cs_2019-04.csv", "is not an extract"),
    ("cwc-cs_2019-04.csv", "one level down"),
    ("cp_plans/2019/cwc-cs_2019-04.csv", "one level down"),
])
def test_name_that_does_not_fit_is_rejected_with_reason(tmp_path, relative, words):
    with pytest.raises(FileRejected, match=words):
        parse(tmp_path, relative)
