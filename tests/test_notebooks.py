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
    parameters = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(parameters) == 1 and parameters[0].source.startswith("AREA = None")
    assert any(cell.cell_type == "markdown" for cell in book.cells[:2])


@pytest.fixture(scope="module")
def copies(sample_warehouse, tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebook_copies")
    publish_copies_from(sample_warehouse[0].warehouse, folder)
    return folder


def run(path: Path, area: str | None = None):
    """Execute a notebook headless (with `AREA` set, as papermill would, when `area` is given)."""
    book = nbformat.read(path, as_version=4)
    if area is not None:
        cell = next(c for c in book.cells if "parameters" in c.metadata.get("tags", []))
        cell.source = f"AREA = {area!r}"
    NotebookClient(book, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()  # raises on any error
    outputs = [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in outputs)
    return outputs


@pytest.fixture
def kernel_env(copies, tmp_path, monkeypatch):
    monkeypatch.setenv("WST_COPIES_DIR", str(copies))  # the kernel inherits the environment
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom_on_the_sample_copy(path, kernel_env):
    run(path)


def test_a_notebook_runs_for_a_local_authority(kernel_env):
    """Every notebook resolves `AREA` the same way (its parameter cell, then q.choose_area): one
    run with an LA's code shows the parameter reaches the query library (the sample has one LA)."""
    outputs = run(NOTEBOOKS / "01_getting_started.ipynb", "E08000031")
    texts = [o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs]
    assert any("Wolverhampton (local authority E08000031)" in t for t in texts)
