"""The partner registry of a national sample (`partners.toml`), in the format of
`config/partners.toml`: four partners per LA (children's services, adult social care, police,
the partnership's training team), each owing its extracts from the first month generated,
and the `ons` reference partner for the population estimates.
"""

from __future__ import annotations

from .run import Run

ORGANISATIONS = {
    "cs": ("Authority {n}, Children's Services", ["cp_plans"]),
    "asc": ("Authority {n}, Adult Social Care", ["adult_concerns", "s42_enquiries"]),
    "pol": ("Police force serving Authority {n}", ["police_incidents"]),
    "wst": ("Authority {n} safeguarding partnership training team", ["training_attendance"]),
}


def partners_toml(run: Run) -> str:
    """The registry's text: every LA's partners, then `ons`."""
    first = run.timeline.label(0)
    lines = ["# Partner registry of a national-scale sample (wst_analytics.sample.national).",
             f"# {run.las} local authorities, four partners each; every name is made up.", "",
             "due_day = 15", ""]
    for la in range(run.las):
        n = f"{la + 1:03d}"
        for suffix, (organisation, owes) in ORGANISATIONS.items():
            listed = ", ".join(f'"{extract}"' for extract in owes)
            lines += [f"[partners.la{n}-{suffix}]", f'organisation = "{organisation.format(n=n)}"',
                      f'local_authority = "Authority {n}"', f"owes = [{listed}]",
                      f'first_month = "{first}"', ""]
    lines += ["# Reference data: sends the population estimates, which are not a monthly return.",
              "[partners.ons]", 'organisation = "Office for National Statistics"',
              'reference = ["population"]', ""]
    return "\n".join(lines)
