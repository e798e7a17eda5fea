"""The map of actors (step 1) and the partner file: who reaches whom, what they gave, what we owe them."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import queries
from resonance.domain.checklist import missing_checks
from resonance.domain.names import name_key
from resonance.formatting import plain
from resonance.services import relationship, rollups
from resonance.services.comparison import reaches_public
from resonance.store import Store

PERFORMANCES = ("ctr", "visits_per_1000_impressions", "cost_per_visit_eur")


def actors(store: Store) -> pd.DataFrame:
    """Every partner and candidate with declared and measured audience and past performance."""
    return rollups.whole_store(store, "partner_map")      # the filters, the map and the file share one computation


def filters(store: Store) -> dict[str, list[str]]:
    """Values offered by the map's filters: sectors, publics reached, kinds."""
    rows = actors(store)
    publics: dict[str, str] = {}
    for text in rows["audiences"].dropna():
        for public in str(text).split(","):
            if public.strip():
                publics.setdefault(name_key(public), public.strip())
    return {"sectors": sorted(rows["sector"].dropna().unique().tolist(), key=name_key),
            "publics": sorted(publics.values(), key=name_key),
            "kinds": sorted(rows["kind"].dropna().unique().tolist())}


def actors_map(store: Store, sectors: list[str] | None = None, public: str | None = None,
               kinds: list[str] | None = None, include_candidates: bool = True) -> pd.DataFrame:
    """The actors the manager filtered, with an `audience` (declared, else measured) to place them on the map."""
    rows = actors(store)
    if sectors:
        rows = rows[rows["sector"].isin(sectors)]
    if kinds:
        rows = rows[rows["kind"].isin(kinds)]
    if public:
        rows = rows[[reaches_public(None, a, public) for a in rows["audiences"]]]
    if not include_candidates:
        rows = rows[~rows["is_candidate"]]
    return rows.reset_index(drop=True)


@dataclass
class PartnerFile:
    identity: dict
    partnerships: pd.DataFrame     # each campaign × partner with key figures, counterparts and checklist status
    meetings: pd.DataFrame
    pictures: pd.DataFrame




def lifecycle(store: Store, partner_id: int | None = None) -> pd.DataFrame:
    """Partnerships with their step, activations, counterparts and checklist (`missing`: items still open)."""
    rows = rollups.whole_store(store, "partner_partnerships", {"partner_id": partner_id})
    rows["missing"] = [missing_checks(r) for r in rows.to_dict("records")]
    for column in ("start_date", "end_date", "partnership_start", "partnership_end"):
        rows[column] = pd.Series([None if pd.isna(v) else pd.Timestamp(v).date() for v in rows[column]],
                                 index=rows.index, dtype=object)
    return rows


def partner_file(store: Store, partner_id: int) -> PartnerFile | None:
    rows = actors(store)
    mine = rows[rows["partner_id"] == partner_id]
    if mine.empty:
        return None
    with store.read() as con:
        pictures = queries.run(con, "partner_assets", {"partner_id": partner_id})
    return PartnerFile({k: plain(v) for k, v in mine.iloc[0].items()}, lifecycle(store, partner_id),
                       relationship.meetings(store, partner_id), pictures)
