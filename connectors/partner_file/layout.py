"""The layout of a grid of cells: title lines, the header (one or two rows), column groups, notes below the table.

`shape(rows, press=)` finds the header row (the row most of whose cells are known column names), and
a group row right above it (`Facebook | Instagram | TOTAL` over repeated `Impressions | Clics`): each
column's name then combines both ("Facebook · Impressions"), and `unpivot` turns the groups into one row
per group with a platform column, leaving out a TOTAL group (compared with the sum of the others).
Names met twice get a number ("Clics (2)"): columns are keyed by position. Single-cell rows among
or below the data ("44 retombées", "© 2025 Microsoft") are notes, not rows. The title lines' stated
period ("Période : du 02/06/2025 au 13/07/2025") is read.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from connectors.partner_file import dates, settings
from connectors.partner_file.mapping import entry_of, role_of
from connectors.partner_file.vocabulary import is_total_text

GROUP_JOINER = " · "
_FIGURE = re.compile(r"[-+\d\s.,%€$\u00a0\u202f]+")
_COUNT_NOTE = re.compile(r"^\s*(\d[\d\s\u00a0\u202f.,]*)\s+\D+$")


@dataclass
class Layout:
    header: int                                   # index of the header row in the grid
    headers: list[str]
    titles: list[str]
    body: list[int]                               # grid indexes of the data rows
    groups: list[str | None] = field(default_factory=list)   # the group of each column (two-row headers)
    notes: list[tuple[int, str]] = field(default_factory=list)
    period: tuple | None = None


def find_header(rows, press: bool) -> int:
    """The header is the row (among the first ones) most of whose cells are known column names."""
    best, best_hits = None, 0
    for index, row in enumerate(rows[: settings.MAX_TITLE_LINES]):
        filled = [c for c in row if c]
        if len(filled) < 2:
            continue
        # a name the vocabulary knows counts, even one the engine does not add up (Faces, GRP, Contacts (000))
        hits = sum(1 for c in filled if role_of(c, press=press) is not None or (not press and entry_of(c) is not None))
        if hits > best_hits:
            best, best_hits = index, hits
    if best is not None:
        return best
    # Nothing recognised: the first row as wide as the data below it, and made of words, not figures.
    widths = Counter(sum(1 for c in row if c) for row in rows if any(row))
    width = max(widths, key=lambda w: (widths[w], w)) if widths else 0
    for index, row in enumerate(rows[: settings.MAX_TITLE_LINES]):
        filled = [c for c in row if c]
        if len(filled) >= max(2, width - 1) and not any(_FIGURE.fullmatch(c) for c in filled):
            return index
    return 0


def _groups(row, width: int) -> list[str | None]:
    """A group row's name for each column: a merged cell is written once, in its first column."""
    groups, current = [], None
    for index in range(width):
        cell = row[index] if index < len(row) else None
        if cell:
            current = cell
        groups.append(current)
    return groups


def unique(names: list[str]) -> list[str]:
    seen: Counter = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 or not name else f"{name} ({seen[name]})")
    return out


def shape(rows, press: bool = False) -> Layout:
    header = find_header(rows, press)
    headers = [h or "" for h in (rows[header] if header < len(rows) else [])]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    groups: list[str | None] = [None] * width
    first_title = header
    above = rows[header - 1] if header > 0 else None
    repeated = [h for h, n in Counter(h for h in headers if h).items() if n > 1]
    if above and repeated and sum(1 for c in above if c) >= 2 and not (above[0] if above else None):
        groups = _groups(above, width)
        first_title = header - 1
    titles = [" ".join(c for c in row if c) for row in rows[:first_title] if any(row)]
    body, notes = [], []
    for index in range(header + 1, len(rows)):
        row = rows[index]
        filled = [c for c in row[:max(width, 1)] if c]
        if not filled:
            continue
        if [c or "" for c in row[:width]] == [h or "" for h in rows[header][:width]]:
            continue            # the header again (a PDF table repeats it on each page)
        if width >= 3 and len(filled) == 1 and filled[0] == row[0] and not _FIGURE.fullmatch(filled[0]) \
                and not is_total_text(filled[0]) and (press or not dates.parse_one(filled[0])):
            notes.append((index, filled[0]))
            continue
        body.append(index)
    named = [f"{g}{GROUP_JOINER}{h}" if g and h else h for g, h in zip(groups, headers, strict=True)]
    return Layout(header=header, headers=unique(named), titles=titles, body=body, groups=groups, notes=notes,
                  period=dates.find_period(titles))


def note_counts(layout: Layout) -> list[int]:
    """Figures stated by notes below a table ("44 retombées"): the number of rows the partner counted."""
    found = []
    for _, text in layout.notes:
        match = _COUNT_NOTE.match(text)
        if match:
            digits = re.sub(r"\D", "", match.group(1))
            if digits:
                found.append(int(digits))
    return found


