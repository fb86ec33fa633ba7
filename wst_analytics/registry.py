"""The partner registry (`config/partners.toml`, else the package's demo registry): who sends
which extract, for which local authorities, and when it is due.

It is configuration, not code: adding a partner or another local authority is an edit there.
It is checked when it is read: an unknown extract or area, an LA without a region, a monthly
partner with no area each give an error naming the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from wst_analytics import settings
from wst_analytics.extracts import EXTRACTS, SCHEMAS
from wst_analytics.places import LocalAuthority, Partnership, Places, read_places
from wst_analytics.registry_checks import checked_registry, refused_as_registry_errors, require_partners


@dataclass(frozen=True)
class Partner:
    code: str
    organisation: str
    areas: tuple[str, ...] = ()  # the LAs it serves (GSS codes); a reference partner: none
    owes: tuple[str, ...] = ()  # monthly returns
    reference: tuple[str, ...] = ()  # reference extracts it publishes (not monthly returns)
    first_month: date | None = None
    last_month: date | None = None
    late_from: date | None = None  # lateness is judged from this month; earlier ones are backfill


def _month(value: str | None) -> date | None:
    return date.fromisoformat(f"{value}-01") if value else None


@dataclass(frozen=True)
class Registry:
    partners: dict[str, Partner]
    due_day: int = 15
    extracts: tuple[str, ...] = field(default=EXTRACTS)
    places: Places = field(default_factory=lambda: Places({}, {}))

    def refuses(self, partner: str, extract: str) -> str | None:
        """Why `partner` may not send `extract`, or None when it may."""
        known = self.partners.get(partner)
        if known is None:
            return f"'{partner}' is not in the partner registry ({settings.partners_file().name})"
        if extract not in known.owes and extract not in known.reference:
            return f"partner '{partner}' does not send {extract} according to the registry"
        return None

    def returns_owed(self) -> list[tuple[str, str]]:
        """Every (partner, extract) monthly return in the registry."""
        return [(p.code, e) for p in self.partners.values() for e in p.owes]

    def served(self, partner: str) -> tuple[str, ...]:
        """The LAs whose records a partner may send: its areas; a reference partner's (the
        population estimates) may be for any LA of the registry."""
        known = self.partners[partner]
        return known.areas or tuple(self.places.authorities)


def _partner(code: str, entry: dict, places: Places, path: Path, late_from: str | None) -> Partner:
    owes, reference = tuple(entry.get("owes", [])), tuple(entry.get("reference", []))
    unknown = set(owes + reference) - set(EXTRACTS)
    if unknown:
        raise ValueError(f"{path}: partner {code} names unknown extracts {sorted(unknown)}")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code):
        raise ValueError(f"{path}: partner code {code!r} must be lower-case letters and digits, "
                         "joined by single hyphens (it is the start of the file name)")
    monthly = [e for e in owes + reference if SCHEMAS[e].metadata["monthly"]]
    areas = tuple(entry.get("areas", ()))
    if monthly and not areas:
        raise ValueError(f"{path}: partner {code} sends monthly returns but serves no area: give "
                         "the local authorities it serves, areas = [\"E08000031\"]")
    missing = [a for a in areas if a not in places.authorities]
    if missing:
        raise ValueError(f"{path}: partner {code} serves {', '.join(missing)}, not an area of the "
                         "registry: add [areas.<code>] with its name and region")
    return Partner(code=code, organisation=entry["organisation"], areas=areas, owes=owes,
                   reference=reference, first_month=_month(entry.get("first_month")),
                   last_month=_month(entry.get("last_month")),
                   late_from=_month(entry.get("late_from", late_from)))


def load_registry(path: Path | None = None) -> Registry:
    """Read the registry file and check it."""
    path = path or settings.partners_file()
    # refuses a registry it cannot use, naming the entry; the keys each entry may have are the
    # fields of what it is read into
    data = checked_registry(path, {"area": LocalAuthority, "partnership": Partnership, "partner": Partner})
    with refused_as_registry_errors():
        places = read_places(data, str(path))
        partners = {code: _partner(code, entry, places, path, data.get("late_from"))
                    for code, entry in data.get("partners", {}).items()}
    require_partners(path, partners)
    return Registry(partners=partners, due_day=int(data.get("due_day", 15)), places=places)
