"""Files that are not spreadsheets turned into a grid of text cells: small text files, PDF reports, press feeds.

Each function returns the rows of the file as lists of text cells (None for an empty cell), with the
1-based line (text), row (PDF) or item (feed) each row comes from, so the reader treats them as it
treats a sheet. A PDF without a text layer is a scan: refused, and offered as a picture for the gallery.
"""
from __future__ import annotations

import csv
import io

from connectors import ConnectorError
from connectors.press_feed import articles
from resonance.errors import ResonanceError
from resonance.i18n import t

Grid = list[list[str | None]]
FEED_SUFFIXES = (".xml", ".rss", ".atom")


class ScannedPdf(ResonanceError):
    """A PDF made of pictures only (no text to read)."""


def _cell(value) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).replace("\r", "\n").split("\n")).strip() if "\n" in str(value) else str(value).strip()
    return text or None


def text_grid(text: str, separator: str) -> tuple[Grid, list[int]]:
    """A whole text file cut into cells (quoted cells may hold line breaks), and the line each record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"')
    rows, lines = [], []
    previous = 0
    for record in reader:
        rows.append([_cell(c) for c in record])
        lines.append(previous + 1)
        previous = reader.line_num
    return rows, lines


def is_feed(head: bytes, file_name: str) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:400].lower()
    return file_name.lower().endswith(FEED_SUFFIXES) or start.startswith((b"<rss", b"<feed", b"<rdf")) or (
        start.startswith(b"<?xml") and any(tag in start for tag in (b"<rss", b"<feed", b"<rdf")))


def feed_grid(data: bytes, file_name: str) -> tuple[Grid, list[int]]:
    """An RSS/Atom feed saved as a file, read by the press-feed connector's parser: one row per article."""

    try:
        items = list(articles(data, file_name))
    except ConnectorError as error:
        raise ValueError(str(error)) from error
    header = [t("reader.feed.date"), t("reader.feed.title"), t("reader.feed.outlet"), t("reader.feed.url")]
    rows: Grid = [header]
    for item in items:
        rows.append([item["published_on"].isoformat(), item["title"], item["outlet"], item["url"]])
    return rows, list(range(1, len(rows) + 1))


def pdf_grid(data: bytes) -> tuple[Grid, list[int]]:
    """The text lines above the first table (title lines), then every table row of every page."""
    import pdfplumber

    rows: Grid = []
    lines: list[int] = []
    any_text = False
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text() or ""
            any_text = any_text or bool(text.strip())
            tables = page.extract_tables()
            if not rows and tables:
                first_cells = [c for c in tables[0][0] if c] if tables[0] else []
                for line in text.splitlines():
                    if first_cells and all(c in line for c in first_cells[:2]):
                        break
                    rows.append([line.strip()])
                    lines.append(number)
            for table in tables:
                for row in table:
                    rows.append([_cell(c) for c in row])
                    lines.append(number)
            if not tables and text.strip() and not rows:
                rows.extend([line.strip()] for line in text.splitlines())
                lines.extend([number] * len(text.splitlines()))
    if not any_text:
        raise ScannedPdf()
    return rows, lines
