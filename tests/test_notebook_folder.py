"""A notebook's kernel runs in `notebooks/` (JupyterLab and nbconvert start it in the notebook's
own folder): the settings still find the project folder above it, so the notebooks open the
copies the documented `uv run wst demo` published, with no variable set."""

from __future__ import annotations

import pytest

from wst_analytics import settings
from wst_analytics.copies import copies_dir

VARIABLES = ("WST_HOME", "WST_WAREHOUSE", "WST_COPIES_DIR", "WST_RAW_DIR", "WST_REPORTS_DIR", "WST_PARTNERS")


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "wst-analytics"\n')
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def test_a_kernel_in_the_notebooks_folder_finds_the_projects_copies(project, monkeypatch):
    monkeypatch.chdir(project / "notebooks")
    assert settings.project_dir() == project.resolve()
    assert copies_dir() == project.resolve() / "warehouse" / "published"
    assert settings.config_file("partners.toml").parent in (project / "config", settings.DEFAULTS_DIR)


def test_any_other_folder_is_its_own_project_folder(project, monkeypatch):
    (project / "elsewhere").mkdir()
    monkeypatch.chdir(project / "elsewhere")
    assert settings.project_dir() == (project / "elsewhere").resolve()


def test_a_notebooks_folder_outside_a_project_is_its_own(tmp_path, monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert settings.project_dir() == (tmp_path / "notebooks").resolve()


def test_wst_home_wins(project, monkeypatch, tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("WST_HOME", str(home))
    monkeypatch.chdir(project / "notebooks")
    assert settings.project_dir() == home.resolve()
