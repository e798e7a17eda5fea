"""What a partner file is once sniffed: its shape (`FileShape`), the file ready to be parsed (`PartnerFile`), the error.

Fields of `FileShape` beyond the original ones (all optional, backward compatible):
- `period`: the (start, end) a title line states ("Période : du 02/06/2025 au 13/07/2025"), or None;
- `dated`: False when no column of the header reads as a date (the ingest layer then applies the
  manager's period, or `period`);
- `weeks`: indexes of columns holding weeks (a Monday or a range): their cells are 7-day periods;
- `months`: indexes of columns holding months ("Mois", "Month"): a day in one stands for its whole month;
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

import csv
import re
from bisect import bisect_right
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from connectors import ConnectorError
from connectors.partner_file import settings

Progress = Callable[[float, str], None]
SOURCE = "file"
_PLAIN_COMMA = re.compile(r"-?\d+(,\d+)?")
_PLAIN_POINT = re.compile(r"-?\d+(\.\d+)?")
# cells that mean "no value" (the CSV reader's na_values; case as partners write them)
NULL_TEXTS = ("", "-", "--", "—", "–", "n/a", "N/A", "NA", "na", "nc", "NC", "n.c.", "nan", "NaN", "null", "NULL", "None",
              "(not set)", "s/o")


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
    months: set[int] = field(default_factory=set)   # columns holding months (01/06/2025 is June)
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
