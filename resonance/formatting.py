"""Numbers, percentages and dates written the way a French (or English) reader expects; a missing figure is "—"."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd

MISSING = "—"
NARROW_NBSP = "\u202f"
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}


def is_missing(value) -> bool:
    """None, NaN, pandas' NA and NaT: a figure or date nobody gave."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return math.isnan(value)
    except TypeError:
        return False


def plain(value):
    """A DataFrame cell as a plain Python value: missing → None, Timestamp → date, numpy scalar → number."""
    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def _group(value: float, decimals: int, lang: str) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def number(value, lang: str = "fr", decimals: int = 0) -> str:
    return MISSING if is_missing(value) else _group(float(value), decimals, lang)


def percent(value, lang: str = "fr", decimals: int = 1) -> str:
    """A 0–1 fraction as a percentage: 0.1401 -> "14,0 %"."""
    if is_missing(value):
        return MISSING
    text = _group(100 * float(value), decimals, lang)
    return f"{text}{NARROW_NBSP}%" if lang == "fr" else f"{text}%"


def money(value, lang: str = "fr", decimals: int = 0) -> str:
    if is_missing(value):
        return MISSING
    text = _group(float(value), decimals, lang)
    return f"{text}{NARROW_NBSP}€" if lang == "fr" else f"€{text}"


def compact(value, lang: str = "fr") -> str:
    """2 104 350 -> "2,1 M"; 294 870 -> "295 k"; small numbers in full."""
    if is_missing(value):
        return MISSING
    value = float(value)
    for threshold, suffix in ((1e9, "Md" if lang == "fr" else "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= threshold:
            scaled = value / threshold
            decimals = 1 if abs(scaled) < 100 and suffix != "k" else 0
            text = _group(scaled, decimals, lang)
            return f"{text}{NARROW_NBSP}{suffix}" if lang == "fr" else f"{text}{suffix}"
    return number(value, lang)


def delta(current, previous) -> float | None:
    """Relative change against the previous period; None when there is nothing to compare with."""
    if is_missing(current) or is_missing(previous) or float(previous) == 0:
        return None
    return float(current) / float(previous) - 1


def signed_percent(value, lang: str = "fr", decimals: int = 0) -> str | None:
    if value is None:
        return None
    sign = "+" if value >= 0 else "−"
    return sign + percent(abs(value), lang, decimals)


def day(value, lang: str = "fr") -> str:
    if is_missing(value) or value is None:
        return MISSING
    value = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    month = MONTHS[lang][value.month - 1]
    first = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    return f"{first} {month} {value.year}"


def period(start, end, lang: str = "fr") -> str:
    if is_missing(start) or is_missing(end):
        return MISSING
    return (f"du {day(start, lang)} au {day(end, lang)}" if lang == "fr" else f"{day(start, lang)} – {day(end, lang)}")


def compact_precise(value, lang: str = "fr") -> str:
    """A large count in little space, 3 significant decimals: 3 528 812 -> "3,53 M"; under a million in full."""
    if is_missing(value):
        return MISSING
    value = float(value)
    for threshold, suffix in ((1e9, "Md" if lang == "fr" else "bn"), (1e6, "M")):
        if abs(value) >= threshold:
            scaled = value / threshold
            text = _group(scaled, 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0, lang)
            return f"{text}{NARROW_NBSP}{suffix}" if lang == "fr" else f"{text}{suffix}"
    return number(value, lang)


def cell(value, lang: str = "fr") -> str:
    """Any table cell as a reader's text: empty -> "—", yes/no, dates as 30/11/2026, numbers grouped ("221,1")."""
    from datetime import datetime

    if is_missing(value):
        return MISSING
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()                                   # numpy scalars
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")
    if isinstance(value, (pd.Timestamp, datetime)):
        moment = pd.Timestamp(value)
        if moment.tzinfo is not None:
            moment = moment.tz_convert("Europe/Paris")
        if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
            return moment.strftime("%d/%m/%Y")
        return moment.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return number(value, lang)
    if isinstance(value, float):
        if value.is_integer():
            return number(value, lang)
        text = _group(value, 1 if abs(value) >= 100 else 2, lang)
        return text.rstrip("0").rstrip("," if lang == "fr" else ".")     # 221,10 -> 221,1
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v, lang) for v in value) or MISSING
    text = str(value).strip()
    return text or MISSING
