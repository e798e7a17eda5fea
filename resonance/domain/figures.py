"""The figures model: every figure a surface shows, defined once (numerator, denominator, population, unit, AMEC stage, additivity).

The SQL side is `figures(...)` in store/definitions/110_figures.sql: the same definitions, computed from sums at each
grain; tests/unit/test_figures_model.py checks that the two agree. Pages, deck, annex and command line read the
values from SQL and the units, decimals and definitions from here.
"""
from __future__ import annotations

from dataclasses import dataclass

from resonance import formatting as fmt
from resonance.domain.metrics import PESO

# Populations a figure is computed on.
EVERYTHING = "all"              # every partner, own media and day of the grain
PAIRED = "paired"               # only the rows that reported both sides (CTR pairs clicks with impressions)
PAID = "paid"                   # partnerships (and days) whose spend is known; volume paid for
KNOWN = "known"                 # partnerships whose sheet (or spend) gives the denominator and that report the volume

UNITS = ("count", "eur", "rate", "per_1000", "per_million", "times", "per_activation", "per_eur")
PESO_KINDS = PESO                # paid, earned, shared, owned (metrics.py)
PESO_VOLUMES = {"impressions": "output", "clicks": "outtake", "landing_visits": "outcome"}


@dataclass(frozen=True)
class Figure:
    key: str                     # the column every surface reads (campaign_totals, compare --json…)
    unit: str                    # count | eur | rate (a 0–1 fraction) | per_1000 | per_million
    amec: str                    # output | outtake | outcome | cost
    additive: bool = True        # adds up across days and partners (a ratio or a de-duplicated reach does not)
    numerator: str | None = None
    denominator: str | None = None
    population: str = EVERYTHING
    factor: float = 1.0
    decimals: int = 0            # decimals shown, the same on every surface
    lower_is_better: bool = False

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None

    @property
    def is_rate(self) -> bool:
        """A change of a rate is read in points, a change of anything else in %."""
        return self.unit == "rate"


# Volumes: additive sums of metric_fact (press counted from press_mention), counted, by the level they measure.
_COUNTS = {"output": ("impressions", "sends", "delivered", "press_mentions", "press_audience"),
           "outtake": ("clicks", "engagements", "video_views", "unique_opens", "email_clicks"),
           "outcome": ("landing_visits", "conversions")}

FIGURES: dict[str, Figure] = {f.key: f for f in (
    *(Figure(key, "count", level) for level, keys in _COUNTS.items() for key in keys),
    Figure("spend_eur", "eur", "cost"),
    # Kept as reported: a reach is de-duplicated by whoever measured it, so it never adds up.
    Figure("reach", "count", "output", additive=False),
    # Ratios of sums over the same population for numerator and denominator.
    Figure("ctr", "rate", "outtake", False, "clicks", "impressions", PAIRED, decimals=1),
    Figure("open_rate", "rate", "outtake", False, "unique_opens", "delivered", PAIRED, decimals=1),
    Figure("click_to_open", "rate", "outtake", False, "email_clicks", "unique_opens", PAIRED, decimals=1),
    Figure("engagement_rate", "rate", "outtake", False, "engagements", "impressions", PAIRED, decimals=1),
    Figure("click_through_to_site", "rate", "outcome", False, "landing_visits", "clicks", decimals=1),
    Figure("visits_per_1000_impressions", "per_1000", "outcome", False, "landing_visits", "impressions",
           factor=1000.0, decimals=1),
    Figure("press_per_million_impressions", "per_million", "output", False, "press_mentions", "impressions",
           factor=1_000_000.0, decimals=1),
    Figure("cpc_eur", "eur", "cost", False, "spend_eur", "clicks", PAID, decimals=2, lower_is_better=True),
    Figure("cpm_eur", "eur", "cost", False, "spend_eur", "impressions", PAID, factor=1000.0, decimals=2,
           lower_is_better=True),
    Figure("cost_per_visit_eur", "eur", "cost", False, "spend_eur", "landing_visits", PAID, decimals=2,
           lower_is_better=True),
    Figure("cost_per_conversion_eur", "eur", "cost", False, "spend_eur", "conversions", PAID, decimals=2,
           lower_is_better=True),
    # What a cost ratio covers: the share of the volume brought by paid partnerships.
    Figure("paid_clicks_share", "rate", "cost", False, "paid_clicks", "clicks", decimals=0),
    Figure("paid_impressions_share", "rate", "cost", False, "paid_impressions", "impressions", decimals=0),
    Figure("paid_visits_share", "rate", "cost", False, "paid_visits", "landing_visits", decimals=0),
    Figure("paid_conversions_share", "rate", "cost", False, "paid_conversions", "conversions", decimals=0),
    # The resonance (issue 15): what partners carried on channels the government neither owns nor buys.
    Figure("partners_share_impressions", "rate", "output", False, "impressions_shared + impressions_earned",
           "impressions"),
    Figure("partners_share_clicks", "rate", "outtake", False, "clicks_shared + clicks_earned", "clicks"),
    Figure("partners_share_visits", "rate", "outcome", False, "landing_visits_shared + landing_visits_earned",
           "landing_visits"),
    Figure("multiplier_impressions", "times", "output", False, "impressions", "impressions_owned + impressions_paid",
           decimals=1),
    Figure("multiplier_clicks", "times", "outtake", False, "clicks", "clicks_owned + clicks_paid", decimals=1),
    Figure("multiplier_visits", "times", "outcome", False, "landing_visits",
           "landing_visits_owned + landing_visits_paid", decimals=1),
    Figure("press_naming_partner", "count", "output"),
    *(Figure(f"{volume}_{kind}", "count", amec) for volume, amec in PESO_VOLUMES.items() for kind in PESO_KINDS),
    # Free relays' volume, shown apart from the paid one.
    Figure("free_clicks", "count", "outtake"),
    Figure("free_impressions", "count", "output"),
    Figure("free_visits", "count", "outcome"),
)}

