"""Numbers, percentages, money and dates written the way a French (or English) reader expects, by Babel; a missing figure is "—"."""
from __future__ import annotations

import functools
import math
import re
import sys
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import (
    NumberFormatError,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    parse_decimal,
)

MISSING = "—"
NARROW_NBSP = "\u202f"
MINUS = "\u2212"
PARIS = ZoneInfo("Europe/Paris")
LOCALES = {"fr": Locale.parse("fr_FR"), "en": Locale.parse("en_GB")}
# CLDR puts a narrow no-break space between French digit groups but a wide one before "%" and "€": French typography
# (and every French string of the catalogues) uses the narrow one throughout, so one character is searched and wrapped.
_WIDE_NBSP = "\u00a0"
_DIGITS = re.compile(r"#,##0(\.[0#]+)?")


def _pandas():
    """pandas when something loaded it, else None: only then can its NA, NaT or Timestamp reach here, and this
    module never loads it itself (the command line's `report` starts without it)."""
    return sys.modules.get("pandas")


def is_missing(value) -> bool:
    """None, NaN, pandas' NA and NaT: a figure or date nobody gave."""
    pd = _pandas()
    if value is None or (pd is not None and (value is pd.NA or value is pd.NaT)):
        return True
    try:
        return math.isnan(value)
    except TypeError:
        return False


def text(value) -> str:
    """A value as a person reads it, "—" when nobody gave it (None, NaN, NA, NaT, or blank text)."""
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return MISSING
    return str(value)


def _absent(value) -> bool:
    """Missing, or not a finite number (an infinite ratio is a division by zero, not a figure)."""
    if is_missing(value):
        return True
    try:
        return not math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def plain(value):
    """A DataFrame cell as a plain Python value: missing → None, Timestamp → date, numpy scalar → number."""
    if is_missing(value):
        return None
    pd = _pandas()
    if pd is not None and isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def _locale(lang: str) -> Locale:
    return LOCALES["en" if lang == "en" else "fr"]


@functools.cache
def month_names(lang: str) -> tuple[str, ...]:
    """The twelve months' names in a language, read from CLDR when first asked for (not at import: a command that
    shows no month, such as `report --json`, does not pay for them)."""
    names = get_month_names("wide", locale=LOCALES["en" if lang == "en" else "fr"])
    return tuple(names[m] for m in range(1, 13))


def _pattern(base: str, decimals: int) -> str:
    """The locale's own pattern (grouping, symbol place) with exactly `decimals` digits after the separator."""
    return _DIGITS.sub("#,##0" + ("." + "0" * decimals if decimals > 0 else ""), base, count=1)


def _finish(text: str, lang: str) -> str:
    text = text.replace(_WIDE_NBSP, NARROW_NBSP)
    # "-0,0": a tiny negative rounded to nothing has no sign
    return text.lstrip("-") if not re.search(r"[1-9]", text) else text


