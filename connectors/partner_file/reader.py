"""Opening a partner file: what it is (CSV, spreadsheet, PDF, feed), its encoding, separator, title lines and header.

A large text file (over `settings.SMALL_TEXT_BYTES`) is only sniffed from its head in Python, then
handed to DuckDB's `read_csv` with explicit options (after being copied to UTF-8 when it is UTF-16 or
Windows-1252), so that a file of 200 MB is never held in memory. Anything smaller — text files in any
encoding and delimiter (quoted cells with line breaks included), `.xlsx`/`.xls`/`.ods` sheets, PDF
reports with tables, RSS/Atom feeds saved as files — is read whole into a grid of text cells and
shaped by `layout` (title lines, one- or two-row header, column groups unpivoted, notes below the table).
A scanned PDF (no text layer) is refused as a picture, to be added to the deployment pictures.

The shape's fields are described in `shape`; text files are read by `text_files`, sheets and other grids by
`grids`, and the figures of the reader's proposals by `proposed.candidate_figures`. This module keeps the
entry point, `open_file`, and the names the rest of the project imports from here.
"""
from __future__ import annotations

import io
from pathlib import Path

from connectors.partner_file import formats, settings
from connectors.partner_file.grids import decimal_mark, open_excel, open_grid
from connectors.partner_file.proposed import candidate_figures
from connectors.partner_file.shape import (
    NULL_TEXTS,
    FileShape,
    PartnerFile,
    PartnerFileError,
    Progress,
    find_blank_lines,
)
from connectors.partner_file.text_files import decode_head, open_csv, open_small_text
from resonance.i18n import t

__all__ = ["NULL_TEXTS", "FileShape", "PartnerFile", "PartnerFileError", "Progress", "candidate_figures",
           "decimal_mark", "find_blank_lines", "open_file"]

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
    (b"BM", None), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
)
_EXCEL_NAMES = (".xlsx", ".xlsm", ".xls", ".ods")


def open_file(source: bytes | str | Path, file_name: str | None = None, *, sheet: str | None = None,
              progress: Progress | None = None, press: bool = False) -> PartnerFile:
    """Sniff a partner file (bytes from an upload, or a path for large files) and get it ready for parsing."""
    path = Path(source) if isinstance(source, str | Path) else None
    file_name = file_name or (path.name if path else "fichier")
    size = path.stat().st_size if path else len(source)
    with (open(path, "rb") if path else io.BytesIO(source)) as stream:
        head = stream.read(settings.HEAD_BYTES)
    if size == 0 or not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise PartnerFileError(t("import.file.empty", file=file_name))
    if head.startswith(b"%PDF"):
        data = source if path is None else path.read_bytes()
        try:
            rows, lines = formats.pdf_grid(data)
        except formats.ScannedPdf:
            raise PartnerFileError(t("reader.file.scanned_pdf", file=file_name)) from None
        except Exception as error:            # pdfminer raises its own errors for a damaged file
            raise PartnerFileError(t("reader.file.bad_pdf", file=file_name)) from error
        return open_grid(rows, lines, file_name, data, "pdf", press=press)
    for magic, label in _MAGIC:
        if head.startswith(magic) and label:
            raise PartnerFileError(t("import.file.picture", file=file_name, format=label))
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise PartnerFileError(t("import.file.picture", file=file_name, format="WebP"))
    is_zip = head.startswith(b"PK\x03\x04")
    is_ole = head.startswith(b"\xd0\xcf\x11\xe0")
    if file_name.lower().endswith(_EXCEL_NAMES) or is_zip or is_ole:
        if not (is_zip or is_ole):
            raise PartnerFileError(t("import.file.not_excel", file=file_name))
        data = source if path is None else path.read_bytes()
        return open_excel(data, file_name, sheet, press)
    if formats.is_feed(head, file_name):
        data = source if path is None else path.read_bytes()
        try:
            rows, lines = formats.feed_grid(data, file_name)
        except ValueError as error:
            raise PartnerFileError(str(error)) from error
        return open_grid(rows, lines, file_name, data, "feed", press=True)
    encoding, text = decode_head(head, file_name, size > len(head))
    if size <= settings.SMALL_TEXT_BYTES:
        data = source if path is None else path.read_bytes()
        return open_small_text(data, file_name, encoding, press)
    return open_csv(source, path, file_name, size, encoding, text, progress, press)
