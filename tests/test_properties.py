"""Properties of the readers and validators, checked with Hypothesis on generated inputs.

Whatever the bytes, the reader never raises: a file is loaded, and then every row it read is
either loaded or quarantined under a real row number, or it is rejected with a reason (and any
rows it did read are quarantined as `file_rejected`). A table of arbitrary text written as a
proper CSV or workbook is read row for row: nothing swallowed, nothing invented. The examples
are fixed (derandomised) and bounded, so the file runs in well under a minute and CI repeats it.
"""

import csv
import io
import itertools
import zipfile

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PARTNER, VALID
from tests.helpers import key_of, read_rows
from tests.test_bad_inputs import load_all

EXTRACT = "police_incidents"
HEADER = list(VALID[EXTRACT])
HEADER_LINE = (",".join(HEADER) + "\r\n").encode()
BOUNDED = settings(derandomize=True, database=None, deadline=None, max_examples=150,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SPECIAL = ['"', '""', ",", ";", "\r", "\n", "\r\n", " ", "\t", "=1+2", "@SUM(A1)", "-1", "+14",
           "é", "£", "\u2028", "\x85", "\ufeff", "x" * 250, "2019-04-05", "31/02/2019", "Y", "n",
           "14", "I1", ' "I1"']
cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8) \
    | st.sampled_from(SPECIAL)
tables = st.lists(st.lists(cells, min_size=len(HEADER), max_size=len(HEADER)), max_size=8)
csv_bytes_ish = st.lists(st.sampled_from([b",", b'"', b"\r", b"\n", b"\r\n", b" ", b";", b"x",
                                          b"1", b"2019-04-05", b"Y", b"\xe9", b"\xc3\xa9", b"\x81",
                                          b"\x00"]), max_size=40).map(b"".join)


def workbook(rows: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    for r, row in enumerate([HEADER, *rows]):
        for c, value in enumerate(row):
            if value:
                sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


SAMPLE_BOOK = workbook([list(VALID[EXTRACT].values()), ["I2", "2019-04-06", "", "x", "Y", "N"]])


def rezipped(member: str, mutate) -> bytes:
    """The sample workbook with one member's XML changed by `mutate`, with valid checksums."""
    source, out = zipfile.ZipFile(io.BytesIO(SAMPLE_BOOK)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            data = source.read(info)
            book.writestr(info.filename, mutate(data) if info.filename == member else data)
    return out.getvalue()


def assert_accounted(result, first_row: int = 2, last_row: int | None = None) -> None:
    """Loaded: every row read is loaded or quarantined, once, under a real row number.
    Rejected: a reason, and every row read (if any) quarantined."""
    if result.status == "rejected":
        assert result.reason and result.reject_rule
        assert result.rows_read is None or result.rows_read == result.rows_quarantined
        return
    loaded = set(result.rows["source_row"])
    quarantined = set(result.quarantine["source_row"])
    assert result.rows_read == len(loaded) + len(quarantined) and not loaded & quarantined
    last = last_row if last_row is not None else float("inf")
    assert all(first_row <= row <= last for row in loaded | quarantined)


@BOUNDED
@given(data=st.binary(max_size=300) | csv_bytes_ish | csv_bytes_ish.map(HEADER_LINE.__add__))
def test_any_bytes_as_a_csv_load_or_are_rejected_with_a_reason(tmp_path, data):
    result = read_rows(tmp_path, EXTRACT, [], data=data)
    assert_accounted(result, last_row=result.physical_lines)


@BOUNDED
@given(data=st.binary(max_size=300) | st.binary(max_size=300).map(b"PK\x03\x04".__add__))
def test_any_bytes_as_a_workbook_are_rejected_with_a_reason(tmp_path, data):
    assert_accounted(read_rows(tmp_path, EXTRACT, [], fmt="xlsx", data=data))


@BOUNDED
@given(member=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
                               "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]),
       edits=st.lists(st.tuples(st.integers(0, 4000), st.sampled_from(list(b'<>/"=:#1AZ rcvt&;\xff'))),
                      min_size=1, max_size=3))
def test_a_workbook_with_damaged_xml_loads_or_is_rejected_with_a_reason(tmp_path, member, edits):
    def mutate(xml: bytes) -> bytes:
        changed = bytearray(xml)
        for position, byte in edits:
            changed[position % len(changed)] = byte
        return bytes(changed)

    assert_accounted(read_rows(tmp_path, EXTRACT, [], fmt="xlsx", data=rezipped(member, mutate)))


def written_rows(rows: list[list[str]]) -> list[int]:
    """The row numbers of the rows with a value (the header is row 1)."""
    return [number for number, row in enumerate(rows, start=2) if any(cell.strip() for cell in row)]


def as_csv(rows: list[list[str]], line_end: str, final_line_end: bool) -> bytes:
    buffer = io.StringIO(newline="")
    quoting = csv.QUOTE_MINIMAL if line_end == "\r\n" else csv.QUOTE_ALL  # so a lone CR is quoted
    csv.writer(buffer, lineterminator=line_end, quoting=quoting).writerows([HEADER, *rows])
    text = buffer.getvalue()
    return (text if final_line_end else text[: -len(line_end)]).encode()


@BOUNDED
@given(rows=tables, line_end=st.sampled_from(["\r\n", "\n"]), final_line_end=st.booleans())
def test_a_proper_csv_of_any_text_is_read_row_for_row(tmp_path, rows, line_end, final_line_end):
    result = read_rows(tmp_path, EXTRACT, [], data=as_csv(rows, line_end, final_line_end))
    assert result.status == "loaded", result.reason
    found = sorted([*result.rows["source_row"], *set(result.quarantine["source_row"])])
    assert found == written_rows(rows)
    assert result.blank_rows == len(rows) - len(found)


printable = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), max_size=8) \
    | st.sampled_from(["=1+2", "@SUM(A1)", "-1", " ", "line\nbreak", "x" * 250, "2019-04-05", "Y"])


