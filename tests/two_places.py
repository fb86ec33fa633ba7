"""Two local authorities and a partnership of both, from hand-made returns.

- `wmp`, the police, serves both LAs (so every row says its `la_code`): incidents alternate 9
  and 11 a month in each LA for two financial years, except that Wolverhampton's jump to 30 a
  month from January 2020 (special-cause variation there, and in the partnership; none in
  Walsall).
- `wst`, a training team, serves Wolverhampton only and owes training returns from April
  2019: it never sends July 2019, and its October 2019 file is rejected (a late return and a
  data-quality exception for Wolverhampton and the partnership, none for Walsall).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import VALID, Workspace, csv_bytes, pointed_at
from tests.helpers import months_of

WOLVERHAMPTON, WALSALL, PARTNERSHIP = "E08000031", "E08000030", "bc"
REGISTRY = f"""
due_day = 15
[areas.{WOLVERHAMPTON}]
name = "Wolverhampton"
region = "E12000005"
[areas.{WALSALL}]
name = "Walsall"
region = "E12000005"
[partnerships.{PARTNERSHIP}]
name = "Black Country"
areas = ["{WOLVERHAMPTON}", "{WALSALL}"]
[partners.wmp]
organisation = "West Midlands Police"
areas = ["{WOLVERHAMPTON}", "{WALSALL}"]
owes = ["police_incidents"]
first_month = "2018-04"
[partners.wst]
organisation = "Wolverhampton training team"
areas = ["{WOLVERHAMPTON}"]
owes = ["training_attendance"]
first_month = "2019-04"
"""
MONTHS = months_of("2018-19") + months_of("2019-20")
TODAY = date(2020, 4, 20)  # March 2020's returns are not yet due


def incidents(la: str, month: str, n: int) -> list[dict]:
    return [{**VALID["police_incidents"], "incident_id": f"{la}-{month}-{i}", "recorded_date": f"{month}-10",
             "la_code": la} for i in range(n)]


def per_month(la: str, index: int, month: str) -> int:
    if la == WOLVERHAMPTON and month >= "2020-01":
        return 30
    return 9 if index % 2 == 0 else 11


def drop_two_places(space: Workspace) -> None:
    """The police's returns for both LAs and the training team's for one."""
    header = [*VALID["police_incidents"], "la_code"]
    for index, month in enumerate(MONTHS):
        rows = incidents(WOLVERHAMPTON, month, per_month(WOLVERHAMPTON, index, month))
        rows += incidents(WALSALL, month, per_month(WALSALL, index, month))
        space.drop(f"police_incidents/wmp_{month}.csv", csv_bytes(rows, header), received=f"{month}-28T10:00:00")
    booking = VALID["training_attendance"]
    for month in months_of("2019-20"):
        if month == "2019-07":
            continue
        rows = [{**booking, "booking_id": f"B{month}", "session_date": f"{month}-16"}]
        content = b"booking_id\r\nX\r\n" if month == "2019-10" else csv_bytes(rows)
        space.drop(f"training_attendance/wst_{month}.csv", content, received=f"{month}-28T10:00:00")


def write_registry(space: Workspace):
    path = space.root / "partners.toml"
    path.write_text(REGISTRY)
    return path


@pytest.fixture
def two_places_registry(workspace, monkeypatch):
    """The registry of the two LAs, pointed at with WST_PARTNERS, and their returns dropped."""
    path = write_registry(workspace)
    monkeypatch.setenv("WST_PARTNERS", str(path))
    drop_two_places(workspace)
    return path


@pytest.fixture(scope="module")
def two_places_loaded(tmp_path_factory):
    """The two LAs' returns loaded through every asset (the copies and the reports too):
    (workspace, environment for a `wst` subprocess). Tests must only read it."""
    from tests.conftest import settings_for
    from tests.helpers import materialize

    space = Workspace(tmp_path_factory.mktemp("two_places"))
    registry = write_registry(space)
    with pointed_at(space), pytest.MonkeyPatch.context() as patch:
        patch.setenv("WST_PARTNERS", str(registry))
        drop_two_places(space)
        materialize(space)
    return space, {**settings_for(space), "WST_PARTNERS": str(registry)}


@pytest.fixture
def run(two_places_loaded, monkeypatch, capsys):
    """`wst ARGS` pointed at the loaded workspace, in process (`cli.main`, as the `wst` script
    runs it, without a subprocess's start-up): (exit code, what it printed)."""
    from wst_analytics.cli import main

    monkeypatch.delenv("WST_COPIES_DIR", raising=False)
    for name, value in two_places_loaded[1].items():
        monkeypatch.setenv(name, value)

    def wst(*args):
        capsys.readouterr()
        code = main(list(args))
        return code, capsys.readouterr().out
    return wst
