"""Dates as partners write them: 31/12/2025, 2025-12-31, 31.12.25, "1er juin 2025", "Jun 02, 2025 10:00 am", "juin 2025", ranges."""
from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from connectors.partner_file.settings import MONTH_NUMBER

_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")           # 20250603 (Google Analytics)
_TRAILING_TIME = r"(?:[ T]\D{0,3}\d{1,2}[:h]\d{2}.*|[ T]\d{1,2}\s*[ap]\.?m\.?)?"
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TRAILING_TIME + "$", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})" + _TRAILING_TIME + "$", re.I)
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?", re.I)
_RANGE = re.compile(r"\s+(?:-|–|—|au|to|a|à|jusqu'au)\s+|\s*[–—]\s*", re.I)
_WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
             "wednesday", "thursday", "friday", "saturday", "sunday", "lun", "mar", "mer", "jeu", "ven", "sam",
             "dim", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "le", "du", "the", "of", "de"}

Period = tuple[date, date]
# a week column's cell ("Semaine du 02/06/2025", "Week of Jun 2, 2025"): the 7 days from that day
_WEEK = re.compile(r"^(semaine|sem\.|week|wk)\s*(du|of|starting|commencing|from|beginning)?\s*:?\s*(?=\S)", re.I)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if 1990 <= found.year <= 2100 else None


def day_first(texts) -> bool:
    """Whether numeric dates put the day first (31/12) or the month first (12/31): French unless the file says otherwise."""
    for text in texts:
        match = _NUMERIC.match(str(text).strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12:
                return True
            if second > 12:
                return False
    return True


def parse_one(text: str, dayfirst: bool = True) -> Period | None:
    """One cell as a period: a day gives (day, day), a month gives its first and last day, a range its ends."""
    text = str(text).strip()
    if not text:
        return None
    week = _WEEK.match(text)
    if week:
        return week_of(parse_one(text[week.end():], dayfirst))
    match = _ISO.match(text) or _COMPACT.match(text)
    if match:
        found = _safe(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return (found, found) if found else None
    match = _NUMERIC.match(text)
    if match:
        a, b, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        found = _safe(year, b, a) if dayfirst else _safe(year, a, b)
        return (found, found) if found else None
    return _with_month_name(text) or _range(text, dayfirst)


def _with_month_name(text: str) -> Period | None:
    plain = _TIME.sub(" ", _plain(text))
    tokens = [t for t in re.split(r"[^a-z0-9]+", plain) if t and t not in _WEEKDAYS]
    month = year = day = None
    numbers = []
    for token in tokens:
        if token.isdigit():
            numbers.append(token)
        elif token in ("1er", "er"):
            numbers.append("1") if token == "1er" else None
        elif token.rstrip(".") in MONTH_NUMBER and month is None:
            month = MONTH_NUMBER[token.rstrip(".")]
        elif re.fullmatch(r"\d{1,2}(er|st|nd|rd|th)", token):
            numbers.append(re.match(r"\d+", token).group())
        else:
            return None
    if month is None:
        return None
    for number in numbers:
        if len(number) == 4 and year is None:
            year = int(number)
        elif day is None and len(number) <= 2 and 1 <= int(number) <= 31:
            day = int(number)
        elif year is None and len(number) == 2:
            year = _year(number)
        else:
            return None
    if year is None:
        return None
    if day is None:
        first = _safe(year, month, 1)
        return (first, date(year, month, calendar.monthrange(year, month)[1])) if first else None
    found = _safe(year, month, day)
    return (found, found) if found else None


def _range(text: str, dayfirst: bool) -> Period | None:
    parts = [p.strip() for p in _RANGE.split(text) if p and p.strip()]
    if len(parts) != 2:
        return None
    parts[0] = re.sub(r"^(du|from)\s+", "", parts[0], flags=re.I)
    end = parse_one(parts[1], dayfirst)
    if end is None:
        return None
    start = parse_one(parts[0], dayfirst)
    if start is None and parts[0].rstrip("er").isdigit():      # "du 1er au 30 juin 2025"
        start_day = _safe(end[1].year, end[1].month, int(parts[0].rstrip("er")))
        start = (start_day, start_day) if start_day else None
    if start is None and re.fullmatch(r"\s*(\d{1,2}\s+\w+\.?|\w+\.?\s+\d{1,2})\s*", _plain(parts[0])):
        start = parse_one(f"{parts[0]} {end[1].year}", dayfirst)       # "1 juin - 30 juin 2025", "Jun 2 - Jun 8, 2025"
    if start is None or start[0] > end[1]:
        return None
    return (start[0], end[1])


def parse_many(texts, dayfirst: bool | None = None) -> dict[str, Period | None]:
    """Each distinct text once (a file with a million rows has a few hundred distinct dates)."""
    distinct = [t for t in dict.fromkeys(texts) if t is not None]
    if dayfirst is None:
        dayfirst = day_first(distinct)
    return {text: parse_one(text, dayfirst) for text in distinct}


_PERIOD_WORDS = re.compile(r"^.*?\b(p[ée]riode|period|dates?|du|from|campagne|flight)\b\s*:?\s*", re.I)


_NUMERIC_TOKEN = re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b")


def find_period(lines) -> Period | None:
    """The period a title line states: "Période : du 02/06/2025 au 13/07/2025", "May 12, 2025 - September 28, 2025"."""
    for line in lines:
        text = str(line or "").strip()
        if not text:
            continue
        tokens = _NUMERIC_TOKEN.findall(text)
        if len(tokens) >= 2:          # two dates in a longer sentence ("Vague : du … au … — Source : …")
            dayfirst = day_first(tokens)
            first, second = parse_one(tokens[0], dayfirst), parse_one(tokens[1], dayfirst)
            if first and second and first[0] < second[1]:
                return first[0], second[1]
        candidates = [text, text.rsplit(":", 1)[-1], _PERIOD_WORDS.sub("", text)]
        for candidate in candidates:
            candidate = candidate.strip().strip("()[]").strip()
            if not candidate or not re.search(r"\d", candidate):
                continue
            found = _range(candidate, day_first([p for p in _RANGE.split(candidate) if p]))
            if found and found[0] < found[1]:
                return found
    return None


def week_of(period: Period | None) -> Period | None:
    """A week column's cell: a single day is the first of 7 days; a range stays as it is."""
    if period is None or period[0] != period[1]:
        return period
    return period[0], date.fromordinal(period[0].toordinal() + 6)
