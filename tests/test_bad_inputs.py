"""The bad-input corpus (tests/bad_inputs/): every malformed file, loaded through the real
loader into one real warehouse, gets exactly the outcome expected.toml states, with a reason in
plain English; every CSV that loads accounts for each of its physical lines. Then the drop
folder's own hazards: symbolic links, paths outside it, pipes, huge files, and workbooks built
to exhaust memory or time.
"""

import functools
import importlib.util
import os
import re
import shutil
import time
import tomllib
import tracemalloc
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from wst_analytics.extracts import EXTRACTS
from tests.conftest import TEST_KEY, VALID, Workspace, csv_bytes
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.offered import path_key
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import parse_return_path
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.load import load_candidates

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)
LINE_BREAK = re.compile(rb"\r\n|\r|\n")
NOT_PLAIN = re.compile(r"Traceback|Exception|Error\b|errno|\\x[0-9a-f]{2}|<class|\{'")
AUDIT_COLUMNS = ["status", "reject_rule", "reason", "rows_read", "rows_loaded", "rows_quarantined",
                 "physical_lines", "blank_rows", "encoding", "unknown_columns", "notes", "file_version_id"]
AUDIT = f"SELECT path_key, {', '.join(AUDIT_COLUMNS)} FROM audit.file_versions"
QUARANTINE = ('SELECT f.path_key, q.source_row, q."column", q.rule, q.message FROM quarantine.rows AS q '
              "JOIN audit.file_versions AS f USING (file_version_id) ORDER BY ALL")
KEYS = Pseudonymiser(TEST_KEY.encode())


@functools.cache
def make_corpus():
    """tests/bad_inputs/make_corpus.py, the generator of the corpus's binary files."""
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def generated() -> dict[str, bytes]:
    return make_corpus().generated()


def load_all(space: Workspace) -> None:
    """Load every extract's folder, then the files outside them, with library calls."""
    con = connect(space.warehouse)
    try:
        for extract in [*EXTRACTS, None]:
            candidates = new_candidates(con, space.raw, load_registry(), extract, pseudonymiser=KEYS)
            load_candidates(con, extract, candidates, Pseudonymiser(TEST_KEY.encode()), "corpus")
    finally:
        con.close()


