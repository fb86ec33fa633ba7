"""The model of what a reader knows: every relation the disclosure audit relies on holds
exactly on the sample's figures, the catalogue declares every link a reader can use, and
leaving a withheld series out with its relations loses nothing."""

import dataclasses
import random
from collections import Counter
from fractions import Fraction

import polars as pl
import pytest

from tests.attack_reader import RATIOS, STOCK_FLOWS
from tests.places_frames import partnership
from wst_analytics import settings
from wst_analytics.disclosure.audit import audit
from wst_analytics.disclosure.cells import key_of, with_places
from wst_analytics.disclosure.relations import check_links, relations, variables
from wst_analytics.indicators.catalogue import Catalogue, load_catalogue
from wst_analytics.query.connection import open_latest

CATALOGUE = load_catalogue()


@pytest.fixture(scope="module")
def sample_marts(sample_warehouse) -> pl.DataFrame:
    con = open_latest("analyst", sample_warehouse[0].warehouse.parent / "published")
    try:
        return con.sql("SELECT * FROM marts.indicator_values").pl()
    finally:
        con.close()


def cells_of(frame: pl.DataFrame, policy: str | None = None) -> dict:
    frame, _ = with_places(frame)
    ids = {i.id for i in CATALOGUE if policy in (None, i.disclosure)}
    return {key_of(r): r for r in frame.to_dicts() if r["indicator_id"] in ids}


def test_every_relation_holds_exactly_on_the_sample(sample_marts):
    kinds = Counter()
    for policy in ("dfe_children", "sac_adults", "none"):
        cells = cells_of(sample_marts, policy)
        values = variables(cells, CATALOGUE)
        for relation in relations(cells, CATALOGUE, {}):
            if any(values[v] is None for v in relation.terms):
                kinds["with a missing return's cell"] += 1  # no value to check: the return never came
                continue
            total = sum(c * Fraction(values[v]).limit_denominator(100) for v, c in relation.terms.items())
            assert relation.kind == "ratio" or total == 0, (relation.kind, relation.terms)
            kinds[relation.kind] += 1
    assert set(kinds) - {"with a missing return's cell"} == {"breakdown", "months", "year_end", "stock_flow",
                                                              "ratio"}, kinds


def test_a_ratio_s_declared_numerator_and_denominator_are_its_own(sample_marts):
    cells = cells_of(sample_marts)
    for indicator in (i for i in CATALOGUE if i.numerator_from or i.denominator_from):
        rows = [r for k, r in cells.items() if k[0] == indicator.id and r["value"] is not None]
        for row in rows:
            key = key_of(row)
            if indicator.numerator_from:
                assert cells[(indicator.numerator_from, *key[1:])]["value"] == row["numerator"], key
            if indicator.denominator_from:
                assert cells[(indicator.denominator_from, *key[1:])]["value"] == row["denominator"], key
        assert rows, indicator.id


def test_the_catalogue_declares_every_link_a_reader_can_make_from_the_definitions():
    for stock, (ins, outs) in STOCK_FLOWS.items():
        assert (CATALOGUE[stock].inflows, CATALOGUE[stock].outflows) == (ins, outs)
    for ratio, (numerator, denominator, _) in RATIOS.items():
        entry = CATALOGUE[ratio]
        assert entry.numerator_from == (numerator or "")
        assert (entry.denominator_public, entry.denominator_from) == (
            (True, "") if denominator == "population" else (False, denominator or ""))


def test_a_link_across_disclosure_policies_is_refused():
    odd = dataclasses.replace(CATALOGUE["cse_crime_recorded_pct"], denominator_from="adult_concerns_received")
    catalogue = Catalogue({**CATALOGUE.indicators, odd.id: odd})
    with pytest.raises(ValueError, match="cse_crime_recorded_pct.*adult_concerns_received.*across"):
        check_links(catalogue)


def test_a_stock_flow_link_on_a_flow_is_refused(tmp_path):
    text = (settings.DEFAULTS_DIR / "indicators.toml").read_text(encoding="utf-8")
    path = tmp_path / "indicators.toml"
    path.write_text(text.replace('disclosure = "dfe_children"\ntolerance_amber_pct = 15',
                                 'disclosure = "dfe_children"\ninflows = ["cp_started"]\ntolerance_amber_pct = 15', 1))
    with pytest.raises(ValueError, match="only a stock has inflows"):
        load_catalogue(path)


def months_of_a_place(seed: int) -> pl.DataFrame:
    """A place's CP plans for two financial years, months and years, obeying every relation."""
    rng, rows = random.Random(seed), []
    open_ = rng.randint(3, 9)
    for year, months in (("2018-19", range(0, 12)), ("2019-20", range(12, 24))):
        started_year = ended_year = 0
        for m in months:
            month = f"{2018 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}"
            started, ended = rng.randint(0, 3), 0
            ended = rng.randint(0, min(3, open_ + started))
            open_ += started - ended
            started_year, ended_year = started_year + started, ended_year + ended
            rows += [("cp_started", "month", month, started), ("cp_ended", "month", month, ended),
                     ("cp_open_at_period_end", "month", month, open_)]
        rows += [("cp_started", "financial_year", year, started_year), ("cp_ended", "financial_year", year, ended_year),
                 ("cp_open_at_period_end", "financial_year", year, open_)]
    return pl.DataFrame([(i, "", "", t, p, "", float(v), None, None) for i, t, p, v in rows],
                        schema={**dict.fromkeys(["indicator_id", "area_type", "area_code", "period_type", "period",
                                                 "breakdown"], pl.String), "value": pl.Float64,
                                "numerator": pl.Float64, "denominator": pl.Float64}, orient="row")


@pytest.mark.parametrize("seed", range(5))
def test_withheld_months_left_out_with_their_relations_lose_nothing(seed):
    """Auditing the financial years with the withheld months as unknowns, or with the months
    and their relations left out, finds the same cells pinned."""
    every = cells_of(months_of_a_place(seed))
    years = {k: r for k, r in every.items() if k[3] == "financial_year"}
    rng = random.Random(seed)
    for _ in range(20):
        hidden = set(rng.sample(sorted(years), rng.randint(1, 3)))
        shown = set(years) - hidden
        found = [set(audit(relations(cells, CATALOGUE, {}), variables(cells, CATALOGUE), shown, shown,
                           hidden).exposed) for cells in (every, years)]
        assert found[0] == found[1], hidden


def test_a_published_change_never_shows_when_either_year_is_hidden():
    from wst_analytics.disclosure.publish import published_values, published_yoy

    frame, members, _ = partnership(las=3, size=3, seed=2)
    yoy = published_yoy(published_values(frame, CATALOGUE, members))
    shown = yoy.filter(pl.col("change").is_not_null())
    assert shown.height and shown["value"].null_count() == 0 and shown["previous_value"].null_count() == 0
    assert yoy.filter(pl.col("change").is_null() & pl.col("value").is_not_null()
                      & pl.col("previous_value").is_not_null()).height == 0
