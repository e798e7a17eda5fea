"""Opening a partner file: what it is (CSV, spreadsheet, PDF, feed), its encoding, separator, title lines and header.

A large text file (over `settings.SMALL_TEXT_BYTES`) is only sniffed from its head in Python, then
handed to DuckDB's `read_csv` with explicit options (after being copied to UTF-8 when it is UTF-16 or
Windows-1252), so that a file of 200 MB is never held in memory. Anything smaller — text files in any
encoding and delimiter (quoted cells with line breaks included), `.xlsx`/`.xls`/`.ods` sheets, PDF
reports with tables, RSS/Atom feeds saved as files — is read whole into a grid of text cells and
shaped by `layout` (title lines, one- or two-row header, column groups unpivoted, notes below the table).
A scanned PDF (no text layer) is refused as a picture, to be added to the deployment pictures.

Fields of `FileShape` beyond the original ones (all optional, backward compatible):
- `period`: the (start, end) a title line states ("Période : du 02/06/2025 au 13/07/2025"), or None;
- `dated`: False when no column of the header reads as a date (the ingest layer then applies the
  manager's period, or `period`);
- `weeks`: indexes of columns holding weeks (a Monday or a range): their cells are 7-day periods;
- `scales`: {column index: factor} from the vocabulary's unit hints ("Contacts (000)" -> 1000);
- `notes`: single-cell lines found among or below the rows ("44 retombées"), never read as rows;
- `checks`: {metric header: bool} whether a TOTAL column group equals the sum of the other groups, and
  `rows`: whether a note below the table ("44 retombées") states the number of rows read;
- `platform`: the platform a strong signature recognised (see `mapping.detect_preset`), editable;
- `totals_rows`: total rows the reader itself left out ({line, text, agrees: {header: bool}, values:
  {header: number}}: whether each figure equals the sum of the rows above it, and the figures, where
  reports state GRP, coverage or frequency) — those whose word sits in a column the engine does not read (`Contenu`), or
  named "All ad sets" and adding up; the others are still recognised by the ingest layer's engine.
- `candidates`: columns with figures the engine does not add up, proposed as partner-defined metrics or
  figures as reported, with label, unit, scale, HT/TTC, additive, PESO and AMEC stage (`mapping.candidates`);
- `hints`: {column index: the vocabulary line its header matched — metric, unit, scale, money_note
  (`HT`/`TTC`, to record with a spend), channel, peso, amec_stage, additive, platform};
`PartnerFile.row_lines` gives each data row's line (text), row (sheet), page (PDF) or item (feed).
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
import tempfile
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from connectors import ConnectorError
from connectors.partner_file import dates, formats, layout, mapping, settings, vocabulary
from connectors.partner_file.mapping import entry_of
from resonance.i18n import t

Progress = Callable[[float, str], None]
SOURCE = "file"
_HASHING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="resonance-hash")

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
    (b"BM", None), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
)
_PLAIN_COMMA = re.compile(r"-?\d+(,\d+)?")
_PLAIN_POINT = re.compile(r"-?\d+(\.\d+)?")
# cells that mean "no value" (the CSV reader's na_values; case as partners write them)
NULL_TEXTS = ("", "-", "--", "—", "–", "n/a", "N/A", "NA", "na", "nc", "NC", "n.c.", "nan", "NaN", "null", "NULL", "None",
              "(not set)", "s/o")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_DATE_LIKE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.*")
_EXCEL_NAMES = (".xlsx", ".xlsm", ".xls", ".ods")


class PartnerFileError(ConnectorError):
    """A file that cannot be read as a report; the message names the file and says what to do."""

    def __init__(self, message: str):
        super().__init__(SOURCE, message)


@dataclass
class FileShape:
    """What sniffing found out; shown to the manager ("UTF-16, tabulations, 4 lignes de titre")."""

    kind: str                              # csv | excel
    encoding: str | None = None            # as found in the file (utf-8, utf-8-sig, utf-16, cp1252)
    separator: str | None = None
    header_line: int = 0                   # 0-based index of the header among the physical lines / sheet rows
    headers: list[str] = field(default_factory=list)
    title_lines: list[str] = field(default_factory=list)
    sample: list[list[str | None]] = field(default_factory=list)   # first data rows, as text
    decimal: str = ","
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    period: tuple[date, date] | None = None
    dated: bool = True
    weeks: set[int] = field(default_factory=set)
    scales: dict[int, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)
    platform: str | None = None
    totals_rows: list[dict] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)
    hints: dict[int, dict] = field(default_factory=dict)


@dataclass
class PartnerFile:
    """A file ready to be parsed: a UTF-8 CSV on disk for DuckDB, or the rows of a sheet."""

    file_name: str
    digest: str | Future
    size: int
    shape: FileShape
    csv_path: Path | None = None
    rows: pd.DataFrame | None = None       # spreadsheet rows below the header, as text, columns c0..cn
    # physical lines (0-based) that are blank, which DuckDB skips: found only when a line number is needed
    blank_lines: list[int] | None = None
    row_lines: list[int] | None = None     # the line of each data row, for files read whole
    _owned: Path | None = None

    @property
    def sha256(self) -> str:
        """The file's SHA-256 (computed alongside the parsing when DuckDB reads the file in place)."""
        if isinstance(self.digest, Future):
            self.digest = self.digest.result()
        return self.digest

    @property
    def width(self) -> int:
        return len(self.shape.headers)

    def columns(self) -> list[str]:
        return [f"c{i}" for i in range(self.width)]

    def line_of(self, data_row: int) -> int:
        """The line (1-based, as an editor or a spreadsheet shows it) of the n-th data row (1-based)."""
        if self.row_lines is not None:
            return self.row_lines[data_row - 1] if 0 < data_row <= len(self.row_lines) else data_row
        if self.blank_lines is None:
            self.blank_lines = find_blank_lines(self.csv_path)
        first = self.shape.header_line + 1          # 0-based physical line of the first data row
        line = first + data_row - 1
        # each blank line at or before the target pushes it one further down
        while True:
            shift = bisect_right(self.blank_lines, line) - bisect_right(self.blank_lines, first - 1)
            candidate = first + data_row - 1 + shift
            if candidate == line:
                return line + 1
            line = candidate

    def relation(self, con, numbers: set[int] | None = None):
        """The data rows as a DuckDB relation of columns c0..cn in file order: text, or DOUBLE for `numbers`.

        Columns read as numbers are parsed by DuckDB's CSV reader itself (as fast as it gets); a row
        with a cell it cannot read there is left out of the relation and recorded in the table
        `rs_rejects` (line, column, the line's text), to be read again as text by the caller.
        """
        names = self.columns()
        if self.rows is not None:
            return con.from_df(self.rows[names])
        numbers = numbers or set()
        options = {"na_values": list(NULL_TEXTS)}       # "--" is no value, in text columns as in numbers
        if numbers:
            options |= {"decimal": self.shape.decimal, "ignore_errors": True, "store_rejects": True,
                        "rejects_table": "rs_rejects", "rejects_scan": "rs_scans"}
        return con.read_csv(
            str(self.csv_path), header=False, skiprows=self.shape.header_line + 1, sep=self.shape.separator,
            quotechar='"', escapechar='"', auto_detect=False, null_padding=True, strict_mode=False, encoding="utf-8",
            columns={n: "DOUBLE" if i in numbers else "VARCHAR" for i, n in enumerate(names)}, **options,
        )

    def plain_numbers(self, indexes) -> set[int]:
        """Columns whose sampled cells are all plain numbers in the file's decimal mark (no spaces, no %)."""
        if self.rows is not None:
            return set()
        plain = _PLAIN_COMMA if self.shape.decimal == "," else _PLAIN_POINT
        found = set()
        for index in indexes:
            cells = [row[index] for row in self.shape.sample if index < len(row) and row[index] is not None]
            cells = [c for c in cells if c.strip().lower() not in NULL_TEXTS]
            if cells and all(plain.fullmatch(c) for c in cells):
                found.add(index)
        return found

    def split_lines(self, lines: list[str]) -> list[list[str | None]]:
        """Lines of the file (as DuckDB rejected them) cut into cells, padded to the header's width."""
        rows = []
        for cells in csv.reader([line.strip("\r\n") for line in lines], delimiter=self.shape.separator, quotechar='"'):
            cells = [None if c in NULL_TEXTS else c for c in cells[: self.width]]
            rows.append(cells + [None] * (self.width - len(cells)))
        return rows

    def close(self) -> None:
        if self._owned is not None:
            self._owned.unlink(missing_ok=True)
            self._owned = None


