"""The validation rule catalogue (`rules.toml`, data): each rule's DfE code, kind and outcome.

A rule is named by its extract, column and id; an entry for extract `""` (and column `""`)
holds for every extract (and column) without one of its own. The reader's quarantine rows and
the data-quality findings take their DfE code and kind from here; docs/rules.md shows it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import polars as pl

KINDS = ("error", "query")
OUTCOMES = ("quarantine", "finding")
SOURCES = ("contract", "dfe", "sac", "project")
CODES = {"dfe_code": pl.String, "kind": pl.String}


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue."""

    extract: str
    column: str
    rule: str
    dfe: str
    kind: str
    outcome: str
    source: str
    wording: str


def _checked(entry: dict) -> Rule:
    """An entry, refused with its rule id when a field is missing or not one of its values."""
    try:
        rule = Rule(**entry)
    except TypeError as error:
        raise ValueError(f"rules.toml: entry {entry.get('rule')!r}: {error}") from None
    for field, allowed in (("kind", KINDS), ("outcome", OUTCOMES), ("source", SOURCES)):
        if getattr(rule, field) not in allowed:
            raise ValueError(f"rules.toml: rule {rule.rule!r}: {field} must be one of {', '.join(allowed)}")
    if rule.kind == "query" and rule.outcome != "finding":
        raise ValueError(f"rules.toml: rule {rule.rule!r} is a query: its outcome must be finding")
    return rule


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule of the catalogue, in its order."""
    text = resources.files("wst_analytics.extracts").joinpath("rules.toml").read_text(encoding="utf-8")
    return tuple(_checked(entry) for entry in tomllib.loads(text)["rule"])


def find_rule(extract: str, column: str, rule: str, outcome: str = "quarantine") -> Rule | None:
    """The entry for a rule on a column of an extract: its own, else the one for any column of
    the extract, else the one for every extract."""
    entries = {(r.extract, r.column, r.rule): r for r in load_rules() if r.outcome == outcome}
    for key in ((extract, column, rule), (extract, "", rule), ("", column, rule), ("", "", rule)):
        if key in entries:
            return entries[key]
    return None


def with_rule_codes(extract: str, quarantine: pl.DataFrame) -> pl.DataFrame:
    """Quarantine rows with their rule's DfE code and kind (`error`: a quarantined row is one)."""
    pairs = quarantine.select("column", "rule").unique()
    found = [(column, rule, (entry := find_rule(extract, column, rule)) and entry.dfe or None)
             for column, rule in pairs.iter_rows()]
    codes = pl.DataFrame(found, schema={"column": pl.String, "rule": pl.String, "dfe_code": pl.String},
                         orient="row")
    return quarantine.join(codes, on=["column", "rule"], how="left", maintain_order="left").with_columns(
        kind=pl.lit("error"))


def finding_codes() -> pl.DataFrame:
    """extract, finding, dfe_code and kind of every rule whose outcome is a finding."""
    rows = [(r.extract, r.rule, r.dfe or None, r.kind) for r in load_rules() if r.outcome == "finding"]
    return pl.DataFrame(rows, schema={"extract": pl.String, "finding": pl.String, **CODES}, orient="row")
