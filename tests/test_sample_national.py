"""The national-scale sample (`wst_analytics.sample.national`, `wst sample`): deterministic,
named and registered as the contract (version 2: places) says, its files checked directly (the
registry with tomllib, the CSVs with polars), its per-LA truth recomputed from the files
(`tests/places_truth.py`), and loaded by the real loader with nothing rejected, every row
accounted for and only the planted rows quarantined."""

import math
import os
import re
import shutil
import tomllib
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.conftest import TEST_KEY, open_db
from tests.helpers import indicator, load_and_build
from tests.places_truth import NAME, figures_from_files
from wst_analytics.cli import main
from wst_analytics.extracts import SCHEMAS
from wst_analytics.sample.national import generate_national
from wst_analytics.sample.national.render import contract_columns
from wst_analytics.sample.national.run import Run
from wst_analytics.sample.national.scales import ENGLAND_PER_YEAR, resolve
from wst_analytics.sample.national.timeline import Timeline

TINY = dict(las=2, years=1, rows_factor=0.05, progress=None)
MONTHLY = [e for e in SCHEMAS if SCHEMAS[e].metadata["monthly"]]
THREE = dict(las=3, years=2, rows_factor=0.05, progress=None)
REFERENCE = {"population": "ons", "benchmarks": "dfe", "neighbours": "dfe"}
LA = re.compile(r"^E(06|08|09|10)\d{6}$")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    out = tmp_path_factory.mktemp("national") / "sample"
    return out, generate_national(out, **TINY)


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """Three LAs, one police force serving them all, two partnerships (one of two LAs)."""
    out = tmp_path_factory.mktemp("three") / "sample"
    return out, generate_national(out, **THREE)


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    out = tmp_path_factory.mktemp("region") / "sample"
    return out, generate_national(out, scale="region", years=1, rows_factor=0.02, progress=None)


def registry(out: Path) -> dict:
    return tomllib.loads((out / "partners.toml").read_text(encoding="utf-8"))