# -- entry point ------------------------------------------------------------------------------------
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
        return _open_grid(rows, lines, file_name, data, "pdf", press=press)
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
        return _open_excel(data, file_name, sheet, press)
    if formats.is_feed(head, file_name):
        data = source if path is None else path.read_bytes()
        try:
            rows, lines = formats.feed_grid(data, file_name)
        except ValueError as error:
            raise PartnerFileError(str(error)) from error
        return _open_grid(rows, lines, file_name, data, "feed", press=True)
    encoding, text = _decode_head(head, file_name, size > len(head))
    if size <= settings.SMALL_TEXT_BYTES:
        data = source if path is None else path.read_bytes()
        return _open_small_text(data, file_name, encoding, press)
    return _open_csv(source, path, file_name, size, encoding, text, progress, press)


# -- text files -----------------------------------------------------------------------------------------
def _decode_head(head: bytes, file_name: str, truncated: bool) -> tuple[str, str]:
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


def _find_header(rows: list[list[str | None]], press: bool) -> int:
    """The header is the row (among the first ones) most of whose cells are known column names."""
    return layout.find_header(rows, press)


def decimal_mark(values, separator: str | None) -> str:
    """"," or "." as the decimal mark, from the numbers of the file (1 234,5 · 1,234.5 · 12,5 % · 0.0235)."""
    votes = Counter()
    for raw in values:
        if raw is None:
            continue
        value = re.sub(r"[\s\u00a0\u202f%€$]", "", str(raw))
        if _DATE_LIKE.fullmatch(value):
            continue
        if not re.fullmatch(r"[-+]?[\d.,]*\d[\d.,]*", value):
            continue
        if "," in value and "." in value:
            votes["," if value.rfind(",") > value.rfind(".") else "."] += 1
        elif "," in value and not re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", value):
            votes[","] += 1
        elif "." in value and not re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", value):
            votes["."] += 1
    if votes:
        return max(votes, key=votes.get)
    return "." if separator in (",", None) else ","


