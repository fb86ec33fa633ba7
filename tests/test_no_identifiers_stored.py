"""No raw identifier, name or unexpected column reaches any table of the warehouse."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import TEST_KEY, VALID, Workspace, csv_bytes, pointed_at, open_db
from tests.helpers import materialize
from wst_analytics.ingest.pseudonymise import Pseudonymiser

RAW_IDENTIFIERS = ["C1001", "C1002", "P1001", "AC1001", "EQ1001", "19/1001/19", "WMP1001"]
PERSONAL = ["Jane Example", "12 Acacia Avenue", "WV1 1AA"]


def all_text(warehouse) -> str:
    """Every value of every column of every table and view, as one text."""
    con = open_db(warehouse)
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                             "UNION ALL SELECT schema_name, view_name FROM duckdb_views() "
                             "WHERE NOT internal").fetchall()
        return "\n".join(str(con.execute(f'SELECT * FROM "{s}"."{t}"').fetchall()) for s, t in tables)
    finally:
        con.close()


def column_names(warehouse) -> set[str]:
    con = open_db(warehouse)
    try:
        return {r[0].lower() for r in con.execute("SELECT column_name FROM duckdb_columns()").fetchall()}
    finally:
        con.close()


def drop_files_with_identifiers_and_personal_columns(workspace):
    plan = {**VALID["cp_plans"], "Child Name": "Jane Example", "Address": "12 Acacia Avenue"}
    bad_plan = {**VALID["cp_plans"], "child_id": "C1002", "sex": "X", "Child Name": "Jane Example"}
    workspace.drop("cp_plans/cwc-cs_2019-04.csv", [plan, bad_plan])
    concern = {**VALID["adult_concerns"], "Postcode": "WV1 1AA"}
    workspace.drop("adult_concerns/cwc-asc_2019-04.csv", [concern])
    workspace.drop("s42_enquiries/cwc-asc_2019-04.csv", [VALID["s42_enquiries"]])
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Workspace:
    """One load of the files with identifiers and personal columns; the tests only read it."""
    space = Workspace(tmp_path_factory.mktemp("identifiers"))
    space.raw.mkdir()
    with pointed_at(space):
        drop_files_with_identifiers_and_personal_columns(space)
        materialize(space)
    return space


def test_no_raw_identifier_or_personal_value_in_any_table(loaded):
    text = all_text(loaded.warehouse)
    for value in RAW_IDENTIFIERS + PERSONAL:
        assert value not in text, value
    assert Pseudonymiser(TEST_KEY.encode()).pseudonym("C1001") in text


def test_unexpected_columns_are_never_stored(loaded):
    names = column_names(loaded.warehouse)
    assert not {"child name", "child_name", "address", "postcode"} & names
    reported = loaded.query("SELECT file_label, unknown_columns FROM audit.file_versions ORDER BY 1")
    assert ("cp_plans/cwc-cs_2019-04 (version 1)", 2) in reported  # counted, never named


def test_the_key_is_not_stored(loaded):
    assert TEST_KEY not in all_text(loaded.warehouse)
    assert TEST_KEY.encode() not in loaded.warehouse.read_bytes()


# ---- the planted-name scan ----------------------------------------------------------------
# A partner's careless files carry a child's name in every place metadata can: a file name's
# suffix, a name that does not fit the contract, a folder, a link, a sheet name, header cells,
# cell values. After a real `wst load` (Dagster, with run storage on disk), the published copies
# and the exception report, no byte anywhere under the workspace but the drop folder holds it.

PLANTED = "Zebedee Quartermain"
NEEDLES = ("zebedee", "quartermain")


def _workbook(rows: list[list], sheets: list[str]) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "strings_to_urls": False})
    first = book.add_worksheet(sheets[0])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            first.write(r, c, value)
    for name in sheets[1:]:
        book.add_worksheet(name).write(0, 0, "not read")
    book.close()
    return buffer.getvalue()


def drop_planted_files(space) -> None:
    """Files a partner might drop, each carrying the planted name in another casing or form."""
    plan = {**VALID["cp_plans"], PLANTED: PLANTED, "zebedee_quartermain": "x"}
    space.drop("cp_plans/cwc-cs_2019-04_zebedee-quartermain.csv", [plan])  # loads
    space.drop("cp_plans/cwc-cs_2019-05_ZEBEDEE_QUARTERMAIN.csv", b"child_id\r\nC1\r\n")  # rejected
    space.drop("cp_plans/Zebedee Quartermain.csv", [VALID["cp_plans"]])
    space.drop("police_incidents/zebedee-quartermain_2019-04.csv", [VALID["police_incidents"]])
    space.drop("police_incidents/wmp_2019-04.csv_zebedee", [VALID["police_incidents"]])
    space.drop("police_incidents/wmp_2019-06_zebedee\x1b[2J.csv", [VALID["police_incidents"]])
    space.drop("police_incidents/wmp_2019-07_quartermain\u202e.csv", [VALID["police_incidents"]])
    space.drop("police_incidents/wmp_2019-08_zebedee-quartermain.csv\n", [VALID["police_incidents"]])
    space.drop("zebedee_quartermain/wmp_2019-04.csv", [VALID["police_incidents"]])
    space.drop("Zebedee Quartermain.csv", [VALID["police_incidents"]])
    (space.raw / "police_incidents" / "wmp_2019-09_zebedee.csv").symlink_to(
        space.raw / "police_incidents" / "wmp_2019-04.csv_zebedee")
    incident = VALID["police_incidents"]
    header = [*incident, "ZEBEDEE QUARTERMAIN"]
    rows = [header, [*incident.values(), PLANTED],
            [*{**incident, "incident_id": "I2", "child_ref": PLANTED, "cse_marker": "zebedee"}.values(), "x"]]
    space.drop("police_incidents/wmp_2019-05_zebedee.xlsx", _workbook(rows, [PLANTED, "Quartermain notes"]))
    concern = {**VALID["adult_concerns"], "Zébédée Quartermain": "Zébédée"}
    bad = {**concern, "concern_id": "AC2", "types_of_risk": "QUARTERMAIN"}
    space.drop("adult_concerns/cwc-asc_2019-04_quartermain.csv", csv_bytes([concern, bad], encoding="cp1252"))


def _text_of_duckdb(path: Path) -> str:
    con = open_db(path)
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() UNION ALL "
                             "SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        return "\n".join(str(con.execute(f'SELECT * FROM "{s}"."{t}"').fetchall()) for s, t in tables)
    finally:
        con.close()


def _contents(path: Path) -> list[bytes]:
    """The file's bytes, and what they hold when compressed: a zip's members (XLSX), a DuckDB
    file's every table (its strings may be compressed on disk)."""
    import zipfile

    data = path.read_bytes()
    found = [data, str(path).encode("utf-8", "surrogateescape")]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            found += [archive.read(member) for member in archive.namelist()]
    if data[8:12] == b"DUCK":
        found.append(_text_of_duckdb(path).encode())
    return found