# The amplification of a partner across the portfolio (issue 15; SQL: `amplification(...)` in migration 040): what
# it carried per activation listed on its partnership sheets and per euro of counterpart (the euros the sheet writes,
# else the spend reported). Ratios of sums over the partnerships that know both sides; "—" when none does.
AMPLIFICATION: dict[str, Figure] = {f.key: f for f in (
    Figure("activations", "count", "output"),
    Figure("counterpart_eur", "eur", "cost"),
    Figure("impressions_per_activation", "per_activation", "output", False, "impressions", "activations", KNOWN),
    Figure("clicks_per_activation", "per_activation", "outtake", False, "clicks", "activations", KNOWN),
    Figure("impressions_per_counterpart_eur", "per_eur", "output", False, "impressions", "counterpart_eur", KNOWN,
           decimals=1),
    Figure("clicks_per_counterpart_eur", "per_eur", "outtake", False, "clicks", "counterpart_eur", KNOWN, decimals=2),
)}
ALL_FIGURES: dict[str, Figure] = {**FIGURES, **AMPLIFICATION}

# Each cost ratio and the share of the volume it covers ("sur les partenariats payants : 61 % des clics").
COST_COVERAGE = {
    "cpc_eur": ("paid_clicks_share", "clicks"),
    "cpm_eur": ("paid_impressions_share", "impressions"),
    "cost_per_visit_eur": ("paid_visits_share", "landing_visits"),
    "cost_per_conversion_eur": ("paid_conversions_share", "conversions"),
}

RESONANCE_KEYS = ("partners_share_impressions", "multiplier_impressions", "partners_share_clicks", "multiplier_clicks",
                  "partners_share_visits", "multiplier_visits", "press_naming_partner")
# An indicative paid-media equivalent needs at least this many comparable paid partnerships (same channel).
EQUIVALENT_MIN_BASE = 5
PESO_KEYS = tuple(f"{volume}_{kind}" for volume in PESO_VOLUMES for kind in PESO_KINDS)

RATIO_KEYS = tuple(k for k, f in FIGURES.items() if f.is_ratio and k not in
                   {c for c, _ in COST_COVERAGE.values()})
RATE_KEYS = frozenset(k for k, f in FIGURES.items() if f.is_rate)


def figure(key: str) -> Figure | None:
    """The definition behind a column; also accepts the metric names of report --json ("spend", "cpc")."""
    return ALL_FIGURES.get(key) or FIGURES.get(ALIASES.get(key, ""))


# The names `report --json` has always used for some columns.
ALIASES = {"spend": "spend_eur", "cpc": "cpc_eur", "cpm": "cpm_eur",
           "cost_per_visit": "cost_per_visit_eur", "cost_per_conversion": "cost_per_conversion_eur"}


def change(key: str, current: float | None, previous: float | None) -> tuple[float | None, bool]:
    """The change of a figure against a previous value: (difference, True) for a rate — read in points —, (relative
    change, False) for anything else; None when there is nothing to compare with."""
    rate = key in RATE_KEYS
    if current is None or previous is None:
        return None, rate
    if rate:
        return float(current) - float(previous), True
    if float(previous) == 0:
        return None, False
    return float(current) / float(previous) - 1, False


# -- the same figure written the same way on every surface (page, deck, annex, command line) --

def figure_display(key: str, value, lang: str = "fr") -> str:
    """Any figure of the figures model written the same way on every surface: its unit, its decimals."""
    spec = figure(key)
    if spec is None or spec.unit == "count":
        return fmt.number(value, lang)
    if spec.unit == "rate":
        return fmt.percent(value, lang, spec.decimals)
    if spec.unit == "eur":
        return fmt.money(value, lang, spec.decimals)
    if spec.unit == "times":
        return fmt.MISSING if fmt.is_missing(value) else "×" + fmt.number(value, lang, spec.decimals)
    return fmt.number(value, lang, spec.decimals)


def change_display(key: str, current, previous, lang: str = "fr") -> str | None:
    """A figure's change: a rate's in points ("−3,7 pt"), anything else's in % ("+51 %"); None when not comparable."""
    value, points = change(key, None if fmt.is_missing(current) else current, None if fmt.is_missing(previous) else previous)
    if value is None:
        return None
    sign = "+" if value >= 0 else "−"
    if points:
        return f"{sign}{fmt.number(abs(100 * value), lang, 1)}{fmt.NARROW_NBSP if lang == 'fr' else ' '}pt"
    return sign + fmt.percent(abs(value), lang, 0)


def adds_up(metric: str) -> bool:
    """Whether a figure adds up across days, platforms and partners; a reach (de-duplicated by whoever measured it)
    does not. A partner-defined metric not in the model is taken as its facts are stored: additive."""
    figure = FIGURES.get(metric)
    return figure.additive if figure is not None else True