def _shape_rows(rows: list[list[str | None]], press: bool) -> tuple[int, list[str], list[str], list[list]]:
    found = layout.shape(rows, press)
    sample = [rows[i] for i in found.body]
    return found.header, found.headers, found.titles, sample


def _open_csv(source, path, file_name, size, encoding, text, progress, press) -> PartnerFile:
    lines = text.splitlines()[: settings.HEAD_LINES]
    if size > settings.HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]             # the last line of the head may be cut in the middle
    separator = _separator(lines)
    physical = [_cells(row) for row in _split(lines, separator)]
    # csv.reader yields [] for blank lines; keep them so that indexes stay physical line numbers
    if any(layout.shape(physical, press).groups) and size <= settings.GROUPED_TEXT_BYTES:
        # column groups over a repeated header: unpivoted, which needs the whole file in hand
        data = source if path is None else path.read_bytes()
        return _open_small_text(data, file_name, encoding, press)
    header, headers, titles, sample = _shape_rows(physical, press)
    if not headers:
        raise PartnerFileError(t("import.file.empty", file=file_name))
    shape = FileShape(kind="csv", encoding=encoding.replace("-le", "").replace("-be", "") if "16" in encoding else encoding,
                      separator=separator, header_line=header, headers=headers, title_lines=titles, sample=sample[:200])
    numbers = [c for row in sample[:200] for c in row]
    shape.decimal = decimal_mark(numbers, separator)
    shape.period = dates.find_period(titles)
    _annotate(shape)
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


def find_blank_lines(path: Path) -> list[int]:
    """The blank lines of a UTF-8 file (0-based), read again in chunks: only needed to name rejected rows."""
    blank: list[int] = []
    lines = 0
    previous_end = b"\n"
    with open(path, "rb") as stream:
        while chunk := stream.read(settings.CHUNK_BYTES):
            lines = _note_blank_lines(previous_end + chunk, lines, blank)
            previous_end = chunk[-1:]
    return blank


def _note_blank_lines(block: bytes, lines_before: int, blank: list[int]) -> int:
    """Count the lines of a block (preceded by the previous block's last byte) and note the blank ones."""
    for pattern in (b"\n\n", b"\n\r\n"):
        start = block.find(pattern)
        while start != -1:
            blank.append(lines_before + block.count(b"\n", 1, start + 1))
            start = block.find(pattern, start + 1)
    blank.sort()
    return lines_before + block.count(b"\n", 1)


