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

# The ratios are defined once, with their population, in resonance/domain/figures.py (the figures model).

# A partner-defined metric (DESIGN.md): a figure the dictionary has no word for, defined per partner
# (label, unit, AMEC stage, PESO, additive or not) and stored under "partner:<name>".
PARTNER_METRIC_PREFIX = "partner:"


def is_partner_metric(metric) -> bool:
    return isinstance(metric, str) and metric.startswith(PARTNER_METRIC_PREFIX) and len(metric) > len(PARTNER_METRIC_PREFIX)


CHANNELS = ("social", "email", "display", "search", "app", "press", "radio", "retail", "web", "push", "video")
PESO = ("paid", "earned", "shared", "owned")
PARTNER_KINDS = ("company", "association", "public_body", "media")


def ratio(numerator: float | None, denominator: float | None, factor: float = 1.0) -> float | None:
    """A ratio of sums; None when either side is missing or the base is zero (shown as "—")."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return factor * numerator / denominator
