"""The attack: a reader who opens only report.duckdb, knows the public definitions of the
indicators and the ONS population, and solves every relation between the published cells
exactly (tests/attack_*.py) recovers no suppressed cell, no exact count behind a rounded one,
no hidden rate or percentage, and no unpublished count of 1 to 5, whatever the place's size."""

import pytest

from tests.attack_reader import from_frames, key_of, public_population, read_report_copy
from tests.attack_score import recovered, truth_of, wrong
from tests.attack_solve import attack
from tests.conftest import Workspace, pointed_at
from tests.helpers import materialize
from tests.places_frames import partnership
from wst_analytics.disclosure.publish import published_values, published_yoy
from wst_analytics.indicators.catalogue import load_catalogue
from wst_analytics.query.connection import open_latest
from wst_analytics.sample import generate_sample

CATALOGUE = load_catalogue()
NOTHING = {"suppressed": [], "rounded": [], "ratio": [], "small part": []}


@pytest.fixture(scope="module")
def small_authority(tmp_path_factory):
    """The sample at a tenth of the city's size (26 children on plans), through every asset."""
    space = Workspace(tmp_path_factory.mktemp("small"))
    with pointed_at(space):
        generate_sample(space.raw, scale=0.1)
        materialize(space)
    return space


def attack_copy(space: Workspace) -> tuple[dict, dict]:
    """What the reader recovers from the report copy alone, and how it scores against marts."""
    copies = space.warehouse.parent / "published"
    pub = read_report_copy(copies / "report.duckdb")
    places = (("local_authority", "E08000031"), ("partnership", "wst"))  # the demo's one LA, its partnership
    pub.population = public_population(next((space.raw / "population").glob("*.csv")), places)
    pins = attack(pub, CATALOGUE)
    con = open_latest("analyst", copies)
    try:
        truth = truth_of(con.sql("SELECT * FROM marts.indicator_values").pl())
    finally:
        con.close()
    assert wrong(pins, truth) == []  # the attack's premises hold
    suppressed = sum(symbol in ("c", "[c]") for _, symbol in pub.cells.values())
    return recovered(pub, pins, truth), {"suppressed": suppressed}


def test_a_small_authority_s_report_copy_gives_nothing_away(small_authority):
    found, counts = attack_copy(small_authority)
    assert counts["suppressed"] > 500  # plenty to attack
    assert found == NOTHING


def test_the_city_sample_s_report_copy_gives_nothing_away(sample_warehouse):
    found, _ = attack_copy(sample_warehouse[0])
    assert found == NOTHING


def attack_places(seed: int, policy_knows_places: bool) -> dict:
    frame, members, population = partnership(las=3, size=3, seed=seed)
    values = published_values(frame, CATALOGUE, members if policy_knows_places else None)
    pub = from_frames(values, published_yoy(values), CATALOGUE, members, population)
    pins = attack(pub, CATALOGUE)
    assert wrong(pins, truth_of(frame)) == []
    assert values.filter(values["symbol"] == "c").height > 0
    return recovered(pub, pins, truth_of(frame))


@pytest.mark.parametrize("seed", range(4))
def test_a_partnership_minus_its_other_las_reveals_no_suppressed_la_cell(seed):
    assert attack_places(seed, policy_knows_places=True) == NOTHING


def test_suppression_blind_to_places_is_undone_by_subtraction():
    """The same attack against suppression that treats each place alone: it recovers cells."""
    found = [attack_places(seed, policy_knows_places=False) for seed in range(4)]
    assert sum(len(f["suppressed"]) for f in found) >= 10


def test_every_small_la_count_is_suppressed_in_every_place():
    frame, members, _ = partnership(las=3, size=3, seed=0)
    values = published_values(frame, CATALOGUE, members)
    shown = {key_of(r) for r in values.filter(values["symbol"].is_null()).iter_rows(named=True)}
    small = [key_of(r) for r in frame.iter_rows(named=True) if r["value"] is not None and 1 <= r["value"] <= 5
             and CATALOGUE[r["indicator_id"]].measure != "ratio"]
    assert len(small) > 20 and not set(small) & shown
    assert len(shown) > 50


def test_publish_takes_the_places_from_marts_area_members(tmp_path):
    import duckdb

    from wst_analytics.disclosure.publish import publish
    from wst_analytics.indicators.reference import catalogue_frame
    from wst_analytics.warehouse.connection import connect

    frame, members, population = partnership(las=3, size=3, seed=1)
    rows = [(*area, la) for area, las in members.items() for _, la in las]
    rows += [("local_authority", la, la) for las in members.values() for _, la in las]
    con = connect(tmp_path / "wst.duckdb")  # a real warehouse (its core tables empty) ...
    try:
        con.execute("CREATE SCHEMA marts")  # ... whose marts are these figures of these places
        con.execute("CREATE TABLE marts.indicator_values AS SELECT * FROM frame")
        con.execute("CREATE TABLE marts.area_members (area_type VARCHAR, area_code VARCHAR, la_code VARCHAR)")
        con.executemany("INSERT INTO marts.area_members VALUES (?, ?, ?)", rows)
        con.execute("CREATE TABLE marts.areas AS SELECT DISTINCT area_type, area_code, area_code AS name, "
                    "'E12000005' AS region_code FROM marts.area_members")
        indicators = catalogue_frame(CATALOGUE)
        con.execute("CREATE TABLE marts.indicators AS SELECT * FROM indicators")
        publish(con, CATALOGUE)
        values = con.sql("SELECT * FROM published.indicator_values").pl()
        yoy = con.sql("SELECT * FROM published.indicator_yoy").pl()
    finally:
        con.close()
    assert {"area_type", "area_code"} <= set(values.columns) and {"area_type", "area_code"} <= set(yoy.columns)
    assert values["revision"].unique().to_list() == ["p"]  # no release yet: every figure provisional
    assert values.drop("revision").equals(published_values(frame, CATALOGUE, members))
    pins = attack(from_frames(values, yoy, CATALOGUE, members, population), CATALOGUE)
    assert recovered(from_frames(values, yoy, CATALOGUE, members, population), pins, truth_of(frame)) == NOTHING
