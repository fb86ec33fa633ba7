"""Exception reporting settings (`wst_analytics/defaults/exceptions.toml`, or `config/exceptions.toml` in its place)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from wst_analytics import settings
from wst_analytics.disclosure.numbers import percent_text

TWO_OF_THREE = ("near_limit_only", "beyond_two_sigma")


@dataclass(frozen=True)
class SpcSettings:
    baseline_points: int = 0  # 0: no baseline, limits from every point (MDC's default)
    limit_factor: float = 2.66
    screen_moving_ranges: bool = False  # MDC's tools do not screen; NHSRplotthedots does by default
    moving_range_screen: float = 3.267
    shift_points: int = 7
    trend_points: int = 7
    two_of_three: str = "beyond_two_sigma"

    def describe(self) -> str:
        variant = ("only points between two sigma and the limit count" if self.two_of_three == "near_limit_only"
                   else "any point beyond two sigma counts")
        baseline = (f"limits fixed after {self.baseline_points} points" if self.baseline_points
                    else "limits from every point since the series began or was rebased")
        screen = (f"moving ranges at or above {self.moving_range_screen} x their mean screened out"
                  if self.screen_moving_ranges else "no moving range screened out")
        return (f"Making Data Count XmR limits: mean +/- {self.limit_factor} x mean moving range, {screen}; "
                f"{baseline}; trial limits, and no icons, with fewer than 13 points; rules: a point "
                f"beyond a limit; a shift of {self.shift_points} or more points on one side of the mean; a "
                f"trend of {self.trend_points} or more points rising or falling; two of three points beyond "
                f"two sigma, all three on the same side of the mean ({variant}); a point flagged both ways "
                f"shows the improvement.")


@dataclass(frozen=True)
class DataQualitySettings:
    quarantine_rate_amber: float = 0.02
    quarantine_rate_red: float = 0.10
    row_drop_amber: float = 0.40
    row_drop_red: float = 0.70
    months_shown: int = 12


    def describe(self) -> str:
        return (f"Data quality: quarantined rows amber from {percent_text(100 * self.quarantine_rate_amber)}, "
                f"red from {percent_text(100 * self.quarantine_rate_red)}; a fall in rows read amber from "
                f"{percent_text(100 * self.row_drop_amber)}, red from {percent_text(100 * self.row_drop_red)}; "
                f"the scorecard covers the last {self.months_shown} months.")


def tolerances_in_words(catalogue) -> str:
    """Each indicator's year-on-year tolerances (the catalogue's), grouped by their values."""
    groups: dict[tuple[float, float], list[str]] = {}
    for i in catalogue:
        groups.setdefault((i.tolerance_amber_pct, i.tolerance_red_pct), []).append(i.id)
    return "Year-on-year tolerances (the indicator catalogue): " + "; ".join(
        f"amber from {percent_text(a)}, red from {percent_text(r)}: {', '.join(ids)}"
        for (a, r), ids in sorted(groups.items())) + "."


@dataclass(frozen=True)
class ExceptionSettings:
    spc: SpcSettings
    data_quality: DataQualitySettings


def load_settings(path: Path | None = None) -> ExceptionSettings:
    path = path or settings.config_file("exceptions.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    spc = SpcSettings(**data.get("spc", {}))
    if spc.two_of_three not in TWO_OF_THREE:
        raise ValueError(f"{path}: spc.two_of_three must be one of {TWO_OF_THREE}")
    if not isinstance(spc.screen_moving_ranges, bool):
        raise ValueError(f"{path}: spc.screen_moving_ranges must be true or false")
    if spc.baseline_points and spc.baseline_points < 12:
        raise ValueError(f"{path}: spc.baseline_points must be 0 (no baseline) or at least 12")
    return ExceptionSettings(spc, DataQualitySettings(**data.get("data_quality", {})))
