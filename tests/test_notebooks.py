"""The analysts' notebooks: stored without outputs, reading the copy through the query library,
and running top to bottom, headless, on a copy of the sample warehouse."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from wst_analytics.copies import publish_copies_from

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_there_is_a_notebook_for_each_subject():
    assert [p.name for p in ALL] == ["01_getting_started.ipynb", "02_children_cp_plans.ipynb",
                                     "03_adult_safeguarding.ipynb", "04_training.ipynb",
                                     "05_benchmarks.ipynb"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs_and_open_the_copy(path):
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    code = [cell for cell in book.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    source = "\n".join(cell.source for cell in code)
    assert "q.open_latest()" in source and "duckdb.connect" not in source
    assert any(cell.cell_type == "markdown" for cell in book.cells[:2])


@pytest.fixture(scope="module")
def copies(sample_warehouse, tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebook_copies")
    publish_copies_from(sample_warehouse[0].warehouse, folder)
    return folder


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom_on_the_sample_copy(path, copies, tmp_path, monkeypatch):
    monkeypatch.setenv("WST_COPIES_DIR", str(copies))  # the kernel inherits the environment
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    book = nbformat.read(path, as_version=4)
    NotebookClient(book, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()  # raises on any error
    outputs = [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in outputs)
