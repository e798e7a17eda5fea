"""The portfolio overview: key figures of a period and theme, their change against the previous period, the best partnerships."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

import queries
from resonance.domain.figures import change
from resonance.services import rollups
from resonance.store import Store

KEY_FIGURES = ("campaigns", "partners", "impressions", "clicks", "ctr", "unique_opens", "landing_visits", "press_mentions")


@dataclass
class Overview:
    start: date
    end: date
    previous_start: date
    previous_end: date
    totals: dict
    previous: dict
    deltas: dict
    timeseries: pd.DataFrame
    top_partnerships: pd.DataFrame

    @property
    def is_empty(self) -> bool:
        return not self.totals.get("campaigns")


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length that ends the day before `start`."""
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def bounds(store: Store) -> dict:
    with store.read() as con:
        row = queries.run(con, "portfolio_bounds").iloc[0]
    themes = row["themes"]
    first_day = None if pd.isna(row["first_day"]) else pd.Timestamp(row["first_day"]).date()
    last_day = None if pd.isna(row["last_day"]) else pd.Timestamp(row["last_day"]).date()
    return {"first_day": first_day, "last_day": last_day,
            "themes": [] if themes is None or themes is pd.NA else list(themes)}


def _totals(con, start, end, theme) -> dict:
    row = queries.run(con, "portfolio_totals", {"start": start, "end": end, "theme": theme}).iloc[0]
    return {k: (None if pd.isna(v) else float(v)) for k, v in row.items() if pd.api.types.is_number(v) or pd.isna(v)}


def overview(store: Store, start: date, end: date, theme: str | None = None, top: int = 5) -> Overview:
    previous_start, previous_end = previous_period(start, end)
    rollups.ensure(store)      # every figure below is read from the rollups (whole weeks) and the facts of the edges
    with store.read() as con:
        totals = _totals(con, start, end, theme)
        previous = _totals(con, previous_start, previous_end, theme)
        series = queries.run(con, "portfolio_timeseries", {"start": start, "end": end, "theme": theme})
        best = queries.run(con, "top_partnerships", {"start": start, "end": end, "theme": theme, "limit": top})
    # A rate's change in points, a volume's in % (figures model): the CTR is never said to have risen by 191 %.
    deltas = {k: change(k, totals.get(k), previous.get(k))[0] for k in KEY_FIGURES}
    return Overview(start, end, previous_start, previous_end, totals, previous, deltas, series, best)


def resonance_by_year(store: Store, theme: str | None = None) -> pd.DataFrame:
    """The share of the portfolio's impressions carried by partners (shared and earned channels), year by year."""
    rollups.ensure(store)
    with store.read() as con:
        return queries.run(con, "portfolio_resonance_years", {"theme": theme})


def resonance_by_theme(store: Store) -> pd.DataFrame:
    """The share of impressions and clicks carried by partners (shared and earned channels), year × theme."""
    rollups.ensure(store)
    with store.read() as con:
        return queries.run(con, "portfolio_resonance_themes")


def period_choices(today: date, first_day, last_day) -> list[tuple[str, date, date]]:
    """Periods offered on the overview: the last 12 months, each year with figures, everything."""
    choices = [("last_12_months", today - timedelta(days=364), today)]
    if first_day is not None and not pd.isna(first_day):
        first, last = pd.Timestamp(first_day).date(), pd.Timestamp(last_day).date()
        for year in range(max(last.year, today.year), first.year - 1, -1):
            choices.append((f"year:{year}", date(year, 1, 1), date(year, 12, 31)))
        choices.append(("all", first, max(last, today)))
    return choices
