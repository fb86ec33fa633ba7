"""Disclosure rules on hand-built tables, including ones that need secondary suppression."""

import polars as pl

from wst_analytics.disclosure.audit import audit
from wst_analytics.disclosure.policies import apply, round_to_5
from wst_analytics.disclosure.publish import published_values, published_yoy
from wst_analytics.disclosure.relations import Relation
from wst_analytics.disclosure.secondary import protect
from wst_analytics.indicators.catalogue import load_catalogue

CATALOGUE = load_catalogue()
SCHEMA = {"indicator_id": pl.String, "period": pl.String, "period_type": pl.String,
          "breakdown": pl.String, "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64}


def period_type(period: str) -> str:
    return "financial_year" if int(period[5:]) == (int(period[:4]) + 1) % 100 else "month"


def marts(rows) -> pl.DataFrame:
    """rows: (indicator, period, breakdown, value[, numerator, denominator])."""
    full = [(i, p, period_type(p), b, v, *(rest or (None, None))) for i, p, b, v, *rest in rows]
    return pl.DataFrame(full, schema=SCHEMA, orient="row")


def shown(frame: pl.DataFrame) -> dict:
    return {(r["indicator_id"], r["period"], r["breakdown"]): r["symbol"] or r["value"]
            for r in frame.iter_rows(named=True)}


def category_table(counts: dict[str, int], period="2019-20") -> list[tuple]:
    total = sum(counts.values())
    return [("cp_open_at_period_end", period, "", total)] + [
        ("cp_open_by_category", period, code, n, n, total) for code, n in counts.items()]


def test_dfe_counts_of_one_to_five_are_c_and_zero_and_six_are_shown():
    out = shown(apply("dfe_children", marts([("cp_started", "2019-20", "", 0), ("cp_ended", "2019-20", "", 5),
                                               ("cp_open_at_period_end", "2019-20", "", 6),
                                               ("cse_incidents", "2019-20", "", 1)]), CATALOGUE))
    assert out == {("cp_started", "2019-20", ""): 0, ("cp_ended", "2019-20", ""): "c",
                   ("cp_open_at_period_end", "2019-20", ""): 6, ("cse_incidents", "2019-20", ""): "c"}


def test_one_small_category_hides_a_second_so_neither_follows_from_the_total():
    out = shown(apply("dfe_children", marts(category_table({"NEG": 212, "EMO": 92, "SAB": 12, "PHY": 10, "MUL": 2})),
                      CATALOGUE))
    hidden = {k[2] for k, v in out.items() if v == "c"}
    assert hidden == {"MUL", "PHY"}  # MUL (2) primary; PHY, the next smallest, secondary
    assert out[("cp_open_at_period_end", "2019-20", "")] == 328


def test_zero_cells_are_not_used_to_protect_a_small_one_when_others_exist():
    out = shown(apply("dfe_children", marts(category_table({"NEG": 50, "EMO": 20, "SAB": 3, "PHY": 0, "MUL": 0})),
                      CATALOGUE))
    assert {k[2] for k, v in out.items() if v == "c"} == {"SAB", "EMO"}


def test_a_small_total_is_protected_from_its_breakdown():
    out = shown(apply("dfe_children", marts(category_table({"NEG": 3, "EMO": 0, "SAB": 0, "PHY": 0, "MUL": 0})),
                      CATALOGUE))
    assert out[("cp_open_at_period_end", "2019-20", "")] == "c" and out[("cp_open_by_category", "2019-20", "NEG")] == "c"


def test_a_small_month_is_protected_from_its_year_and_the_other_months():
    months = [f"2019-{m:02d}" for m in range(4, 13)] + [f"2020-{m:02d}" for m in range(1, 4)]
    counts = dict(zip(months, [9, 12, 3, 10, 11, 14, 9, 8, 15, 10, 7, 13]))
    rows = [("cse_incidents", m, "", n) for m, n in counts.items()] + [("cse_incidents", "2019-20", "", sum(counts.values()))]
    out = shown(apply("dfe_children", marts(rows), CATALOGUE))
    hidden = {k[1] for k, v in out.items() if v == "c"}
    assert hidden == {"2019-06", "2020-02"}  # 3 (primary) and 7, the smallest other month


def sums(total, *parts) -> Relation:
    """total = sum of parts."""
    return Relation("breakdown", {total: 1, **dict.fromkeys(parts, -1)})


def exposed(hidden: set, relations: list[Relation], values: dict) -> set:
    return set(audit(relations, values, set(values) - hidden, set(values) - hidden, hidden).exposed)


def test_no_hidden_cell_is_exposed_when_breakdowns_and_months_interlock():
    values = {"T": 30, "a": 2, "b": 8, "c": 20, "a1": 1, "a2": 1, "b1": 4, "b2": 4, "c1": 10, "c2": 10}
    groups = [["T", "a", "b", "c"], ["a", "a1", "a2"], ["b", "b1", "b2"], ["c", "c1", "c2"]]
    relations = [sums(*group) for group in groups]
    primary = {k for k, v in values.items() if 1 <= v <= 5}
    hidden, _ = protect(values, values, relations, primary, set(), lambda hidden: set(), {})
    assert exposed(hidden, relations, values) == set()
    assert all(sum(k in hidden for k in g) != 1 for g in groups)


def test_audit_finds_a_cell_that_only_a_chain_of_totals_gives_away():
    chain = {"a": 2, "b": 3, "t": 5, "u": 3}
    assert exposed({"a", "b"}, [sums("t", "a", "b"), sums("u", "b")], chain) == {"a", "b"}
    table = [sums("A", "a", "b"), sums("C", "c", "d"), sums("X", "a", "c"), sums("Y", "b", "d")]
    values = {"a": 1, "b": 2, "c": 3, "d": 4, "A": 3, "C": 7, "X": 4, "Y": 6}
    assert exposed({"a", "b", "c", "d"}, table, values) == set()


def test_the_audit_reads_the_signs_of_a_relation():
    """a + b = t with t hidden too: a - t is known, which pins neither; counted as a + t it
    would look the same, but a chain through the total tells them apart."""
    relations = [sums("t", "a", "b"), sums("s", "t", "a")]  # s = t + a: with b known, 2a is known
    assert exposed({"a", "t"}, relations, {"a": 2, "b": 3, "t": 5, "s": 7}) == {"a", "t"}


def test_a_percentage_of_a_small_count_is_suppressed():
    out = shown(apply("dfe_children", marts([("cse_crime_recorded_pct", "2019-20", "", 60.0, 3, 5),
                                               ("cse_crimes_recorded", "2019-20", "", 3),
                                               ("cse_incidents", "2019-20", "", 5)]), CATALOGUE))
    assert out[("cse_crime_recorded_pct", "2019-20", "")] == "c"


def test_a_rate_on_a_hidden_count_is_suppressed():
    rows = [("cp_open_at_period_end", "2019-20", "", 4), ("cp_open_rate_per_10k", "2019-20", "", 0.7, 4, 61244)]
    assert shown(apply("dfe_children", marts(rows), CATALOGUE))[("cp_open_rate_per_10k", "2019-20", "")] == "c"


def test_sac_hides_under_five_and_rounds_the_rest_to_the_nearest_five():
    rows = [("adult_concerns_received", "2019-20", "", 2668), ("adult_concerns_to_s42", "2019-20", "", 573),
            ("s42_enquiries_started", "2019-20", "", 4), ("s42_enquiries_concluded", "2019-20", "", 0),
            ("adult_concerns_by_location", "2019-20", "COMMUNITY", 7, 7, 2668),
            ("adult_concerns_by_location", "2019-20", "OTHER", 8, 8, 2668)]
    out = shown(apply("sac_adults", marts(rows), CATALOGUE))
    assert out[("adult_concerns_received", "2019-20", "")] == 2670
    assert out[("adult_concerns_to_s42", "2019-20", "")] == 575
    assert out[("s42_enquiries_started", "2019-20", "")] == "[c]"
    assert out[("s42_enquiries_concluded", "2019-20", "")] == "[c]"
    assert (out[("adult_concerns_by_location", "2019-20", "COMMUNITY")],
            out[("adult_concerns_by_location", "2019-20", "OTHER")]) == (5, 10)
    assert [round_to_5(v) for v in (572, 573, 2.5, 12.4)] == [570, 575, 5, 10]


def test_sac_percentages_come_from_the_rounded_figures():
    """From 573 / 2245 (25.52%) with 573 shown as 575, a reader could tell 573 from 572 to 577."""
    rows = [("adult_concerns_to_s42_pct", "2019-20", "", 100 * 573 / 2245, 573, 2245),
            ("msp_asked_pct", "2019-20", "", 75.0, 3, 4)]
    out = shown(apply("sac_adults", marts(rows), CATALOGUE))
    assert abs(out[("adult_concerns_to_s42_pct", "2019-20", "")] - 100 * 575 / 2245) < 1e-9
    assert out[("msp_asked_pct", "2019-20", "")] == "[c]"


def test_a_percentage_of_nothing_is_z():
    out = shown(apply("none", marts([("training_fill_pct", "2019-20", "", None, 0, 0)]), CATALOGUE))
    assert out[("training_fill_pct", "2019-20", "")] == "z"


def test_year_on_year_change_is_suppressed_when_either_year_is():
    rows = [("cse_incidents", "2018-19", "", 4), ("cse_incidents", "2019-20", "", 40),
            ("cse_crimes_recorded", "2018-19", "", 27), ("cse_crimes_recorded", "2019-20", "", 36),
            ("adult_concerns_received", "2018-19", "", 2245), ("adult_concerns_received", "2019-20", "", 2668)]
    frame = marts(rows)
    yoy = published_yoy(published_values(frame, CATALOGUE))
    out = {(r["indicator_id"], r["period"]): (r["change"], r["change_pct"], r["change_symbol"])
           for r in yoy.iter_rows(named=True)}
    assert out[("cse_incidents", "2019-20")] == (None, None, "c")
    assert out[("cse_crimes_recorded", "2019-20")] == (9, 33.33, None)
    assert out[("cse_crimes_recorded", "2018-19")] == (None, None, "x")
    assert out[("adult_concerns_received", "2019-20")] == (425, 18.93, None)  # 2245 -> 2670, as published


def test_published_values_carry_text_for_print():
    frame = marts([("training_dna_charges_gbp", "2019-20", "", 11765), ("cse_incidents", "2019-20", "", 2)])
    published = published_values(frame, CATALOGUE)
    texts = dict(zip(published["indicator_id"], published["value_text"]))
    assert texts == {"training_dna_charges_gbp": "11,765.00", "cse_incidents": "c"}
