"""How the annual report shows revision markers: `r` beside each revised figure it prints, and
one line under the title saying whether the year's figures are provisional (`p`: every figure
of an unreleased year would carry it, so the page says it once) and how many are revised."""

from __future__ import annotations

import polars as pl

from wst_analytics.disclosure.symbols import PROVISIONAL, REVISED


def revised_marked(values: pl.DataFrame) -> pl.DataFrame:
    """The published values with ` r` beside each revised figure's text (`value_text`)."""
    if "revision" not in values.columns:
        return values
    revised = (pl.col("revision") == REVISED) & pl.col("value").is_not_null()
    return values.with_columns(value_text=pl.when(revised).then(pl.col("value_text") + f" {REVISED}")
                               .otherwise(pl.col("value_text")))


def status_line(values: pl.DataFrame, year: str, release: str | None) -> str:
    """What the page says of its figures' revision status."""
    if "revision" not in values.columns:
        return ""
    years = values.filter(pl.col("period_type") == "financial_year")
    marks = years.filter(pl.col("period") == year)["revision"]
    said = []
    if release:
        said.append(f"The figures of release {release}, as released.")
    if (marks == PROVISIONAL).any():
        said.append(f"Figures for {year} are provisional ({PROVISIONAL}): not yet released, they may change "
                    "as late or corrected returns arrive.")
    revised = int((years["revision"] == REVISED).sum())
    if revised:
        said.append(f"{revised} figures have been revised since they were released ({REVISED}, shown beside them).")
    return " ".join(said)
