"""Grids of text cells (sheets, PDF tables, feeds, small text files) shaped into a header and rows, and what the
vocabulary says of the columns (weeks, scales, hints, the partner-defined metrics it proposes).
"""
from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from datetime import date, datetime

import pandas as pd

from connectors.partner_file import layout, mapping, vocabulary
from connectors.partner_file.mapping import entry_of
from connectors.partner_file.shape import NULL_TEXTS, FileShape, PartnerFile, PartnerFileError
from resonance.i18n import t

_DATE_LIKE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.*")


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


def open_excel(data: bytes, file_name: str, sheet: str | None, press: bool) -> PartnerFile:
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
    return open_grid(physical, list(range(1, len(physical) + 1)), file_name, data, "excel", press=press,
                      sheet=chosen, sheets=sheets, decimal=decimal)


def _known_names(raw) -> int:
    """How many cells of a sheet's best header row the vocabulary knows."""
    rows = [[str(v).strip() if isinstance(v, str) and v.strip() else None for v in row] for row in raw[:30]]
    return max((sum(1 for c in row if c and entry_of(c) is not None) for row in rows), default=0)


def open_grid(rows, lines: list[int], file_name: str, data: bytes, kind: str, *, press: bool,
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
    annotate(shape)
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


def annotate(shape: FileShape) -> None:
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
        elif entry.metric == "month":
            shape.months.add(index)
        if entry.scale and entry.scale != 1:
            shape.scales[index] = entry.scale
    proposed, _ = mapping.propose(shape.headers, preset=shape.platform, sample=shape.sample)
    shape.candidates = mapping.candidates(shape.headers, shape.sample, preset=shape.platform, mapping=proposed)
    shape.dated = any(r in ("date", "period_start", "period_end") for r in proposed.values())
    for index, header in enumerate(shape.headers):
        if proposed.get(header) == "date" and index not in shape.weeks | shape.months and header:
            if vocabulary.header_key(header).startswith(("semaine", "week", "sem ")):
                shape.weeks.add(index)
            elif vocabulary.header_key(header).split()[:1] in (["mois"], ["month"]):     # "Mois de diffusion"
                shape.months.add(index)
