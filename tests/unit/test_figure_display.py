"""Every figure written by one rule, the figures model's (pages, deck, annex, comparison, command line)."""
from __future__ import annotations

import pytest

from resonance.domain.figures import figure_display
from resonance.services import comparison

N = "\u202f"
NAN = float("nan")


@pytest.mark.parametrize(("key", "value", "lang", "expected"), [
    ("impressions", 2_104_350, "fr", f"2{N}104{N}350"),
    ("impressions", 2_104_350, "en", "2,104,350"),
    ("ctr", 0.01234, "fr", f"1,2{N}%"),
    ("engagement_rate", 0.5, "en", "50.0%"),
    ("click_through_to_site", 0.9999, "fr", f"100,0{N}%"),
    ("cpc_eur", 0.4249, "fr", f"0,42{N}€"),
    ("cost_per_visit_eur", 1.005, "en", "€1.01"),
    ("spend_eur", 48_000.4, "fr", f"48{N}000{N}€"),
    ("clicks", None, "fr", "—"), ("ctr", NAN, "en", "—"), ("cpc_eur", float("inf"), "fr", "—"),
])
def test_a_figure_is_written_by_its_unit_and_decimals(key, value, lang, expected):
    assert figure_display(key, value, lang) == expected


def test_the_comparison_writes_figures_the_same_way():
    for ratio in comparison.RATIOS:
        assert comparison.figure_text(ratio, 0.123, "fr") == figure_display(ratio, 0.123, "fr")
