"""Shared fixtures: a real drop folder, warehouse file and Dagster home under tmp_path."""

from __future__ import annotations

import csv
import io
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest
from _pytest.nodeid import NodeId

TEST_KEY = "test-key-0123456789abcdef"
TEST_WAREHOUSE_KEY = "test-warehouse-key-0123456789"
TEST_COPY_KEY = "test-copy-key-0123456789abcd"
os.environ.setdefault("WST_SETTLE_SECONDS", "0")  # a test's files are whole once written (test_settling sets its own)
# Every file the pipeline writes is encrypted: the tests' keys, for every process they start
# (a test of a missing or wrong key removes or changes its own).
os.environ.setdefault("WST_WAREHOUSE_KEY", TEST_WAREHOUSE_KEY)
os.environ.setdefault("WST_COPY_KEY", TEST_COPY_KEY)


def _temp_root_in_memory() -> None:
    """Put the tests' files on tmpfs (/dev/shm) where the machine has one with room to spare.

    A load's SQLite run history and DuckDB checkpoints sync to disk thousands of times; on tmpfs a
    sync costs nothing, which halves the wall time of a test that runs `wst`. The files are as
    real (same file system calls); only their durability across a power cut differs, which no test
    relies on. Passed tests' folders are removed at once (`tmp_path_retention_policy`), so memory
    holds only what running and failed tests made. Set PYTEST_DEBUG_TEMPROOT (or
    WST_TEST_TEMP=disk) to choose otherwise.
    """
    if "PYTEST_DEBUG_TEMPROOT" in os.environ or os.environ.get("WST_TEST_TEMP") == "disk":
        return
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 8 * 2**30:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(shm)


_temp_root_in_memory()

# One valid row per extract, raw as a partner would send it, for month 2019-04.
VALID = {
    "cp_plans": {"child_id": "C1001", "date_of_birth": "2015-06-01", "expected_date_of_birth": "",
                 "sex": "F", "ethnicity": "WBRI", "strategy_discussion_date": "2019-04-01",
                 "icpc_date": "2019-04-10", "cpp_start_date": "2019-04-10", "cpp_end_date": "",
                 "initial_category": "NEG", "latest_category": "NEG", "previous_cpp_count": "0"},
    "adult_concerns": {"concern_id": "AC1001", "person_id": "P1001", "date_received": "2019-04-03",
                       "age": "84", "sex": "F", "types_of_risk": "NEGLECT;FINANCIAL",
                       "location_of_risk": "OWN_HOME"},
    "s42_enquiries": {"enquiry_id": "EQ1001", "concern_id": "AC1001", "person_id": "P1001",
                      "enquiry_type": "S42", "start_date": "2019-04-08", "end_date": "2019-04-28",
                      "risk_outcome": "RISK_REDUCED", "msp_asked": "Y", "msp_expressed": "Y",
                      "msp_achieved": "PARTIALLY"},
    "police_incidents": {"incident_id": "19/1001/19", "recorded_date": "2019-04-05",
                         "child_ref": "WMP1001", "child_age": "14", "cse_marker": "Y",
                         "crime_recorded": "N"},
    "training_attendance": {"booking_id": "BK1001", "course_code": "WT01",
                            "course_title": "Working Together", "session_date": "2019-04-16",
                            "delivery": "F2F", "capacity": "30", "attendee_agency": "CWC",
                            "attendance": "DNA", "dna_charge_gbp": "50.00"},
    "population": {"mid_year": "2019", "age_from": "0", "age_to": "17", "population": "61244"},
}
PARTNER = {"cp_plans": "cwc-cs", "adult_concerns": "cwc-asc", "s42_enquiries": "cwc-asc",
           "police_incidents": "wmp", "training_attendance": "wst", "population": "ons"}


def csv_bytes(rows: list[dict], header: list[str] | None = None, encoding: str = "utf-8") -> bytes:
    header = header or list(rows[0])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return buffer.getvalue().encode(encoding)


