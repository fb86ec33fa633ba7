"""The partner registry of a national sample (`partners.toml`), in the format of
`wst_analytics/defaults/partners.toml` (extract contract, section 7): every LA under `[areas]`
with its name and region; the safeguarding partnerships under `[partnerships]`; three partners
per LA serving that one LA (children's services, adult social care, the partnership's training
team); one police force per group of LAs (`areas` lists them all: it must send `la_code`);
each owing its extracts from the first month generated; and the reference partners `ons`
(population) and `dfe` (benchmarks, neighbours). Every name is made up.
"""

from __future__ import annotations

from .places import Places
from .run import Run

ORGANISATIONS = {
    "cs": ("Authority {n}, Children's Services", ["cp_plans"]),
    "asc": ("Authority {n}, Adult Social Care", ["adult_concerns", "s42_enquiries"]),
    "wst": ("Authority {n} safeguarding partnership training team", ["training_attendance"]),
}


def _listed(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def _partner(code: str, organisation: str, areas: list[str], owes: list[str], first: str) -> list[str]:
    return [f"[partners.{code}]", f'organisation = "{organisation}"', f"areas = {_listed(areas)}",
            f"owes = {_listed(owes)}", f'first_month = "{first}"', ""]


def partners_toml(run: Run, places: Places) -> str:
    """The registry's text: areas, partnerships, every LA's partners, the forces, `ons`, `dfe`."""
    first = run.timeline.label(0)
    forces = places.forces
    lines = ["# Partner registry of a national-scale sample (wst_analytics.sample.national).",
             f"# Local authorities: {run.las}; regions: {len(set(places.regions))}; partnerships: "
             f"{len(places.partnerships)}; police forces: {len(forces)}. Every name is made up.",
             "", "due_day = 15", ""]
    for code, name, region in zip(places.codes, places.names, places.regions):
        lines += [f"[areas.{code}]", f'name = "{name}"', f'region = "{region}"', ""]
    for members in places.partnerships:
        names = " and ".join(places.names[la] for la in members)
        lines += [f"[partnerships.{places.partnership_code(members)}]",
                  f'name = "{names} Safeguarding Partnership"',
                  f"areas = {_listed([places.codes[la] for la in members])}", ""]
    for la, code in enumerate(places.codes):
        n = f"{la + 1:03d}"
        for suffix, (organisation, owes) in ORGANISATIONS.items():
            lines += _partner(f"la{n}-{suffix}", organisation.format(n=n), [code], owes, first)
    for force, members in enumerate(forces):
        lines += _partner(run.partner(force, "police_incidents"), f"Police force {force + 1:03d}",
                          [places.codes[la] for la in members], ["police_incidents"], first)
    lines += ["# Reference data, not monthly returns: a reference partner publishes for any place.",
              "[partners.ons]", 'organisation = "Office for National Statistics"',
              'reference = ["population"]', "",
              "[partners.dfe]", 'organisation = "Department for Education"',
              'reference = ["benchmarks", "neighbours"]', ""]
    return "\n".join(lines)
