"""DuckDB's extensions come from the installed wheels, never a download; a missing one is one
line naming the package to install."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest


def test_extensions_come_from_the_wheels_and_nothing_is_fetched():
    script = ("from wst_analytics.warehouse.extensions import extension_file, memory_connection, load\n"
              "con = memory_connection()\nload(con, 'httpfs')\n"
              "print(con.execute(\"SELECT current_setting('autoinstall_known_extensions'), "
              "current_setting('autoload_known_extensions')\").fetchall(), extension_file('httpfs'))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "[(False, False)]" in done.stdout and "site-packages/duckdb_extension_httpfs/" in done.stdout

def test_a_missing_extension_names_the_package_to_install():
    from wst_analytics.warehouse.extensions import MissingExtension, extension_file

    with pytest.raises(MissingExtension, match=f"install duckdb-extension-excel=={duckdb.__version__} "):
        extension_file("excel")
