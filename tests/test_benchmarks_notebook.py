"""notebooks/05_benchmarks.ipynb on a copy with comparators: an LA against its neighbours, in
plotly (tests/test_notebooks.py runs it on the sample copy too)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tests.comparators import W

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "05_benchmarks.ipynb"


def test_the_notebook_shows_an_la_against_its_neighbours(comparator_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("WST_COPIES_DIR", str(comparator_warehouse.warehouse.parent / "published"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    book = nbformat.read(NOTEBOOK, as_version=4)
    parameters = next(cell for cell in book.cells if "AREA = None" in cell.source)
    parameters.source = parameters.source.replace("AREA = None", f'AREA = "{W}"')
    NotebookClient(book, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]
    charts = [o["data"]["application/vnd.plotly.v1+json"] for o in outputs
              if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert [c["layout"]["title"]["text"] for c in charts] == [
        "Rate of children on a child protection plan per 10,000 children: Wolverhampton and its "
        "statistical neighbours, 2019-20"]
    assert charts[0]["data"][0]["x"] == ["Wolverhampton", "E08000027", "E08000025", "E08000026"]
    worst = json.dumps([o.get("data", {}).get("text/plain", "") for o in outputs])
    assert "cp_repeat_started_pct" in worst and "DfE CIN 2018" in worst