def open_db(path: Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """A file the pipeline wrote (the warehouse, a backup: the warehouse key; `analyst.duckdb`,
    `report.duckdb`: the copy key), opened with the tests' keys."""
    from wst_analytics.warehouse.encrypted import COPY_FILES, open_file

    path = Path(path)
    variable = "WST_COPY_KEY" if path.name in COPY_FILES else "WST_WAREHOUSE_KEY"
    return open_file(path, os.environ[variable], variable, read_only=read_only)


@dataclass
class Workspace:
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse" / "wst.duckdb"

    def drop(self, relative: str, content: bytes | list[dict], received: str | None = None) -> Path:
        """Write a file into the drop folder; `received` (ISO time) sets its modification time."""
        path = self.raw / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else csv_bytes(content))
        if received:
            stamp = datetime.fromisoformat(received).replace(tzinfo=timezone.utc).timestamp()
            os.utime(path, (stamp, stamp))
        return path

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = open_db(self.warehouse)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def scalar(self, sql: str, params: list | None = None):
        return self.query(sql, params)[0][0]


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Workspace:
    space = Workspace(tmp_path)
    space.raw.mkdir()
    monkeypatch.setenv("WST_RAW_DIR", str(space.raw))
    monkeypatch.setenv("WST_WAREHOUSE", str(space.warehouse))
    monkeypatch.setenv("WST_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setenv("WST_WAREHOUSE_KEY", TEST_WAREHOUSE_KEY)
    monkeypatch.setenv("WST_COPY_KEY", TEST_COPY_KEY)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.setenv("WST_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("WST_COPIES_DIR", str(tmp_path / "copies"))
    return space


def settings_for(space: Workspace) -> dict[str, str]:
    """The environment that points every setting at a workspace (copies beside its warehouse)."""
    return {"WST_RAW_DIR": str(space.raw), "WST_WAREHOUSE": str(space.warehouse), "WST_PSEUDONYM_KEY": TEST_KEY,
            "WST_WAREHOUSE_KEY": TEST_WAREHOUSE_KEY, "WST_COPY_KEY": TEST_COPY_KEY,
            "DAGSTER_HOME": str(space.root / "dh"), "WST_REPORTS_DIR": str(space.root / "reports")}


@contextmanager
def pointed_at(space: Workspace):
    """Settings pointed at `space` for the block (for fixtures wider than one test)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("WST_COPIES_DIR", raising=False)
        for name, value in settings_for(space).items():
            patch.setenv(name, value)
        yield


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory):
    """The sample extracts (`wst demo`'s), loaded once through every asset: (workspace, manifest,
    Dagster result). Tests must only read it."""
    from tests.helpers import materialize
    from wst_analytics.sample import generate_sample

    space = Workspace(tmp_path_factory.mktemp("sample"))
    with pointed_at(space):
        manifest = generate_sample(space.raw)
        result = materialize(space)
    return space, manifest, result


@pytest.fixture(scope="session")
def comparator_warehouse(tmp_path_factory):
    """tests/comparators.py's two LAs, two partnerships and hand-made benchmarks, loaded once
    through every asset (copies published). Tests must only read it."""
    from tests.comparators import build

    return build(tmp_path_factory.mktemp("comparators"))


def chromium_path() -> str:
    """Debian's chromium: required under CI (a missing browser fails, never skips)."""
    import shutil

    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


#: The session fixtures a whole module's tests run beside: every module that reads one of them
#: runs on one xdist worker, so each is built once, not once per worker.
SHARED = ("sample_warehouse", "comparator_warehouse")
#: The longest groups, handed out first so that none is left running alone at the end.
FIRST = ("sample_warehouse", "tests/test_faults.py", "tests/test_demo.py", "tests/test_concurrent_runs.py",
         "tests/test_ui.py", "tests/test_wheel.py", "tests/test_security.py", "tests/test_concurrency.py")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """On an xdist worker (`--dist loadgroup`, pyproject.toml): a module's tests stay together
    (its module fixtures built once), and the modules reading a shared session fixture share a
    worker. xdist groups by the `@group` ending of a test's id, which is set here: xdist 3.8 sets
    it on `_nodeid`, which pytest 9.2 no longer reads (its ids are `NodeId`s, in `_id`)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    groups: dict[str, str] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        shared = next((name for name in SHARED if name in item.fixturenames), None)
        groups[module] = shared or groups.get(module) or module.replace("@", "_")
    order = {group: rank for rank, group in enumerate(FIRST)}
    items.sort(key=lambda item: order.get(groups[item.nodeid.split("::")[0]], len(FIRST)))  # stable
    for item in items:
        if "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{groups[item.nodeid.split('::')[0]]}")
