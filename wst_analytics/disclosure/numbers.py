"""How a figure is rounded and written, in one place: the published tables' `value` and
`value_text`, the workbooks' cells, the reports' sentences, tables and hover text, the
exception messages and the query library's charts all call these.

The publication policy (`symbols.DECIMALS`): counts whole, rates per 10,000 and percentages
to one decimal place, money to the penny; halves are rounded away from zero, as official
statistics round (19.45 is 19.5; Python's own `round` would give 19.4 for the nearest double).
A percentage change is a percentage: one decimal place.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from wst_analytics.disclosure.symbols import DECIMALS

#: How a figure of each unit reads in a sentence: the number, then its unit.
SUFFIX = {"count": "", "rate_per_10k": " per 10,000", "percent": "%", "gbp": ""}


def places(unit: str | None) -> int:
    """The decimal places of a figure of `unit` (one for anything not in the policy)."""
    return DECIMALS.get(unit or "", 1)


def _decimal(value: float, unit: str | None) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places(unit)), rounding=ROUND_HALF_UP)


def rounded(value: float | None, unit: str | None) -> float | None:
    """The figure as published: rounded to its unit's decimal places, halves away from zero."""
    return None if value is None else float(_decimal(value, unit))


def number_text(value: float, unit: str | None) -> str:
    """The rounded figure with thousands separated and no unit: `1,234`, `19.5`, `12.50`."""
    return f"{_decimal(value, unit):,f}"


def figure_text(value: float | None, unit: str | None, missing: str = "not available") -> str:
    """A figure as a sentence, a table cell or hover text reads it: `1,234`, `19.5%`,
    `43.1 per 10,000`, `£12.50`; `missing` when there is none."""
    if value is None:
        return missing
    text = number_text(value, unit)
    if unit == "gbp":
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    return text + SUFFIX.get(unit or "", "")


def percent_text(value: float | None, signed: bool = False, missing: str = "not available") -> str:
    """A percentage (or a percentage change): `19.5%`; `signed` puts `+` before a rise."""
    text = figure_text(value, "percent", missing)
    return f"+{text}" if signed and value is not None and not text.startswith("-") and _decimal(value, "percent") else text
