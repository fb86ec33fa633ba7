"""A real, throwaway PostgreSQL server for the tests: Debian's `postgresql` binaries, a new
cluster in a temporary folder, listening only on a Unix socket there (no TCP port, no system
service), stopped and removed when the tests end. `.ci/run` installs the package.

PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user the
Debian package creates. Under `CI=true` a missing PostgreSQL fails the tests that need it;
elsewhere they skip, saying what to install.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

USER = "wst"


def bin_dir() -> Path | None:
    """The folder of `initdb`, `pg_ctl` and `postgres` (Debian keeps them off the PATH)."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(os.path.realpath(on_path)).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a new cluster and yield the libpq URL of its `postgres` database."""
    binaries = bin_dir()
    if binaries is None:
        message = "PostgreSQL is needed (Debian: apt-get install postgresql)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="wst-postgres-"))
    data, socket = root / "data", root / "socket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket, "postgres")
    run = lambda *args: subprocess.run(_as_owner([str(binaries / args[0]), *args[1:]]),  # noqa: E731
                                       check=True, capture_output=True, text=True, timeout=120)
    try:
        run("initdb", "-D", str(data), "-U", USER, "-A", "trust", "--no-sync", "-E", "UTF8")
        run("pg_ctl", "-D", str(data), "-w", "-l", str(root / "server.log"), "-o",
            f"-k {socket} -c listen_addresses='' -c fsync=off", "start")
        try:
            yield f"postgresql://{USER}@/postgres?host={socket}"
        finally:
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def new_database(server_url: str, name: str) -> str:
    """Create an empty database on the server; its URL."""
    import psycopg2

    con = psycopg2.connect(server_url)
    con.autocommit = True
    try:
        con.cursor().execute(f'CREATE DATABASE "{name}"')  # a test's own constant name
    finally:
        con.close()
    return server_url.replace("/postgres?", f"/{name}?")


def rows(url: str, query: str, *params) -> list[tuple]:
    import psycopg2

    con = psycopg2.connect(url)
    try:
        cursor = con.cursor()
        cursor.execute(query, params)
        return cursor.fetchall()
    finally:
        con.close()
