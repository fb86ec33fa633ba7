"""The national-scale sample (`wst_analytics.sample.national`, `wst sample`): deterministic,
named and registered as the contract says, and loaded by the real loader with nothing rejected,
every row accounted for and only the planted rows quarantined."""

import os
import shutil

import duckdb
import pytest

from wst_analytics.extracts import SCHEMAS
from tests.conftest import TEST_KEY
from wst_analytics.cli import main
from wst_analytics.ingest.filenames import parse_return_path
from wst_analytics.registry import load_registry
from wst_analytics.sample.national import generate_national
from wst_analytics.sample.national.render import contract_columns
from wst_analytics.sample.national.run import Run
from wst_analytics.sample.national.scales import ENGLAND_PER_YEAR, resolve
from wst_analytics.sample.national.timeline import Timeline

TINY = dict(las=2, years=1, rows_factor=0.05, progress=None)
MONTHLY = [e for e in SCHEMAS if SCHEMAS[e].metadata["monthly"]]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    out = tmp_path_factory.mktemp("national") / "sample"
    return out, generate_national(out, **TINY)


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


def test_every_file_is_named_for_a_partner_that_owes_it_with_the_contract_columns(tiny):
    out, _ = tiny
    registry = load_registry(out / "partners.toml")
    months = {"raw": 12, "incremental": 1}
    for where, count in months.items():
        paths = sorted((out / where).glob("*/*.csv"))
        monthly = [p for p in paths if p.parent.name != "population"]
        assert len(monthly) == count * len(MONTHLY) * TINY["las"]
        for path in paths:
            parse_return_path(path, out / where, registry)  # raises FileRejected otherwise
            header = path.read_bytes().decode("utf-8-sig" if path.read_bytes()[:3] == b"\xef\xbb\xbf"
                                              else "cp1252").splitlines()[0]
            assert header.lower().split(",") == (contract_columns(path.parent.name)), path


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
    con = duckdb.connect(str(tmp_path / "wh" / "wst.duckdb"), read_only=True)
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
