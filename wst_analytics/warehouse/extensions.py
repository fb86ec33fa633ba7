"""DuckDB's extensions, from the installed wheels: never a download at run time.

The DuckDB extensions the pipeline needs come from the package index as wheels locked in
`uv.lock` (`duckdb-extension-httpfs==1.5.5`, ...), each holding one
`<name>.duckdb_extension` file for one DuckDB version. `load(con, name)` finds that file
through `importlib.metadata` and loads it by its path. Every connection the package opens
turns DuckDB's own installing and autoloading off (`SAFE_CONFIG`), so nothing is fetched from
DuckDB's extension repository however a query is written.

| extension | package                     | what for                                          |
|-----------|-----------------------------|---------------------------------------------------|
| `httpfs`  | `duckdb-extension-httpfs`   | writing encrypted files (its crypto module)       |
| `ducklake`, `postgres` | `duckdb-extension-<name>` | a DuckLake warehouse (add the package first) |

A missing or mismatched wheel is one line naming the package to install.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata
from pathlib import Path

import duckdb

#: Every connection the package opens: no extension is installed or loaded behind its back.
SAFE_CONFIG = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


class MissingExtension(RuntimeError):
    """An extension the pipeline needs is not installed from its wheel."""


def package_of(name: str) -> str:
    """The package on the index that ships DuckDB's extension `name`."""
    return f"duckdb-extension-{name}"


@lru_cache(maxsize=None)
def extension_file(name: str) -> Path:
    """The `.duckdb_extension` file of `name` for this DuckDB, from its installed wheel."""
    package, version = package_of(name), duckdb.__version__
    install = f"install {package}=={version} (it is in uv.lock: `uv sync`)"
    try:
        files = metadata.distribution(package).files or []
    except metadata.PackageNotFoundError:
        raise MissingExtension(f"DuckDB's {name} extension is not installed: {install}") from None
    found = [f for f in files if f.name == f"{name}.duckdb_extension"]
    matching = [f for f in found if f"v{version}" in f.parts]
    if not matching:
        have = metadata.version(package)
        raise MissingExtension(f"{package} {have} is not for DuckDB {version}: {install}")
    path = Path(str(matching[0].locate())).resolve()
    if not path.is_file():
        raise MissingExtension(f"{package} is installed without its {path.name}: {install}")
    return path


def load(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load extension `name` into `con` from its wheel's file (MissingExtension if absent)."""
    path = str(extension_file(name)).replace("'", "''")
    con.execute(f"LOAD '{path}'")


def memory_connection(config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with `SAFE_CONFIG` (and `config`)."""
    return duckdb.connect(":memory:", config={**SAFE_CONFIG, **(config or {})})
