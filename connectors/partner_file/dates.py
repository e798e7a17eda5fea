"""Dates as partners write them: 31/12/2025, 2025-12-31, 31.12.25, "1er juin 2025", "Jun 02, 2025 10:00 am", "juin 2025", ranges."""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
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
# a month column's cell ("Mois de 01/06/2025", "Month of Jun 1, 2025"): the whole month that day falls in
_MONTH = re.compile(r"^(mois|month)\b\s*(de|du|d'|of)?\s*:?\s*(?=\S)", re.I)


def _span(text: str) -> re.Match | None:
    """The "semaine du " / "mois de " the engine writes before a week or month column's cells."""
    return _WEEK.match(text) or _MONTH.match(text)


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
    month = _MONTH.match(text)
    if month:
        return month_of(parse_one(text[month.end():], dayfirst))
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


def numeric_tokens(line) -> list[str]:
    """The numeric dates in a line of text ("Report End: 6/13/2025, 11:59 PM" → ["6/13/2025"])."""
    return _NUMERIC_TOKEN.findall(str(line or ""))


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


def monthly(periods) -> bool:
    """Days on the 1st of two months or more and on no other day (01/06/2025, 01/07/2025): a monthly file, whose
    tool wrote each month as its first day."""
    found = [p for p in periods if p is not None]
    return len({p[0] for p in found}) >= 2 and all(p[0] == p[1] and p[0].day == 1 for p in found)


def month_of(period: Period | None) -> Period | None:
    """A month column's cell: a single day stands for its whole month (01/06/2025 is June); a range stays."""
    if period is None or period[0] != period[1]:
        return period
    day = period[0]
    return date(day.year, day.month, 1), date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def week_of(period: Period | None) -> Period | None:
    """A week column's cell: a single day is the first of 7 days; a range stays as it is."""
    if period is None or period[0] != period[1]:
        return period
    return period[0], date.fromordinal(period[0].toordinal() + 6)


# -- day/month or month/day: chosen by evidence ------------------------------------------------------------
ORDERS = ("dmy", "mdy")
# words of English and French headers and title lines: a US tool (LinkedIn, Google Ads en-US) writes 6/2/2026
_ENGLISH = {"start", "end", "day", "week", "month", "spent", "spend", "amount", "name", "account", "group", "reporting",
            "cost", "views", "report", "generated", "utc", "average", "starts", "ends", "campaign", "clicks"}
_FRENCH = {"debut", "fin", "jour", "semaine", "mois", "depense", "depenses", "montant", "nom", "compte", "groupe",
           "campagne", "cout", "vues", "periode", "rapport", "genere", "moyen", "couverture", "annonce", "diffusion",
           "clics", "affichages", "visites", "envois", "ouvertures"}
# British English writes the day first (02/06/2025): its currency and its spellings outweigh the English words
_BRITISH = {"gbp", "colour", "colours", "organisation", "organisations", "optimisation", "optimised", "programme",
            "centre", "favourite", "favourites", "behaviour", "analysed", "utilisation", "licence", "catalogue",
            "personalised", "visualisation", "enquiries", "enquiry"}
_US_TIME = re.compile(r"\d{1,2}:\d{2}\s*[ap]\.?m\b", re.I)
_US_LONG = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s*\d{4}\b", re.I)


@dataclass(frozen=True)
class Reading:
    """How a file's numeric dates are read: day first or month first, why, and whether the other order would differ."""

    dayfirst: bool
    because: str          # values | conflict | campaign | title | language | series | default | manager
    ambiguous: bool       # both orders read every numeric date and disagree on at least one
    example: str | None = None   # a text the two orders read differently, to show the manager

    @property
    def order(self) -> str:
        return "dmy" if self.dayfirst else "mdy"

    @property
    def weak(self) -> bool:
        return self.because in ("conflict", "language", "series", "default")


def as_written(text: str) -> str:
    """A cell as the file writes it: without the "semaine du " / "mois de " the engine puts before its cells."""
    span = _span(text)
    return text[span.end():] if span else text


def _numeric(texts) -> list[tuple[str, int, int]]:
    found = []
    for text in texts:
        text = str(text).strip()
        match = _NUMERIC.match(as_written(text))
        if match:
            found.append((text, int(match.group(1)), int(match.group(2))))
        else:                       # a range "02/06/2025 - 08/06/2025": each end
            parts = [p for p in _RANGE.split(text) if p and p.strip()]
            if len(parts) == 2:
                found += [(text, a, b) for _, a, b in _numeric(parts)]
    return found


def _dates(texts, dayfirst: bool) -> list[Period]:
    return [p for p in (parse_one(t, dayfirst) for t in texts) if p is not None]


