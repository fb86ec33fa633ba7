"""The analysts' notebooks: stored without outputs, reading the copy through the query library,
running top to bottom, headless, on a copy of the sample warehouse (each once, for the module),
and exported to HTML with their plotly charts in it (plotly.js embedded once: no web needed)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from playwright.sync_api import sync_playwright

from tests.conftest import chromium_path
from wst_analytics.copies import publish_copies_from

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"
RENDERER = 'pio.renderers.default = "plotly_mimetype+notebook"'


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
    assert RENDERER in source  # charts in JupyterLab (the mimetype) and in the HTML export
    parameters = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(parameters) == 1 and parameters[0].source.startswith("AREA = None")
    assert any(cell.cell_type == "markdown" for cell in book.cells[:2])


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_no_notebook_writes_its_own_labels(path):
    """Codes read as the catalogue labels them: no hand-written code-to-label dict in a notebook."""
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert not re.search(r"\{\s*\"[A-Z0-9_]+\"\s*:\s*\"[A-Z][a-z]", source)


@pytest.fixture(scope="module")
def kernel_env(sample_warehouse, tmp_path_factory):
    """The kernels' environment: the sample warehouse's copies, scratch Jupyter folders."""
    folder = tmp_path_factory.mktemp("notebook_copies")
    publish_copies_from(sample_warehouse[0].warehouse, folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WST_COPIES_DIR", str(folder))  # the kernel inherits the environment
        patch.setenv("IPYTHONDIR", str(folder / "ipython"))
        patch.setenv("JUPYTER_RUNTIME_DIR", str(folder / "runtime"))
        yield folder


def run(path: Path, area: str | None = None):
    """Execute a notebook headless (with `AREA` set, as papermill would, when `area` is given)."""
    book = nbformat.read(path, as_version=4)
    if area is not None:
        cell = next(c for c in book.cells if "parameters" in c.metadata.get("tags", []))
        cell.source = f"AREA = {area!r}"
    NotebookClient(book, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()  # raises on any error
    return book


def outputs_of(book) -> list:
    return [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]


@pytest.fixture(scope="module")
def executed(kernel_env) -> dict[str, object]:
    """Every notebook run once on the sample copy, by name."""
    return {path.stem: run(path) for path in ALL}


@pytest.mark.parametrize("name", [p.stem for p in ALL])
def test_notebook_runs_top_to_bottom_on_the_sample_copy(executed, name):
    outputs = outputs_of(executed[name])
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(PLOTLY in o.get("data", {}) for o in outputs)


def test_charts_show_codes_by_their_catalogue_labels(executed):
    from wst_analytics.indicators.catalogue import load_catalogue

    labels = load_catalogue().labels
    codes = {code for table in labels.values() for code, label in table.items() if code != label}
    shown = {value for book in executed.values() for o in outputs_of(book) if PLOTLY in o.get("data", {})
             for trace in o["data"][PLOTLY]["data"] for axis in ("x", "y")
             for value in trace.get(axis) or [] if isinstance(value, str)}
    assert shown & codes == set()
    assert {labels["latest_category"]["NEG"], labels["location_of_risk"]["OWN_HOME"]} <= shown


@pytest.fixture(scope="module")
def pages(executed, tmp_path_factory) -> dict[str, Path]:
    """Each run notebook exported as `jupyter nbconvert --to html` exports it."""
    folder = tmp_path_factory.mktemp("notebook_html")
    written = {}
    for name, book in executed.items():
        body, _ = HTMLExporter().from_notebook_node(book)
        written[name] = folder / f"{name}.html"
        written[name].write_text(body, encoding="utf-8")
    return written


@pytest.mark.parametrize("name", [p.stem for p in ALL])
def test_the_html_holds_every_chart_with_its_data_and_plotly_js_once(executed, pages, name):
    page = pages[name].read_text(encoding="utf-8")
    charts = sum(PLOTLY in o.get("data", {}) for o in outputs_of(executed[name]))
    divs = re.findall(r'<div class="plotly-graph-div" id="([0-9a-f-]+)"', page)
    assert len(divs) == charts >= 1
    for div in divs:  # each div drawn with its traces' data
        assert re.search(rf'Plotly\.newPlot\(\s*"{div}",\s*\[\{{"', page), div
    assert page.count("* plotly.js v") == 1  # embedded once, in the first chart's cell
    assert "cdn.plot.ly/plotly" not in page and 'class="output_error"' not in page
    assert "Traceback" not in page


def test_a_notebooks_html_draws_its_charts_offline_in_headless_chromium(pages):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.route(re.compile(r"^https?://"), lambda route: route.abort())  # no web: CDN scripts fail
        page.goto(pages["02_children_cp_plans"].as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        charts = page.locator(".js-plotly-plot")
        assert charts.count() == 6
        for n in range(charts.count()):
            assert charts.nth(n).locator(".point, .bars path").count() >= 1
        browser.close()


def test_a_notebook_runs_for_a_local_authority(kernel_env):
    """Every notebook resolves `AREA` the same way (its parameter cell, then q.choose_area): one
    run with an LA's code shows the parameter reaches the query library (the sample has one LA)."""
    outputs = outputs_of(run(NOTEBOOKS / "01_getting_started.ipynb", "E08000031"))
    texts = [o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs]
    assert any("Wolverhampton (local authority E08000031)" in t for t in texts)
