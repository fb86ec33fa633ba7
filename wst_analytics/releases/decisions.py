"""Recorded decisions that retention may purge the records behind a release
(`wst release allow-purge NAME`): who decided and when. The release's frozen tables stay."""

from __future__ import annotations

import getpass
from datetime import datetime, timezone

import duckdb

from wst_analytics.releases.create import ReleaseRefused
from wst_analytics.releases.frozen import find_release
from wst_analytics.warehouse.sql import scalar, transaction


def allow_purge(con: duckdb.DuckDBPyConnection, name: str, who: str | None = None,
                now: datetime | None = None) -> dict:
    """Record that retention may purge the file versions behind release `name`."""
    release = find_release(con, name)
    if scalar(con, "SELECT count(*) FROM releases.retention_decisions WHERE release_name = ?", [name]):
        raise ReleaseRefused(f"the decision to let retention purge what release {name} rests on is already recorded")
    decided = {"release_name": release.name, "decided_by": who or getpass.getuser(),
               "decided_at": (now or datetime.now(timezone.utc)).replace(tzinfo=None, microsecond=0)}
    with transaction(con):
        con.execute("INSERT INTO releases.retention_decisions (release_name, decided_at, decided_by) VALUES (?, ?, ?)",
                    [decided["release_name"], decided["decided_at"], decided["decided_by"]])
    return decided
