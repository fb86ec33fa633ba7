"""Which places a partner's exceptions belong to.

A return (and a file, a quarantine rate, a finding) is a partner's; it affects the places the
partner serves: each LA of its `areas` in the registry, and every partnership with one of
those LAs. A reference partner (the population estimates) serves every LA, so every place. A
file whose partner is not in the registry (a name outside the contract) cannot be placed: it
is raised for every partnership, whose report oversees all the returns.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import polars as pl

from wst_analytics.places import LOCAL_AUTHORITY, PARTNERSHIP
from wst_analytics.registry import Registry
from wst_analytics.warehouse.sql import insert_frame

Place = tuple[str, str]  # (area_type, area_code)


def every_place(registry: Registry) -> list[Place]:
    return [(area_type, code) for area_type, code, *_ in registry.places.areas()]


def partnerships(registry: Registry) -> list[Place]:
    return [(PARTNERSHIP, code) for code in registry.places.partnerships]


def partner_places(registry: Registry) -> dict[str, list[Place]]:
    """The places each partner of the registry serves: its LAs, then their partnerships."""
    served = {}
    for code in registry.partners:
        las = set(registry.served(code))
        served[code] = [(LOCAL_AUTHORITY, la) for la in sorted(las)] + [
            (PARTNERSHIP, p.code) for p in registry.places.partnerships.values() if las & set(p.areas)]
    return served


def write_partner_places(con: duckdb.DuckDBPyConnection, served: dict[str, list[Place]]) -> None:
    """marts.partner_places(partner, area_type, area_code): the scorecard rows a place's report shows."""
    rows = [(partner, *place) for partner, places in served.items() for place in places]
    frame = pl.DataFrame(rows, orient="row", schema={"partner": pl.String, "area_type": pl.String,
                                                     "area_code": pl.String})
    insert_frame(con, "marts.partner_places", frame, create=True)


def spread(raised: list[dict], places_of: Callable[[str | None], list[Place]]) -> list[dict]:
    """Each exception once for every place of its partner (`places_of(partner)`); kept without a
    place when there is none (a registry naming no LA), never dropped."""
    return [{**row, "area_type": place[0], "area_code": place[1]}
            for row in raised for place in (places_of(row["partner"]) or [(None, None)])]


def by_partner(registry: Registry) -> Callable[[str | None], list[Place]]:
    """`places_of` for `spread`: a partner's places; every partnership for one not in the registry."""
    served, fallback = partner_places(registry), partnerships(registry)
    return lambda partner: served.get(partner, fallback) if partner is not None else fallback
