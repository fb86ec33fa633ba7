"""Finding new files without reading every file again: hashes are remembered by file status,
and any change to a file's content is still found."""

import os

import pytest

from tests.conftest import TEST_KEY, VALID
from wst_analytics.ingest import offered
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.hash_memo import HashMemo
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.load import load_candidates

KEYS = Pseudonymiser(TEST_KEY.encode())


def candidates(workspace):
    con = connect(workspace.warehouse)
    try:
        found = new_candidates(con, workspace.raw, load_registry(), "police_incidents", pseudonymiser=KEYS)
        return [c.relative for c in found]
    finally:
        con.close()


def test_a_file_seen_before_is_not_read_again(workspace, monkeypatch):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    assert candidates(workspace) == ["police_incidents/wmp_2019-04.csv"]
    read = []
    monkeypatch.setattr(offered, "sha256_of", lambda path: read.append(path) or "x")
    candidates(workspace)
    assert read == []


def test_content_changed_with_the_same_size_and_time_is_still_new(workspace):
    path = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    con = connect(workspace.warehouse)
    try:
        found = new_candidates(con, workspace.raw, load_registry(), "police_incidents", pseudonymiser=KEYS)
        load_candidates(con, "police_incidents", found, KEYS, "test")
    finally:
        con.close()
    assert candidates(workspace) == []
    before = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"2019-04-05", b"2019-04-06"))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert candidates(workspace) == ["police_incidents/wmp_2019-04.csv"]


def test_the_memo_knows_files_by_inode_never_by_name(workspace):
    workspace.drop("police_incidents/wmp_2019-04_zebedee.csv", [VALID["police_incidents"]])
    assert candidates(workspace) == ["police_incidents/wmp_2019-04_zebedee.csv"]
    rows = workspace.query("SELECT * FROM audit.file_hashes")
    assert len(rows) == 1 and "zebedee" not in str(rows)


def test_what_discovery_learns_is_written_with_the_load_and_undone_with_it(workspace):
    """A load's discovery writes nothing of its own: the hashes it worked out go in with the
    load's transaction, so a load that fails leaves the memo as it was."""
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    con = connect(workspace.warehouse)
    try:
        memo = HashMemo(con)
        found = new_candidates(con, workspace.raw, load_registry(), "police_incidents", pseudonymiser=KEYS, memo=memo)
        assert con.execute("SELECT count(*) FROM audit.file_hashes").fetchall() == [(0,)]

        def fail(_):
            raise RuntimeError("killed mid-load")
        with pytest.raises(RuntimeError):
            load_candidates(con, "police_incidents", found, KEYS, "test", fail_after=fail,
                            before_commit=lambda ids: memo.remember())
        assert con.execute("SELECT count(*) FROM audit.file_hashes").fetchall() == [(0,)]
        load_candidates(con, "police_incidents", found, KEYS, "test", before_commit=lambda ids: memo.remember())
        assert con.execute("SELECT count(*) FROM audit.file_hashes").fetchall() == [(1,)]
    finally:
        con.close()
