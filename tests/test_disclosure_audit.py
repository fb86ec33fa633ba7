"""The audit splits the cells into groups that no relation joins and solves small systems:
independent places are independent systems; a partnership joins its LAs."""

import random

import polars as pl

from tests.places_frames import SCHEMA
from tests.test_disclosure import CATALOGUE
from wst_analytics.disclosure.cells import key_of
from wst_analytics.disclosure.policies import apply, dfe_suppression
from wst_analytics.disclosure.relations import parts, relations
from wst_analytics.disclosure.secondary import groups

CATEGORIES = {"NEG": 50, "EMO": 20, "PHY": 10, "SAB": 12, "MUL": 2}


def places(n: int, partnership: bool) -> tuple[dict, dict]:
    """n LAs' children on plans by category (one small category each), and their partnership."""
    rows, members = [], {}
    areas = [("local_authority", f"E0{k:07d}") for k in range(n)]
    if partnership:
        areas.append(("partnership", "P1"))
        members = {("partnership", "P1"): areas[:n]}
    for area in areas:
        scale = n if area[0] == "partnership" else 1
        rows.append(("cp_open_at_period_end", *area, "financial_year", "2019-20", "", 94.0 * scale, None, None))
        rows += [("cp_open_by_category", *area, "financial_year", "2019-20", code, float(v * scale), v * scale, 94 * scale)
                 for code, v in CATEGORIES.items()]
    frame = pl.DataFrame(rows, schema=SCHEMA, orient="row")
    return {key_of(r): r for r in frame.to_dicts()}, members


def test_independent_places_are_audited_as_independent_small_systems():
    cells, members = places(8, partnership=False)
    assert len(groups(relations(cells, CATALOGUE, members), {})) == 8
    hidden, audits = dfe_suppression(cells, CATALOGUE, members)
    sizes = [size for audit in audits for size in audit.systems]
    assert len(sizes) == 16 and max(sizes) == 2  # per place: MUL alone, then MUL and PHY
    assert {k[5] for k in hidden} == {"MUL", "PHY"} and len(hidden) == 16


def test_a_partnership_joins_its_las_into_one_group():
    cells, members = places(8, partnership=True)
    assert len(groups(relations(cells, CATALOGUE, members), {})) == 1
    hidden, audits = dfe_suppression(cells, CATALOGUE, members)
    assert audits[-1].exposed == {}
    assert ("cp_open_by_category", "partnership", "P1", "financial_year", "2019-20", "MUL") in hidden


def test_the_same_figures_in_any_order_hide_the_same_cells():
    from tests.places_frames import partnership

    frame, members, _ = partnership(las=3, size=3, seed=4)
    shuffled = frame.sample(fraction=1.0, shuffle=True, seed=random.Random(1).randint(0, 99))
    first, second = (apply("dfe_children", f, CATALOGUE, members).sort(list(SCHEMA)[:6]) for f in (frame, shuffled))
    assert first["symbol"].to_list() == second["symbol"].to_list()


def test_a_ratio_is_joined_to_its_parts():
    cells, _ = places(1, partnership=False)
    rate = ("cp_open_rate_per_10k", "local_authority", "E00000000", "financial_year", "2019-20", "")
    cells[rate] = {"value": 15.3, "numerator": 94.0, "denominator": 61244.0}
    ratio_parts = {rate: parts(rate, CATALOGUE[rate[0]], cells)}
    assert ratio_parts[rate] == ((("cp_open_at_period_end", *rate[1:])), None)
    assert len(groups(relations(cells, CATALOGUE, {}), ratio_parts)) == 1
