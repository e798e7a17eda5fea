"""What the deck and the annex say about one campaign, read once from the same services as the app's review page."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

import queries
from resonance.services import review
from resonance.store import Store

# Campaigns longer than this are drawn week by week: a daily line over a year is unreadable.
DAILY_UP_TO_DAYS = 92


@dataclass
class DeckContent:
    bilan: review.CampaignReview
    amec: dict[str, list[review.Figure]]
    grain: str
    partnerships: pd.DataFrame
    sources: pd.DataFrame
    comparable: pd.DataFrame

    @property
    def campaign_id(self) -> int:
        return int(self.bilan.detail["campaign_id"])

    @property
    def name(self) -> str:
        return self.bilan.detail["name"]

    @property
    def partner_names(self) -> list[str]:
        named = [p for p in self.bilan.partners["partner"].tolist() if isinstance(p, str)]
        for extra in self.partnerships["partner"].tolist():
            if isinstance(extra, str) and extra not in named:
                named.append(extra)
        return named


def _span_days(detail: dict) -> int | None:
    start, end = detail.get("period_start"), detail.get("period_end")
    if isinstance(start, date) and isinstance(end, date):
        return (end - start).days + 1
    return None


def gather(store: Store, campaign_id: int) -> DeckContent | None:
    """Everything one deck needs; None when there is no such campaign."""
    bilan = review.campaign_review(store, campaign_id, "day")
    if bilan is None:
        return None
    span = _span_days(bilan.detail)
    grain = "day" if span is None or span <= DAILY_UP_TO_DAYS else "week"
    params = {"campaign_id": campaign_id}
    with store.read() as con:
        timeseries = bilan.timeseries if grain == "day" else queries.run(con, "campaign_timeseries", {**params, "grain": grain})
        partnerships = queries.run(con, "deck_partnerships", params)
        sources = queries.run(con, "deck_sources", params)
        comparable = queries.run(con, "deck_comparable", params)
    bilan.timeseries = timeseries
    return DeckContent(bilan=bilan, amec=review.amec(bilan), grain=grain, partnerships=partnerships,
                       sources=sources, comparable=comparable)
