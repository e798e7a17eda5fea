"""Text files (CSV/TSV/TXT in any encoding and delimiter): encoding, separator and header sniffed from the head.

A large file is only sniffed from its head, then copied to UTF-8 when needed (or hashed in place) for
DuckDB's `read_csv`; a small one is read whole into a grid of cells and shaped like a sheet.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from connectors.partner_file import dates, formats, layout, settings
from connectors.partner_file.grids import annotate, decimal_mark, open_grid
from connectors.partner_file.shape import FileShape, PartnerFile, PartnerFileError
from resonance.i18n import t

_HASHING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="resonance-hash")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_SEP_LINE = re.compile(r"^\ufeff?sep=(.)\s*$", re.I)


def decode_head(head: bytes, file_name: str, truncated: bool) -> tuple[str, str]:
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        if odd_nuls > len(head) // 4 and even_nuls < odd_nuls // 8:
            encoding = "utf-16-le"
        elif even_nuls > len(head) // 4 and odd_nuls < even_nuls // 8:
            encoding = "utf-16-be"
        elif 0 in head:
            raise PartnerFileError(t("import.file.binary", file=file_name))
        else:
            encoding = "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        text = decoder.decode(head, final=not truncated)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise PartnerFileError(t("import.file.binary", file=file_name)) from None
        encoding = "cp1252"
        text = head.decode("cp1252", errors="replace")
    control = len(_CONTROL.findall(text))
    if control > max(3, len(text) // 200):
        raise PartnerFileError(t("import.file.binary", file=file_name))
    return encoding, text.lstrip("\ufeff")


def _split(lines: list[str], separator: str) -> list[list[str]]:
    return list(csv.reader(lines, delimiter=separator, quotechar='"'))


def _separator(lines: list[str]) -> str:
    best, best_score = ";", (-1, -1)
    for separator in settings.SEPARATORS:
        counts = Counter(len(row) for row in _split(lines, separator) if len(row) > 1 and any(c.strip() for c in row))
        if not counts:
            continue
        width, frequency = max(counts.items(), key=lambda item: (item[1], item[0]))
        score = (frequency, width)
        if score > best_score:
            best, best_score = separator, score
    return best


def _cells(row) -> list[str | None]:
    return [None if c is None or str(c).strip() == "" else str(c).strip() for c in row]


def _shape_rows(rows: list[list[str | None]], press: bool) -> tuple[int, list[str], list[str], list[list]]:
    found = layout.shape(rows, press)
    sample = [rows[i] for i in found.body]
    return found.header, found.headers, found.titles, sample


def open_csv(source, path, file_name, size, encoding, text, progress, press) -> PartnerFile:
    lines = text.splitlines()[: settings.HEAD_LINES]
    if size > settings.HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]             # the last line of the head may be cut in the middle
    separator = _separator(lines)
    physical = [_cells(row) for row in _split(lines, separator)]
    # csv.reader yields [] for blank lines; keep them so that indexes stay physical line numbers
    if any(layout.shape(physical, press).groups) and size <= settings.GROUPED_TEXT_BYTES:
        # column groups over a repeated header: unpivoted, which needs the whole file in hand
        data = source if path is None else path.read_bytes()
        return open_small_text(data, file_name, encoding, press)
    header, headers, titles, sample = _shape_rows(physical, press)
    if not headers:
        raise PartnerFileError(t("import.file.empty", file=file_name))
    shape = FileShape(kind="csv", encoding=encoding.replace("-le", "").replace("-be", "") if "16" in encoding else encoding,
                      separator=separator, header_line=header, headers=headers, title_lines=titles, sample=sample[:200])
    numbers = [c for row in sample[:200] for c in row]
    shape.decimal = decimal_mark(numbers, separator)
    shape.period = dates.find_period(titles)
    annotate(shape)
    partner_file = PartnerFile(file_name=file_name, digest="", size=size, shape=shape)
    _copy_as_utf8(source, path, encoding, partner_file, progress)
    return partner_file


def _copy_as_utf8(source, path, encoding, partner_file: PartnerFile, progress) -> None:
    """Hash the file, find its blank lines and, unless it is UTF-8 on disk already, write it out as UTF-8."""
    digest = hashlib.sha256()
    needs_copy = path is None or encoding not in ("utf-8", "utf-8-sig")
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace") if encoding not in ("utf-8", "utf-8-sig") else None
    target = None
    if needs_copy:
        handle, name = tempfile.mkstemp(prefix="resonance-import-", suffix=".csv")
        os.close(handle)
        target = open(name, "wb")  # noqa: SIM115 - closed below
        partner_file.csv_path = partner_file._owned = Path(name)
    else:
        # A UTF-8 file on disk is read in place by DuckDB: hash it meanwhile (hashlib releases the GIL).
        partner_file.csv_path = path
        partner_file.digest = _HASHING.submit(_hash_file, path)
        if progress:
            progress(1.0, "read")
        return
    done = 0
    try:
        with (open(path, "rb") if path else io.BytesIO(source)) as stream:
            while chunk := stream.read(settings.CHUNK_BYTES):
                digest.update(chunk)
                done += len(chunk)
                if target is not None:
                    target.write(chunk if decoder is None else decoder.decode(chunk).encode("utf-8"))
                if progress:
                    progress(done / max(partner_file.size, 1), "read")
            if decoder is not None and target is not None:
                target.write(decoder.decode(b"", final=True).encode("utf-8"))
    finally:
        if target is not None:
            target.close()
    partner_file.digest = digest.hexdigest()


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(settings.CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _decode_all(data: bytes, encoding: str) -> tuple[str, str]:
    """The whole text in the encoding the head suggested: UTF-8/16, else Windows-1252, else what charset-normalizer finds."""
    if encoding in ("utf-8", "utf-8-sig"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            encoding = "cp1252"
    if encoding == "cp1252":
        # French text is Windows-1252 far more often than anything else: when every byte is defined there,
        # it is taken (the detector's guesses on a short file are often another single-byte code page)
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data[: settings.HEAD_BYTES]).best()
            encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace"), encoding


def open_small_text(data: bytes, file_name: str, encoding: str, press: bool) -> PartnerFile:
    text, encoding = _decode_all(data, encoding)
    text = text.lstrip("\ufeff")
    first, _, rest = text.partition("\n")
    declared = _SEP_LINE.match(first.rstrip("\r"))
    if declared:            # Excel's "sep=," first line: the separator, said by the file
        separator = declared.group(1)
        text = "\n" + rest
    else:
        lines = [line for line in text.splitlines()[: settings.HEAD_LINES] if not line.startswith("#")]
        separator = _separator(lines)
    rows, lines = formats.text_grid(text, separator)
    if not any(any(row) for row in rows):
        raise PartnerFileError(t("import.file.empty", file=file_name))
    label = encoding.replace("-le", "").replace("-be", "") if "16" in encoding else encoding
    return open_grid(rows, lines, file_name, data, "csv", press=press, encoding=label, separator=separator)
