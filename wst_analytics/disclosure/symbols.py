"""The standard symbols of official statistics, as every published table and export uses them,
and the decimal places each unit is published to."""

#: The symbol printed beside the figure of an incomplete financial year (GSS `[u]`, low reliability).
INCOMPLETE = "u"

#: Decimal places a published figure of each unit is rounded to (and printed with).
DECIMALS = {"count": 0, "rate_per_10k": 1, "percent": 1, "gbp": 2}

SYMBOLS = {
    "c": "confidential: suppressed to protect individuals (a count of 1 to 5, or a figure from "
         "which one could be worked out), DfE children's statistics rule",
    "[c]": "confidential: suppressed to protect individuals (a count under 5, or a percentage "
           "of one), NHS Safeguarding Adults Collection rule; other counts are rounded to the "
           "nearest 5 and percentages are calculated from the rounded counts",
    "u": "low reliability: the financial year is incomplete, a monthly return owed for it was not "
         "received; the figure is computed from the returns that arrived and may undercount "
         "(shown beside the figure; `completeness` and `missing_returns` say which)",
    "x": "not available: the data needed is missing (e.g. a monthly return not received, no "
         "population estimate, no previous year)",
    "z": "not applicable: e.g. a percentage of zero cases",
    "p": "provisional: a figure of a period not yet released; it may change as late or corrected "
         "returns arrive (column `revision`)",
    "r": "revised: the figure has changed since it was first released (column `revision`; "
         "`wst release diff` says what changed and which returns changed it)",
}

#: The revision markers of `published.indicator_values.revision` (docs/publication.md).
PROVISIONAL, REVISED = "p", "r"

NOTES = [
    "Figures are computed from partner agencies' monthly returns to the partnership's extract "
    "contract; a financial year runs 1 April to 31 March.",
    "Disclosure control is applied per indicator, and a suppressed figure cannot be worked "
    "out exactly from the others (totals, months, places, rates); children's figures (DfE "
    "rule) are published for financial years only.",
    "Year-on-year changes are those of the published figures, and are suppressed when either "
    "year's figure is.",
    *(f"{symbol}  {meaning}" for symbol, meaning in SYMBOLS.items()),
]