def unpivot(layout: Layout, rows, lines: list[int], platform_label: str):
    """Column groups turned into rows: one row per group with its name in a platform column.

    Returns (headers, rows, lines, checks): a TOTAL group is left out, and `checks` says for each of
    its columns whether it equals the sum of the same column in the other groups.
    """
    groups = layout.groups
    named = [g for g in dict.fromkeys(groups) if g]
    if not named:
        return None
    base = [h.split(GROUP_JOINER, 1)[-1] for h in layout.headers]
    fixed = [i for i, g in enumerate(groups) if not g]
    members = {g: [i for i, x in enumerate(groups) if x == g] for g in named}
    totals = [g for g in named if is_total_text(g)]
    kept = [g for g in named if g not in totals]
    if not kept:
        return None
    names = [re.sub(r" \(\d+\)$", "", base[i]) for i in members[kept[0]]]
    if any([re.sub(r" \(\d+\)$", "", base[i]) for i in members[g]] != names for g in kept):
        return None            # groups of different columns: kept side by side, as the file has them
    headers = unique([layout.headers[i] for i in fixed] + [platform_label] + names)
    out_rows, out_lines, checks = [], [], {}
    for index in layout.body:
        row = rows[index]

        def cell(i, row=row):
            return row[i] if i < len(row) else None

        for group in kept:
            out_rows.append([cell(i) for i in fixed] + [group] + [cell(i) for i in members[group]])
            out_lines.append(lines[index])
    for group in totals:
        for position, column in enumerate(members[group]):
            stated = _sum(rows[i][column] if column < len(rows[i]) else None for i in layout.body)
            parts = _sum(rows[i][members[g][position]] if members[g][position] < len(rows[i]) else None
                         for g in kept for i in layout.body)
            if stated is not None and parts is not None:
                checks[names[position]] = math.isclose(stated, parts, rel_tol=1e-6, abs_tol=0.01)
    return headers, out_rows, out_lines, checks


def _sum(cells) -> float | None:
    total, seen = 0.0, False
    for cell in cells:
        if cell is None:
            continue
        text = re.sub(r"[\s\u00a0\u202f€%]", "", str(cell))
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
        else:
            text = text.replace(",", ".")
        try:
            total += float(text)
            seen = True
        except ValueError:
            continue
    return total if seen else None


_STRICT_TOTAL = re.compile(r"^(sous[ -]?total|total|totaux|grand total|total g[ée]n[ée]ral|summary)\b", re.I)
_ALL = re.compile(r"^(all|tous|toutes|tout|ensemble des?)\b", re.I)


def _numbers(row, columns) -> dict[int, float]:
    found = {}
    for column in columns:
        value = _sum([row[column] if column < len(row) else None])
        if value is not None:
            found[column] = value
    return found


def total_rows(rows, body: list[int], width: int, watched: set[int]) -> list[tuple[int, str, dict, dict]]:
    """Rows that state a total or a sub-total, found where the engine would not see them.

    A row whose text cell in a column without a role (`watched` are the columns the engine reads as
    names or dates, where it finds totals itself) says "Total", "Sous-total"…; or a row whose name
    starts with "All"/"Tous" and whose figures equal the sum of the other rows (Spotify's "All ad sets").
    Each comes as (index, text, agrees, figures): per column index, whether its figure equals the sum of
    the rows above it (since the previous total, or all of them), and the figure itself (a TOTAL row is
    where reports state their de-duplicated figures: GRP, coverage, frequency).
    """
    text_columns = [c for c in range(width) if any(
        rows[i][c] and not _FIGURE.fullmatch(rows[i][c]) for i in body[:50] if c < len(rows[i]))]
    figure_columns = [c for c in range(width) if c not in text_columns]
    said_rows = {}
    for index in body:
        row = rows[index]
        texts = [(c, row[c]) for c in text_columns if c < len(row) and row[c]]
        said = next(((c, text) for c, text in texts if c not in watched and _STRICT_TOTAL.match(text.strip())), None)
        figures = _numbers(row, figure_columns)
        if said is None:
            named_all = next(((c, text) for c, text in texts if _ALL.match(text.strip())), None)
            if named_all is not None and figures:
                others = [i for i in body if i != index]
                sums = {c: _sum(rows[i][c] if c < len(rows[i]) else None for i in others) for c in figures}
                # de-duplicated figures (reach, frequency) do not add up: most columns must
                agreeing = sum(1 for c, v in figures.items()
                               if sums[c] is not None and math.isclose(v, sums[c], rel_tol=0.005, abs_tol=1))
                if agreeing >= max(2, (len(figures) + 1) // 2):
                    said = named_all
        if said is not None:
            said_rows[index] = (" · ".join(text for _, text in texts)[:160], figures)
    if not said_rows:
        return []
    # the sums a total may state: the rows since the previous total (a sub-total), all rows (a grand
    # total, first or last), or the rows down to the next total (a total written above its rows)
    segments, current = [], []
    for index in body:
        if index in said_rows:
            segments.append((index, current))
            current = []
        else:
            current.append(index)
    after = {}
    pending = []
    for index in body:
        if index in said_rows:
            pending.append(index)
            after[index] = []
        else:
            for waiting in pending:
                after[waiting].append(index)
        if index in said_rows and len(pending) > 1:
            pending = pending[-1:]
    plain = [i for i in body if i not in said_rows]

    def column_sum(indexes, column):
        return _sum(rows[i][column] if column < len(rows[i]) else None for i in indexes)

    found = []
    for index, above in segments:
        text, figures = said_rows[index]
        agrees = {}
        for column, value in figures.items():
            references = [column_sum(group, column) for group in (above, plain, after[index]) if group]
            agrees[column] = any(r is not None and math.isclose(value, r, rel_tol=0.005, abs_tol=0.5) for r in references)
        found.append((index, text, agrees, figures))
    return found
