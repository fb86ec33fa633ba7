"""Places (extract contract, section 7): local authorities, their regions, and partnerships.

Codes are ONS GSS codes: a local authority (LA) `E06`/`E08`/`E09`/`E10` + 6 digits, a region
`E12` + 6 digits, England `E92000001`. The partner registry names each LA it knows (with its
name and region) and the partnerships (named groups of LAs; with none named, all the
registry's LAs form one, `all`). Every figure is computed for every LA and every partnership.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LA_CODE = re.compile(r"E(06|08|09|10)[0-9]{6}")
REGION_CODE = re.compile(r"E12[0-9]{6}")
PARTNERSHIP_CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ENGLAND = "E92000001"
#: England's nine regions (ONS), for the names of comparators.
REGIONS = {"E12000001": "North East", "E12000002": "North West",
           "E12000003": "Yorkshire and The Humber", "E12000004": "East Midlands",
           "E12000005": "West Midlands", "E12000006": "East of England", "E12000007": "London",
           "E12000008": "South East", "E12000009": "South West"}
DEFAULT_PARTNERSHIP = "all"
LOCAL_AUTHORITY, PARTNERSHIP = "local_authority", "partnership"


@dataclass(frozen=True)
class LocalAuthority:
    code: str
    name: str
    region: str


@dataclass(frozen=True)
class Partnership:
    code: str
    name: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class Places:
    authorities: dict[str, LocalAuthority]
    partnerships: dict[str, Partnership]

    def members(self) -> list[tuple[str, str, str]]:
        """(area_type, area_code, la_code) for every place: each LA is a place of its own, and
        a partnership is its LAs."""
        rows = [(LOCAL_AUTHORITY, code, code) for code in self.authorities]
        rows += [(PARTNERSHIP, p.code, la) for p in self.partnerships.values() for la in p.areas]
        return rows

    def areas(self) -> list[tuple[str, str, str, str | None]]:
        """(area_type, area_code, name, region_code) for every place."""
        rows = [(LOCAL_AUTHORITY, la.code, la.name, la.region) for la in self.authorities.values()]
        for p in self.partnerships.values():
            regions = {self.authorities[la].region for la in p.areas}
            rows.append((PARTNERSHIP, p.code, p.name, regions.pop() if len(regions) == 1 else None))
        return rows


def read_places(data: dict, where: str) -> Places:
    """The `[areas.<code>]` and `[partnerships.<code>]` tables of a registry, checked."""
    authorities = {}
    for code, entry in data.get("areas", {}).items():
        if not LA_CODE.fullmatch(code):
            raise ValueError(f"{where}: area {code!r} is not a local authority's GSS code "
                             "(E06, E08, E09 or E10 and six digits)")
        region = entry.get("region")
        if not region:
            raise ValueError(f"{where}: area {code} has no region (region = \"E12...\")")
        if not REGION_CODE.fullmatch(region):
            raise ValueError(f"{where}: area {code}: region {region!r} is not a region's GSS code "
                             "(E12 and six digits)")
        if not str(entry.get("name", "")).strip():
            raise ValueError(f"{where}: area {code} has no name")
        authorities[code] = LocalAuthority(code, entry["name"].strip(), region)
    partnerships = {}
    for code, entry in data.get("partnerships", {}).items():
        if not PARTNERSHIP_CODE.fullmatch(code) or code in authorities:
            raise ValueError(f"{where}: partnership code {code!r} must be lower-case letters and "
                             "digits, joined by single hyphens")
        areas = tuple(entry.get("areas", ()))
        if not areas:
            raise ValueError(f"{where}: partnership {code} names no areas")
        unknown = [a for a in areas if a not in authorities]
        if unknown:
            raise ValueError(f"{where}: partnership {code} names {', '.join(unknown)}, not an area "
                             "of the registry ([areas.<code>] with its name and region)")
        partnerships[code] = Partnership(code, str(entry.get("name") or code), areas)
    if not partnerships and authorities:
        partnerships[DEFAULT_PARTNERSHIP] = Partnership(
            DEFAULT_PARTNERSHIP, "All the registry's local authorities", tuple(authorities))
    return Places(authorities, partnerships)
