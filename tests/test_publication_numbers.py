"""Figures written one way everywhere, codes by their labels, SPC limits inside what a measure
can take (docs/publication.md)."""

from __future__ import annotations

from dataclasses import replace

import fastexcel
import polars as pl
import pytest

from wst_analytics.disclosure.numbers import figure_text, percent_text, rounded
from wst_analytics.disclosure.publish import published_values
from wst_analytics.exceptions.settings import SpcSettings
from wst_analytics.exceptions.spc_marts import analyse_indicators
from wst_analytics.exceptions.text import figure
from wst_analytics.export.read import PublishedTable
from wst_analytics.export.xlsx import write_xlsx
from wst_analytics.indicators.catalogue import Catalogue, load_catalogue
from wst_analytics.indicators.labels import code_label
from wst_analytics.reports.figures import Figure
from wst_analytics.settings import DEFAULTS_DIR

CATALOGUE = load_catalogue()


@pytest.mark.parametrize("value, unit, text", [
    (19.45, "percent", "19.5%"), (2.25, "percent", "2.3%"), (-2.25, "percent", "-2.3%"), (1234.5, "count", "1,235"),
    (43.15, "rate_per_10k", "43.2 per 10,000"), (11765.005, "gbp", "£11,765.01"), (None, "percent", "not available")])
def test_a_figure_is_rounded_half_away_from_zero_and_written_with_its_unit(value, unit, text):
    assert figure_text(value, unit) == text


def test_a_percentage_change_is_one_decimal_place_signed_when_asked():
    assert (percent_text(19.5137), percent_text(3.04, signed=True), percent_text(-3.05, signed=True)) == \
        ("19.5%", "+3.0%", "-3.1%")


def published_cell(value: float) -> dict:
    marts = pl.DataFrame({"indicator_id": ["training_fill_pct"], "area_type": ["partnership"], "area_code": ["wst"],
                          "period_type": ["financial_year"], "period": ["2019-20"], "breakdown": [""],
                          "value": [value], "numerator": [None], "denominator": [None]},
                         schema_overrides={"numerator": pl.Float64, "denominator": pl.Float64})
    return published_values(marts, CATALOGUE).row(0, named=True)


def test_one_rounding_in_the_table_the_prose_the_messages_and_the_workbook(tmp_path):
    # 2.25 is a double a hair above 2.25: Python's round gives 2.2 ("banker's" on binary); the policy 2.3
    row = published_cell(2.25)
    assert (row["value"], row["value_text"]) == (2.3, "2.3")
    assert Figure(2.25, "2.3", "percent").words == "2.3%"  # the reports' sentences and hover text
    assert figure(2.25, CATALOGUE["training_fill_pct"]) == "2.3%"  # the exception report's
    frame = pl.DataFrame({"indicator_id": ["training_fill_pct"], "period": ["2019-20"], "breakdown": [""],
                          "value": [2.25], "change_pct": [19.45]})
    out = tmp_path / "t.xlsx"
    write_xlsx(PublishedTable("indicator_values", "t", frame, [], {}, "now", "s"), out)
    sheet = fastexcel.read_excel(out.read_bytes()).load_sheet(0).to_polars()
    assert (sheet["value"][0], sheet["change_pct"][0]) == (rounded(2.25, "percent"), 19.5)


def test_the_annual_report_writes_changes_as_the_policy_rounds():
    from wst_analytics.reports.annual import _change

    class Changes:
        def change_pct(self, *_):
            return -19.51

    assert _change(Changes(), "cp_open_at_period_end", "2019-20") == " (a fall of 19.5% on 2018-19)"


def test_every_code_of_a_closed_list_has_its_label():
    assert code_label(CATALOGUE, "cp_open_by_age_band", "under_1") == "Under 1"
    assert code_label(CATALOGUE, "adult_concerns_by_age_band", "18_or_under") == "18 or under"
    assert code_label(CATALOGUE, "adult_concerns_by_age_band", "90_plus") == "90 and over"
    assert code_label(CATALOGUE, "cp_open_by_category", "NEG") == "Neglect"
    assert code_label(CATALOGUE, "cp_open_by_age_band", "") == "Total"
    assert code_label(CATALOGUE, "training_attended_by_agency", "NEW_AGENCY") == "NEW_AGENCY"  # an open list


def test_a_catalogue_missing_a_label_is_refused_naming_the_codes(tmp_path):
    text = (DEFAULTS_DIR / "indicators.toml").read_text(encoding="utf-8").replace('90_plus = "90 and over"\n', "")
    (tmp_path / "indicators.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"adult_concerns_by_age_band: codes \['90_plus'\] have no label"):
        load_catalogue(tmp_path / "indicators.toml")


def test_the_workbook_labels_each_breakdown_code(tmp_path):
    frame = pl.DataFrame({"indicator_id": ["cp_open_by_age_band"] * 2, "period": ["2019-20"] * 2,
                          "breakdown": ["under_1", "16-17"], "value": [17.0, None], "value_text": ["17", "c"]})
    out = tmp_path / "t.xlsx"
    write_xlsx(PublishedTable("indicator_values", "t", frame, [], {}, "now", "s"), out)
    sheet = fastexcel.read_excel(out.read_bytes()).load_sheet(0).to_polars()
    assert sheet["breakdown_label"].to_list() == ["Under 1", "16 to 17"]


def spc_of(indicator_id: str, unit: str, series: list[float]) -> tuple[pl.DataFrame, list[dict]]:
    indicator = replace(CATALOGUE["training_fill_pct"], id=indicator_id, unit=unit, target=None,
                        measure="ratio" if unit == "percent" else "flow")
    values = pl.DataFrame({"indicator_id": indicator_id, "area_type": "partnership", "area_code": "wst",
                           "period_type": "month", "breakdown": "", "value": [float(v) for v in series],
                           "period": [f"{2018 + n // 12}-{n % 12 + 1:02d}" for n in range(len(series))]})
    spc, _, raised = analyse_indicators(values, Catalogue({indicator_id: indicator}), SpcSettings())
    return spc, raised


def test_a_percentages_limits_stay_within_0_and_100():
    spc, _ = spc_of("pct", "percent", [99, 80, 100, 85, 98, 70, 100, 90] * 2)
    assert spc["upper_limit"].max() == 100 and spc["upper_2sigma"].max() <= 100  # unclamped: about 125
    spc, _ = spc_of("pct", "percent", [1, 20, 0, 15, 2, 30, 0, 10] * 2)
    assert spc["lower_limit"].min() == 0 and spc["lower_2sigma"].min() >= 0


def test_a_counts_lower_limit_is_never_below_zero_in_the_marts_or_the_message():
    spc, raised = spc_of("count", "count", [3, 0, 5, 1, 0, 6, 2, 0, 4, 1, 0, 5, 40])
    assert spc["lower_limit"].min() == 0 and spc["lower_2sigma"].min() == 0
    assert raised and "above the upper process limit" in raised[0]["message"]