# -- spreadsheets -------------------------------------------------------------------------------------
def _cell_text(value, decimal: str = ".") -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", decimal)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return None if text in NULL_TEXTS else text


def _open_excel(data: bytes, file_name: str, sheet: str | None, press: bool) -> PartnerFile:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = list(book.sheet_names)
        chosen = sheet or sheets[0]
        if chosen not in sheets:
            raise PartnerFileError(t("import.file.no_sheet", file=file_name, sheet=chosen, sheets=", ".join(sheets)))
        raw = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
        if sheet is None and len(sheets) > 1 and _known_names(raw) < 2:
            # a cover or notes sheet first: the report is the first sheet whose header the vocabulary knows
            for other in sheets[1:]:
                rows = book.get_sheet_by_name(other).to_python(skip_empty_area=False)
                if _known_names(rows) >= 2:
                    chosen, raw = other, rows
                    break
    except PartnerFileError:
        raise
    except Exception as error:       # calamine raises its own errors for anything that is not a workbook
        raise PartnerFileError(t("import.file.not_excel", file=file_name)) from error
    texts = [str(v) for row in raw for v in row if isinstance(v, str)]
    decimal = decimal_mark(texts, None) if texts else "."
    physical = [[_cell_text(v, decimal) for v in row] for row in raw]
    if not any(any(row) for row in physical):
        raise PartnerFileError(t("import.file.empty", file=file_name))
    return _open_grid(physical, list(range(1, len(physical) + 1)), file_name, data, "excel", press=press,
                      sheet=chosen, sheets=sheets, decimal=decimal)


def _known_names(raw) -> int:
    """How many cells of a sheet's best header row the vocabulary knows."""
    rows = [[str(v).strip() if isinstance(v, str) and v.strip() else None for v in row] for row in raw[:30]]
    return max((sum(1 for c in row if c and entry_of(c) is not None) for row in rows), default=0)


# -- files read whole -----------------------------------------------------------------------------------
_SEP_LINE = re.compile(r"^\ufeff?sep=(.)\s*$", re.I)


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


def _open_small_text(data: bytes, file_name: str, encoding: str, press: bool) -> PartnerFile:
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
    return _open_grid(rows, lines, file_name, data, "csv", press=press, encoding=label, separator=separator)


def _open_grid(rows, lines: list[int], file_name: str, data: bytes, kind: str, *, press: bool,
               encoding: str | None = None, separator: str | None = None, sheet: str | None = None,
               sheets: list[str] | None = None, decimal: str | None = None) -> PartnerFile:
    """A grid of text cells shaped by `layout`, ready for the same parsing as any file."""
    found = layout.shape(rows, press)
    if not found.headers:
        raise PartnerFileError(t("import.file.empty", file=file_name))
    headers = found.headers
    body = [rows[i] for i in found.body]
    body_lines = [lines[i] for i in found.body]
    checks = {}
    if any(found.groups):
        unpivoted = layout.unpivot(found, rows, lines, t("reader.column.platform"))
        if unpivoted is not None:
            headers, body, body_lines, checks = unpivoted
    width = len(headers)
    body, body_lines, totals = _left_out_totals(headers, body, body_lines, press)
    counted = layout.note_counts(found)
    if counted:                  # "44 retombées" below a press table: the partner's own count of its rows
        checks["rows"] = len(body) in counted
    frame = pd.DataFrame([(list(row) + [None] * width)[:width] for row in body],
                         columns=[f"c{i}" for i in range(width)], dtype="object")
    if decimal is None:
        decimal = decimal_mark([c for row in body[:200] for c in row], separator)
    shape = FileShape(kind=kind, encoding=encoding, separator=separator, header_line=found.header, headers=headers,
                      title_lines=found.titles, sample=[list(r) for r in body[:200]], decimal=decimal, sheet=sheet,
                      sheets=sheets or [], period=found.period, notes=[n for _, n in found.notes], checks=checks,
                      totals_rows=totals)
    _annotate(shape)
    return PartnerFile(file_name=file_name, digest=hashlib.sha256(data).hexdigest(), size=len(data), shape=shape,
                       rows=frame, blank_lines=[], row_lines=body_lines)


