"""`wst validate --strict` and `--out`, and what a misnamed file is told, in process."""

import csv

import polars as pl

from tests.conftest import VALID
from wst_analytics.cli import main

BAD_AGE = {**VALID["police_incidents"], "incident_id": "B", "child_age": "19"}


def test_strict_exits_non_zero_when_a_row_would_be_quarantined(workspace, capsys):
    path = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"], BAD_AGE])
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--strict", str(path)]) == 1
    assert "--strict: 1 row(s) would be quarantined" in capsys.readouterr().out


def test_strict_exits_zero_for_a_clean_file(workspace):
    path = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    assert main(["validate", "--strict", str(path)]) == 0


def test_out_csv_gives_row_column_and_rule_in_words_without_values(workspace, tmp_path):
    path = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"], BAD_AGE])
    out = tmp_path / "failures.csv"
    assert main(["validate", "--out", str(out), str(path)]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["file", "row in your file", "column", "rule", "what to fix"]
    assert rows[1] == ["police_incidents/wmp_2019-04.csv", "3", "child_age", "range",
                       "child_age must be between 0 and 17"]
    assert "B" not in {cell for row in rows[1:] for cell in row}  # the identifier's value is not written


def test_out_xlsx_is_a_table_with_numbers_as_numbers(workspace, tmp_path):
    path = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"], BAD_AGE])
    out = tmp_path / "failures.xlsx"
    assert main(["validate", "--out", str(out), str(path)]) == 0
    failures = pl.read_excel(out, sheet_name="Failures")
    assert failures.columns[:3] == ["file", "row in your file", "column"]
    assert failures.row(0)[1:4] == (3, "child_age", "range")


def test_out_refuses_another_extension_and_an_existing_file(workspace, tmp_path, capsys):
    path = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    assert main(["validate", "--out", str(tmp_path / "f.txt"), str(path)]) == 2
    (tmp_path / "f.csv").write_text("mine")
    assert main(["validate", "--out", str(tmp_path / "f.csv"), str(path)]) == 2
    out = capsys.readouterr().out
    assert "must end in .csv or .xlsx" in out and "add --force" in out
    assert (tmp_path / "f.csv").read_text() == "mine"


def test_a_misnamed_file_is_told_what_its_name_should_be(workspace, capsys):
    path = workspace.drop("police_incidents/police-april.csv", [VALID["police_incidents"]])
    upper = workspace.drop("police_incidents/WMP_2019-04.CSV", [VALID["police_incidents"]])
    assert main(["validate", str(path), str(upper)]) == 1
    out = capsys.readouterr().out
    assert ("the name should be police_incidents/<partner>_<YYYY-MM>.csv (or .xlsx), "
            "e.g. police_incidents/wmp_2019-04.csv") in out
    assert "rename it police_incidents/wmp_2019-04.csv" in out


def test_a_folder_or_a_missing_file_is_said_in_words(workspace, capsys):
    assert main(["validate", str(workspace.raw), str(workspace.raw / "nope.csv")]) == 1
    out = capsys.readouterr().out
    assert "REJECTED: a folder, not a file" in out and "REJECTED: no such file" in out


def test_out_never_writes_a_name_that_does_not_fit(workspace, tmp_path):
    path = workspace.drop("police_incidents/Zebedee Quartermain.csv", [VALID["police_incidents"]])
    out = tmp_path / "failures.csv"
    assert main(["validate", "--out", str(out), str(path)]) == 1
    written = out.read_text(encoding="utf-8-sig")
    assert "Zebedee" not in written and "police_incidents/(name not shown; content sha256 " in written
    assert "the name should be police_incidents/<partner>_<YYYY-MM>.csv" in written


def test_a_failure_text_a_spreadsheet_would_run_is_written_as_text(tmp_path):
    import openpyxl

    from wst_analytics.cli.validate_out import HEADER, write_failures

    risky = tuple(["=HYPERLINK(\"http://x\",\"y\")", 2, "@SUM(A1)", "+rule", "-1+1"][:len(HEADER)])
    write_failures(tmp_path / "f.xlsx", [risky])
    write_failures(tmp_path / "f.csv", [risky])
    cells = [c.value for c in next(openpyxl.load_workbook(tmp_path / "f.xlsx")["Failures"].iter_rows(min_row=2))]
    assert all(not (isinstance(v, str) and v[:1] in "=+-@") for v in cells) and cells[1] == 2
    row = list(csv.reader((tmp_path / "f.csv").open(encoding="utf-8-sig")))[1]
    assert all(not v.startswith(("=", "+", "-", "@")) for v in row)
