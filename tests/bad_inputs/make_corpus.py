"""The corpus files that are awkward to commit as bytes: workbooks, zip bombs, NUL bytes,
other encodings, very long fields. `write_generated(drop)` writes them under a drop folder
(`<drop>/<extract>/<name>`), the same bytes every time; `expected.toml` lists their outcomes
beside those of the committed files.

    uv run python tests/bad_inputs/make_corpus.py /tmp/drop   # to look at them
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import xlsxwriter

POLICE = ["incident_id", "recorded_date", "child_ref", "child_age", "cse_marker", "crime_recorded"]
INCIDENT = ["I1001", "2019-04-05", "WMP1001", "14", "Y", "N"]
S42 = "enquiry_id,concern_id,person_id,enquiry_type,start_date,end_date,risk_outcome,msp_asked,msp_expressed,msp_achieved\r\n"
ENQUIRY = "EQ{n},AC9001,P1001,S42,2019-04-08,2019-04-28,RISK_REDUCED,Y,Y,PARTIALLY\r\n"
TRAINING = ["booking_id", "course_code", "course_title", "session_date", "delivery", "capacity",
            "attendee_agency", "attendance", "dna_charge_gbp"]
CP = ["child_id", "date_of_birth", "expected_date_of_birth", "sex", "ethnicity",
      "strategy_discussion_date", "icpc_date", "cpp_start_date", "cpp_end_date", "initial_category",
      "latest_category", "previous_cpp_count"]
PLAN = ["C1001", "2015-06-01", None, "F", "WBRI", "2019-05-01", "2019-05-10", "2019-05-10", None,
        "NEG", "NEG", "0"]
BOOKING = ["BK1001", "WT01", "Working Together", "2019-04-16", "F2F", "30", "CWC", "DNA", "50.00"]
CREATED = datetime(2019, 5, 1)


def csv_text(header: list[str], *rows: list[str]) -> str:
    return "".join(",".join(cells) + "\r\n" for cells in (header, *rows))


def workbook(rows: list[list], sheets: int = 1, merge: tuple[str, str] | None = None, errors=(),
             at=(0, 0)) -> bytes:
    """A real .xlsx: `rows` from cell `at` of the first sheet, as text, numbers or dates."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"created": CREATED})
    sheet, dates = book.add_worksheet("Data"), book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(at[0] + r, at[1] + c, value, dates)
            elif value is not None:
                sheet.write(at[0] + r, at[1] + c, value)
    for cell, formula, error in errors:
        sheet.write_formula(cell, formula, None, error)
    if merge:
        sheet.merge_range(*merge)
    for number in range(1, sheets):
        book.add_worksheet(f"Notes {number}").write(0, 0, "not read")
    book.close()
    return buffer.getvalue()


def _replace_sheet(data: bytes, writer) -> bytes:
    """The workbook with its first sheet's XML replaced by what `writer(handle)` writes."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for old in source.infolist():
            info = zipfile.ZipInfo(old.filename, old.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            if info.filename == "xl/worksheets/sheet1.xml":
                with book.open(info, "w", force_zip64=True) as handle:
                    writer(handle)
            else:
                book.writestr(info, source.read(old))
    return out.getvalue()


def zip_bomb(size: int) -> bytes:
    """A workbook whose first sheet's XML really expands to `size` bytes (one long value)."""
    def write(handle):
        handle.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
        chunk = b"1" * (1 << 20)
        for _ in range(size >> 20):
            handle.write(chunk)
        handle.write(b"</t></is></c></row></sheetData></worksheet>")
    return _replace_sheet(workbook([POLICE]), write)


def cell_bomb(cells: int) -> bytes:
    """A workbook whose first sheet holds `cells` copies of one cell: it compresses ~400 times."""
    def write(handle):
        handle.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        handle.write(b'<row r="2">' + b'<c r="A2"><v>1</v></c>' * cells + b"</row>")
        handle.write(b"</sheetData></worksheet>")
    return _replace_sheet(workbook([POLICE]), write)


