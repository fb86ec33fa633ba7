"""The package installs: the wheel `uv build` makes holds the SQL, the default configuration and
every module, and an installed `wst` runs the demo end to end in a folder outside the checkout."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]


def uv() -> str:
    found = shutil.which("uv")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("uv is not installed: .ci/run installs it")
        pytest.skip("uv is not installed")
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv(), "build", "--wheel", "--out-dir", str(out), str(REPO)], check=True,
                   capture_output=True)
    return next(out.glob("wst_analytics-*.whl"))


def test_the_wheel_holds_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = {p.relative_to(REPO).as_posix() for p in (REPO / "wst_analytics").rglob("*")
               if p.is_file() and p.suffix in (".sql", ".toml", ".yaml")}
    assert package and package <= names
    assert not any(name.startswith(("schemas/", "tests/", "raw/")) for name in names)


def test_an_installed_wst_runs_the_demo_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([uv(), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    subprocess.run([uv(), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), str(wheel)],
                   check=True, capture_output=True)
    project = tmp_path / "project"
    project.mkdir()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("WST_", "DAGSTER_", "VIRTUAL_ENV"))}
    done = subprocess.run([str(venv / "bin" / "wst"), "demo"], cwd=project, env=environment,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (project / "warehouse" / "wst.duckdb").is_file()
    assert (project / "warehouse" / "published" / "report.duckdb").is_file()
    assert list((project / "reports" / "exceptions").glob("exceptions-*.html"))