def _rounded(value: float, decimals: int) -> float:
    """Halves rounded away from zero as a reader does, on the decimal digits shown (Babel would round to even)."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return float(exact)


def number(value, lang: str = "fr", decimals: int = 0) -> str:
    """2104350 → "2 104 350" (fr, narrow no-break spaces) or "2,104,350" (en)."""
    if _absent(value):
        return MISSING
    locale = _locale(lang)
    text = format_decimal(_rounded(float(value), decimals), _pattern(locale.decimal_formats[None].pattern, decimals),
                          locale=locale)
    return _finish(text, lang)


def percent(value, lang: str = "fr", decimals: int = 1) -> str:
    """A 0–1 fraction as a percentage: 0.1401 → "14,0 %" (fr) or "14.0%" (en)."""
    if _absent(value):
        return MISSING
    locale = _locale(lang)
    text = format_percent(_rounded(100 * float(value), decimals) / 100,
                          _pattern(locale.percent_formats[None].pattern, decimals), locale=locale)
    return _finish(text, lang)


def money(value, lang: str = "fr", decimals: int = 0) -> str:
    """Euros: 0.42 with 2 decimals → "0,42 €" (fr) or "€0.42" (en)."""
    if _absent(value):
        return MISSING
    locale = _locale(lang)
    text = format_currency(_rounded(float(value), decimals), "EUR",
                           _pattern(locale.currency_formats["standard"].pattern, decimals), locale=locale,
                           currency_digits=False)
    return _finish(text, lang)


def compact(value, lang: str = "fr", decimals: int | None = None) -> str:
    """2 104 350 → "2,1 M"; 294 870 → "295 k"; 1,2 milliard → "1,2 Md"; below a thousand and from a trillion in full.

    Millions and billions keep one decimal under 100 (a French reader expects "3,5 M", not "4 M"), thousands none;
    `decimals` forces the number of decimals where the space allows more ("3,53 M")."""
    if _absent(value):
        return MISSING
    value = float(value)
    if abs(value) < 999.5 or abs(value) >= 999.5e9:    # in full below a thousand, and past the milliards
        return number(value, lang)
    for _ in range(2):   # a second pass when rounding carries into the next unit: 999 950 → "1 M", not "1000 k"
        exponent = max(1, int(math.log10(abs(value)) // 3))
        scaled = abs(value) / 10 ** (3 * exponent)
        digits = decimals if decimals is not None else (1 if exponent >= 2 and scaled < 99.95 else 0)
        rounded = math.copysign(_rounded(scaled, digits), value)
        if abs(rounded) < 1000 or exponent == 3:
            break
        value = rounded * 10 ** (3 * exponent)
    text = format_compact_decimal(rounded * 10 ** (3 * exponent), locale=_locale(lang), fraction_digits=digits)
    if digits and not re.search(r"[.,]\d", text):    # Babel drops a trailing ",0": "2 M" is said "2,0 M" beside "2,1 M"
        text = re.sub(r"(\d)(?=\D*$)", r"\1" + ("," if lang != "en" else ".") + "0" * digits, text, count=1)
    return _finish(text, lang)


def delta(current, previous) -> float | None:
    """Relative change against the previous period; None when there is nothing to compare with."""
    if _absent(current) or _absent(previous) or float(previous) == 0:
        return None
    return float(current) / float(previous) - 1


def signed_percent(value, lang: str = "fr", decimals: int = 0) -> str | None:
    """A change of a volume: 0.51 → "+51 %", −0.25 → "−25 %"; None when there is no change to state."""
    if _absent(value):
        return None
    text = percent(abs(value), lang, decimals)
    return ("+" if _rounded(float(value) * 100, decimals) >= 0 else MINUS) + text


def points(value, lang: str = "fr", decimals: int = 1) -> str | None:
    """A change of a rate, in percentage points: −0.037 (a fraction) → "−3,7 pt" (fr) or "−3.7 pp" (en)."""
    if _absent(value):
        return None
    shown = _rounded(100 * float(value), decimals)
    sign = "+" if shown >= 0 else MINUS
    unit = "pp" if lang == "en" else "pt"
    return f"{sign}{number(abs(shown), lang, decimals)}{NARROW_NBSP}{unit}"


def parse_number(text, lang: str = "fr") -> float | None:
    """A number typed by a person ("1 234,5", "−3,7", "12,5 %") → 1234.5; None when it is blank or not a number."""
    if not isinstance(text, str):
        return None if _absent(text) else float(text)
    if not text.strip():
        return None
    cleaned = str(text).strip().replace(MINUS, "-").replace("%", "").replace("€", "").strip()
    try:
        value = float(parse_decimal(cleaned, locale=_locale(lang), strict=False))
    except (NumberFormatError, ValueError):
        return None
    return value if math.isfinite(value) else None


def day(value, lang: str = "fr") -> str:
    """12 May 2025 → "12 mai 2025" (fr, "1er" on the first) or "12 May 2025" (en)."""
    if is_missing(value):
        return MISSING
    value = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if lang != "en" and value.day == 1:
        return "1er " + format_date(value, "MMMM y", locale=_locale(lang))
    return format_date(value, "d MMMM y", locale=_locale(lang))


def period(start, end, lang: str = "fr") -> str:
    if is_missing(start) or is_missing(end):
        return MISSING
    return (f"du {day(start, lang)} au {day(end, lang)}" if lang != "en" else f"{day(start, lang)} – {day(end, lang)}")


def compact_precise(value, lang: str = "fr") -> str:
    """A large count in little space, 3 significant decimals: 3 528 812 -> "3,53 M"; under a million in full."""
    if is_missing(value):
        return MISSING
    value = float(value)
    for threshold, suffix in ((1e9, "Md" if lang == "fr" else "bn"), (1e6, "M")):
        if abs(value) >= threshold:
            scaled = value / threshold
            text = number(scaled, lang, 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0)
            return f"{text}{NARROW_NBSP}{suffix}" if lang == "fr" else f"{text}{suffix}"
    return number(value, lang)


def cell(value, lang: str = "fr") -> str:
    """Any table cell as a reader's text: empty -> "—", yes/no, dates as 30/11/2026, numbers grouped ("221,1")."""
    if is_missing(value):
        return MISSING
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()                                   # numpy scalars
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")
    if isinstance(value, datetime):                            # pandas' Timestamp is one too
        moment = value
        if moment.tzinfo is not None:
            moment = moment.astimezone(PARIS)
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
        text = number(value, lang, 1 if abs(value) >= 100 else 2)
        return text.rstrip("0").rstrip("," if lang == "fr" else ".")     # 221,10 -> 221,1
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v, lang) for v in value) or MISSING
    text = str(value).strip()
    return text or MISSING
