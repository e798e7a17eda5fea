"""How figures are written (Babel, CLDR): French conventions with narrow no-break spaces, English, and the edge cases."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from resonance import formatting as fmt

N = "\u202f"     # narrow no-break space: French digit groups and before %, €, k, M
MINUS = "\u2212"
NAN = float("nan")
INF = float("inf")


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (2_104_350, "fr", 0, f"2{N}104{N}350"),
    (2_104_350, "en", 0, "2,104,350"),
    (0, "fr", 0, "0"),
    (0, "en", 2, "0.00"),
    (-1234.5, "fr", 1, f"-1{N}234,5"),
    (-1234.5, "fr", 0, f"-1{N}235"),            # halves away from zero, as a reader rounds
    (2.5, "fr", 0, "3"),
    (2.675, "fr", 2, "2,68"),                   # the decimal figure, not its binary neighbour 2.67499…
    (-0.001, "fr", 1, "0,0"),                   # no "-0,0"
    (1e-9, "en", 1, "0.0"),
    (1e20, "fr", 0, f"100{N}000{N}000{N}000{N}000{N}000{N}000"),
    (None, "fr", 0, "—"), (NAN, "en", 0, "—"), (pd.NA, "fr", 0, "—"), (INF, "fr", 0, "—"), (-INF, "en", 0, "—"),
])
def test_number(value, lang, decimals, expected):
    assert fmt.number(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (0.140124, "fr", 1, f"14,0{N}%"),
    (0.140124, "en", 1, "14.0%"),
    (0, "fr", 1, f"0,0{N}%"),
    (1, "fr", 0, f"100{N}%"),
    (-0.25, "fr", 0, f"-25{N}%"),
    (12.5, "fr", 0, f"1{N}250{N}%"),
    (0.00049, "en", 1, "0.0%"),
    (0.0005, "fr", 1, f"0,1{N}%"),
    (None, "en", 1, "—"), (NAN, "fr", 1, "—"),
])
def test_percent(value, lang, decimals, expected):
    assert fmt.percent(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (0.42, "fr", 2, f"0,42{N}€"),
    (0.42, "en", 2, "€0.42"),
    (1234.5, "fr", 0, f"1{N}235{N}€"),
    (1234.5, "en", 0, "€1,235"),
    (0, "fr", 0, f"0{N}€"),
    (-50, "fr", 2, f"-50,00{N}€"),
    (3_000_000_000, "en", 0, "€3,000,000,000"),
    (None, "fr", 2, "—"), (NAN, "en", 0, "—"),
])
def test_money(value, lang, decimals, expected):
    assert fmt.money(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (950, "fr", "950"),
    (0, "fr", "0"),
    (999.6, "fr", f"1{N}k"),
    (294_870, "fr", f"295{N}k"),
    (800_000, "fr", f"800{N}k"),
    (800_000, "en", "800K"),
    (999_950, "fr", f"1,0{N}M"),                # the rounding carries to the next unit, never "1000 k"
    (2_000_000, "fr", f"2,0{N}M"),              # the same decimals for every figure of a row
    (2_104_350, "fr", f"2,1{N}M"),
    (2_104_350, "en", "2.1M"),
    (3_528_800, "fr", f"3,5{N}M"),
    (123_456_789, "fr", f"123{N}M"),
    (1_200_000_000, "fr", f"1,2{N}Md"),
    (1_200_000_000, "en", "1.2B"),
    (-3_500_000, "fr", f"-3,5{N}M"),
    (2.5e15, "fr", f"2{N}500{N}000{N}000{N}000{N}000"),   # past the milliards: in full, no ambiguous "billion"
    (None, "fr", "—"), (NAN, "en", "—"),
])
def test_compact(value, lang, expected):
    assert fmt.compact(value, lang) == expected


def test_compact_with_more_decimals_where_the_space_allows():
    assert fmt.compact(3_528_800, "fr", decimals=2) == f"3,53{N}M"
    assert fmt.compact(3_528_800, "en", decimals=2) == "3.53M"


@pytest.mark.parametrize(("function", "value", "lang", "expected"), [
    (fmt.signed_percent, 0.51, "fr", f"+51{N}%"),
    (fmt.signed_percent, -0.25, "fr", f"{MINUS}25{N}%"),
    (fmt.signed_percent, 0.51, "en", "+51%"),
    (fmt.signed_percent, 0, "fr", f"+0{N}%"),
    (fmt.signed_percent, None, "fr", None),
    (fmt.signed_percent, NAN, "fr", None),
    (fmt.points, -0.037, "fr", f"{MINUS}3,7{N}pt"),
    (fmt.points, 0.037, "en", f"+3.7{N}pp"),
    (fmt.points, 0.0, "fr", f"+0,0{N}pt"),
    (fmt.points, None, "fr", None),
])
def test_changes_of_a_volume_in_percent_and_of_a_rate_in_points(function, value, lang, expected):
    assert function(value, lang) == expected


def test_deltas_against_nothing_are_not_invented():
    assert fmt.delta(120, 100) == pytest.approx(0.2)
    assert fmt.delta(120, 0) is None and fmt.delta(None, 100) is None and fmt.delta(NAN, 100) is None


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (date(2025, 5, 1), "fr", "1er mai 2025"),
    (date(2025, 5, 12), "fr", "12 mai 2025"),
    (date(2025, 5, 12), "en", "12 May 2025"),
    (pd.Timestamp("2025-08-03 14:00"), "fr", "3 août 2025"),
    ("2025-12-31", "fr", "31 décembre 2025"),
    (None, "fr", "—"), (pd.NaT, "en", "—"),
])
def test_day(value, lang, expected):
    assert fmt.day(value, lang) == expected


def test_period():
    assert fmt.period(date(2025, 5, 1), date(2025, 5, 12), "fr") == "du 1er mai 2025 au 12 mai 2025"
    assert fmt.period(date(2025, 5, 1), date(2025, 5, 12), "en") == "1 May 2025 – 12 May 2025"
    assert fmt.period(None, date(2025, 5, 12), "fr") == "—"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("1 234,5", "fr", 1234.5),
    (f"1{N}234,5", "fr", 1234.5),
    ("1\u00a0234,5", "fr", 1234.5),
    (f"{MINUS}3,7", "fr", -3.7),
    ("-3,7", "fr", -3.7),
    (f"12,5{N}%", "fr", 12.5),
    (f"50{N}000 €", "fr", 50000.0),
    ("1,234.5", "en", 1234.5),
    ("0", "fr", 0.0),
    ("", "fr", None), ("  ", "fr", None), ("abc", "fr", None), (None, "fr", None), (NAN, "fr", None),
    (42, "fr", 42.0),
])
def test_parse_number(text, lang, expected):
    assert fmt.parse_number(text, lang) == expected


def test_months_come_from_the_locale():
    assert fmt.month_names("fr")[4] == "mai" and fmt.month_names("en")[0] == "January"
    assert len(fmt.month_names("fr")) == 12 and fmt.month_names("de") == fmt.month_names("fr")   # French unless English


@pytest.mark.parametrize(("value", "expected"), [
    (None, "—"), (NAN, "—"), (pd.NA, "—"), (pd.NaT, "—"), ("", "—"), ("   ", "—"),
    ("Marie", "Marie"), (0, "0"), (False, "False"), ("—", "—"), ("nan", "nan"),   # text is shown as typed
])
def test_text_writes_a_missing_value_as_a_dash(value, expected):
    assert fmt.text(value) == expected
