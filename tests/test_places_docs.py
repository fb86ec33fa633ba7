"""docs/places.md's worked example: a DfE table turned into a benchmarks file that loads."""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_reference_extracts import load

PAGE = Path(__file__).parents[1] / "docs" / "places.md"


def block(language: str) -> str:
    """The worked example's block in `language`."""
    found = re.findall(rf"```{language}\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)
    assert len(found) == 1, f"one {language} block in docs/places.md"
    return found[0]


def test_the_worked_example_makes_a_benchmarks_file_that_loads(workspace, monkeypatch):
    (workspace.root / "cin_2020_cpp.csv").write_text(block("csv"))
    (workspace.raw / "benchmarks").mkdir()
    monkeypatch.chdir(workspace.root)
    exec(compile(block("python"), str(PAGE), "exec"), {})
    load(workspace)
    assert workspace.query("SELECT area_code, period, breakdown, value, symbol, source FROM core.benchmarks "
                           "ORDER BY area_code") == [
        ("E08000030", "2019-20", "", None, "c", "DfE Characteristics of children in need 2020"),
        ("E08000031", "2019-20", "", 45.0, None, "DfE Characteristics of children in need 2020"),
        ("E12000005", "2019-20", "", 50.1, None, "DfE Characteristics of children in need 2020"),
        ("E92000001", "2019-20", "", 43.7, None, "DfE Characteristics of children in need 2020")]
    assert workspace.scalar("SELECT count(*) FROM quarantine.rows") == 0