def _left_out_totals(headers, body, body_lines, press: bool):
    """Total rows the engine would not recognise (the word in a column without a role, "All ad sets"), left out."""

    if press or not body:
        return body, body_lines, []
    proposed, _ = mapping.propose(headers, preset=mapping.detect_preset(headers), sample=body[:200])
    watched = {i for i, h in enumerate(headers) if proposed.get(h) in
               ("date", "period_start", "period_end", "campaign", "partner", "platform", "label")}
    found = layout.total_rows(body, list(range(len(body))), len(headers), watched)
    if not found:
        return body, body_lines, []
    dropped = {i for i, _, _, _ in found}
    totals = [{"line": body_lines[i], "text": text, "agrees": {headers[c]: ok for c, ok in agrees.items()},
               "values": {headers[c]: value for c, value in figures.items()}} for i, text, agrees, figures in found]
    return ([r for i, r in enumerate(body) if i not in dropped], [n for i, n in enumerate(body_lines) if i not in dropped],
            totals)


def _annotate(shape: FileShape) -> None:
    """What the vocabulary says of the columns (weeks, scales) and whether any column holds dates."""

    shape.platform = mapping.detect_preset(shape.headers)
    roles = {}
    for index, header in enumerate(shape.headers):
        entry = entry_of(header, shape.platform) if header else None
        if entry is None:
            continue
        roles[index] = entry.metric
        shape.hints[index] = {"metric": entry.metric, "unit": entry.unit, "scale": entry.scale,
                              "money_note": entry.money_note, "channel": entry.channel, "peso": entry.peso,
                              "amec_stage": entry.amec_stage, "additive": entry.additive,
                              "platform": entry.platform or None}
        if entry.metric == "week":
            shape.weeks.add(index)
        if entry.scale and entry.scale != 1:
            shape.scales[index] = entry.scale
    proposed, _ = mapping.propose(shape.headers, preset=shape.platform, sample=shape.sample)
    shape.candidates = mapping.candidates(shape.headers, shape.sample, preset=shape.platform, mapping=proposed)
    shape.dated = any(r in ("date", "period_start", "period_end") for r in proposed.values())
    for index, header in enumerate(shape.headers):
        if proposed.get(header) == "date" and index not in shape.weeks and header and \
                vocabulary.header_key(header).startswith(("semaine", "week", "sem ")):
            shape.weeks.add(index)


def candidate_figures(partner_file: PartnerFile) -> list[dict]:
    """The shape's candidates with their figure for the whole file (`value`), for files read whole.

    A partner-defined metric that adds up is the sum of its column (scaled: "Contacts (000)" × 1000),
    total and sub-total rows left out; a figure as reported is the one a total row states, else the
    only row's, else None (several rows of a de-duplicated figure do not add up: the manager decides).
    """
    shape = partner_file.shape
    if partner_file.rows is None:
        return [dict(c, value=None) for c in shape.candidates]
    frame = partner_file.rows
    text_columns = [c for c in frame.columns if frame[c].map(
        lambda v: isinstance(v, str) and not layout._FIGURE.fullmatch(v)).any()]
    is_total = frame[text_columns].apply(lambda row: any(mapping.is_total_text(v) for v in row if isinstance(v, str)),
                                         axis=1) if text_columns else pd.Series(False, index=frame.index)
    kept = frame[~is_total]
    found = []
    for candidate in shape.candidates:
        column = f"c{candidate['index']}"
        values = [_figure(v, shape.decimal) for v in kept[column]] if column in kept else []
        values = [v for v in values if v is not None]
        value = None
        if candidate["additive"]:
            value = sum(values) * candidate["scale"] if values else None
        else:
            stated = [r["values"].get(candidate["header"]) for r in shape.totals_rows if candidate["header"] in r["values"]]
            stated += [_figure(v, shape.decimal) for v in frame.loc[is_total, column]] if column in frame else []
            stated = [v for v in stated if v is not None]
            value = stated[0] * candidate["scale"] if stated else (values[0] * candidate["scale"] if len(values) == 1
                                                                     else None)
        found.append(dict(candidate, value=value))
    return found


def _figure(text, decimal: str) -> float | None:
    if text is None:
        return None
    cleaned = re.sub(r"[\s\u00a0\u202f%€$]", "", str(text))
    if cleaned.lower() in NULL_TEXTS or not cleaned:
        return None
    cleaned = cleaned.replace(".", "").replace(",", ".") if decimal == "," else cleaned.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None
