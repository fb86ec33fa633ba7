"""Checking the partner registry file as it is read: every mistake refused, naming the entry.

A registry that is read wrongly fails quietly later (a misspelt `owes` makes a partner owe
nothing; `due_day = 31` breaks every load in February), so `checked_registry` refuses:

- a file that is not TOML (a partner code given twice is one of those);
- a key the registry does not have, at the top, in a partner, an area or a partnership (a typo);
- `due_day` other than a whole number from 1 to 28 (every month has that day);
- a partner with no `organisation`, `owes` or `reference` that is not a list of extract
  names, a monthly return among `reference` or reference data among `owes`, or
  `first_month`/`last_month`/`late_from` other than a month `YYYY-MM`, or `last_month` before
  `first_month`;
- `late_from` for the whole registry other than a month `YYYY-MM`;
- a registry with no partners (every file would be rejected: `require_partners`, checked
  after the areas, which `wst_analytics.places` checks).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wst_analytics.extracts import SCHEMAS

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
LAST_DUE_DAY = 28  # the last day every month has
TOP_KEYS = {"due_day", "late_from", "areas", "partnerships", "partners"}


class RegistryError(ValueError):
    """The partner registry file cannot be used as it is."""


def _allowed(cls, *internal: str) -> set[str]:
    """The registry's keys: the fields of what it is read into (so a new field is allowed)."""
    return {field.name for field in dataclasses.fields(cls)} - set(internal)


def _check_due_day(path: Path, data: dict) -> None:
    due_day = data.get("due_day", 15)
    if isinstance(due_day, bool) or not isinstance(due_day, int) or not 1 <= due_day <= LAST_DUE_DAY:
        raise RegistryError(f"{path}: due_day must be a whole number from 1 to {LAST_DUE_DAY} (a day "
                            f"every month has), not {due_day!r}")


def _check_month(path: Path, where: str, name: str, value) -> None:
    if value is not None and not (isinstance(value, str) and MONTH.fullmatch(value)):
        raise RegistryError(f"{path}: {where}{name} must be a month written YYYY-MM "
                            f"(in quotes), not {value!r}")


def _check_months(path: Path, code: str, entry: dict) -> None:
    for name in ("first_month", "last_month", "late_from"):
        _check_month(path, f"partner {code}: ", name, entry.get(name))
    first, last = entry.get("first_month"), entry.get("last_month")
    if first and last and last < first:
        raise RegistryError(f"{path}: partner {code}: last_month {last} is before first_month {first}")


def _check_extracts(path: Path, code: str, entry: dict) -> None:
    for name, monthly in (("owes", True), ("reference", False)):
        listed = entry.get(name, [])
        if not isinstance(listed, list) or not all(isinstance(e, str) for e in listed):
            raise RegistryError(f"{path}: partner {code}: {name} must be a list of extract names, "
                                f"such as [\"cp_plans\"]")
        for extract in listed:
            if extract in SCHEMAS and SCHEMAS[extract].metadata["monthly"] != monthly:
                kind = "a monthly return: list it in owes" if not monthly else \
                    "reference data, not a monthly return: list it in reference"
                raise RegistryError(f"{path}: partner {code}: {extract} is {kind}")


def _check_keys(path: Path, table: str, code: str, entry, allowed: set[str]) -> None:
    """Refuse an entry that is not a table, or has a key the registry does not have."""
    if not isinstance(entry, dict):
        raise RegistryError(f"{path}: {table} {code} must be a table ([{table}s.{code}])")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise RegistryError(f"{path}: {table} {code}: unknown key {unknown[0]!r} (the keys are "
                            f"{', '.join(sorted(allowed))})")


def _check_partner(path: Path, code: str, entry, allowed: set[str]) -> None:
    _check_keys(path, "partner", code, entry, allowed)
    if not isinstance(entry.get("organisation"), str) or not entry["organisation"].strip():
        raise RegistryError(f"{path}: partner {code} has no organisation")
    _check_extracts(path, code, entry)
    _check_months(path, code, entry)


def checked_registry(path: Path, read_into: dict[str, type]) -> dict:
    """The registry file's contents, refused (`RegistryError`, naming the file and the entry)
    unless every entry is one the registry can use. `read_into` names the dataclass each kind
    of entry (`area`, `partnership`, `partner`) is read into: its fields are the allowed keys."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RegistryError(f"{path}: not valid TOML ({error}); a partner code given twice is "
                            "one cause") from None
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise RegistryError(f"{path}: unknown key {unknown[0]!r} (the keys are {', '.join(sorted(TOP_KEYS))})")
    _check_due_day(path, data)
    _check_month(path, "", "late_from", data.get("late_from"))
    for table in ("area", "partnership"):
        for code, entry in data.get(f"{table}s", {}).items():
            _check_keys(path, table, code, entry, _allowed(read_into[table], "code"))
    partners = data.get("partners", {})
    if not isinstance(partners, dict):
        raise RegistryError(f"{path}: partners must be tables, [partners.<code>]")
    for code, entry in partners.items():
        _check_partner(path, code, entry, _allowed(read_into["partner"], "code"))
    return data


@contextmanager
def refused_as_registry_errors() -> Iterator[None]:
    """The other checks of the registry (areas, partners' extracts) raise ValueError: give
    them the registry's own error, which `wst` prints in one line."""
    try:
        yield
    except RegistryError:
        raise
    except ValueError as error:
        raise RegistryError(str(error)) from None


def require_partners(path: Path, partners: dict) -> None:
    """Refuse a registry with no partners: every file would be rejected."""
    if not partners:
        raise RegistryError(f"{path}: no partners: add a [partners.<code>] table for each partner")
