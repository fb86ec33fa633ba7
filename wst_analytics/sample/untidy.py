"""Cell-level untidiness the contract allows, applied to the rows of each file.

Plants:
- codes in lower or mixed case and with surrounding spaces on some rows of every file that has
  codes (e.g. ` neg`, `Own_Home `, `s42`, `dna`, `neglect; physical` for types of risk);
- flags in every spelling across the police months: `Y`/`N`, `Yes`/`No`, `TRUE`/`FALSE`,
  `1`/`0`, lower case, mixed case, and one month with a different spelling on each row;
- titles with commas in training CSVs (quoted per RFC 4180 by the writer).
"""

from __future__ import annotations

import random

from .model import Plants, RawFile

CODE_COLUMNS = {
    "cp_plans": ["sex", "ethnicity", "initial_category", "latest_category"],
    "adult_concerns": ["sex", "location_of_risk", "types_of_risk"],
    "s42_enquiries": ["enquiry_type", "risk_outcome", "msp_asked", "msp_expressed", "msp_achieved"],
    "training_attendance": ["delivery", "attendance", "attendee_agency"],
}
FLAG_SPELLINGS = [("Y", "N"), ("Yes", "No"), ("TRUE", "FALSE"), ("1", "0"), ("y", "n"),
                  ("YES", "no"), ("True", "False"), ("yes", "No")]
FLAG_COLUMNS = ("cse_marker", "crime_recorded")


def messy(rng: random.Random, value: str) -> str:
    """The same code as a partner's export might write it."""
    choice = rng.randrange(6)
    if choice == 0:
        return value.lower()
    if choice == 1:
        return value.title()
    if choice == 2:
        return f" {value}"
    if choice == 3:
        return f"{value}  "
    if choice == 4 and ";" in value:
        return value.replace(";", "; ")
    return f" {value.lower()} "


def _codes(rng: random.Random, f: RawFile, plants: Plants) -> None:
    columns = CODE_COLUMNS.get(f.extract)
    if not columns or not f.rows:
        return
    changed = 0
    for row in f.rows:
        if rng.random() < 0.03:
            column = rng.choice(columns)
            value = row.get(column)
            if isinstance(value, str) and value:
                row[column] = messy(rng, value)
                changed += 1
    if changed:
        plants.note("code_case", f, f"{changed} code values in lower/mixed case or with spaces")


def _flags(rng: random.Random, f: RawFile, index: int, plants: Plants) -> None:
    mixed = index % (len(FLAG_SPELLINGS) + 1) == len(FLAG_SPELLINGS)
    spelling = FLAG_SPELLINGS[index % (len(FLAG_SPELLINGS) + 1) % len(FLAG_SPELLINGS)]
    for row in f.rows:
        if mixed:
            spelling = rng.choice(FLAG_SPELLINGS)
        for column in FLAG_COLUMNS:
            if isinstance(row.get(column), bool):
                row[column] = spelling[0] if row[column] else spelling[1]
    detail = "a different spelling on each row" if mixed else f"flags written {spelling[0]}/{spelling[1]}"
    plants.note("flag_spelling", f, detail)


def apply(files: list[RawFile], months: list[str], rng: random.Random, plants: Plants) -> None:
    for f in files:
        _codes(rng, f, plants)
        if f.extract == "police_incidents":
            _flags(rng, f, months.index(f.month), plants)
        if f.extract == "training_attendance" and f.fmt == "csv" and any(
                "," in str(row.get("course_title", "")) for row in f.rows):
            plants.note("rfc4180_quoting", f, "course titles containing commas are quoted")
