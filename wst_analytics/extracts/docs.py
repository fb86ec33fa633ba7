"""The contract tables of the docs, made from the specs: `docs/extract-contract.md` holds one
table per extract between `<!-- contract: NAME -->` and `<!-- /contract -->`, and a test proves
each equals what its spec renders; likewise `docs/rules.md` holds the rule catalogue's entries
of each extract between `<!-- rules: NAME -->` and `<!-- /rules -->` (`every`: the rules of
every extract). After changing a spec or `rules.toml`, write the tables anew with

    uv run python -m wst_analytics.extracts.docs docs/extract-contract.md docs/rules.md

Rules every column of a kind has (an identifier's alphabet, text's length) are marked `generic`
where they are built and stated once in the page's prose, not on every row.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandera.polars as pa

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.rules import load_rules
from wst_analytics.extracts.spec import codes

KINDS = {"identifier": "identifier", "text": "text", "code": "code", "code_list": "codes joined by `;`",
         "date": "date", "flag": "flag", "integer": "whole number", "decimal": "amount", "number": "number"}
BLOCK = re.compile(r"(?P<open><!-- contract: (?P<name>[a-z0-9_]+) -->\n)(?P<table>(?:(?!<!-- ).)*?)"
                   r"(?P<close><!-- /contract -->)", re.S)
RULES = re.compile(r"(?P<open><!-- rules: (?P<name>[a-z0-9_]+) -->\n)(?P<table>(?:(?!<!-- ).)*?)"
                   r"(?P<close><!-- /rules -->)", re.S)


def _type(column: pa.Column) -> str:
    meta = column.metadata
    text = KINDS[meta["kind"]]
    if meta.get("pseudonymise"):
        text += ", pseudonymised"
    return text


def _rules(schema: pa.DataFrameSchema, name: str) -> str:
    column = schema.columns[name]
    parts = [column.description] if column.description else []
    listed = codes(schema, name)
    if listed:
        parts.append("one of " + ", ".join(f"`{code}`" for code in listed) + " (`code_list`)")
    for check in column.checks:
        if getattr(check, "generic", False) or (check.name == "code_list" and listed):
            continue
        parts.append(f"{check.error} (`{check.name}`)")
    return "; ".join(parts).replace("|", "\\|")


def contract_table(schema: pa.DataFrameSchema) -> str:
    """The markdown table of one extract's columns: type, whether required, and its rules."""
    lines = ["| column | type | required | rules |", "|---|---|---|---|"]
    for name, column in schema.columns.items():
        if column.metadata.get("kind") == "internal":
            continue
        required = "yes" if column.metadata["required"] else "no"
        lines.append(f"| {name} | {_type(column)} | {required} | {_rules(schema, name)} |")
    return "\n".join(lines)


def rules_table(extract: str) -> str:
    """The markdown table of one extract's rules in the catalogue (`every`: every extract's)."""
    lines = ["| column | project id | DfE code | kind | outcome | wording |", "|---|---|---|---|---|---|"]
    for r in load_rules():
        if r.extract == ("" if extract == "every" else extract):
            wording = r.wording.replace("|", "\\|")
            lines.append(f"| {r.column or 'any'} | `{r.rule}` | {r.dfe or '-'} | {r.kind} | {r.outcome} | {wording} |")
    return "\n".join(lines)


def render(page: str) -> str:
    """The page with every contract table made anew from its spec, every rule table from the
    catalogue."""
    page = BLOCK.sub(lambda m: m["open"] + contract_table(SCHEMAS[m["name"]]) + "\n" + m["close"], page)
    return RULES.sub(lambda m: m["open"] + rules_table(m["name"]) + "\n" + m["close"], page)


def tables_in(page: str, blocks: re.Pattern = BLOCK) -> dict[str, str]:
    """The name -> table text of every contract block (or, with `RULES`, rule block) in the page."""
    return {m["name"]: m["table"].rstrip("\n") for m in blocks.finditer(page)}


if __name__ == "__main__":
    for target in map(Path, sys.argv[1:]):
        target.write_text(render(target.read_text(encoding="utf-8")), encoding="utf-8")
