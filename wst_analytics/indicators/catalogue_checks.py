"""Checking a catalogue entry as it is read: its kinds, sources, SQL or building block, and
the links a reader can use between published figures. Every problem is named, with the entry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from wst_analytics import settings
from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.spec import codes

if TYPE_CHECKING:
    from wst_analytics.indicators.catalogue import Indicator

UNITS = {"count", "rate_per_10k", "percent", "gbp"}
POLARITIES = {"higher_is_better", "higher_is_worse", "neutral"}
DISCLOSURE = {"dfe_children", "sac_adults", "none"}
MEASURES = {"stock", "flow", "distinct", "ratio"}


NAME = re.compile(r"[a-z][a-z0-9_]*")


def _block_problems(entry: Indicator) -> list[str]:
    names = [n for n in (entry.block, entry.by, entry.totals_block, entry.listed_block, entry.of)
             if n is not None]
    problems = [f"{n!r} is not a plain name (lower-case letters, digits, _)" for n in names
                if not NAME.fullmatch(n)]
    if entry.block is None and (entry.by or entry.codes or entry.codes_from or entry.totals_block
                                or entry.listed_block or entry.of):
        problems.append("by, codes, codes_from, totals_block, listed_block and of go with block")
    if entry.of is not None and (entry.by is not None or entry.unit != "percent"):
        problems.append("a share of a block (of) is a percentage without a breakdown (by)")
    if entry.codes and entry.codes_from:
        problems.append("give codes or codes_from, not both")
    if entry.codes_from:
        extract, _, column = entry.codes_from.partition(".")
        if extract not in SCHEMAS or column not in SCHEMAS[extract].columns \
                or not codes(SCHEMAS[extract], column):
            problems.append(f"codes_from {entry.codes_from!r} is not an extract's coded column")
    if bool(entry.by) != bool(entry.breakdown) and entry.block:
        problems.append("a block's breakdown (by) and the breakdown field go together")
    return problems


def check_entry(entry: Indicator, known: dict[str, Indicator], path: Path) -> None:
    problems = []
    if entry.unit not in UNITS:
        problems.append(f"unit {entry.unit!r} is not one of {sorted(UNITS)}")
    if entry.measure not in MEASURES:
        problems.append(f"measure {entry.measure!r} is not one of {sorted(MEASURES)}")
    if (entry.measure == "ratio") != (entry.unit in ("percent", "rate_per_10k")):
        problems.append("rates and percentages, and only they, have measure ratio")
    if entry.polarity not in POLARITIES:
        problems.append(f"polarity {entry.polarity!r} is not one of {sorted(POLARITIES)}")
    if entry.disclosure not in DISCLOSURE:
        problems.append(f"disclosure {entry.disclosure!r} is not one of {sorted(DISCLOSURE)}")
    if set(entry.sources) - set(SCHEMAS):
        problems.append(f"sources {sorted(set(entry.sources) - set(SCHEMAS))} are not extracts")
    if set(entry.counts_from) - set(known):
        problems.append(f"counts_from {sorted(set(entry.counts_from) - set(known))} are not indicators")
    if entry.has_sql_file and not (settings.SQL_DIR / entry.sql_file).exists():
        problems.append(f"its SQL file wst_analytics/sql/{entry.sql_file} does not exist "
                        "(or give the building block it counts: block = ...)")
    problems += _block_problems(entry)
    if entry.target is not None and entry.target_direction not in ("at_least", "at_most"):
        problems.append("a target needs target_direction at_least or at_most")
    if any(set(r) != {"month", "reason"} or not r["reason"].strip() for r in entry.rebase):
        problems.append("each rebase needs a month (YYYY-MM) and a reason")
    problems += _link_problems(entry, known)
    if problems:
        raise ValueError(f"{path}: indicator {entry.id}: " + "; ".join(problems))


def _link_problems(entry: Indicator, known: dict[str, Indicator]) -> list[str]:
    problems = []
    if (entry.inflows or entry.outflows) and entry.measure != "stock":
        problems.append("only a stock has inflows and outflows")
    for flow in (*entry.inflows, *entry.outflows):
        if flow not in known or known[flow].measure != "flow":
            problems.append(f"inflow or outflow {flow!r} is not a flow indicator")
    parts = [p for p in (entry.numerator_from, entry.denominator_from) if p]
    if (parts or entry.denominator_public) and entry.measure != "ratio":
        problems.append("only a ratio has numerator_from, denominator_from or denominator_public")
    for part in parts:
        if part not in known or known[part].measure in ("ratio", "distinct"):
            problems.append(f"{part!r} is not a count indicator (numerator_from, denominator_from)")
    if entry.denominator_from and entry.denominator_public:
        problems.append("a denominator is either published here (denominator_from) or public")
    if entry.parts_measure not in ("flow", "stock"):
        problems.append(f"parts_measure {entry.parts_measure!r} is not flow or stock")
    return problems


def closed_codes(entry: Indicator) -> list[str]:
    """The codes of an entry's closed breakdown list (`codes`, or the spec's by `codes_from`)."""
    if entry.codes:
        return list(entry.codes)
    if entry.codes_from:
        extract, _, column = entry.codes_from.partition(".")
        return codes(SCHEMAS[extract], column)
    return []


def check_labels(entry: Indicator, labels: dict[str, dict[str, str]], path: Path) -> None:
    """Every code of a closed breakdown list has a label (`[labels.<by>]`), and labels are text."""
    own = labels.get(entry.by or "", {})
    unlabelled = [code for code in closed_codes(entry) if not str(own.get(code, "")).strip()]
    if unlabelled:
        raise ValueError(f"{path}: indicator {entry.id}: codes {unlabelled} have no label: add them "
                         f"to [labels.{entry.by}] (code = \"label\")")
    if not all(isinstance(t, dict) and all(isinstance(v, str) for v in t.values()) for t in labels.values()):
        raise ValueError(f"{path}: [labels] must be tables of code = \"label\" text")