def shared_string_bomb(length: int, cells: int) -> bytes:
    """A workbook whose one shared text of `length` characters is referenced by `cells` cells: a
    few kilobytes, within every size and ratio limit of the archive, that would expand to
    `length` times `cells` bytes of cell text."""
    def write(handle):
        handle.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        handle.write(b'<row r="1">' + b"".join(f'<c r="{chr(65 + c)}1" t="s"><v>{c + 1}</v></c>'.encode()
                                              for c in range(len(POLICE))) + b"</row>")
        for row in range(2, cells + 2):
            handle.write(f'<row r="{row}"><c r="A{row}" t="s"><v>0</v></c></row>'.encode())
        handle.write(b"</sheetData></worksheet>")
    strings = "".join(f"<si><t>{text}</t></si>" for text in ["x" * length, *POLICE])
    sst = (f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>').encode()
    source, out = zipfile.ZipFile(io.BytesIO(_replace_sheet(workbook([POLICE]), write))), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            book.writestr(info, sst if info.filename == "xl/sharedStrings.xml" else source.read(info))
    return out.getvalue()


def sheet_xml(prologue: bytes) -> bytes:
    """A workbook whose first sheet's XML starts with `prologue` (a declaration, a DTD)."""
    sheet = zipfile.ZipFile(io.BytesIO(workbook([POLICE, INCIDENT]))).read("xl/worksheets/sheet1.xml")
    body = sheet[sheet.index(b"?>") + 2:] if sheet.startswith(b"<?xml") else sheet
    return _replace_sheet(workbook([POLICE, INCIDENT]), lambda handle: handle.write(prologue + body))


def understated(data: bytes, member: str = "xl/worksheets/sheet1.xml", claim: int = 100) -> bytes:
    """The workbook with one member's uncompressed size understated, in both of its headers."""
    patched = bytearray(data)
    local = zipfile.ZipFile(io.BytesIO(data)).getinfo(member).header_offset
    patched[local + 22:local + 26] = claim.to_bytes(4, "little")
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(member)] != member.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    patched[central + 24:central + 28] = claim.to_bytes(4, "little")
    return bytes(patched)


def edited(data: bytes, edits: dict[str, Callable[[str], str]], extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook with each member named in `edits` changed by its function (of the member's
    text), and the `extra` members added."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in edits:
                content = edits[info.filename](content.decode()).encode()
            book.writestr(info, content)
        for name, content in (extra or {}).items():
            book.writestr(zipfile.ZipInfo(name, CREATED.timetuple()[:6]), content)
    return out.getvalue()


def cells(replacements: dict[str, str], prefix: str = "") -> dict[str, Callable[[str], str]]:
    """An edit of the first sheet: each cell named is replaced by the given `<c>` XML, and
    `prefix` is put before its first row."""
    def edit(sheet: str) -> str:
        for ref, xml in replacements.items():
            sheet = re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml.replace("\\", "\\\\"), sheet, count=1)
        return sheet.replace("<sheetData>", "<sheetData>" + prefix)
    return {"xl/worksheets/sheet1.xml": edit}


