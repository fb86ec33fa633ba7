"""Where things live and how the pipeline is configured, read from the environment.

Every setting has a default relative to the project folder (`WST_HOME`, else the folder `wst`
runs in), so a fresh clone works with no configuration; a deployment overrides them with
environment variables. The SQL, the indicator catalogue and the other defaults are package
data (`wst_analytics/sql/`, `wst_analytics/defaults/`), read with `importlib.resources`, so an
installed `wst` has them; a file of the same name in the project's `config/` replaces a default
(`partners.toml`, `indicators.toml`, `exceptions.toml`, `retention.toml`; `dagster.yaml` at the top).

| variable              | default                   | what it is                                   |
|-----------------------|---------------------------|----------------------------------------------|
| `WST_HOME`            | the current folder        | the project folder the defaults below are in |
| `WST_RAW_DIR`         | `raw/`                    | the drop folder partners' files land in      |
| `WST_WAREHOUSE`       | `warehouse/wst.duckdb`    | the one DuckDB warehouse file                 |
| `WST_PSEUDONYM_KEY`   | (none: loads refuse)      | secret key for pseudonymising identifiers    |
| `WST_WAREHOUSE_KEY`   | (none: loads refuse)      | secret key encrypting the warehouse, backups |
| `WST_COPY_KEY`        | (none: loads refuse)      | secret key encrypting the read-only copies   |
| `WST_PARTNERS`        | `config/partners.toml`    | the partner registry (else the demo's)       |
| `WST_REPORTS_DIR`     | `reports/`                | where report files are written                |
| `WST_COPIES_DIR`      | `published/` beside the warehouse | the read-only copies readers open     |
| `DAGSTER_HOME`        | `.dagster/`               | Dagster run history (set by the `wst` command)|
| `WST_DAGSTER_POSTGRES_URL` | (none: SQLite)      | Dagster's run history in PostgreSQL instead   |
| `WST_EXTRACTS`        | (none)                    | folders of this deployment's own extract specs |
| `WST_DUCKDB_MEMORY`   | `2GB`                     | DuckDB's memory limit (beyond it, spill to disk) |
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

from wst_analytics import run_history
from wst_analytics.keys import (  # noqa: F401 (re-exported: settings.MissingKeyError, ...)
    DEMO_KEYS, MIN_KEY_DISTINCT, MIN_KEY_LENGTH, MissingKeyError, secret)

#: The package's own data: SQL files and the default configuration.
PACKAGE = resources.files("wst_analytics")
SQL_DIR = Path(str(PACKAGE / "sql"))
DEFAULTS_DIR = Path(str(PACKAGE / "defaults"))
MARKS = ("pyproject.toml", "config", "warehouse")  # a project folder's: one is beside its notebooks/

#: The throwaway key `wst demo` uses when no key is set (`wst_analytics.keys` holds all three).
DEMO_PSEUDONYM_KEY = DEMO_KEYS["WST_PSEUDONYM_KEY"]


def project_dir() -> Path:
    """The project folder (`WST_HOME`, else the current folder, or the one above a project's
    `notebooks/`, where a notebook's kernel runs): where `raw/`, `warehouse/`, ... are."""
    value, here = os.environ.get("WST_HOME"), Path.cwd().resolve()
    if value:
        return Path(value).expanduser().resolve()
    in_notebooks = here.name == "notebooks" and any((here.parent / m).exists() for m in MARKS)
    return here.parent if in_notebooks else here


def _path_setting(variable: str, default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser().resolve() if value else project_dir() / default


def config_file(name: str) -> Path:
    """`config/<name>` in the project folder if it exists, else the package's default."""
    own = project_dir() / "config" / name
    return own if own.is_file() else DEFAULTS_DIR / name


def raw_dir() -> Path:
    """The drop folder (`WST_RAW_DIR`)."""
    return _path_setting("WST_RAW_DIR", "raw")


def warehouse_path() -> Path:
    """The warehouse file (`WST_WAREHOUSE`)."""
    return _path_setting("WST_WAREHOUSE", "warehouse/wst.duckdb")


def reports_dir() -> Path:
    """Where reports are written (`WST_REPORTS_DIR`, default `reports/`)."""
    return _path_setting("WST_REPORTS_DIR", "reports")


def partners_file() -> Path:
    """The partner registry (`WST_PARTNERS`, else `config/partners.toml`, else the package's
    demo registry)."""
    value = os.environ.get("WST_PARTNERS")
    return Path(value).expanduser().resolve() if value else config_file("partners.toml")


DUCKDB_MEMORY = re.compile(r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)


def duckdb_memory_limit() -> str:
    """DuckDB's memory limit for the pipeline's connection (`WST_DUCKDB_MEMORY`, default 2GB):
    a first national load holds years of rows in one transaction per extract, and with the
    limit DuckDB spills them to a temporary file instead of growing without bound."""
    value = os.environ.get("WST_DUCKDB_MEMORY", "2GB").strip()
    if not DUCKDB_MEMORY.match(value):
        raise ValueError(f"WST_DUCKDB_MEMORY must be a size such as 2GB or 512MB, not {value!r}")
    return value


def pseudonym_key(variable: str = "WST_PSEUDONYM_KEY") -> bytes:
    """The pseudonymisation key from the environment, refusing a missing or weak one
    (`keys.secret`). Returned as bytes and never logged, stored or echoed in an error message."""
    return secret(variable).encode("utf-8")


def dagster_yaml() -> Path:
    """The Dagster instance settings: the project's `dagster.yaml`, else the package's."""
    own = project_dir() / "dagster.yaml"
    return own if own.is_file() else DEFAULTS_DIR / "dagster.yaml"


def ensure_dagster_home() -> Path:
    """Point `DAGSTER_HOME` at the project's `.dagster/` unless it is set, with its instance
    settings written there (`wst_analytics.run_history.ensure_home`)."""
    return run_history.ensure_home(project_dir() / ".dagster", dagster_yaml(), DEFAULTS_DIR)