def _inside(periods: list[Period], within: Period) -> tuple[int, int]:
    """Rows wholly inside a period, then rows touching it (a range "6/1 - 6/7" read 1 June - 7 July overlaps June)."""
    wholly = sum(1 for start, end in periods if start >= within[0] and end <= within[1])
    return wholly, sum(1 for start, end in periods if end >= within[0] and start <= within[1])


def _by_period(texts, within: Period | None) -> bool | None:
    """The order that puts the rows inside a period (the campaign's, the title's) when the other puts them out."""
    if within is None:
        return None
    day, month = _dates(texts, True), _dates(texts, False)
    inside_day, inside_month = _inside(day, within), _inside(month, within)
    if inside_day == inside_month:
        return None
    best, best_count, total = (True, inside_day[1], len(day)) if inside_day > inside_month \
        else (False, inside_month[1], len(month))
    return best if 2 * best_count >= total else None


def tool_order(lines) -> bool | None:
    """What headers and title lines say of the tool: US English (month first), French or British English (day
    first), or nothing. A British mark (£, GBP, "programme") outweighs English words, not a US-only date or time."""
    english = french = 0
    british = us_only = False
    for line in lines:
        text = str(line or "")
        if _US_TIME.search(text) or _US_LONG.search(text):      # "6/14/2025, 9:12 AM", "Jun 1, 2026 - Jun 30, 2026"
            english += 2
            us_only = True
        british |= "£" in text                                   # "Amount spent (£)"
        for token in re.split(r"[^a-z]+", _plain(text)):
            english += token in _ENGLISH
            french += token in _FRENCH
            british |= token in _BRITISH
        for _, first, second in _numeric(numeric_tokens(text)):   # "Report End: 6/13/2025"
            english += 3 * (second > 12 >= first)
            french += 3 * (first > 12 >= second)
            us_only |= second > 12 >= first
    if british and not us_only:
        return True
    if english > french and english >= 2:
        return False
    if french > english and french >= 1:
        return True
    return None


def _cost(periods: list[Period]) -> float | None:
    """How loose a series is, in days between rows: consecutive days, weeks on one weekday, months on the 1st cost 1."""
    starts = sorted({p[0] for p in periods})
    if len(starts) < 2:
        return None
    steps = [(b - a).days for a, b in zip(starts, starts[1:], strict=False)]
    months = [(b.year - a.year) * 12 + b.month - a.month for a, b in zip(starts, starts[1:], strict=False)]
    if all(d.day == 1 for d in starts) and all(m == 1 for m in months):
        return 1.0                                  # 01/06, 01/07, 01/08: a monthly file, read day first
    if len(set(steps)) == 1:
        return 1.0 if steps[0] in (1, 7) else float(steps[0])
    return 2.0 * sorted(steps)[len(steps) // 2]     # irregular: its median step, doubled


def _by_series(texts) -> bool | None:
    day, month = _cost(_dates(texts, True)), _cost(_dates(texts, False))
    if day is None or month is None or max(day, month) < 2 * min(day, month):
        return None
    return day < month


def choose_order(texts, *, campaign: Period | None = None, title: Period | None = None, lines=(),
                 chosen: str | None = None) -> Reading:
    """Day or month first, by evidence in this order: a value only one order reads (13+), the campaign's dates,
    the period a title line states, the language of headers and title lines, the tighter series; else day first."""
    distinct = [t for t in dict.fromkeys(str(t).strip() for t in texts if t is not None) if t]
    numeric = _numeric(distinct)
    # sorted by their numbers, so the example shown is the same whatever order the rows came in (6/2 before 6/3)
    differ = [text for a, b, text in sorted((a, b, text) for text, a, b in numeric if a != b and a <= 12 and b <= 12)]
    day_only = sum(1 for _, a, b in numeric if a > 12 >= b)
    month_only = sum(1 for _, a, b in numeric if b > 12 >= a)
    ambiguous = bool(differ) and not (day_only or month_only)
    example = differ[0] if differ else (numeric[0][0] if numeric else None)
    if chosen in ORDERS:
        return Reading(chosen == "dmy", "manager", bool(differ) or bool(day_only and month_only), example)
    if day_only or month_only:
        if day_only and month_only:     # 13/06 and 6/13 in one column: the larger share, and the manager decides
            first = day_only >= month_only
            example = next(text for text, a, b in numeric if (a > 12 >= b) == first and max(a, b) > 12)
            return Reading(first, "conflict", True, example)
        return Reading(bool(day_only), "values", False, example)
    if not ambiguous:
        return Reading(True, "values", False, None)
    for because, verdict in (("campaign", lambda: _by_period(distinct, campaign)),
                             ("title", lambda: _by_period(distinct, title)),
                             ("language", lambda: tool_order(lines)),
                             ("series", lambda: _by_series(distinct))):
        found = verdict()
        if found is not None:
            return Reading(found, because, True, example)
    return Reading(True, "default", True, example)
