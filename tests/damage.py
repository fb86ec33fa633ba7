"""Ways a warehouse file is damaged, each done to a real file: for the tests of what every
command does with it (`tests/test_damaged_warehouse.py`)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import open_db


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def leave_a_log(path: Path) -> Path:
    """A write-ahead log of a committed change never checkpointed, as a killed load leaves."""
    script = ("import os, sys\nfrom wst_analytics.warehouse.encrypted import open_file\n"
              "con = open_file(sys.argv[1], os.environ['WST_WAREHOUSE_KEY'], 'WST_WAREHOUSE_KEY')\n"
              "con.execute(\"SET checkpoint_threshold = '1TB'\")\n"
              "con.execute(\"INSERT OR REPLACE INTO audit.warehouse_info VALUES ('logged', 'yes')\")\n"
              "for n in range(3):\n"
              "    con.execute(f\"INSERT INTO audit.warehouse_info SELECT 'n{n}-' || range, 'v' FROM range(300)\")\n"
              "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert _wal(path).stat().st_size > 0
    return _wal(path)


def _checksum(block: bytes) -> int:
    """DuckDB's checksum of a header block (src/common/checksum.cpp)."""
    result = 5381
    for (word,) in struct.iter_unpack("<Q", block):
        result ^= (word * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    return result


def truncated_early(path: Path) -> None:
    os.truncate(path, 64 * 1024)


def truncated_late(path: Path) -> None:
    os.truncate(path, path.stat().st_size - 4096)


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def a_csv(path: Path) -> None:
    path.write_text("indicator_id,period,value\r\ncp_started,2019-20,12\r\n")


def empty(path: Path) -> None:
    path.write_bytes(b"")


def newer_duckdb(path: Path) -> None:
    """The storage version of a DuckDB newer than this one, its header's checksum made good."""
    data = bytearray(path.read_bytes())
    data[12:20] = struct.pack("<Q", 1000)
    data[:8] = struct.pack("<Q", _checksum(bytes(data[8:4096])))
    path.write_bytes(bytes(data))


def another_warehouses_log(path: Path) -> None:
    other = path.with_name("other.duckdb")
    con = open_db(other, read_only=False)
    con.execute("CREATE SCHEMA audit; CREATE TABLE audit.warehouse_info (name VARCHAR PRIMARY KEY, value VARCHAR)")
    con.close()
    _wal(path).write_bytes(leave_a_log(other).read_bytes())


def corrupt_log(path: Path) -> None:
    """A byte changed in the middle of the log. (A damaged tail, or a damaged entry length,
    DuckDB takes for a write cut short by a kill, and rightly skips.)"""
    data = bytearray(leave_a_log(path).read_bytes())
    data[len(data) // 2] ^= 0xFF
    _wal(path).write_bytes(bytes(data))


def random_log(path: Path) -> None:
    _wal(path).write_bytes(os.urandom(4096))


def not_a_warehouse(path: Path) -> None:
    path.unlink()
    con = open_db(path, read_only=False)
    con.execute("CREATE TABLE budgets AS SELECT 1 AS amount")
    con.close()


FORMS = {f.__name__: f for f in (truncated_early, truncated_late, random_bytes, a_csv, empty,
                                  newer_duckdb, another_warehouses_log, corrupt_log, random_log,
                                  not_a_warehouse)}
