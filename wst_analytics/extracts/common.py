"""Building blocks for the extract schemas: one function per kind of contract column.

Each builder returns a pandera (polars backend) `Column` whose metadata tells the reader how to
parse the raw text (`kind`), whether the value is a person identifier to pseudonymise, and the
plain-English description used in the docs. Every check carries a rule id (`name`) and the
message an analyst reads in quarantine (`error`), so a failure can always be reported as
file, row, column, rule and message.

Rule ids (stable: quarantine rows and the exception report use them):
`required`, `invalid_date`, `invalid_integer`, `invalid_decimal`, `invalid_flag`, `code_list`,
`format` (an identifier outside the alphabet or its pattern), `range`, `too_long`,
`after_month_end`, plus the cross-field rules named in each extract's schema, and from the
reader `duplicate_key`, `file_rejected`, `ragged_row`, `csv_syntax`, `excel_error`,
`formula_without_value` and `number_rounded`. Each rule's kind, DfE code and outcome are in
the rule catalogue (`rules.toml`, read by `extracts.rules`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandera.polars as pa
import polars as pl

from wst_analytics.extracts.alphabet import IDENTIFIER_ALPHABET, IDENTIFIER_REFUSALS

MONTH_END = "reporting_month_end"  # added to every frame before validation: the file's month end
MAX_TEXT = 200

Rule = Callable[[pa.PolarsData], pl.LazyFrame]


def rule(name: str, message: str, test: Callable[[pl.Expr], pl.Expr], *, nulls: bool = False) -> pa.Check:
    """A check on one column: `test` maps the column's expression to a row-wise boolean.

    With `nulls=True` the test also sees empty values (for rules like "required when ...").
    """

    def run(data: pa.PolarsData) -> pl.LazyFrame:
        column = pl.col(data.key)
        passed = test(column).fill_null(True)
        return data.lazyframe.select(passed if nulls else column.is_null() | passed)

    return pa.Check(run, name=name, error=message, ignore_na=False)


def column(dtype, kind: str, required: bool, checks: Sequence[pa.Check], description: str,
           **extra) -> pa.Column:
    """A contract column: its type, how the reader parses it (`kind`), and its checks."""
    return pa.Column(dtype, nullable=not required, required=required, checks=list(checks),
                     description=description,
                     metadata={"kind": kind, "required": required, **extra})


def identifier(*, required: bool = False, pseudonymise: bool = False, pattern: str | None = None,
               pattern_text: str = "", description: str = "", checks: Sequence[pa.Check] = (),
               max_length: int = MAX_TEXT) -> pa.Column:
    """A record key or person identifier: checked by the reader against the alphabet as sent,
    then upper-cased (`extracts.alphabet`); person ids are hashed. `pattern` sees it upper-cased."""
    own = [rule("too_long", f"must be at most {max_length} characters",
                lambda c: c.str.len_chars() <= max_length)]
    if pattern:
        own.append(rule("format", f"must be {pattern_text}", lambda c: c.str.contains(pattern)))
    return column(pl.String, "identifier", required, [*own, *checks], description,
                   pseudonymise=pseudonymise, alphabet=IDENTIFIER_ALPHABET,
                   refusals=IDENTIFIER_REFUSALS)


def text(*, required: bool = False, description: str = "", max_length: int = MAX_TEXT,
         checks: Sequence[pa.Check] = ()) -> pa.Column:
    """Free text (trimmed), at most `max_length` characters."""
    check = rule("too_long", f"must be at most {max_length} characters",
                 lambda c: c.str.len_chars() <= max_length)
    return column(pl.String, "text", required, [check, *checks], description)


def code(values: Sequence[str], *, required: bool = False, description: str = "",
         checks: Sequence[pa.Check] = (), default: str | None = None) -> pa.Column:
    """One code from a list (an open code when `values` is empty), matched in any case with
    surrounding white space trimmed; an empty cell is `default` when one is given (a key column
    that may be left empty needs one: a key is never null)."""
    listed = ", ".join(values)
    own = [pa.Check.isin(list(values), name="code_list", error=f"must be one of {listed}")] if values else []
    return column(pl.String, "code", required, [*own, *checks], description, values=list(values),
                   default=default)


def code_list(values: Sequence[str], *, required: bool = False, description: str = "") -> pa.Column:
    """One or more codes joined by `;`, each from the list; stored as a list."""
    listed = ", ".join(values)
    check = rule("code_list", f"every code must be one of {listed}",
                 lambda c: c.list.eval(pl.element().is_in(list(values))).list.all()
                 & (c.list.len() > 0))
    return column(pl.List(pl.String), "code_list", required, [check], description,
                   values=list(values))


def date(*, required: bool = False, not_after_month_end: bool = False, description: str = "",
         checks: Sequence[pa.Check] = ()) -> pa.Column:
    """A date written `YYYY-MM-DD` or `DD/MM/YYYY` (never month-first)."""
    own = []
    if not_after_month_end:
        own.append(rule("after_month_end", "must not be after the end of the file's reporting month",
                        lambda c: c <= pl.col(MONTH_END)))
    return column(pl.Date, "date", required, [*own, *checks], description)


def number(*, required: bool = False, description: str = "") -> pa.Column:
    """A number as published (`43.7`, `-2`, `0.125`): any precision, stored as a double."""
    return column(pl.Float64, "number", required, [], description)


def flag(*, required: bool = False, description: str = "") -> pa.Column:
    """Y/N, Yes/No, TRUE/FALSE or 1/0, in any case."""
    return column(pl.Boolean, "flag", required, [], description)


def integer(*, required: bool = False, min: int | None = None, max: int | None = None,
            description: str = "", checks: Sequence[pa.Check] = ()) -> pa.Column:
    """A whole number, optionally within bounds."""
    checks = list(checks)
    if min is not None and max is not None:
        checks.append(pa.Check.in_range(min, max, name="range", error=f"must be between {min} and {max}"))
    elif min is not None:
        word = "greater than 0" if min == 1 else f"at least {min}"
        checks.append(pa.Check.ge(min, name="range", error=f"must be {word}"))
    return column(pl.Int64, "integer", required, checks, description)


def decimal(*, required: bool = False, min: float | None = None, description: str = "") -> pa.Column:
    """A decimal number such as `35` or `35.50` (no currency sign)."""
    checks = [pa.Check.ge(min, name="range", error=f"must be at least {min:g}")] if min is not None else []
    return column(pl.Float64, "decimal", required, checks, description)


def record_status() -> pa.Column:
    """Optional on every extract: `active` (the default when absent or empty) or `deleted`."""
    check = pa.Check.isin(["active", "deleted"], name="code_list", error="must be active or deleted")
    return column(pl.String, "code", False, [check],
                   "active (default) or deleted: a deleted key leaves every indicator",
                   values=["active", "deleted"], case="lower", default="active")


def internal(dtype) -> pa.Column:
    """A column the reader adds (from the file name or the warehouse), never read from a file
    and never stored with the row."""
    return pa.Column(dtype, nullable=True, metadata={"kind": "internal"})
