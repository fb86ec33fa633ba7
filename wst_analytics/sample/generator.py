"""`generate_sample`: build every extract, plant the untidiness, write the files, and return the
manifest. The steps, in order: records (one module per extract) -> monthly versions -> truth
(from the final versions, `truth` and `ratios`) -> files -> formats (`styles`) -> cell
untidiness (`untidy`) -> return-level cases (`returns`) -> invalid rows (`faults`) -> the
police files' `la_code` -> the population and the comparator files (`reference`) and their
true comparisons (`comparisons`) -> write (`writer`) -> manifest.

Places (extract contract, section 7): the sample is one LA, Wolverhampton (E08000031), in the
West Midlands (E12000005), partnership `wst`. The police send `la_code` on every row (a force's
export names the authority); the other partners leave it out (it defaults to their one LA).
"""

from __future__ import annotations

import random
from pathlib import Path

from . import (
    adults,
    cp_plans,
    enquiries,
    faults,
    manifest,
    police,
    population,
    ratios,
    reference,
    returns,
    styles,
    training,
    untidy,
)
from .calendar import check_years, month_of, months_of
from .manifest import SampleManifest
from .model import PARTNERS, Plants, RawFile
from .people import IdMaker
from .targets import year_targets
from .truth import compute, final_state
from .writer import write

EXTRACTS = {"cp_plans": cp_plans, "adult_concerns": adults, "s42_enquiries": enquiries,
            "police_incidents": police, "training_attendance": training}


def generate_sample(raw_dir: Path, *, scale: float = 1.0, seed: int = 2020,
                    years: tuple[str, ...] = ("2018-19", "2019-20"),
                    shift: tuple[str, float] | None = None) -> SampleManifest:
    """Write a month-by-month sample of every partner's extract into `raw_dir` and return the
    manifest (never written inside raw_dir). Same arguments, same bytes and mtimes.

    `shift=("2019-09", 0.3)` plants a deliberate shift for the exception report: police
    incidents 30% higher from September 2019 on (the published figures then no longer hold)."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    raw_dir = Path(raw_dir)
    fys = check_years(tuple(years))
    months = months_of(fys)
    lay = styles.layout(months)
    rng = lambda name: random.Random(f"{seed}:{name}")  # noqa: E731 - one stream per concern
    ids = IdMaker(rng("ids"))
    targets = {fy: year_targets(fy, scale, rng(f"targets:{fy}")) for fy in fys}

    cp = cp_plans.generate(rng("cp"), fys, targets, ids)
    concerns = adults.generate(rng("concerns"), fys, targets, ids, months[-1])
    enqs, unknown = enquiries.generate(rng("enquiries"), fys, targets, concerns, ids,
                                       lay.s42_unknown_concern)
    incidents = police.generate(rng("police"), fys, targets, ids, months[-1])
    planted_shift = {}
    if shift:
        added = police.plant_shift(rng("shift"), incidents, shift[0], shift[1], ids)
        planted_shift = {"extract": "police_incidents", "indicator": "police_child_abuse_incidents",
                         "from": shift[0], "factor": shift[1], "records_added": added}
    bookings = training.generate(rng("training"), fys, targets, ids, scale, {lay.tr_missing},
                                 lay.tr_cp1252)
    versions = {"cp_plans": cp_plans.monthly_rows(cp, months),
                "adult_concerns": adults.monthly_rows(concerns, months),
                "s42_enquiries": enquiries.monthly_rows(enqs, months),
                "police_incidents": police.monthly_rows(incidents, months),
                "training_attendance": training.monthly_rows(bookings, months)}
    finals = {extract: final_state(v, EXTRACTS[extract].KEY) for extract, v in versions.items()}
    truth = compute(fys, finals)
    truth.update(ratios.compute(fys, finals, population.rows(fys)))

    plants = Plants(shift=planted_shift)
    plants.data_quality = {
        "unknown_concern_enquiries": [{"enquiry_id": unknown.enquiry_id,
                                       "concern_id": unknown.concern_id}],
        "overlapping_cp_plans": [{"child_id": cp.overlap_child_id, "plans": [
            [p.start.isoformat(), p.end.isoformat() if p.end else None]
            for p in cp.plans if p.child_id == cp.overlap_child_id]}] if cp.overlap_child_id else []}
    plants.corrections = _corrections(cp, concerns, incidents)
    files = [RawFile(extract, month, list(EXTRACTS[extract].COLUMNS), [dict(r) for r in rows])
             for extract, by_month in versions.items() for month, rows in by_month.items()]
    styles.apply(files, months, lay, rng("styles"), plants)
    untidy.apply(files, months, rng("untidy"), plants)
    returns.plant(files, lay, months, rng("returns"), ids, plants)
    faults.plant(files, rng("faults"), ids, plants, {unknown.concern_id})
    police.add_la_code(files)
    pub_month, pub_time = population.publication(fys)
    files.append(RawFile("population", pub_month, list(population.COLUMNS), population.rows(fys),
                         received_at=pub_time))
    comparators, held = reference.build(rng("reference"), fys, truth, plants)
    files += comparators
    _refuse_stray_files(raw_dir, files)
    for f in files:
        write(raw_dir, f)
    keys = {**{extract: module.KEY for extract, module in EXTRACTS.items()}, "benchmarks": reference.KEY}
    return manifest.build(raw_dir, seed, scale, fys, files, truth, plants, keys,
                          **reference.manifest_fields(held, truth))


def _refuse_stray_files(raw_dir: Path, files: list[RawFile]) -> None:
    """Stop before writing if an extract folder in raw_dir holds files this sample would not
    overwrite (say from a run with other years): they would be loaded with the sample and the
    truth would not hold. Other files (a README at the top) are left alone."""
    ours = {f.path for f in files}
    stray = sorted(p.relative_to(raw_dir).as_posix() for folder in PARTNERS
                   for p in (raw_dir / folder).glob("*") if p.is_file() and not p.name.startswith("."))
    stray = [p for p in stray if p not in ours]
    if stray:
        raise FileExistsError(f"{raw_dir} already holds files this sample would not write "
                              f"(e.g. {stray[0]}); use an empty folder")


def _corrections(cp, concerns, incidents) -> list[dict]:
    """Records sent again in a later month with corrected values: CP end dates recorded late,
    and concerns and incidents first sent with a wrong value."""
    out = [{"extract": "cp_plans", "key": [p.child_id, p.start.isoformat()], "field": "cpp_end_date",
            "happened_in": month_of(p.end), "corrected_in": p.end_reported}
           for p in cp.plans if p.end is not None and p.end_reported > month_of(p.end)]
    for extract, records, key, day in (("adult_concerns", concerns, "concern_id", "received"),
                                       ("police_incidents", incidents, "incident_id", "recorded")):
        out += [{"extract": extract, "key": [getattr(r, key)], "field": ",".join(r.first_version),
                 "first_sent_in": month_of(getattr(r, day)), "first_value": r.first_version,
                 "corrected_in": r.corrected_in}
                for r in records if r.corrected_in]
    return out

