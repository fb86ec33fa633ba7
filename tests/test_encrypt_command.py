"""The keys on the command line: `wst load` refuses without the warehouse key, a plain warehouse
is refused, and `wst encrypt` makes a warehouse made before encryption at rest (or a DuckDB 2
warehouse's export) an encrypted one with every row, the plain file kept aside."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import TEST_COPY_KEY, VALID, open_db
from wst_analytics.keys import MissingKeyError
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

def test_wst_load_refuses_without_the_warehouse_key_in_one_line(workspace, monkeypatch):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    monkeypatch.delenv("WST_WAREHOUSE_KEY")
    done = wst("load")
    assert done.returncode == 2 and done.stdout.strip().count("\n") == 0
    assert "wst load: WST_WAREHOUSE_KEY is not set" in done.stdout and not workspace.warehouse.exists()

def test_wst_refuses_a_warehouse_made_before_encryption(workspace):
    workspace.warehouse.parent.mkdir(parents=True)
    duckdb.connect(str(workspace.warehouse)).close()
    done = wst("backup")
    assert done.returncode == 2 and "is not encrypted" in done.stdout and "wst encrypt" in done.stdout



def test_the_demos_copies_open_with_its_public_key_only_when_none_is_set(monkeypatch):
    from wst_analytics.keys import DEMO_KEYS, copy_key_for

    assert copy_key_for(demo=True) == TEST_COPY_KEY  # a key set is always the one used
    monkeypatch.delenv("WST_COPY_KEY")
    assert copy_key_for(demo=True) == DEMO_KEYS["WST_COPY_KEY"]
    with pytest.raises(MissingKeyError, match="WST_COPY_KEY is not set"):
        copy_key_for(demo=False)
