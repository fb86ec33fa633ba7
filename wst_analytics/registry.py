"""The partner registry (`config/partners.toml`): who sends which extract, and when it is due.

It is configuration, not code: adding a partner or another local authority is an edit there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from wst_analytics.extracts import EXTRACTS
from wst_analytics import settings
from wst_analytics.registry_checks import checked_registry


@dataclass(frozen=True)
class Partner:
    code: str
    organisation: str
    local_authority: str | None = None
    owes: tuple[str, ...] = ()  # monthly returns
    reference: tuple[str, ...] = ()  # reference extracts it publishes (not monthly returns)
    first_month: date | None = None
    last_month: date | None = None


def _month(value: str | None) -> date | None:
    return date.fromisoformat(f"{value}-01") if value else None


@dataclass(frozen=True)
class Registry:
    partners: dict[str, Partner]
    due_day: int = 15
    extracts: tuple[str, ...] = field(default=EXTRACTS)

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


def load_registry(path: Path | None = None) -> Registry:
    """Read the registry file, checking it names only extracts of the contract."""
    path = path or settings.partners_file()
    data = checked_registry(path)  # refuses a registry it cannot use, naming the entry
    partners = {}
    for code, entry in data.get("partners", {}).items():
        owes, reference = tuple(entry.get("owes", [])), tuple(entry.get("reference", []))
        unknown = set(owes + reference) - set(EXTRACTS)
        if unknown:
            raise ValueError(f"{path}: partner {code} names unknown extracts {sorted(unknown)}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code):
            raise ValueError(f"{path}: partner code {code!r} must be lower-case letters and digits, "
                             "joined by single hyphens (it is the start of the file name)")
        partners[code] = Partner(code=code, organisation=entry["organisation"],
                                 local_authority=entry.get("local_authority"), owes=owes,
                                 reference=reference, first_month=_month(entry.get("first_month")),
                                 last_month=_month(entry.get("last_month")))
    return Registry(partners=partners, due_day=int(data.get("due_day", 15)))
