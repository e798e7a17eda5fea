"""Every figure written by one rule (pages, deck, comparison, command line): the kind of metric decides the form."""
from __future__ import annotations

import pytest

from resonance.domain.metric_text import metric_text
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
    ("spend", 12.5, "fr", f"13{N}€"),
    ("budget_eur", 1500, "en", "€1,500"),
    ("visits_per_1000_impressions", 0.46, "fr", "0,5"),
    ("press_per_million_impressions", 12, "en", "12.0"),
    ("press_audience", 79_300_000, "fr", f"79,3{N}M"),
    ("reach_cumulated", 850, "fr", "850"),
    ("clicks", None, "fr", "—"), ("ctr", NAN, "en", "—"), ("cpc_eur", float("inf"), "fr", "—"),
    ("unknown_metric", 3.6, "fr", "4"),
])
def test_metric_text(key, value, lang, expected):
    assert metric_text(key, value, lang) == expected


def test_the_comparison_writes_figures_the_same_way():
    for ratio in comparison.RATIOS:
        assert comparison.figure_text(ratio, 0.123, "fr") == metric_text(ratio, 0.123, "fr")
    assert comparison.PERCENT_RATIOS == {"ctr", "open_rate", "click_to_open"}
