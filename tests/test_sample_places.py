"""The city sample's places (extract contract, section 7): the `dfe` benchmarks and neighbours
files, re-read here with the csv module and checked against the manifest; the true comparisons
(`manifest.comparisons`, what `marts.indicator_benchmarks` must hold for Wolverhampton)
recomputed from those files and the sample's own figures by a different method (sorting)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from bisect import bisect_left, bisect_right
from pathlib import Path

import pytest

from wst_analytics.sample import generate_sample
from wst_analytics.sample.comparisons import quartile, rank_and_quartile

COLUMNS = ["indicator_id", "area_code", "period", "breakdown", "value", "symbol", "source"]
KEY = ("indicator_id", "area_code", "period", "breakdown")
WOLVERHAMPTON, WEST_MIDLANDS, ENGLAND = "E08000031", "E12000005", "E92000001"
REAL_LAS = {"E08000025", "E08000026", "E08000027", "E08000028", "E08000029", "E08000030", "E08000031"}
INDICATORS = {"cp_open_rate_per_10k": "neutral", "cp_repeat_started_pct": "higher_is_worse",
              "cp_ended_2y_plus_pct": "higher_is_worse", "icpc_within_15_days_pct": "higher_is_better",
              "adult_concerns_to_s42_pct": "neutral", "msp_asked_pct": "higher_is_better",
              "msp_outcomes_achieved_pct": "higher_is_better"}
LA = re.compile(r"^E(06|08|09|10)\d{6}$")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    raw = tmp_path_factory.mktemp("city") / "raw"
    return raw, generate_sample(raw)


def rows_of(path: Path) -> tuple[list[str], list[dict]]:
    text = path.read_bytes().decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    return header, [dict(zip(header, r)) for r in rows]


def invalid(manifest) -> set[tuple[str, int]]:
    return {(r.file, r.row) for r in manifest.invalid_rows if r.extract == "benchmarks"}


def held(raw: Path, manifest) -> dict[tuple, dict]:
    """What the benchmarks files hold once the invalid rows are set aside: the latest
    publication (file month) of each key."""
    latest = {}
    for path in sorted((raw / "benchmarks").glob("dfe_*.csv")):
        for number, row in enumerate(rows_of(path)[1], start=2):
            if (f"benchmarks/{path.name}", number) not in invalid(manifest):
                latest[tuple(row[k] for k in KEY)] = row
    return latest


def test_benchmarks_files_are_named_by_publication_with_the_contract_columns(city):
    raw, _ = city
    paths = sorted((raw / "benchmarks").iterdir())
    assert [p.name for p in paths] == ["dfe_2019-10.csv", "dfe_2020-10.csv"]
    for path in paths:
        header, rows = rows_of(path)
        assert header == COLUMNS
        assert all("Synthetic" in r["source"] and "(not official statistics)" in r["source"] for r in rows)
        received = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
        assert received.date() == dt.date(int(path.name[4:8]), 10, 24)
    assert {r["period"] for r in rows_of(paths[0])[1]} == {"2018-19"}


def test_the_manifest_holds_what_the_benchmarks_files_hold(city):
    raw, manifest = city
    expected = {k: {**r, "value": float(r["value"]) if r["value"] else None} for k, r in held(raw, manifest).items()}
    assert {tuple(r[k] for k in KEY): r for r in manifest.benchmarks} == expected


def test_england_and_the_region_have_figures_of_the_right_order(city):
    raw, manifest = city
    figures = {(r["indicator_id"], r["area_code"], r["period"]): r["value"] for r in manifest.benchmarks}
    ranges = {"cp_open_rate_per_10k": (42.5, 44.5), "cp_repeat_started_pct": (20.5, 22.5),
              "cp_ended_2y_plus_pct": (3, 4), "icpc_within_15_days_pct": (77, 79)}
    for (indicator, low, high), fy in ((item, fy) for item in ((k, *v) for k, v in ranges.items())
                                       for fy in ("2018-19", "2019-20")):
        assert low <= figures[(indicator, ENGLAND, fy)] <= high
        assert figures[(indicator, WEST_MIDLANDS, fy)] is not None
    assert {k[0] for k in figures} == set(INDICATORS)


def test_about_150_authorities_with_real_codes_only_for_the_west_midlands(city):
    _, manifest = city
    for indicator in INDICATORS:
        for fy in ("2018-19", "2019-20"):
            areas = {r["area_code"] for r in manifest.benchmarks if (r["indicator_id"], r["period"]) == (indicator, fy)}
            las = {a for a in areas if LA.match(a)}
            assert len(las) == 150 and REAL_LAS <= las
            assert all(a in REAL_LAS or a.startswith("E06009") for a in las)
            assert areas - las == {ENGLAND, *(f"E1200000{n}" for n in range(1, 10))}


def test_suppressed_figures_have_a_symbol_and_wolverhampton_is_never_suppressed(city):
    _, manifest = city
    suppressed = [r for r in manifest.benchmarks if r["value"] is None]
    assert 20 < len(suppressed) < 0.06 * len(manifest.benchmarks)
    assert {r["symbol"] for r in suppressed} == {"c", "[c]", "x"}
    assert all(r["value"] is not None for r in manifest.benchmarks if r["area_code"] == WOLVERHAMPTON)


def test_wolverhamptons_published_figures_are_its_own_but_the_cp_rate(city):
    _, manifest = city
    for r in (r for r in manifest.benchmarks if r["area_code"] == WOLVERHAMPTON):
        own = manifest.truth[r["indicator_id"]][r["period"]]
        if r["indicator_id"] == "cp_open_rate_per_10k":
            assert r["value"] == pytest.approx(own * 1.06, abs=0.05)
        else:
            assert r["value"] == round(own, 1)


def test_the_later_publication_revises_a_regional_figure(city):
    raw, manifest = city
    (revision,) = manifest.benchmark_revisions
    key = (revision["indicator_id"], revision["area_code"], revision["period"], "")
    first = {tuple(r[k] for k in KEY): r for r in rows_of(raw / "benchmarks" / "dfe_2019-10.csv")[1]}[key]
    later = {tuple(r[k] for k in KEY): r for r in rows_of(raw / "benchmarks" / "dfe_2020-10.csv")[1]}[key]
    assert float(first["value"]) == revision["first_value"] != float(later["value"]) == revision["revised_value"]
    assert comparisons(manifest)[("local_authority", WOLVERHAMPTON, "cp_open_rate_per_10k", "2018-19")][
        "region_value"] == revision["revised_value"]


def test_three_invalid_rows_one_per_rule(city):
    raw, manifest = city
    planted = [r for r in manifest.invalid_rows if r.extract == "benchmarks"]
    assert {(r.column, r.rule, r.value) for r in planted} == {
        ("indicator_id", "unknown_indicator", "cla_rate_per_10k"), ("area_code", "format", "E0800031"),
        ("period", "period", "2019/20")}
    for r in planted:
        row = rows_of(raw / r.file)[1][r.row - 2]
        assert row[r.column] == r.value and "|".join(row[k] for k in KEY) == r.key


def test_neighbours_ten_per_authority_closest_first(city):
    raw, manifest = city
    (path,) = (raw / "neighbours").iterdir()
    header, rows = rows_of(path)
    assert path.name == "dfe_2019-10.csv" and header == ["la_code", "neighbour_code", "rank"]
    by_la: dict[str, list] = {}
    for r in rows:
        assert r["la_code"] != r["neighbour_code"] and LA.match(r["neighbour_code"])
        by_la.setdefault(r["la_code"], []).append((int(r["rank"]), r["neighbour_code"]))
    assert len(by_la) == 150 and all(sorted(v)[0][0] == 1 and len({n for _, n in v}) == 10 for v in by_la.values())
    wolverhampton = [n for _, n in sorted(by_la[WOLVERHAMPTON])]
    assert wolverhampton == manifest.places["neighbours"]
    assert {"E08000030", "E08000028"} <= set(wolverhampton[:3])
    assert [{k: str(v) for k, v in r.items()} for r in manifest.neighbours] == rows


def expected_comparison(files: dict[tuple, dict], neighbours: list[str], indicator: str, fy: str,
                        own: float) -> dict:
    """One comparison row, by sorting (a different method from the generator's counting)."""
    value = lambda area: float(files[(indicator, area, fy, "")]["value"] or "nan")  # noqa: E731
    las = sorted([float(r["value"]) for (i, a, p, _), r in files.items() if (i, p) == (indicator, fy)
                  and LA.match(a) and a != WOLVERHAMPTON and r["value"]] + [own])
    n = len(las)
    rank = n - bisect_right(las, own) + 1  # 1 + those strictly higher
    position = bisect_left(las, own) + 1 if INDICATORS[indicator] == "higher_is_worse" else rank
    band = "ABCD"[min(3, next(q for q in range(4) if position <= math.ceil((q + 1) * n / 4)))]
    near = [value(a) for a in neighbours if not math.isnan(value(a))]
    return {"indicator_id": indicator, "period_type": "financial_year", "period": fy, "breakdown": "",
            "value": own, "benchmark_period": fy, "england_value": value(ENGLAND), "england_symbol": None,
            "region_code": WEST_MIDLANDS, "region_value": value(WEST_MIDLANDS), "region_symbol": None,
            "neighbours_mean": sum(near) / len(near) if near else None, "neighbours_n": len(near),
            "rank": rank, "rank_of": n, "quartile": band, "source": files[(indicator, ENGLAND, fy, "")]["source"]}


def comparisons(manifest) -> dict[tuple, dict]:
    return {(c["area_type"], c["area_code"], c["indicator_id"], c["period"]): c for c in manifest.comparisons}


def test_the_true_comparisons_follow_from_the_files_and_the_own_figures(city):
    raw, manifest = city
    files, found = held(raw, manifest), comparisons(manifest)
    neighbours = manifest.places["neighbours"]
    assert len(found) == len(INDICATORS) * 2 * 2  # the LA and its partnership of one LA, two years
    for indicator in INDICATORS:
        for fy in ("2018-19", "2019-20"):
            expected = expected_comparison(files, neighbours, indicator, fy, manifest.truth[indicator][fy])
            for place in (("local_authority", WOLVERHAMPTON), ("partnership", "wst")):
                got = found[(*place, indicator, fy)]
                assert got == {**expected, "area_type": place[0], "area_code": place[1],
                               "neighbours_mean": pytest.approx(expected["neighbours_mean"])}, (place, indicator, fy)
    assert found[("local_authority", WOLVERHAMPTON, "msp_outcomes_achieved_pct", "2019-20")]["neighbours_n"] == 9
    assert {c["quartile"] for c in manifest.comparisons} >= {"A", "B", "D"}


def test_the_rank_counts_the_own_cp_rate_not_the_published_one(city):
    raw, manifest = city
    files = held(raw, manifest)
    published = float(files[("cp_open_rate_per_10k", WOLVERHAMPTON, "2019-20", "")]["value"])
    with_published = expected_comparison(files, [], "cp_open_rate_per_10k", "2019-20", published)["rank"]
    own = comparisons(manifest)[("local_authority", WOLVERHAMPTON, "cp_open_rate_per_10k", "2019-20")]
    assert own["rank"] > with_published


def test_the_warehouse_compares_wolverhampton_as_the_manifest_says(sample_warehouse):
    space, manifest, _ = sample_warehouse
    columns = list(manifest.comparisons[0])
    rows = space.query(f"SELECT {', '.join(columns)} FROM marts.indicator_benchmarks "
                       "WHERE period_type = 'financial_year' AND breakdown = ''")
    found = {(r["area_type"], r["area_code"], r["indicator_id"], r["period"]): r
             for r in (dict(zip(columns, row)) for row in rows)}
    assert set(found) == set(comparisons(manifest))
    for key, expected in comparisons(manifest).items():
        approx = {k: pytest.approx(v) for k, v in expected.items() if isinstance(v, float)}
        assert found[key] == {**expected, **approx}, key


@pytest.mark.parametrize("n, position, band", [(8, 2, "A"), (8, 3, "B"), (8, 6, "C"), (8, 7, "D"),
                                                (150, 38, "A"), (150, 39, "B"), (150, 75, "B"),
                                                (150, 76, "C"), (150, 113, "C"), (150, 114, "D"), (1, 1, "A")])
def test_quartile_bands_split_positions_one_to_n(n, position, band):
    assert quartile(position, n) == band


def test_tied_authorities_share_the_better_rank_and_band():
    # 8 LAs: 50, 40, 40, 40, 30, 20, 10 and the place at 40: three others tie with it
    others = [50.0, 40.0, 40.0, 40.0, 30.0, 20.0, 10.0]
    assert rank_and_quartile(40.0, others, "higher_is_better") == (2, 8, "A")
    assert rank_and_quartile(40.0, others, "neutral") == (2, 8, "A")
    assert rank_and_quartile(40.0, others, "higher_is_worse") == (2, 8, "B")  # 4th lowest: 3 lower
    assert rank_and_quartile(5.0, others, "higher_is_worse") == (8, 8, "A")


def test_police_and_population_rows_name_the_authority(city):
    raw, _ = city
    for path in [*sorted((raw / "police_incidents").glob("*.csv")), raw / "population" / "ons_2020-06.csv"]:
        header, rows = rows_of(path)
        column = next(h for h in header if re.sub(r"[\s_]", "", h).lower() == "lacode")
        assert {r[column] for r in rows} == {WOLVERHAMPTON}, path
    header, _ = rows_of(raw / "cp_plans" / "cwc-cs_2018-04.csv")
    assert "la_code" not in header  # a partner serving one LA may leave it out
