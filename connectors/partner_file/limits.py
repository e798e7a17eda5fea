"""Cheap checks of a partner file before anything parses it: a workbook's declared sizes, dimensions and rows, a CSV's lines.

They read the zip's directory and stream each sheet's XML through zlib in chunks (a few MB of
memory whatever the file says), so a 2 KB workbook declaring a cell at XFD1048576, or a 2 MB zip
that unpacks to gigabytes, is refused in French before a reader tries to allocate it. They are
the first line only: the file is then parsed in a process with a memory and time limit
(`resonance.ingest.sandbox`), which catches what a lying file hides from them.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from connectors.partner_file.reader import PartnerFileError
from resonance import formatting as fmt
from resonance.i18n import language, t
from resonance.settings import ParseLimits, parse_limits

_CHUNK = 1 << 20
_MAX_ENTRIES = 10_000
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,4})?(\d+)?(?::([A-Z]{1,4})(\d+))?"')
_ODS_REPEATED_ROW = re.compile(rb'<table:table-row\b[^>]*table:number-rows-repeated="(\d+)"[^>]*>(.{0,2000}?)</table:table-row>',
                               re.DOTALL)
_ODS_CELL = re.compile(rb'<table:table-cell\b[^>]*>')
_ODS_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')


def column_number(letters: str) -> int:
    """A1 column letters as a number: A → 1, Z → 26, AA → 27, XFD → 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def check(source: bytes | str | Path, file_name: str, limits: ParseLimits | None = None) -> None:
    """Refuse (PartnerFileError, in French) a file whose declared or counted size exceeds the limits."""
    limits = limits or parse_limits()
    with (open(source, "rb") if isinstance(source, str | Path) else io.BytesIO(source)) as stream:
        head = stream.read(256 * 1024)
        if head.startswith(b"PK\x03\x04"):
            stream.seek(0)
            _check_zip(stream, file_name, limits)
        elif not head.startswith(b"\xd0\xcf\x11\xe0"):       # .xls is bounded by its format (65,536 × 256)
            _check_lines(head, file_name, limits)


def _refuse(key: str, file_name: str, **numbers) -> PartnerFileError:
    lang = language()
    return PartnerFileError(t(key, file=file_name, **{k: fmt.number(v, lang) for k, v in numbers.items()}))


# -- text files -------------------------------------------------------------------------------------------
def _check_lines(head: bytes, file_name: str, limits: ParseLimits) -> None:
    """A line of the head longer than the limit (one 300 KB cell) is refused; DuckDB bounds the lines further on."""
    longest = max(len(line) for line in head.split(b"\n"))   # a last line cut by the head is longer still
    if longest > limits.max_line_kb * 1024:
        raise _refuse("security.parse.line_too_long", file_name, kb=limits.max_line_kb)


# -- workbooks (XLSX, ODS) ----------------------------------------------------------------------------------
def _check_zip(stream, file_name: str, limits: ParseLimits) -> None:
    try:
        book = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        return                  # not a workbook at all: the reader says so in its own words
    with book:
        entries = book.infolist()
        if len(entries) > _MAX_ENTRIES:
            raise _refuse("security.parse.too_many_parts", file_name, parts=len(entries), limit=_MAX_ENTRIES)
        declared = sum(e.file_size for e in entries)
        if declared > limits.max_unpacked_bytes:
            raise _refuse("security.parse.unpacked_too_big", file_name, mb=declared >> 20, limit=limits.max_unpacked_mb)
        for entry in entries:
            if entry.file_size > _CHUNK and entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
                raise _refuse("security.parse.ratio", file_name, ratio=entry.file_size // max(entry.compress_size, 1),
                              limit=limits.max_ratio)
        budget = [limits.max_unpacked_bytes]
        for entry in entries:
            if _SHEET_PART.match(entry.filename):
                _check_xlsx_sheet(book, entry, file_name, limits, budget)
            elif entry.filename == "content.xml":
                _check_ods_content(book, entry, file_name, limits, budget)


def _chunks(book: zipfile.ZipFile, entry: zipfile.ZipInfo, file_name: str, limits: ParseLimits, budget: list[int]):
    """The part's bytes as they unpack, counted against what the whole workbook may unpack to (sizes can lie)."""
    try:
        with book.open(entry) as part:
            while chunk := part.read(_CHUNK):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise _refuse("security.parse.unpacked_too_big", file_name,
                                  mb=(limits.max_unpacked_bytes - budget[0]) >> 20, limit=limits.max_unpacked_mb)
                yield chunk
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return                  # damaged or encrypted: the reader refuses it in its own words


def _check_xlsx_sheet(book, entry, file_name: str, limits: ParseLimits, budget: list[int]) -> None:
    rows = 0
    tail = b""
    first = True
    for chunk in _chunks(book, entry, file_name, limits, budget):
        if first:
            _check_dimension(chunk, file_name, limits)
            first = False
        block = tail + chunk
        # `<row>` or `<row …>` (never `<rowBreaks>`); the last bytes carried over so no tag is cut in two
        rows += block.count(b"<row>") + block.count(b"<row ") - tail.count(b"<row>") - tail.count(b"<row ")
        tail = block[-6:]
        if rows > limits.max_rows:
            raise _refuse("security.parse.too_many_rows", file_name, rows=rows, limit=limits.max_rows)


def _check_dimension(head: bytes, file_name: str, limits: ParseLimits) -> None:
    """The sheet's `<dimension ref="A1:XFD1048576"/>`: what a reader will allocate, declared up front."""
    match = _DIMENSION.search(head[:64 * 1024])
    if not match:
        return
    first_col, first_row, last_col, last_row = (g.decode() if g else None for g in match.groups())
    last_col, last_row = last_col or first_col, last_row or first_row
    if not (last_col and last_row):
        return
    rows = int(last_row)
    cells = rows * column_number(last_col)
    if rows > limits.max_rows:
        raise _refuse("security.parse.too_many_rows", file_name, rows=rows, limit=limits.max_rows)
    if cells > limits.max_cells:
        raise _refuse("security.parse.too_many_cells", file_name, cells=cells, limit=limits.max_cells,
                      rows=rows, columns=column_number(last_col))


def _check_ods_content(book, entry, file_name: str, limits: ParseLimits, budget: list[int]) -> None:
    """ODS has no dimension: rows are counted, and a row repeated a million times counts only if it holds a value."""
    rows = 0
    widest = 0
    tail = b""
    for chunk in _chunks(book, entry, file_name, limits, budget):
        block = tail + chunk
        rows += block.count(b"<table:table-row ") + block.count(b"<table:table-row>")
        rows -= tail.count(b"<table:table-row ") + tail.count(b"<table:table-row>")
        for match in _ODS_REPEATED_ROW.finditer(block):
            if match.end() > len(tail) and b"office:value-type" in match.group(2):   # not counted in the last block
                rows += int(match.group(1)) - 1
        for tag in _ODS_CELL.finditer(block):         # a cell repeated across columns counts if it holds a value
            repeated = _ODS_COLUMNS_REPEATED.search(tag.group(0))
            if repeated and b"office:value-type" in tag.group(0):
                widest = max(widest, int(repeated.group(1)))
        tail = block[-2100:]
        if rows > limits.max_rows:
            raise _refuse("security.parse.too_many_rows", file_name, rows=rows, limit=limits.max_rows)
        if rows * max(widest, 1) > limits.max_cells:
            raise _refuse("security.parse.too_many_cells", file_name, cells=rows * widest, limit=limits.max_cells,
                          rows=rows, columns=widest)
