"""Workbooks built part by part with zipfile, for the tests of the XLSX reader: every byte of
the sheet, the shared strings, the styles and the workbook index is the test's choice, so a
test can write what Excel writes, what another program writes, or what an attacker writes.

    book('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings=["child_id"])
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
WORKSHEET = f"{RELS}/worksheet"
# cellXfs 0: General; 1: a date (built-in format 14); 2: a custom date format; 3: text (@)
STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
          'formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>'
          '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
          '<xf numFmtId="49" applyNumberFormat="1"/></cellXfs></styleSheet>')


def cell(ref: str, value, kind: str | None = None, style: int | None = None) -> str:
    """One `<c>`: a str is written as an inline string unless `kind` says otherwise."""
    attrs = f' r="{ref}"' + (f' s="{style}"' if style is not None else "")
    if kind is None and isinstance(value, str):
        return f'<c{attrs} t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c{attrs}{f" t={chr(34)}{kind}{chr(34)}" if kind else ""}><v>{escape(str(value))}</v></c>'


def grid(*lines: list) -> str:
    """Rows from row 1, column A, as `<row>` elements of inline strings and numbers."""
    out = []
    for r, values in enumerate(lines, start=1):
        cells = "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(values) if v is not None)
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def sheet_xml(rows_xml: str, *, before: str = "", after: str = "", namespace: str = MAIN) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{namespace}" '
            f'xmlns:r="{RELS}">{before}<sheetData>{rows_xml}</sheetData>{after}</worksheet>')


def strings_xml(strings: list[str], namespace: str = MAIN) -> str:
    items = "".join(s if s.startswith("<si>") else f"<si><t>{escape(s)}</t></si>" for s in strings)
    return f'<sst xmlns="{namespace}" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'


def book(rows_xml: str = "", *, strings: list[str] | None = None, sheets: list[tuple] | None = None,
         styles: str | None = STYLES, workbook_pr: str = "", parts: dict[str, str | bytes] | None = None,
         sheet: str | None = None, targets: dict[str, tuple] | None = None) -> bytes:
    """A workbook. `sheets`: (name, state, target) for each sheet in order (state '' for
    visible); the first sheet's XML is `sheet` or `sheet_xml(rows_xml)`; `parts` adds or
    replaces members; `targets` replaces relationships (id -> (type, target[, mode]))."""
    sheets = sheets or [("Data", "", "worksheets/sheet1.xml")]
    entries = "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"'
                      f'{f" state={chr(34)}{state}{chr(34)}" if state else ""}/>'
                      for n, (name, state, _) in enumerate(sheets, start=1))
    rels = targets or {f"rId{n}": (WORKSHEET, target) for n, (_, _, target) in enumerate(sheets, start=1)}
    if targets is None and strings is not None:
        rels["rIdS"] = (f"{RELS}/sharedStrings", "sharedStrings.xml")
    if targets is None and styles is not None:
        rels["rIdT"] = (f"{RELS}/styles", "styles.xml")
    members = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
        f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">{workbook_pr}<sheets>{entries}'
        '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PACKAGE}">' + "".join(
            f'<Relationship Id="{rid}" Type="{kind}" Target="{escape(target)}"'
            + (f' TargetMode="{mode[0]}"' if mode else "") + "/>"
            for rid, (kind, target, *mode) in rels.items()) + "</Relationships>",
    }
    for n, (_, _, target) in enumerate(sheets, start=1):
        members[f"xl/{target}"] = sheet if (sheet is not None and n == 1) else sheet_xml(
            rows_xml if n == 1 else grid(["other"], ["sheet"]))
    if strings is not None:
        members["xl/sharedStrings.xml"] = strings_xml(strings)
    if styles is not None:
        members["xl/styles.xml"] = styles
    members.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()
