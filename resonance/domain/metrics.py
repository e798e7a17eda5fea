"""The metric dictionary (METRICS.md): stored additive metrics, their AMEC group, and the ratios computed from sums."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str
    amec: str            # output | outtake | outcome | cost
    additive: bool = True
    money: bool = False


METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("impressions", "output"),
    Metric("reach", "output", additive=False),
    Metric("sends", "output"),
    Metric("delivered", "output"),
    Metric("press_mentions", "output"),
    Metric("press_audience", "output"),
    Metric("clicks", "outtake"),
    Metric("engagements", "outtake"),
    Metric("video_views", "outtake"),
    Metric("unique_opens", "outtake"),
    Metric("email_clicks", "outtake"),
    Metric("landing_visits", "outcome"),
    Metric("conversions", "outcome"),
    Metric("spend", "cost", money=True),
)}

# Metrics stored in metric_fact; press figures are counted from press_mention instead.
FACT_METRICS = tuple(name for name in METRICS if name not in ("press_mentions", "press_audience"))

AMEC_GROUPS = ("output", "outtake", "outcome")

# A partner-defined metric (DESIGN.md): a figure the dictionary has no word for, defined per partner
# (label, unit, AMEC stage, PESO, additive or not) and stored under "partner:<name>".
PARTNER_METRIC_PREFIX = "partner:"


def is_partner_metric(metric) -> bool:
    return isinstance(metric, str) and metric.startswith(PARTNER_METRIC_PREFIX) and len(metric) > len(PARTNER_METRIC_PREFIX)

# ratio -> (numerator, denominator, factor); computed from sums in SQL, listed here for labels and tests.
RATIOS: dict[str, tuple[str, str, float]] = {
    "ctr": ("clicks", "impressions", 1.0),
    "open_rate": ("unique_opens", "delivered", 1.0),   # falls back to sends, and says so (open_rate_base)
    "click_to_open": ("email_clicks", "unique_opens", 1.0),
    "engagement_rate": ("engagements", "impressions", 1.0),
    "cpc": ("spend", "clicks", 1.0),
    "cpm": ("spend", "impressions", 1000.0),
    "cost_per_visit": ("spend", "landing_visits", 1.0),
    "click_through_to_site": ("landing_visits", "clicks", 1.0),
}

CHANNELS = ("social", "email", "display", "search", "app", "press", "radio", "retail", "web", "push", "video")
PESO = ("paid", "earned", "shared", "owned")
PARTNER_KINDS = ("company", "association", "public_body", "media")


def ratio(numerator: float | None, denominator: float | None, factor: float = 1.0) -> float | None:
    """A ratio of sums; None when either side is missing or the base is zero (shown as "—")."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return factor * numerator / denominator
