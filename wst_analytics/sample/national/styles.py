"""How each file is written: one row per sender (an LA's partner, a police force) and month of an
extract, with the export habits
the contract allows, at low rates, and the time the file was received.

Per file: dates DD/MM/YYYY (15%, else YYYY-MM-DD), a UTF-8 byte order mark (1.5%), CRLF line
ends (3%), header names in upper case (3%), one code column in lower case (2%); police flags
spelled Y/N (70%), Yes/No, TRUE/FALSE or 1/0; training only: Windows-1252 (3%, with CRLF and
a title with an en dash or pound sign) and a course title with a comma, so quoted (10% of
training files: about 2% of all files). Received (the file's mtime): the 5th-14th of the
next month, 09:00-17:00 UTC, or for 7% late, the 16th-20th (returns are due by the 15th).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .run import Run

CODE_COLUMNS = {
    "cp_plans": ["sex", "ethnicity", "initial_category", "latest_category"],
    "adult_concerns": ["sex", "types_of_risk", "location_of_risk"],
    "s42_enquiries": ["enquiry_type", "risk_outcome", "msp_asked", "msp_expressed", "msp_achieved"],
    "police_incidents": [],
    "training_attendance": ["delivery", "attendance"],
}
FLAGS = [("Y", "N"), ("Yes", "No"), ("TRUE", "FALSE"), ("1", "0")]
FLAG_WEIGHTS = [0.7, 0.1, 0.1, 0.1]
RATES = {"uk": 0.15, "bom": 0.015, "crlf": 0.03, "upper_header": 0.03, "lower": 0.02,
         "cp1252": 0.03, "comma": 0.10, "late": 0.07}


def table(run: Run, extract: str) -> pl.DataFrame:
    """One row per (sender, month) file of the extract, in that order (a sender is an LA's
    partner, or for police a force: `Run.senders`)."""
    rng = run.rng(f"styles:{extract}")
    t = run.timeline
    senders = run.senders(extract)
    n = senders * t.n_months
    la, month = np.repeat(np.arange(senders), t.n_months), np.tile(np.arange(t.n_months), senders)
    draw = {name: rng.random(n) < rate for name, rate in RATES.items()}
    training = extract == "training_attendance"
    cp1252 = draw["cp1252"] & training
    comma = draw["comma"] & training & ~cp1252
    encoding = np.where(cp1252, "cp1252", np.where(draw["bom"], "utf-8-sig", "utf-8"))
    codes = CODE_COLUMNS[extract]
    lower = np.where(draw["lower"] & bool(codes), rng.integers(0, max(len(codes), 1), n), -1)
    spelling = rng.choice(len(FLAGS), size=n, p=FLAG_WEIGHTS)
    day = np.where(draw["late"], rng.integers(15, 20, n), rng.integers(4, 14, n))
    received = ((t.month_starts()[month + 1] + day) * 86400 + rng.integers(9 * 3600, 17 * 3600, n))
    return pl.DataFrame({
        "sender": la, "month": month, "uk": draw["uk"], "encoding": encoding,
        "crlf": draw["crlf"] | cp1252, "upper_header": draw["upper_header"], "lower": lower,
        "yes": np.array([f[0] for f in FLAGS])[spelling], "no": np.array([f[1] for f in FLAGS])[spelling],
        "comma": comma, "cp1252": cp1252, "received": received,
    }).with_columns(pl.col("sender", "month", "lower").cast(pl.Int64))
