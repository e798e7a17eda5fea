"""The map of actors (step 1) and the partner file: who reaches whom, what they gave, what we owe them."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import queries
from resonance.domain.checklist import missing_checks
from resonance.domain.figures import figure_display
from resonance.domain.names import name_key
from resonance.formatting import plain
from resonance.i18n import t, using
from resonance.services import relationship, rollups
from resonance.services.comparison import reaches_public
from resonance.store import Store

PERFORMANCES = ("ctr", "visits_per_1000_impressions", "cost_per_visit_eur")
# Which partners amplify most (issue 15): per activation listed on the sheet, per euro of counterpart.
AMPLIFICATIONS = ("impressions_per_activation", "clicks_per_activation", "impressions_per_counterpart_eur",
                  "clicks_per_counterpart_eur")


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


def amplification(store: Store, by: str = "impressions_per_activation", partner_ids: tuple[int, ...] | None = None
                  ) -> pd.DataFrame:
    """Each partner with partnerships, most amplifying first by `by`; those whose sheets leave it unknown last."""
    if by not in AMPLIFICATIONS:
        raise ValueError(by)
    with store.read() as con:
        rows = queries.run(con, "partner_amplification")
    if partner_ids is not None:
        rows = rows[rows["partner_id"].isin(partner_ids)]
    return rows.sort_values([by, "partner"], ascending=[False, True], na_position="last",
                            key=lambda c: c.map(name_key) if c.name == "partner" else c).reset_index(drop=True)


def amplification_rows(rows: pd.DataFrame, by: str, lang: str = "fr") -> list[dict]:
    """The amplification table as people read it: each figure by the figures model's formatter, "—" when unknown."""
    columns = ("partnerships", "activations", "counterpart_eur", "impressions", "clicks", "press_naming_partner", by,
               *(k for k in AMPLIFICATIONS if k != by))
    with using(lang):
        return [{t("metric.partner"): row["partner"],
                 **{t(f"metric.{key}"): figure_display(key, row[key], lang) for key in columns}}
                for row in rows.to_dict("records")]


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
