"""A campaign's totals and per-partner figures as plain values, for `report --json`: read without pandas."""
from __future__ import annotations

from datetime import date

import queries
from resonance.domain.figures import (
    COST_COVERAGE,
    EQUIVALENT_MIN_BASE,
    PESO_KINDS,
    PESO_VOLUMES,
    RESONANCE_KEYS,
)
from resonance.domain.metrics import METRICS
from resonance.formatting import plain
from resonance.services import rollups
from resonance.services.partnership import campaign_id
from resonance.store import Store

# The free relays' volume, shown apart from the costs (the review, the deck, the annex and this report).
FREE_VOLUMES = ("free_impressions", "free_clicks", "free_visits")
RATIOS = {"ctr": "ctr", "open_rate": "open_rate", "click_to_open": "click_to_open", "engagement_rate": "engagement_rate",
          "cpc": "cpc_eur", "cpm": "cpm_eur", "cost_per_visit": "cost_per_visit_eur",
          "cost_per_conversion": "cost_per_conversion_eur", "click_through_to_site": "click_through_to_site",
          "visits_per_1000_impressions": "visits_per_1000_impressions",
          "press_per_million_impressions": "press_per_million_impressions"}


def campaign_id_by_name(store: Store, name: str) -> int | None:
    with store.read() as con:
        return campaign_id(con, name)


def campaign_names(store: Store) -> list[str]:
    """Every campaign's name, newest first (as the campaign list)."""
    with store.read() as con:
        return [row["name"] for row in queries.records(con, "campaign_list")]


def _totals(row: dict) -> dict:
    return {metric: plain(row.get({"spend": "spend_eur"}.get(metric, metric))) for metric in METRICS}


def _ratios(row: dict) -> dict:
    return {name: plain(row.get(column)) for name, column in RATIOS.items()}


def _costs(row: dict) -> dict:
    """Which population the cost ratios cover, and what the free relays brought apart."""
    return {k: plain(row.get(k)) for k in [share for share, _ in COST_COVERAGE.values()] + list(FREE_VOLUMES)}


def _peso(row: dict) -> dict:
    """Each volume split by PESO kind, as recorded for each figure."""
    return {volume: {kind: plain(row.get(f"{volume}_{kind}")) for kind in PESO_KINDS} for volume in PESO_VOLUMES}


def _resonance(row: dict) -> dict:
    return {k: plain(row.get(k)) for k in RESONANCE_KEYS}


def _day(value) -> str | None:
    value = plain(value)
    return value.isoformat() if isinstance(value, date) else None


def _covered(row: dict) -> dict:
    return {"start": _day(row.get("first_day")), "end": _day(row.get("last_day"))}


def report(store: Store, campaign: int) -> dict:
    """The campaign's totals and per-partner figures, shaped for `python -m resonance report --json`."""
    params = {"campaign_id": campaign}
    rollups.ensure(store)            # the paid-media equivalent reads the comparable partnerships' rollups
    with store.read() as con:
        detail = queries.records(con, "campaign_detail", params)
        if not detail:
            raise KeyError(campaign)
        totals = queries.records(con, "campaign_totals", params)[0]
        partners = queries.records(con, "campaign_partner_figures", params)
        equivalent = queries.records(con, "paid_media_equivalent", {**params, "min_base": EQUIVALENT_MIN_BASE})
    return {
        "campaign": detail[0]["name"],
        "period": {"start": _day(detail[0]["period_start"]), "end": _day(detail[0]["period_end"])},
        "totals": _totals(totals),
        "figures_period": _covered(totals),
        "ratios": _ratios(totals),
        "costs": _costs(totals),
        "peso": _peso(totals),
        "resonance": _resonance(totals),
        # the campaign's own media count in the totals, not as a partner
        "partners": [{"partner": row["partner"], "totals": _totals(row), "ratios": _ratios(row), "costs": _costs(row),
                      "figures_period": _covered(row), "peso": _peso(row), "resonance": _resonance(row)}
                     for row in partners if plain(row.get("partner")) is not None],
        "paid_media_equivalent": [
            {"partner": r["partner"], "channel": plain(r["channel"]), "base": int(r["base"]),
             "years": [int(y) for y in r["years"] or []],
             "median_cpm_eur": plain(r["median_cpm_eur"]), "median_cpc_eur": plain(r["median_cpc_eur"]),
             "equivalent_cpm_eur": plain(r["equivalent_cpm_eur"]), "equivalent_cpc_eur": plain(r["equivalent_cpc_eur"])}
            for r in equivalent],
        "press_mentions": int(totals.get("press_mentions") or 0),
    }
