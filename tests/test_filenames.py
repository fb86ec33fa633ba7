from datetime import date

import pytest

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import parse_return_path
from wst_analytics.registry import load_registry


def parse(tmp_path, relative):
    return parse_return_path(tmp_path / relative, tmp_path, load_registry())


def test_name_gives_extract_partner_month_and_format(tmp_path):
    file = parse(tmp_path, "cp_plans/cwc-cs_2019-04.csv")
    assert (file.extract, file.partner, file.month, file.file_format) == (
        "cp_plans", "cwc-cs", date(2019, 4, 1), "csv")
    assert file.month_end == date(2019, 4, 30)


@pytest.mark.parametrize("suffix", ["v2", "resubmitted", "v2_corrected", "jane-smith"])
def test_a_suffix_is_accepted_and_never_kept(tmp_path, suffix):
    file = parse(tmp_path, f"adult_concerns/cwc-asc_2019-05_{suffix}.xlsx")
    assert (file.partner, file.month) == ("cwc-asc", date(2019, 5, 1))
    assert suffix not in repr({k: v for k, v in vars(file).items() if k not in ("path", "relative")})


def test_the_label_names_the_return_and_the_version():
    from wst_analytics.ingest.filenames import return_label

    assert return_label("cp_plans", "cwc-cs", date(2019, 4, 1), 2) == "cp_plans/cwc-cs_2019-04 (version 2)"


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
    ("referrals/cwc-cs_2019-04.csv", "the folder is not an extract's"),
    ("cwc-cs_2019-04.csv", "one level down"),
    ("cp_plans/2019/cwc-cs_2019-04.csv", "one level down"),
])
def test_name_that_does_not_fit_is_rejected_with_reason(tmp_path, relative, words):
    with pytest.raises(FileRejected, match=words):
        parse(tmp_path, relative)


UNICODE_DIGITS = ["cp_plans/cwc-cs_２０１９-04.csv", "cp_plans/cwc-cs_2019-٠٤.csv", "cp_plans/cwc-cs_2019-0\u0664.csv",
                  "cp_plans/cwc-cs_\u0967\u0966\u0967\u096f-04.csv"]


@pytest.mark.parametrize("relative", UNICODE_DIGITS)
def test_the_month_must_be_ascii_digits(tmp_path, relative):
    with pytest.raises(FileRejected, match="the name must be"):
        parse(tmp_path, relative)


UNPRINTABLE = ["cp_plans/cwc-cs_2019-04.csv\n", "cp_plans/cwc-cs_2019-04_\x1b[2J.csv", "cp_plans/cwc-cs_2019-04\x07.csv",
               "cp_plans/cwc-cs_2019-04_v2\u202e.csv", "cp_plans/cwc-cs_2019-04_\u200bv2.csv",
               "cp_plans/cwc-cs_2019-04\u2028.csv", "cp_plans/cwc-cs_2019-04_v\udcff.csv",
               "cp\u202eplans/cwc-cs_2019-04.csv", "cp_plans\r/cwc-cs_2019-04.csv", "cp_plans/cwc-cs_2019-04\u00ad.csv"]


@pytest.mark.parametrize("relative", UNPRINTABLE)
def test_a_name_with_characters_that_do_not_print_is_rejected_without_echoing_it(tmp_path, relative):
    with pytest.raises(FileRejected, match="do not print") as rejected:
        parse(tmp_path, relative)
    assert rejected.value.rule == "file_name"
    assert relative.split("/")[-1] not in str(rejected.value) and "cwc-cs" not in str(rejected.value)


@pytest.mark.parametrize("relative", ["zebedee-quartermain/cwc-cs_2019-04.csv", "cp_plans/zebedee-quartermain_2019-04.csv",
                                      "cp_plans/Zebedee Quartermain.csv", "cp_plans/cwc-cs_2019-13_zebedee.csv",
                                      "cp_plans/cwc-cs_2019-04_zebedee.txt", "cp_plans/zebedee/cwc-cs_2019-04.csv"])
def test_a_reason_never_quotes_the_name(tmp_path, relative):
    with pytest.raises(FileRejected) as rejected:
        parse(tmp_path, relative)
    assert "zebedee" not in str(rejected.value).lower() and "2019" not in str(rejected.value)
