"""`wst encrypt`: a warehouse made before encryption at rest (or a DuckDB 2 warehouse's export)
becomes an encrypted one with every row, the plain file kept aside for its owner to delete."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import open_db
from tests.test_cli import wst

PLANTED = "Zebedee-Planted-Before-Encryption"


def plain_warehouse(path) -> None:
    """A small unencrypted warehouse: a table in each schema, one holding the planted value."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    for schema in ("audit", "core", "marts", "published"):
        con.execute(f"CREATE SCHEMA {schema}")
        con.execute(f"CREATE TABLE {schema}.t AS SELECT ? AS v FROM range(3)", [PLANTED])
    con.close()


def test_wst_encrypt_encrypts_a_plain_warehouse_and_keeps_the_plain_file_aside(workspace):
    plain_warehouse(workspace.warehouse)
    done = wst("encrypt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert PLANTED.encode() not in workspace.warehouse.read_bytes()
    assert workspace.scalar("SELECT count(*) FROM core.t WHERE v = ?", [PLANTED]) == 3
    aside = list(workspace.warehouse.parent.glob("wst.duckdb.unencrypted-*"))
    assert len(aside) == 1 and f"kept as {aside[0]}" in done.stdout
    copy = workspace.root / "copies" / "analyst.duckdb"
    assert PLANTED.encode() not in copy.read_bytes()
    with pytest.raises(duckdb.Error, match="without a key"):
        duckdb.connect(str(workspace.warehouse), read_only=True)


def test_wst_encrypt_builds_the_warehouse_from_an_export(workspace, tmp_path):
    source = tmp_path / "old" / "wst.duckdb"
    plain_warehouse(source)
    con = duckdb.connect(str(source))
    con.execute(f"EXPORT DATABASE '{tmp_path / 'export'}'")
    con.close()
    done = wst("encrypt", "--from-export", str(tmp_path / "export"))
    assert done.returncode == 0, done.stdout + done.stderr
    con = open_db(workspace.warehouse)
    assert con.execute("SELECT count(*) FROM marts.t WHERE v = ?", [PLANTED]).fetchall() == [(3,)]
    con.close()


def test_wst_encrypt_refuses_an_encrypted_warehouse_in_one_line(workspace):
    open_db(workspace.warehouse.parent.mkdir(parents=True) or workspace.warehouse, read_only=False).close()
    done = wst("encrypt")
    assert done.returncode == 2 and done.stdout.count("\n") == 1, done.stdout + done.stderr