def read(path: Path) -> pl.DataFrame:
    """A file's rows as text, header in lower case (whatever its encoding)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    frame = pl.read_csv(text.encode(), infer_schema=False)
    return frame.rename({c: c.lower() for c in frame.columns})


def snapshot(root):
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime)
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != "sample.json"}


def test_same_arguments_give_the_same_bytes_and_times(tiny, tmp_path):
    out, manifest = tiny
    again = generate_national(tmp_path / "again", **TINY)
    assert snapshot(out) == snapshot(tmp_path / "again")
    timing = ("generation_seconds", "extract_seconds")
    assert {k: v for k, v in again.items() if k not in timing} == \
        {k: v for k, v in manifest.items() if k not in timing}


def test_every_file_is_named_for_a_partner_that_sends_it_with_the_contract_columns(three):
    out, _ = three
    partners = registry(out)["partners"]
    months = {"raw": 24, "incremental": 1}
    for where, count in months.items():
        paths = sorted((out / where).glob("*/*.csv"))
        monthly = [p for p in paths if p.parent.name in MONTHLY]
        senders = {e: sum(e in p.get("owes", []) for p in partners.values()) for e in MONTHLY}
        assert len(monthly) == count * sum(senders.values())
        for path in paths:
            extract, name = path.parent.name, NAME.match(path.name)
            entry = partners[name["partner"]]
            assert extract in entry.get("owes", []) + entry.get("reference", []), path
            if extract in MONTHLY:
                columns = read(path).columns
                assert columns in (contract_columns(extract), contract_columns(extract) + ["la_code"]), path
    assert {p.parent.name for p in (out / "raw").glob("*/*.csv")} == set(MONTHLY) | set(REFERENCE)


def test_the_registry_names_areas_partnerships_and_reference_partners(three, region):
    for out, las in ((three[0], 3), (region[0], 15)):
        data = registry(out)
        assert len(data["areas"]) == las and all(LA.match(code) for code in data["areas"])
        assert {a["region"] for a in data["areas"].values()} <= {f"E1200000{n}" for n in range(1, 10)}
        served = [la for code, p in data["partners"].items() if "owes" in p for la in p["areas"]]
        assert set(served) == set(data["areas"])
        members = [la for p in data["partnerships"].values() for la in p["areas"]]
        assert sorted(members) == sorted(data["areas"])  # every LA in exactly one partnership
        assert data["partners"]["ons"]["reference"] == ["population"]
        assert data["partners"]["dfe"]["reference"] == ["benchmarks", "neighbours"]
    three_las = registry(three[0])
    assert sorted(len(p["areas"]) for p in three_las["partnerships"].values()) == [1, 2]
    (force,) = [p for p in three_las["partners"].values() if p.get("owes") == ["police_incidents"]]
    assert force["areas"] == list(three_las["areas"])


def test_one_police_file_a_month_holds_every_served_las_incidents_with_la_code(three):
    out, _ = three
    paths = sorted((out / "raw" / "police_incidents").glob("*.csv"))
    assert len(paths) == 24 and all(p.name.startswith("police001_") for p in paths)
    codes = pl.concat([read(p).select("la_code") for p in paths])["la_code"]
    assert codes.null_count() == 0 and set(codes) == set(registry(out)["areas"])
    assert min(codes.value_counts()["count"]) > 100


def test_other_partners_serve_one_la_and_some_send_la_code(three):
    out, manifest = three
    partners = registry(out)["partners"]
    sending = set()
    for path in (out / "raw").glob("*/la*.csv"):
        frame, partner = read(path), NAME.match(path.name)["partner"]
        if "la_code" in frame.columns:
            sending.add(partner)
            assert set(frame["la_code"]) <= set(partners[partner]["areas"]), path
    assert sending == set(manifest["places"]["sends_la_code"]) - {"police001"}
    single = [c for c, p in partners.items() if "owes" in p and c != "police001"]
    assert 0 < len(sending) < len(single)


def test_population_has_every_las_rows_adding_up_to_the_scales_share(three):
    out, _ = three
    (path,) = (out / "raw" / "population").glob("ons_*.csv")
    frame = pl.read_csv(path)
    assert frame.columns == ["la_code", "mid_year", "age_from", "age_to", "population"]
    assert set(frame["la_code"]) == set(registry(out)["areas"])
    for year in frame["mid_year"].unique():  # England's 12.02m children at mid-2019, 0.6% more a year
        children = frame.filter((pl.col("mid_year") == year) & (pl.col("age_to") <= 17))["population"].sum()
        assert children == pytest.approx(12_020_000 * 3 / 150 * 1.006 ** (year - 2019), abs=3)


def test_benchmarks_for_every_la_england_and_the_regions_each_year(three):
    out, manifest = three
    las = set(registry(out)["areas"])
    areas = las | {"E92000001"} | {f"E1200000{n}" for n in range(1, 10)}
    paths = sorted((out / "raw" / "benchmarks").glob("dfe_*.csv"))
    assert [p.name for p in paths] == ["dfe_2024-10.csv", "dfe_2025-10.csv"]
    for path, fy in zip(paths, manifest["years"]):
        frame = read(path)
        good = frame.filter((pl.col("period") == fy) & (pl.col("indicator_id") != "cla_rate_per_10k")
                            & (pl.col("area_code") != "E0600901"))
        assert good["indicator_id"].n_unique() == 7
        for indicator in good["indicator_id"].unique():
            assert set(good.filter(pl.col("indicator_id") == indicator)["area_code"]) == areas
        assert frame["source"].str.contains("not official statistics").all()
        suppressed = frame.filter(pl.col("value").is_null())
        assert suppressed["symbol"].is_in(["c", "[c]", "x"]).all()
    assert manifest["invalid_planted"]["benchmarks"] == {"unknown_indicator": 1, "format": 1, "period": 1}


def test_neighbours_are_the_ten_closest_in_size(region):
    out, _ = region
    (path,) = (out / "raw" / "neighbours").glob("dfe_*.csv")
    near = pl.read_csv(path)
    people = pl.read_csv(next((out / "raw" / "population").glob("*.csv"))).group_by("la_code").agg(
        pl.col("population").sum())
    size = dict(people.iter_rows())
    for la, group in near.sort("rank").group_by("la_code", maintain_order=True):
        (la,) = la
        gaps = [abs(math.log(size[n] / size[la])) for n in group["neighbour_code"]]
        assert group["rank"].to_list() == list(range(1, 11)) and gaps == sorted(gaps)
        others = sorted(abs(math.log(size[o] / size[la])) for o in size if o != la)
        assert gaps == pytest.approx(others[:10], rel=1e-3)


def test_forces_and_partnerships_stay_in_their_region(region):
    out, manifest = region
    regions = {a["la_code"]: a["region"] for a in manifest["places"]["las"]}
    assert len(set(regions.values())) == 9
    assert all(code.startswith("E09") == (region == "E12000007") for code, region in regions.items())
    for places in list(manifest["places"]["police"].values()) + list(manifest["places"]["partnerships"].values()):
        assert 1 <= len(places) <= 7 and len({regions[la] for la in places}) == 1
    assert max(len(p) for p in manifest["places"]["police"].values()) > 1


def test_the_true_per_la_figures_are_what_the_files_hold(three):
    out, manifest = three
    for state, incremental in (("raw", False), ("raw_and_incremental", True)):
        from_files = figures_from_files(out, incremental)
        assert from_files == manifest["truth"][state], state
    truth = manifest["truth"]["raw"]
    assert truth["by_la"]["E06009001"]["police_child_abuse_incidents"]["2024-25"] > 100
    pair = truth["by_partnership"]["sp002"]["adult_concerns_received"]
    assert pair == {fy: sum(truth["by_la"][la]["adult_concerns_received"][fy] for la in ("E06009002", "E06009003"))
                    for fy in pair}
    assert manifest["truth"]["raw_and_incremental"] != truth  # April 2025 corrects earlier records


def test_the_warehouse_gives_every_la_and_partnership_its_true_figures(three, workspace, monkeypatch):
    out, manifest = three
    shutil.copytree(out / "raw", workspace.raw, dirs_exist_ok=True, copy_function=shutil.copy2)
    monkeypatch.setenv("WST_PARTNERS", str(out / "partners.toml"))
    load_and_build(workspace)
    truth, checked = manifest["truth"]["raw"], 0
    for area_type, places in (("local_authority", truth["by_la"]), ("partnership", truth["by_partnership"])):
        for code, figures in places.items():
            for indicator_id, years in figures.items():
                for fy, value in years.items():
                    found = indicator(workspace, indicator_id, fy, area=(area_type, code), kind="financial_year")
                    assert found is not None and found[0] == pytest.approx(value), (area_type, code, indicator_id, fy)
                    checked += 1
    assert checked == (3 + 2) * 12 * 2


def test_sample_json_counts_are_the_files_on_disk(three):
    out, manifest = three
    for where in ("raw", "incremental"):
        paths = [p for p in (out / where).rglob("*") if p.is_file()]
        assert manifest["files"][where] == len(paths)
    on_disk = sum(p.stat().st_size for p in out.glob("*/*/*.csv"))
    assert manifest["bytes"] == on_disk
    for extract, counts in manifest["rows"].items():
        for where, rows in counts.items():
            assert rows == sum(read(p).height for p in (out / where / extract).glob("*.csv")), (extract, where)


def test_scales_have_englands_volumes_and_a_tenth_for_a_region():
    for name, las, share in (("england", 150, 1.0), ("region", 15, 0.1)):
        run = Run(resolve(name), 2020, Timeline(5))
        assert run.las == las
        periods = run.timeline.periods()[:-1]  # the five financial years
        for extract in ("adult_concerns", "police_incidents", "cp_plans"):
            yearly = run.counts(extract, periods).sum() / 5
            assert yearly == pytest.approx(ENGLAND_PER_YEAR[extract] * share, rel=0.06), (name, extract)


def load(out, monkeypatch, tmp_path):
    for name, value in {"WST_RAW_DIR": out / "raw", "WST_WAREHOUSE": tmp_path / "wh" / "wst.duckdb",
                        "WST_PARTNERS": out / "partners.toml", "WST_PSEUDONYM_KEY": TEST_KEY,
                        "DAGSTER_HOME": tmp_path / "dagster", "WST_REPORTS_DIR": tmp_path / "reports",
                        "WST_COPIES_DIR": tmp_path / "copies"}.items():
        monkeypatch.setenv(name, str(value))
    assert main(["load"]) == 0
    con = open_db(tmp_path / "wh" / "wst.duckdb")
    try:
        files = con.execute("SELECT count(*) FILTER (status <> 'loaded'), sum(rows_read), sum(rows_loaded), "
                            "sum(rows_quarantined) FROM audit.file_versions").fetchone()
        rules = set(con.execute("SELECT DISTINCT rule FROM quarantine.rows").fetchall())
    finally:
        con.close()
    return files, {rule for (rule,) in rules}


def test_the_loader_takes_it_all_quarantining_only_the_planted_rows(tiny, monkeypatch, tmp_path):
    source, manifest = tiny
    out = tmp_path / "sample"
    shutil.copytree(source, out, copy_function=shutil.copy2)  # keeps the received times
    for path in (out / "incremental").glob("*/*.csv"):  # every file written, in one load
        shutil.copy2(path, out / "raw" / path.parent.name / path.name)
    written = sum(rows["raw"] + rows["incremental"] for rows in manifest["rows"].values())
    expected = sum(q["raw"] + q["incremental"] for q in manifest["expected_quarantined_rows"].values())
    (not_loaded, read, loaded, quarantined), rules = load(out, monkeypatch, tmp_path)
    assert not_loaded == 0
    assert read == written == loaded + quarantined
    assert quarantined == expected
    assert 0 < quarantined / read < 0.05
    assert rules == {rule for counts in manifest["invalid_planted"].values() for rule in counts}


def test_the_command_refuses_a_drop_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "raw" / "cp_plans").mkdir(parents=True)
    (tmp_path / "raw" / "cp_plans" / "x.csv").write_text("child_id\n")
    assert main(["sample", "--scale", "region", "--out", str(tmp_path)]) == 2
    assert "is not empty" in capsys.readouterr().out
    assert os.listdir(tmp_path) == ["raw"]