def planted_name_in(data: bytes) -> bool:
    lowered = data.lower()  # ASCII only: enough for ASCII needles
    forms = [n.encode(encoding) for n in NEEDLES for encoding in ("utf-8", "utf-16-le", "utf-16-be")]
    return any(form in lowered for form in forms)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The workspace after `wst load` of the planted files, and what `wst load` printed."""
    from tests.conftest import Workspace, settings_for

    space = Workspace(tmp_path_factory.mktemp("planted"))
    space.raw.mkdir()
    drop_planted_files(space)
    env = {**os.environ, **settings_for(space), "WST_COPIES_DIR": str(space.root / "copies"),
           "WST_ACTIVITY_LOG": str(space.root / "activity.log")}
    done = subprocess.run([str(Path(sys.executable).parent / "wst"), "load"], capture_output=True,
                          env=env, timeout=600)
    (space.root / "wst-load.out").write_bytes(done.stdout + b"\n" + done.stderr)
    assert (space.root / "copies" / "analyst.duckdb").exists(), done.stdout + done.stderr
    assert list((space.root / "reports").rglob("*.html")), done.stdout + done.stderr
    return space, done


def test_the_planted_files_were_taken_in(planted):
    space, done = planted
    assert space.scalar("SELECT count(*) FROM audit.file_versions") >= 12
    assert space.scalar("SELECT count(*) FROM core.cp_plans") == 1
    assert (Path(space.root / "dh") / "history").is_dir()  # run storage on disk


def test_the_planted_name_is_nowhere_but_the_drop_folder(planted):
    space, done = planted
    found = []
    for path in sorted(space.root.rglob("*")):
        if path.is_file() and not path.is_symlink() and space.raw not in path.parents:
            if any(planted_name_in(data) for data in _contents(path)):
                found.append(path.relative_to(space.root).as_posix())
    assert found == [], found
