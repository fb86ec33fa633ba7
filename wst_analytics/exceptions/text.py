"""Plain-English pieces the exception messages share."""

from __future__ import annotations

from datetime import date

from wst_analytics.disclosure.numbers import figure_text, percent_text
from wst_analytics.indicators.catalogue import Indicator


def month_name(period: str) -> str:
    """`2019-07` -> `July 2019`."""
    return date(int(period[:4]), int(period[5:7]), 1).strftime("%B %Y")


def figure(value: float | None, indicator: Indicator) -> str:
    """An indicator's figure in words, rounded as published (`disclosure.numbers`); a count's
    mean or limit keeps one decimal place (`12.4`), a whole count none."""
    if indicator.unit == "count" and value is not None and not float(value).is_integer():
        return figure_text(value, None)
    return figure_text(value, indicator.unit)


def percent_or_blank(value: float | None) -> str:
    """A scorecard percentage, blank when there is none (no rows read; no return judged, all backfill)."""
    return percent_text(value, missing="")


def reading(direction: int, indicator: Indicator) -> str:
    """How a movement reads, given the indicator's polarity."""
    if indicator.polarity == "neutral":
        return "neither an improvement nor a concern in itself"
    good = (direction > 0) == (indicator.polarity == "higher_is_better")
    return "an improvement" if good else "a concern"


def exception(kind: str, severity: str, message: str, *, area=(None, None), indicator_id=None, extract=None,
              partner=None, period_type=None, period=None, breakdown="", value=None, reference_value=None,
              detail="") -> dict:
    """One row of marts.exceptions. `area` is the place's (area_type, area_code): a partner's
    exceptions are raised without one and spread over the places it serves (`places.spread`).
    A row with a `period` says its `period_type` (the month 2010-11 is not the year 2010-11)."""
    if period is not None and period_type not in ("month", "financial_year"):
        raise ValueError(f"an exception for period {period} must say its period_type")
    return {"kind": kind, "severity": severity, "area_type": area[0], "area_code": area[1],
            "indicator_id": indicator_id, "extract": extract, "partner": partner,
            "period_type": period_type, "period": period, "breakdown": breakdown, "message": message,
            "value": None if value is None else float(value),
            "reference_value": None if reference_value is None else float(reference_value),
            "detail": detail}
