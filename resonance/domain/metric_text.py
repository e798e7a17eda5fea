"""How each figure is written for people, the one place: rates as percentages, costs in euros, estimates rounded."""
from __future__ import annotations

from resonance import formatting as fmt

# Fractions between 0 and 1, written as percentages with one decimal ("14,0 %").
PERCENTS = frozenset({"ctr", "open_rate", "click_to_open", "engagement_rate", "click_through_to_site"})
# Costs per unit, in euros with cents; every other euro amount (spend, budget) in whole euros.
UNIT_COSTS = frozenset({"cpc_eur", "cost_per_visit_eur"})
# Rates per thousand or per million: one decimal, a count would hide the difference between 0,4 and 0,6.
PER_THOUSANDS = frozenset({"visits_per_1000_impressions", "press_per_million_impressions"})
# Audiences and reach are estimates summed across outlets or periods: shown rounded ("79,3 M").
ESTIMATES = frozenset({"press_audience", "reach_cumulated"})


def metric_text(key: str, value, lang: str = "fr") -> str:
    """A figure of metric or ratio `key` written for people in `lang`; "—" when it is missing."""
    if key in PERCENTS:
        return fmt.percent(value, lang, 1)
    if key.endswith("_eur") or key == "spend":
        return fmt.money(value, lang, 2 if key in UNIT_COSTS else 0)
    if key in PER_THOUSANDS:
        return fmt.number(value, lang, 1)
    if key in ESTIMATES:
        return fmt.compact(value, lang)
    return fmt.number(value, lang)