@dataclass
class Corpus:
    """The loaded corpus: its workspace, and each file's audit row and quarantine entries."""

    space: Workspace
    audit: dict[str, dict]
    quarantine: dict[str, list[tuple]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    space = Workspace(tmp_path_factory.mktemp("corpus"))
    for name in NAMES:
        if not EXPECTED[name].get("generated"):
            (space.raw / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(CORPUS / name, space.raw / name)
    for name, data in generated().items():
        (space.raw / name).parent.mkdir(parents=True, exist_ok=True)
        (space.raw / name).write_bytes(data)
    load_all(space)
    names = {path_key(KEYS, name): name for name in NAMES}  # the audit knows paths by keyed hash
    audit = {names[row[0]]: dict(zip(AUDIT_COLUMNS, row[1:])) for row in space.query(AUDIT)}
    quarantine = {name: [] for name in audit}
    for key, *entry in space.query(QUARANTINE):
        quarantine[names[key]].append(tuple(entry))
    return Corpus(space, audit, quarantine)


def assert_plain(text: str) -> None:
    assert text and len(text.split()) >= 4 and not NOT_PLAIN.search(text), text


def test_the_corpus_is_every_file_listed_and_covers_every_extract():
    committed = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()
                 and "__pycache__" not in p.parts} - {"expected.toml", "make_corpus.py", ".gitattributes"}
    assert committed == {n for n in NAMES if not EXPECTED[n].get("generated")}
    assert set(generated()) == {n for n in NAMES if EXPECTED[n].get("generated")}
    assert len(NAMES) >= 40 and set(EXTRACTS) <= {n.split("/")[0] for n in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_status_and_reject_rule(corpus, name):
    row, case = corpus.audit[name], EXPECTED[name]
    assert (row["status"], row["reject_rule"]) == (case["status"], case.get("reject_rule"))


@pytest.mark.parametrize("name", NAMES)
def test_row_counts(corpus, name):
    row, case = corpus.audit[name], EXPECTED[name]
    rows_quarantined = len({entry[0] for entry in case.get("quarantine", [])})
    assert (row["rows_read"], row["rows_loaded"], row["rows_quarantined"], row["blank_rows"]) == (
        case.get("rows_read"), case.get("rows_loaded", 0), rows_quarantined, case.get("blank_rows", 0))


@pytest.mark.parametrize("name", NAMES)
def test_quarantine_entries(corpus, name):
    found = [entry[:3] for entry in corpus.quarantine[name]]
    assert found == sorted(tuple(entry) for entry in EXPECTED[name].get("quarantine", []))


@pytest.mark.parametrize("name", NAMES)
def test_reasons_and_messages_are_plain_english(corpus, name):
    row, case = corpus.audit[name], EXPECTED[name]
    if case["status"] == "rejected":
        assert case["reason"] in row["reason"]
        assert_plain(row["reason"])
    for _, column, _, message in corpus.quarantine[name]:
        assert_plain(message)
        assert column in message or column.startswith("("), message


@pytest.mark.parametrize("name", NAMES)
def test_rows_read_are_loaded_or_quarantined_in_the_tables(corpus, name):
    row, extract = corpus.audit[name], name.split("/")[0]
    if row["rows_read"] is None:
        return
    in_history = corpus.space.scalar(f"SELECT count(*) FROM history.{extract} WHERE file_version_id = ?",
                                     [row["file_version_id"]])
    in_quarantine = len({entry[0] for entry in corpus.quarantine[name]})
    assert row["rows_read"] == in_history + in_quarantine == row["rows_loaded"] + row["rows_quarantined"]


@pytest.mark.parametrize("name", [n for n in NAMES if n.endswith(".csv") and EXPECTED[n]["status"] == "loaded"])
def test_every_physical_line_of_a_loaded_csv_is_accounted_for(corpus, name):
    data = (corpus.space.raw / name).read_bytes()
    lines = len(LINE_BREAK.findall(data)) + (0 if data.endswith((b"\n", b"\r")) else 1)
    row, case = corpus.audit[name], EXPECTED[name]
    assert row["physical_lines"] == lines
    assert lines == 1 + row["rows_read"] + row["blank_rows"] + case.get("lines_in_quotes", 0)


@pytest.mark.parametrize("name", [n for n in NAMES if {"encoding", "unknown_columns", "notes"} & set(EXPECTED[n])])
def test_encoding_unknown_columns_and_notes(corpus, name):
    row, case = corpus.audit[name], EXPECTED[name]
    assert row["encoding"] == case.get("encoding", row["encoding"])
    assert row["unknown_columns"] == case.get("unknown_columns", row["unknown_columns"])
    for words, note in zip(case.get("notes", []), row["notes"], strict=True):
        assert words in note


@pytest.mark.parametrize("name", [n for n in NAMES if "stored" in EXPECTED[n]])
def test_values_are_stored_as_sent(corpus, name):
    extract, file_version_id = name.split("/")[0], corpus.audit[name]["file_version_id"]
    for column, values in EXPECTED[name]["stored"].items():
        found = [v.isoformat() if isinstance(v, date) else v for (v,) in corpus.space.query(
            f'SELECT "{column}" FROM history.{extract} WHERE file_version_id = ? ORDER BY source_row',
            [file_version_id])]
        assert found == values, column


def test_an_identifier_that_is_a_formula_is_quarantined_never_evaluated(corpus):
    name = "police_incidents/wmp_2019-04_formula-prefixes.csv"
    message = next(m for row, column, rule, m in corpus.quarantine[name] if (row, column) == (2, "incident_id"))
    assert "would run it as a formula" in message


# ---- the drop folder's own hazards -------------------------------------------------------

INCIDENTS = csv_bytes([VALID["police_incidents"]])
POLICE_HEADER, POLICE_ROW = list(VALID["police_incidents"]), list(VALID["police_incidents"].values())


def outside_file(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "wmp_2019-04.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(INCIDENTS)
    return path


def outcomes(space: Workspace) -> list[tuple]:
    return space.query("SELECT file_label, status, reject_rule, reason, sha256 FROM audit.file_versions ORDER BY 1")


def test_a_symlink_to_a_file_outside_is_rejected_and_never_read(workspace, tmp_path):
    (workspace.raw / "police_incidents").mkdir()
    (workspace.raw / "police_incidents" / "wmp_2019-04.csv").symlink_to(outside_file(tmp_path))
    load_all(workspace)
    [(label, status, rule, reason, sha256)] = outcomes(workspace)
    assert (status, rule, sha256) == ("rejected", "file_name", "symbolic link")
    assert label.startswith("police_incidents/(file received ") and label.endswith(", symbolic link)")
    assert "symbolic link" in reason
    assert workspace.scalar("SELECT count(*) FROM history.police_incidents") == 0


def test_a_symlinked_folder_is_rejected_and_not_followed(workspace, tmp_path):
    (workspace.raw / "police_incidents").mkdir()
    (workspace.raw / "police_incidents" / "more").symlink_to(outside_file(tmp_path).parent)
    load_all(workspace)
    assert [row[1:3] for row in outcomes(workspace)] == [("rejected", "file_name")]
    assert outcomes(workspace)[0][0].startswith("police_incidents/(file received ")


def test_an_extract_folder_that_is_a_symlink_is_not_followed(workspace, tmp_path):
    (workspace.raw / "police_incidents").symlink_to(outside_file(tmp_path).parent)
    load_all(workspace)
    assert [row[1:3] for row in outcomes(workspace)] == [("rejected", "file_name")]
    assert outcomes(workspace)[0][0].startswith("(outside the extracts' folders) (file received ")
    assert workspace.scalar("SELECT count(*) FROM history.police_incidents") == 0


def test_a_path_outside_the_drop_folder_is_rejected_with_the_reason(workspace, tmp_path):
    with pytest.raises(FileRejected, match="not in the drop folder"):
        parse_return_path(outside_file(tmp_path), workspace.raw, load_registry())


def test_a_path_leading_out_of_the_drop_folder_is_rejected_with_the_reason(workspace, tmp_path):
    path = workspace.raw / "police_incidents" / ".." / ".." / "outside" / "wmp_2019-04.csv"
    with pytest.raises(FileRejected, match="leads out of the drop folder"):
        parse_return_path(path, workspace.raw, load_registry())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_in_the_drop_folder_is_rejected_without_waiting_on_it(workspace):
    (workspace.raw / "police_incidents").mkdir()
    os.mkfifo(workspace.raw / "police_incidents" / "wmp_2019-04.csv")
    load_all(workspace)
    [(_, status, rule, reason, _)] = outcomes(workspace)
    assert (status, rule) == ("rejected", "file_name") and "not a regular file" in reason


def test_a_file_larger_than_any_return_is_rejected_without_reading_it(workspace):
    from wst_analytics.ingest.drop_folder import MAX_FILE_BYTES

    (workspace.raw / "police_incidents").mkdir()
    with open(workspace.raw / "police_incidents" / "wmp_2019-04.csv", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk space used, never read
    load_all(workspace)
    [(_, status, rule, reason, sha256)] = outcomes(workspace)
    assert (status, rule, sha256.startswith("too large:")) == ("rejected", "too_large", True)
    assert_plain(reason)


@pytest.mark.parametrize("name", ["police_incidents/wmp_2019-05_zip-bomb.xlsx",
                                  "police_incidents/wmp_2019-05_cell-bomb.xlsx"])
def test_a_zip_bomb_is_rejected_in_bounded_time_and_memory(name):
    from wst_analytics.ingest.read_xlsx import read_xlsx

    data = generated()[name]
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(FileRejected, match="expand"):
        read_xlsx(data)
    elapsed, (_, peak) = time.perf_counter() - started, tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 2 and peak < 16_000_000


def test_a_shared_string_bomb_is_rejected_before_it_expands_in_bounded_memory():
    from wst_analytics.ingest.read_xlsx import read_xlsx

    data = make_corpus().shared_string_bomb(999_000, 6_000)
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(FileRejected, match="more than 512,000,000 bytes of text") as raised:
        read_xlsx(data)
    elapsed, (_, peak) = time.process_time() - started, tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert raised.value.rule == "too_large" and len(data) < 50_000
    assert elapsed < 2 and peak < 16_000_000


def test_a_workbook_may_hold_as_much_cell_text_as_the_largest_file_a_return_may_be():
    from wst_analytics.ingest.drop_folder import MAX_FILE_BYTES
    from wst_analytics.ingest.xlsx_sheet import MAX_CELL_BYTES

    assert MAX_CELL_BYTES == MAX_FILE_BYTES


def test_a_shared_string_bomb_is_rejected_and_the_return_beside_it_loads(workspace):
    workspace.drop("police_incidents/wmp_2019-05.xlsx", make_corpus().shared_string_bomb(999_000, 6_000))
    workspace.drop("police_incidents/wmp_2019-04.xlsx", make_corpus().workbook([POLICE_HEADER, POLICE_ROW]))
    load_all(workspace)
    assert [row[:3] for row in outcomes(workspace)] == [
        ("police_incidents/wmp_2019-04 (version 1)", "loaded", None),
        ("police_incidents/wmp_2019-05 (version 1)", "rejected", "too_large")]
    assert workspace.scalar("SELECT count(*) FROM history.police_incidents") == 1


def test_the_largest_sheet_the_limits_admit_is_scanned_in_well_under_a_minute():
    """A 16 MB sheet of half a million cells, ending in a stray cell so the reader reads it all and
    rejects it; its speed, scaled to the largest sheet admitted, must stay under a minute."""
    from wst_analytics.ingest.read_xlsx import read_xlsx
    from wst_analytics.ingest.xlsx_zip import MAX_MEMBER_BYTES

    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJKL")
                   + "</row>" for r in range(2, 46_000))
    sheet = (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             f'{rows}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>').encode()
    data = make_corpus()._replace_sheet(make_corpus().workbook([["a"]]), lambda handle: handle.write(sheet))
    started = time.process_time()  # the reader's own work, not the time other processes take
    with pytest.raises(FileRejected, match="reach XFD1048576"):
        read_xlsx(data)
    assert (time.process_time() - started) * MAX_MEMBER_BYTES / len(sheet) < 60



def test_a_file_that_cannot_be_read_is_rejected_without_the_error_naming_it(workspace, monkeypatch):
    from wst_analytics.ingest import offered

    def refused(path):
        raise PermissionError(13, "Permission denied", str(path))

    workspace.drop("police_incidents/wmp_2019-04_zebedee.csv", INCIDENTS)
    monkeypatch.setattr(offered, "sha256_of", refused)
    load_all(workspace)
    [(label, status, rule, reason, sha256)] = outcomes(workspace)
    assert (status, rule, sha256) == ("rejected", "unreadable", "cannot be read")
    assert "zebedee" not in label + reason and label.startswith("police_incidents/(file received ")


def test_a_file_that_cannot_be_read_when_parsed_is_rejected_without_the_error_naming_it(workspace, monkeypatch):
    from wst_analytics.warehouse import parse_pool

    def guarded(path, sha256):  # the read of a file found readable (parse_pool reads it as found)
        raise PermissionError(13, "Permission denied", str(path))

    workspace.drop("police_incidents/wmp_2019-04_zebedee.csv", INCIDENTS)
    monkeypatch.setattr(parse_pool, "read_as_found", guarded)
    load_all(workspace)
    [(label, status, rule, reason, _)] = outcomes(workspace)
    assert (label, status, rule) == ("police_incidents/wmp_2019-04 (version 1)", "rejected", "unreadable")
    assert "zebedee" not in reason
