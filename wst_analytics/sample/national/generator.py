"""`generate_national`: the places first (`places`: codes, regions, forces, partnerships), then
build, style, break and write each extract in turn, then the population file, the comparator
files (`reference`), the partner registry and the manifest (`sample.json`, with the true per-LA
figures from `truth`).

Each extract goes: records (its own module) -> the sender of each record (an LA's partner, or
its police force) and its `la_code` -> file styles (`styles`) -> text (`render`) -> invalid rows
(`faults`) -> files (`files`) -> its final state for the truth. Progress is reported per extract.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from . import (concerns, cp_plans, enquiries, faults, files, places, police, population, reference, styles,
               training)
from . import truth as truths
from .registry import partners_toml
from .render import render
from .run import Run
from .scales import Scale, resolve
from .timeline import Timeline

EXTRACTS = ["cp_plans", "adult_concerns", "s42_enquiries", "police_incidents", "training_attendance"]
WHERE = ("raw", "incremental")


def _refuse_non_empty(out_dir: Path) -> None:
    for where in WHERE:
        folder = out_dir / where
        if folder.exists() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} is not empty: a national sample is written into empty folders")


def _rows(run: Run, extract: str, file_styles: pl.DataFrame, shared: dict) -> pl.DataFrame:
    """The typed rows of one extract (enquiries follow the concerns built just before)."""
    if extract == "adult_concerns":
        shared["concerns"] = concerns.build(run)
        return concerns.rows(run, shared["concerns"])
    if extract == "s42_enquiries":
        return enquiries.rows(run, shared.pop("concerns"))
    if extract == "training_attendance":
        return training.rows(run, file_styles)
    return {"cp_plans": cp_plans.rows, "police_incidents": police.rows}[extract](run)


def generate_national(out_dir: Path, *, scale: str | Scale = "region", seed: int = 2020,
                      years: int = 5, las: int | None = None, rows_factor: float = 1.0,
                      progress: Callable[[str], None] | None = print) -> dict:
    """Write a national-scale sample into `out_dir` and return its manifest (also written to
    `out_dir/sample.json`). Same arguments, same bytes and modification times (except the
    manifest's timings)."""
    began = time.perf_counter()
    say = progress or (lambda message: None)
    out_dir = Path(out_dir)
    _refuse_non_empty(out_dir)
    run = Run(resolve(scale, las), seed, Timeline(years), rows_factor)
    run.places = places.build(run)
    t = run.timeline
    say(f"National sample ({run.scale.name}: {run.las} LAs, {years} years {t.label(0)} to "
        f"{t.label(t.incremental - 1)}, incremental {t.label(t.incremental)}) into {out_dir}")
    report, shared = {}, {}
    figures, held = {state: [] for state in truths.STATES}, {state: {} for state in truths.STATES}
    for extract in EXTRACTS:
        started = time.perf_counter()
        file_styles = styles.table(run, extract)
        rows = _placed(run, extract, _rows(run, extract, file_styles, shared))
        text = render(rows, file_styles, extract, t.n_months)
        text, planted, expected, quarantined = faults.plant(run, text, extract)
        for state, final in truths.finals(run, rows, quarantined, extract):
            figures[state] += truths.groups(run, extract, final, held[state])
        del rows, final  # only the figures outlive the extract's records
        written = files.write_extract(run, out_dir, extract, text, file_styles)
        del text
        report[extract] = {**vars(written), "invalid_planted": planted,
                           "expected_quarantined_rows": expected,
                           "seconds": round(time.perf_counter() - started, 2)}
        say(f"  {extract}: {sum(written.rows.values()):,} rows in {sum(written.files.values()):,} "
            f"files, {sum(written.bytes.values()) / 1e6:,.1f} MB ({report[extract]['seconds']:.1f} s)")
    path, rows, size, children = population.write(run, out_dir)
    report["population"] = {"files": {"raw": 1, "incremental": 0}, "rows": {"raw": rows, "incremental": 0},
                            "bytes": {"raw": size, "incremental": 0}, "invalid_planted": {},
                            "expected_quarantined_rows": {"raw": 0, "incremental": 0}}
    report.update(reference.write(run, out_dir))
    files.write_file(out_dir / "partners.toml", partners_toml(run, run.places).encode("utf-8"),
                     float(t.month_starts()[0] * 86400))  # in effect from the first month
    truth = {state: truths.by_place(run, figures[state], children) for state in figures}
    manifest = {**_manifest(run, report, time.perf_counter() - began), "places": _places(run), "truth": truth}
    (out_dir / "sample.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    say(f"  total: {manifest['total_rows']:,} rows in {manifest['files']['raw']:,} raw and "
        f"{manifest['files']['incremental']:,} incremental files, {manifest['bytes'] / 1e9:.2f} GB "
        f"({manifest['generation_seconds']:.0f} s)")
    return manifest


def _placed(run: Run, extract: str, rows: pl.DataFrame) -> pl.DataFrame:
    """The rows with their sender (`Run.sender_of`) and LA code."""
    la = rows["la"].to_numpy()
    codes = pl.Series(run.places.codes, dtype=pl.Enum(run.places.codes))
    return rows.with_columns(sender=pl.Series(run.sender_of(la, extract)), la_code=codes.gather(la))


def _places(run: Run) -> dict:
    """Each LA's code, name, region, force and partnership, each force's and partnership's LAs."""
    p = run.places
    partnership = {la: p.partnership_code(members) for members in p.partnerships for la in members}
    return {
        "las": [{"la_code": code, "name": name, "region": region,
                 "police": run.partner(p.force[la], "police_incidents"), "partnership": partnership[la]}
                for la, (code, name, region) in enumerate(zip(p.codes, p.names, p.regions))],
        "police": {run.partner(f, "police_incidents"): [p.codes[la] for la in members]
                   for f, members in enumerate(p.forces)},
        "partnerships": {p.partnership_code(m): [p.codes[la] for la in m] for m in p.partnerships},
        "sends_la_code": sorted({run.partner(s, e) for e in EXTRACTS for s in range(run.senders(e))
                                 if run.sends_la_code(s, e)}),
    }


def _manifest(run: Run, report: dict, seconds: float) -> dict:
    t = run.timeline

    def total(key: str, where: str) -> int:
        return sum(r[key][where] for r in report.values())

    return {
        "scale": run.scale.name, "seed": run.seed, "years": t.fy_labels(), "las": run.las,
        "share_of_england": run.scale.share, "rows_factor": run.rows_factor,
        "first_month": t.label(0), "last_month": t.label(t.incremental - 1),
        "incremental_month": t.label(t.incremental),
        "files": {where: total("files", where) for where in WHERE},
        "rows": {extract: r["rows"] for extract, r in report.items()},
        "total_rows": sum(total("rows", where) for where in WHERE),
        "bytes": sum(total("bytes", where) for where in WHERE),
        "invalid_planted": {e: r["invalid_planted"] for e, r in report.items() if r["invalid_planted"]},
        "expected_quarantined_rows": {e: r["expected_quarantined_rows"] for e, r in report.items()},
        "extract_seconds": {e: r["seconds"] for e, r in report.items() if "seconds" in r},
        "generation_seconds": round(seconds, 1),
    }
