"""No raw identifier, name or unexpected column reaches any table of the warehouse."""

import duckdb

from tests.conftest import TEST_KEY, VALID
from tests.helpers import materialize
from wst_analytics.ingest.pseudonymise import Pseudonymiser

RAW_IDENTIFIERS = ["C1001", "C1002", "P1001", "AC1001", "EQ1001", "19/1001/19", "WMP1001"]
PERSONAL = ["Jane Example", "12 Acacia Avenue", "WV1 1AA"]


def all_text(warehouse) -> str:
    """Every value of every column of every table and view, as one text."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                             "UNION ALL SELECT schema_name, view_name FROM duckdb_views() "
                             "WHERE NOT internal").fetchall()
        return "\n".join(str(con.execute(f'SELECT * FROM "{s}"."{t}"').fetchall()) for s, t in tables)
    finally:
        con.close()


def column_names(warehouse) -> set[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
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


def test_no_raw_identifier_or_personal_value_in_any_table(workspace):
    drop_files_with_identifiers_and_personal_columns(workspace)
    materialize(workspace)
    text = all_text(workspace.warehouse)
    for value in RAW_IDENTIFIERS + PERSONAL:
        assert value not in text, value
    assert Pseudonymiser(TEST_KEY.encode()).pseudonym("C1001") in text


def test_unexpected_columns_are_never_stored(workspace):
    drop_files_with_identifiers_and_personal_columns(workspace)
    materialize(workspace)
    names = column_names(workspace.warehouse)
    assert not {"child name", "child_name", "address", "postcode"} & names
    reported = workspace.query("SELECT source_file, unknown_columns FROM audit.file_versions ORDER BY 1")
    assert ("cp_plans/cwc-cs_2019-04.csv", ["Child Name", "Address"]) in reported


def test_the_key_is_not_stored(workspace):
    drop_files_with_identifiers_and_personal_columns(workspace)
    materialize(workspace)
    assert TEST_KEY not in all_text(workspace.warehouse)
    assert TEST_KEY.encode() not in workspace.warehouse.read_bytes()