def strict(xml: str) -> str:
    """A part in strict Open XML: the namespaces and relationship types of ISO/IEC 29500 strict."""
    return xml.replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                       "http://purl.oclc.org/ooxml/spreadsheetml/main").replace(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships")


def generated() -> dict[str, bytes]:
    """Relative path under the drop folder -> the file's bytes."""
    police, training = "police_incidents/wmp_2019-", "training_attendance/wst_2019-"
    incident = csv_text(POLICE, INCIDENT)
    long_title = [*BOOKING[:2], "Working Together " + "x" * 10_000, *BOOKING[3:]]
    return {
        f"{police}04_nul-bytes.csv": incident.replace("WMP1001", "WMP\x001001").encode(),
        f"{police}04_bom.csv": b"\xef\xbb\xbf" + incident.encode(),
        f"{police}04_cr-line-ends.csv": incident.replace("\r\n", "\r").encode(),
        f"{police}04_long-id.csv": csv_text(POLICE, ["I" * 10_000, *INCIDENT[1:]], INCIDENT).encode(),
        f"{police}04_workbook-named-csv.csv": workbook([POLICE, INCIDENT]),
        "s42_enquiries/cwc-asc_2019-04_utf16.csv": (S42 + ENQUIRY.format(n=1)).encode("utf-16"),
        "s42_enquiries/cwc-asc_2019-04_not-windows-1252.csv": (S42 + ENQUIRY.format(n=1)).encode() + b"EQ\x81\r\n",
        "s42_enquiries/cwc-asc_2019-04_mixed-encoding.csv": (S42 + ENQUIRY.format(n="\u00e91")).encode()
        + ENQUIRY.format(n=2).replace("P1001", "P\xe91").encode("latin-1"),
        f"{training}04_windows-1252.csv": csv_text(
            TRAINING, [*BOOKING[:2], "Adults \u2013 Level 2 (\u00a35 lunch)", *BOOKING[3:]],
            [*BOOKING[:-1], "\u00a350"]).replace("BK1001", "BK1002", 1).encode("cp1252"),
        f"{training}04_long-title.csv": csv_text(TRAINING, long_title).encode(),
        f"{police}05_several-sheets.xlsx": workbook([POLICE, INCIDENT], sheets=3),
        f"{police}05_merged-header.xlsx": workbook([POLICE, INCIDENT], merge=("A1:B1", "incident_id")),
        f"{police}05_merged-data.xlsx": workbook([POLICE, INCIDENT, ["I1002", None, None, "15", "N", "N"]],
                                                 merge=("A3:C3", "I1002")),
        f"{police}05_excel-dates.xlsx": workbook([POLICE, *[[f"I{n}", day, *INCIDENT[2:]] for n, day in (
            (1, datetime(2019, 5, 5)), (2, datetime(2019, 5, 5, 10, 30)), (3, "05/31/2019"),
            (4, datetime(2030, 1, 1)), (5, "31/05/2019"))]]),
        f"{police}05_zip-bomb.xlsx": zip_bomb(300 << 20),
        f"{police}05_cell-bomb.xlsx": cell_bomb(2_000_000),
        f"{police}05_shared-string-bomb.xlsx": shared_string_bomb(999_000, 6_000),
        f"{police}05_understated-size.xlsx": understated(workbook([POLICE, *[INCIDENT] * 2_000])),
        f"{police}05_unknown-encoding.xlsx": sheet_xml(b'<?xml version="1.0" encoding="UTF08"?>'),
        f"{police}05_entity-expansion.xlsx": sheet_xml(
            b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'),
        f"{police}05_old-excel.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        **hostile_workbooks(),
        "cp_plans/cwc-cs_2019-05_not-at-a1.xlsx": workbook([["child_id"], ["C1001"]], at=(2, 1)),
        "cp_plans/cwc-cs_2019-05_excel-error.xlsx": workbook(
            [[*CP, "notes"], PLAN, ["C1002", *PLAN[1:]]],
            errors=[("L3", "=1/0", "#DIV/0!"), ("M2", "=NA()", "#N/A")]),
        "adult_concerns/cwc-asc_2019-05_empty-sheet.xlsx": workbook([]),
        "population/ons_2021-06_header-only.xlsx": workbook([["mid_year", "age_from", "age_to", "population"]]),
        **names_and_identifiers(),
        f"{training}05_formulas-and-long-text.xlsx": workbook([
            TRAINING, [*BOOKING[:2], "=HYPERLINK(\"http://example.invalid\")", *BOOKING[3:]],
            ["BK1002", "+WT02", "@SUM(A1)", "2019-05-16", "F2F", 30, "-CWC", "DNA", None],
            ["BK1003", "WT01", "x" * 10_000, "2019-05-16", "ONLINE", "1e3", "CWC", "ATTENDED", None]]),
    }


def hostile_workbooks() -> dict[str, bytes]:
    """Workbooks whose cells or index once misled the reader: saved without calculated values,
    a hidden first sheet, long numbers, dates by serial, broken references."""
    police, cp = "police_incidents/wmp_2019-", "cp_plans/cwc-cs_2019-"
    dated = workbook([POLICE, [INCIDENT[0], datetime(2019, 5, 5), *INCIDENT[2:]],
                      ["I1002", datetime(2019, 5, 6), *INCIDENT[2:]]])
    every_sheet_part = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                        "xl/sharedStrings.xml", "xl/styles.xml")
    return {
        f"{police}06_hidden-first-sheet.xlsx": edited(workbook([POLICE, INCIDENT], sheets=2), {
            "xl/workbook.xml": lambda xml: xml.replace('sheetId="1"', 'sheetId="1" state="hidden"')}),
        f"{police}06_formulas-not-calculated.xlsx": edited(dated, cells({
            "D2": '<c r="D2"><f>12+2</f></c>', "D3": '<c r="D3"><f>12+3</f><v>15</v></c>'})),
        f"{police}06_bad-shared-text.xlsx": edited(dated, cells({"A3": '<c r="A3" t="s"><v>-1</v></c>'})),
        f"{police}06_empty-first-row.xlsx": edited(workbook([POLICE, INCIDENT], at=(1, 0)), cells(
            {}, prefix='<row r="1"><c r="A1" t="str"><f>""</f><v></v></c></row>')),
        f"{police}06_cell-given-twice.xlsx": edited(dated, cells(
            {"A3": '<c r="A3"><v>1003</v></c><c r="A3"><v>1004</v></c>'})),
        f"{police}06_long-numbers.xlsx": edited(dated, cells({
            "A2": '<c r="A2"><v>123456789012345678</v></c>', "D2": '<c r="D2"><v>14.0</v></c>',
            "A3": '<c r="A3"><v>1.2345678901234568E+17</v></c>'})),
        f"{police}06_serial-dates.xlsx": edited(dated, cells({"B3": '<c r="B3" s="1"><v>60</v></c>'})),
        f"{police}07_date-1904.xlsx": edited(dated, {
            "xl/workbook.xml": lambda xml: xml.replace("<workbookPr ", '<workbookPr date1904="1" '),
            **cells({"B2": '<c r="B2" s="1"><v>42128</v></c>', "B3": '<c r="B3" s="1"><v>42128.5</v></c>'})}),
        f"{police}07_error-text.xlsx": edited(dated, cells({"D2": '<c r="D2" t="e"><v>Jane Smith</v></c>'})),
        f"{police}07_strict-open-xml.xlsx": edited(dated, {part: strict for part in every_sheet_part}),
        f"{police}07_macros-and-links.xlsx": edited(dated, {}, extra={
            "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not run", "xl/externalLinks/externalLink1.xml":
            b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'}),
        f"{police}07_shared-text-count.xlsx": edited(dated, {"xl/sharedStrings.xml": lambda xml: re.sub(
            r'count="\d+" uniqueCount="\d+"', 'count="99999999999" uniqueCount="99999999999"', xml)}),
        f"{cp}06_counts-from-a-spreadsheet.xlsx": edited(workbook([CP, PLAN, ["C1002", *PLAN[1:]]]), cells({
            "L2": '<c r="L2"><v>3.0</v></c>', "L3": '<c r="L3"><v>1E+20</v></c>'})),
    }


#: Identifiers a partner's system might send that must not become some other person's, nor a
#: second pseudonym of one person: each is quarantined (`format`).
INVISIBLE_IDS = ["WMPı1", "straße1", "WMP1\u200b", "\ufeffWMP1", "WMP\u00ad1", "WMP1\u2028", "WMP\u00a01",
                 "WMP１", "\u212a1", "WMP\u202e1"]


def names_and_identifiers() -> dict[str, bytes]:
    """Names that are not what they seem (other digits, control and invisible characters) and
    identifiers outside the alphabet."""
    incident = csv_text(POLICE, INCIDENT).encode()
    ids = [[f"I{n}", INCIDENT[1], value, *INCIDENT[3:]] for n, value in enumerate(INVISIBLE_IDS, start=2)]
    merging = [["c\u01311001", *PLAN[1:]], ["stra\u00dfe1", *PLAN[1:]], ["CI1001", *PLAN[1:]]]
    return {
        "police_incidents/wmp_\uff12\uff10\uff11\uff19-04.csv": incident,
        "police_incidents/wmp_2019-\u0660\u0664.csv": incident,
        "police_incidents/wmp_2019-04.csv\n": incident,
        "police_incidents/wmp_2019-04_\x1b[2J.csv": incident,
        "police_incidents/wmp_2019-04_v2\u202e.csv": incident,
        "police_incidents/wmp_2019-04_invisible-ids.csv": csv_text(POLICE, INCIDENT, *ids).encode(),
        "cp_plans/cwc-cs_2019-05_merging-ids.csv": csv_text(CP, *[[c or "" for c in row] for row in merging]).encode(),
    }


def write_generated(drop: Path) -> list[str]:
    """Write the generated files under `drop`; return their paths relative to it."""
    files = generated()
    for relative, data in files.items():
        path = drop / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return sorted(files)


if __name__ == "__main__":
    for name in write_generated(Path(sys.argv[1])):
        print(name)