@settings(BOUNDED, max_examples=60)
@given(rows=st.lists(st.lists(printable, min_size=len(HEADER), max_size=len(HEADER)), max_size=6))
def test_a_workbook_of_any_text_is_read_row_for_row(tmp_path, rows):
    result = read_rows(tmp_path, EXTRACT, [], fmt="xlsx", data=workbook(rows))
    assert result.status == "loaded", result.reason
    found = sorted([*result.rows["source_row"], *set(result.quarantine["source_row"])])
    assert found == written_rows(rows)


uploads = itertools.count(1)


@settings(BOUNDED, max_examples=12)
@given(rows=tables)
def test_a_warehouse_load_conserves_every_row_read(workspace, rows):
    name = f"{EXTRACT}/{PARTNER[EXTRACT]}_2019-04_v{next(uploads)}.csv"
    workspace.drop(name, as_csv(rows, "\r\n", True))
    load_all(workspace)  # raises ConservationError if the tables do not add up
    [(file_version_id, rows_read, loaded, quarantined)] = workspace.query(
        "SELECT file_version_id, rows_read, rows_loaded, rows_quarantined FROM audit.file_versions "
        "WHERE path_key = ?", [key_of(name)])
    in_history = workspace.scalar("SELECT count(*) FROM history.police_incidents WHERE file_version_id = ?",
                                  [file_version_id])
    in_quarantine = workspace.scalar("SELECT count(DISTINCT source_row) FROM quarantine.rows "
                                     "WHERE file_version_id = ?", [file_version_id])
    assert rows_read == len(written_rows(rows)) == in_history + in_quarantine == loaded + quarantined


# ---- identifiers: one person, one pseudonym ------------------------------------------------

TRICKY = list("aAzZ09-/_. \t") + ["ı", "İ", "ß", "é", "K", "\u212a", "\u200b", "\ufeff", "\u00ad",
                                  "\u2028", "\u2029", "\u00a0", "１", "Ａ", "ſ", "ﬁ", "\u0301"]
raw_identifiers = st.text(st.sampled_from(TRICKY), min_size=1, max_size=6) | st.text(min_size=1, max_size=6)


def _accepted_pseudonyms(values: list[str]) -> dict[str, str]:
    """raw value -> pseudonym, for the values the reader accepts as a child_ref."""
    import polars as pl

    from tests.conftest import TEST_KEY
    from wst_analytics.extracts import SCHEMAS
    from wst_analytics.ingest.coerce import FILE, coerce
    from wst_analytics.ingest.headers import contract_columns
    from wst_analytics.ingest.pseudonymise import Pseudonymiser

    schema = SCHEMAS[EXTRACT]
    text = pl.DataFrame({FILE: pl.Series([0] * len(values), dtype=pl.Int32),
                         "source_row": pl.Series(range(2, len(values) + 2), dtype=pl.Int64),
                         **{c: pl.Series([None] * len(values), dtype=pl.String) for c in contract_columns(schema)}})
    typed, failures = coerce(text.with_columns(child_ref=pl.Series(values, dtype=pl.String)), schema)
    refused = set(failures.filter(pl.col("column") == "child_ref")["source_row"].to_list())
    hashed = Pseudonymiser(TEST_KEY.encode()).column(typed["child_ref"]).to_list()
    return {v: h for row, (v, h) in enumerate(zip(values, hashed), start=2) if row not in refused}


@BOUNDED
@given(st.lists(raw_identifiers, min_size=2, max_size=6, unique=True))
def test_two_accepted_identifiers_share_a_pseudonym_only_if_equal_after_ascii_case_folding(values):
    accepted = _accepted_pseudonyms(values)
    for a, b in itertools.combinations(accepted, 2):
        same_person = a.strip(" \t\n\r\x0b\x0c").upper() == b.strip(" \t\n\r\x0b\x0c").upper()
        assert (accepted[a] == accepted[b]) == same_person, (a, b)
        assert a.strip(" \t\n\r\x0b\x0c").isascii()
