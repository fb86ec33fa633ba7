"""docs/ARCHITECTURE.md stays true: every module of the package and the pipeline is named in its
table of where each part lives."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_every_module_is_named_in_the_architecture():
    page = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    table = page.split("## Where each part lives", 1)[1].split("## Decisions", 1)[0]
    missing = [str(path.relative_to(ROOT)) for folder in ("wst_analytics", "pipelines")
               for path in sorted((ROOT / folder).rglob("*.py"))
               if path.stem != "__init__" and not re.search(rf"[`/ ]{path.stem}(\.py)?[`,) ]", table)
               and not path.is_relative_to(ROOT / "wst_analytics" / "sample")]
    assert missing == []
