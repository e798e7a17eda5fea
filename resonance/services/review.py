"""The campaign review (bilan): the figures, per partner, over time, the press and the pictures of one campaign."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

import queries
from resonance.domain.metrics import AMEC_GROUPS, FACT_METRICS, METRICS
from resonance.formatting import plain
from resonance.services.partnership import campaign_id
from resonance.store import Store

# The figures shown in each AMEC group of the review, in order.
AMEC_FIGURES = {
    "output": ("impressions", "sends", "press_mentions", "press_audience", "reach_cumulated"),
    "outtake": ("clicks", "unique_opens", "email_clicks", "engagements", "video_views"),
    "outcome": ("landing_visits", "conversions"),
}
RATIO_COLUMNS = ("ctr", "open_rate", "click_to_open", "engagement_rate", "cpc_eur", "cpm_eur",
                 "cost_per_visit_eur", "click_through_to_site")


@dataclass
class CampaignReview:
    detail: dict
    totals: dict
    partners: pd.DataFrame
    timeseries: pd.DataFrame
    press: pd.DataFrame
    assets: pd.DataFrame
    targets: dict
    annotations: pd.DataFrame
    # Rates partners gave without their base: shown as reported, never mixed into the computed ratios.
    reported_rates: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Partner-defined metrics (posters put up, checkout passages…): label, unit, AMEC stage, value per partner.
    partner_metrics: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def has_figures(self) -> bool:
        return any(_present(self.totals.get(m)) for m in FACT_METRICS if m != "reach") or bool(self.totals.get("press_mentions"))


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))




def campaigns(store: Store) -> pd.DataFrame:
    with store.read() as con:
        return queries.run(con, "campaign_list")


def campaign_id_by_name(store: Store, name: str) -> int | None:
    with store.read() as con:
        return campaign_id(con, name)


def campaign_review(store: Store, campaign_id: int, grain: str = "day") -> CampaignReview | None:
    params = {"campaign_id": campaign_id}
    with store.read() as con:
        detail = queries.run(con, "campaign_detail", params)
        if detail.empty:
            return None
        totals = queries.run(con, "campaign_totals", params).iloc[0]
        return CampaignReview(
            detail={k: plain(v) for k, v in detail.iloc[0].items()},
            totals={k: plain(v) for k, v in totals.items()},
            partners=queries.run(con, "campaign_partner_figures", params),
            timeseries=queries.run(con, "campaign_timeseries", {**params, "grain": grain}),
            press=queries.run(con, "campaign_press", params),
            assets=queries.run(con, "campaign_assets", params),
            targets=dict(queries.run(con, "campaign_targets", params).itertuples(index=False, name=None)),
            annotations=queries.run(con, "campaign_annotations", params),
            reported_rates=queries.run(con, "import_reported_rates", params),
            partner_metrics=queries.run(con, "campaign_partner_metrics", params),
        )


@dataclass(frozen=True)
class Figure:
    key: str                     # column of the totals (a metric, or reach_cumulated)
    value: float | None
    target: float | None

    @property
    def progress(self) -> float | None:
        if self.target in (None, 0) or self.value is None:
            return None
        return self.value / self.target


def amec(review: CampaignReview) -> dict[str, list[Figure]]:
    """Key figures grouped outputs → outtakes → outcomes; a figure nobody reported is left out."""
    groups = {}
    for group in AMEC_GROUPS:
        figures = []
        for key in AMEC_FIGURES[group]:
            value = review.totals.get(key)
            target = review.targets.get(key)
            if _present(value) or target is not None:
                figures.append(Figure(key, float(value) if _present(value) else None, target))
        groups[group] = figures
    return groups


def report(store: Store, campaign_id: int) -> dict:
    """The campaign's totals and per-partner figures, shaped for `python -m resonance report --json`."""
    review = campaign_review(store, campaign_id)
    if review is None:
        raise KeyError(campaign_id)
    metric_names = [m for m in METRICS]

    def totals_of(row) -> dict:
        out = {}
        for metric in metric_names:
            column = {"reach": "reach_cumulated", "spend": "spend_eur"}.get(metric, metric)
            out[metric] = plain(row.get(column))
        return out

    def ratios_of(row) -> dict:
        return {"ctr": plain(row.get("ctr")), "open_rate": plain(row.get("open_rate")),
                "click_to_open": plain(row.get("click_to_open")), "engagement_rate": plain(row.get("engagement_rate")),
                "cpc": plain(row.get("cpc_eur")), "cpm": plain(row.get("cpm_eur")),
                "cost_per_visit": plain(row.get("cost_per_visit_eur")),
                "click_through_to_site": plain(row.get("click_through_to_site"))}

    start, end = review.detail["period_start"], review.detail["period_end"]
    partners = []
    for row in review.partners.to_dict("records"):
        if plain(row.get("partner")) is None:     # the campaign's own media: in the totals, not a partner
            continue
        partners.append({"partner": row["partner"], "totals": totals_of(row), "ratios": ratios_of(row)})
    return {
        "campaign": review.detail["name"],
        "period": {"start": start.isoformat() if isinstance(start, date) else None,
                   "end": end.isoformat() if isinstance(end, date) else None},
        "totals": totals_of(review.totals),
        "ratios": ratios_of(review.totals),
        "partners": partners,
        "press_mentions": int(review.totals.get("press_mentions") or 0),
    }


@dataclass(frozen=True)
class PartnerFigure:
    title: str                   # the partner's label for it, and the partner
    value: float
    unit: str
    amec: str
    as_reported: bool            # a figure that does not add up, shown as the partner gave it


def partner_figures(bilan: CampaignReview) -> list[PartnerFigure]:
    """The partners' own metrics of the review, outputs first; each with the label and unit the manager gave it."""
    figures = []
    for row in bilan.partner_metrics.itertuples(index=False):
        label = row.label if isinstance(row.label, str) and row.label else row.metric.split(":", 1)[-1].replace("_", " ")
        title = f"{label} · {row.partner}" if row.partner else label
        figures.append(PartnerFigure(title=title, value=float(row.value), unit=row.unit if isinstance(row.unit, str) else "",
                                     amec=row.amec if row.amec in AMEC_GROUPS else "output",
                                     as_reported=not bool(row.additive)))
    return sorted(figures, key=lambda f: (AMEC_GROUPS.index(f.amec), f.title))
