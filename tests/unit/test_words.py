"""The translation table and the way figures are written: complete in both languages, French conventions."""
from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

from resonance import formatting as fmt
from resonance.i18n import TABLE, t, using

ROOT = Path(__file__).resolve().parents[2]
NNBSP = "\u202f"


def test_every_string_has_french_and_english_with_the_same_placeholders():
    for key, (fr, en) in TABLE.items():
        assert fr.strip() and en.strip(), key
        fields_fr = {f for _, f, _, _ in string.Formatter().parse(fr) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert fields_fr == fields_en, key


def test_every_literal_key_used_in_the_code_exists():
    used = set()
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("resonance/**/*.py"), ROOT / "app.py", *ROOT.glob("connectors/**/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z][a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in TABLE)
    assert not missing, missing


def test_english_is_available_and_french_is_the_default():
    assert t("nav.campaign_review") == "Bilan de campagne"
    with using("en"):
        assert t("nav.campaign_review") == "Campaign review"
    assert t("cli.report.unknown", name="X", known="Y").startswith("Aucune campagne nommée « X »")


@pytest.mark.parametrize(("function", "value", "lang", "expected"), [
    (fmt.number, 2_104_350, "fr", f"2{NNBSP}104{NNBSP}350"),
    (fmt.number, 2_104_350, "en", "2,104,350"),
    (fmt.number, None, "fr", "—"),
    (fmt.number, float("nan"), "fr", "—"),
    (fmt.percent, 0.140124, "fr", f"14,0{NNBSP}%"),
    (fmt.percent, 0.140124, "en", "14.0%"),
    (fmt.percent, None, "en", "—"),
    (fmt.money, 1234.5, "fr", f"1{NNBSP}234{NNBSP}€"),
    (fmt.compact, 2_104_350, "fr", f"2,1{NNBSP}M"),
    (fmt.compact, 294_870, "fr", f"295{NNBSP}k"),
    (fmt.compact, 950, "en", "950"),
    (fmt.day, date(2025, 5, 1), "fr", "1er mai 2025"),
    (fmt.day, date(2025, 5, 12), "en", "12 May 2025"),
])
def test_figures_are_written_for_their_reader(function, value, lang, expected):
    assert function(value, lang) == expected


def test_deltas_against_nothing_are_not_invented():
    assert fmt.delta(120, 100) == pytest.approx(0.2)
    assert fmt.delta(120, 0) is None and fmt.delta(None, 100) is None
    assert fmt.signed_percent(-0.25, "fr") == f"−25{NNBSP}%"
