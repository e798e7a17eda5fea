"""Hostile partner files built in a few lines: the workbooks and CSV of issue 13's findings, real-shaped, made on the fly."""
from __future__ import annotations

import io
import zipfile
import zlib

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
         ' Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
             ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
                  ' Target="worksheets/sheet1.xml"/></Relationships>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Impressions</t></is></c></row>')


def xlsx(sheet_parts, *, dimension: str | None) -> bytes:
    """A workbook whose one sheet's XML is the concatenation of `sheet_parts` (bytes), streamed into the zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for part in sheet_parts:
                sheet.write(part)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def far_cell_xlsx() -> bytes:
    """Finding 1: about 1.9 KB, one cell at XFD1048576 (the last cell a sheet can have)."""
    return xlsx([HEADER_ROW.encode(), b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'],
                dimension="A1:XFD1048576")


def huge_text_xlsx(megabytes: int = 2000, *, dimension: str | None = "A1:B2") -> bytes:
    """Finding 1: a zip bomb of about 2 MB holding one text cell of `megabytes` MB."""
    chunk = b"A" * (1 << 20)
    return xlsx([HEADER_ROW.encode(), b'<row r="2"><c r="A2" t="inlineStr"><is><t>',
                 *(chunk for _ in range(megabytes)), b"</t></is></c></row>"], dimension=dimension)


def many_rows_xlsx(rows: int = 2_000_000, *, dimension: bool = True) -> bytes:
    """Finding 1: a workbook of about 2.5 MB holding `rows` rows of one date and one figure."""
    def body():
        yield HEADER_ROW.encode()
        batch = []
        for n in range(2, rows + 2):
            # no `r` attributes (they are optional): the sheet compresses as well as the attacker's did
            batch.append(f'<row><c><v>{45800 + n // 1000}</v></c><c><v>{n * 7919 % 211}</v></c></row>')
            if len(batch) == 20_000:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode()
    return xlsx(body(), dimension=f"A1:B{rows + 1}" if dimension else None)


def one_line_csv(size: int = 300_000) -> bytes:
    """Finding 15: a CSV of one 300 KB line (Python's csv module stops at 128 KB per cell)."""
    return b"Date;Impressions;" + b"x" * size


def many_platform_csv(rows: int = 1_000_000, platforms: int = 50) -> bytes:
    """Finding 2: daily rows, one per platform, over many days: the shape that exhausted memory."""
    lines = ["Date;Plateforme;Impressions;Clics"]
    for n in range(rows):
        day = n // platforms
        lines.append(f"{1 + day % 28:02d}/{1 + (day // 28) % 12:02d}/{2000 + day // 336};P{n % platforms};{n % 1000};{n % 7}")
    return ("\n".join(lines) + "\n").encode()


def deflate_ratio(data: bytes) -> float:
    return len(data) / max(1, len(zlib.compress(data)))


_ODS_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                 '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                 '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                 '</manifest:manifest>')
_ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
             ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
             ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
             '<office:body><office:spreadsheet><table:table table:name="Rapport">')
ODS_HEADER_ROW = ('<table:table-row><table:table-cell office:value-type="string"><text:p>Date</text:p></table:table-cell>'
                  '<table:table-cell office:value-type="string"><text:p>Impressions</text:p></table:table-cell>'
                  '</table:table-row>')


def ods(rows_xml) -> bytes:
    """An OpenDocument spreadsheet whose one table holds the rows given (bytes, streamed into the zip)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                      compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        with book.open("content.xml", "w", force_zip64=True) as content:
            content.write(_ODS_HEAD.encode())
            for part in rows_xml:
                content.write(part)
            content.write(b"</table:table></office:spreadsheet></office:body></office:document-content>")
    return out.getvalue()


def ods_row(date_text: str, value: int, repeated: int = 1, columns_repeated: int = 1) -> bytes:
    rows = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    cols = f' table:number-columns-repeated="{columns_repeated}"' if columns_repeated > 1 else ""
    return (f'<table:table-row{rows}><table:table-cell office:value-type="string"><text:p>{date_text}</text:p>'
            f'</table:table-cell><table:table-cell office:value-type="float" office:value="{value}"{cols}>'
            f'<text:p>{value}</text:p></table:table-cell></table:table-row>').encode()
