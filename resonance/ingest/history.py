"""What was imported: the history, its totals, undo, pictures, and the labels the page and the CLI show."""
from __future__ import annotations

from datetime import date

import pandas as pd

import queries
from connectors.partner_file import settings
from resonance.i18n import TABLE, t
from resonance.ingest import load as ingest
from resonance.ingest.cells import clean
from resonance.services import assets
from resonance.services.partnership import campaign_id as find_campaign
from resonance.services.partnership import ensure_campaign, ensure_partner
from resonance.store import Store


def history(store: Store) -> pd.DataFrame:
    """Every ingestion, newest first, with what it brought and what it replaced."""
    with store.read() as con:
        return queries.run(con, "import_history")


def ingestion_totals(store: Store) -> dict[int, dict[str, float]]:
    with store.read() as con:
        rows = queries.run(con, "import_ingestion_totals")
    totals: dict[int, dict[str, float]] = {}
    for row in rows.itertuples(index=False):
        totals.setdefault(int(row.ingestion_id), {})[row.metric] = float(row.value)
    return totals


def undo(store: Store, ingestion_id: int, by: str = "system") -> dict[str, int]:
    """Remove exactly what an ingestion brought and put back what it replaced (raises IngestError)."""
    return ingest.undo(store, ingestion_id, by=by)


def add_picture(store: Store, data: bytes, file_name: str, *, campaign: str, partner: str | None = None,
                caption: str | None = None, taken_on: date | None = None, created_by: str = "system") -> int:
    """Store a picture of the deployment for a campaign (and partner); raises assets.AssetError with the reason.

    Without a date, the picture is dated the day it is added (the gallery shows every picture with its date).
    """
    assets.inspect(data, file_name)          # refuse before touching the store
    taken_on = taken_on or date.today()
    with store.transaction() as con:
        campaign_id = ensure_campaign(con, campaign)
        partner_id = ensure_partner(con, partner) if partner else None
        return assets.add_picture(con, data, file_name, campaign_id=campaign_id, partner_id=partner_id,
                                  caption=clean(caption), taken_on=taken_on, created_by=created_by)


def choices(store: Store) -> tuple[list[str], list[str]]:
    """Campaign names (newest first) and partner names, for the page's pickers."""
    with store.read() as con:
        campaigns = queries.run(con, "campaign_list")["name"].tolist()
        partners = queries.run(con, "partner_names")["name"].tolist()
    return campaigns, partners


def pictures_of(store: Store, campaign: str) -> pd.DataFrame:
    """The campaign's pictures, as the gallery shows them."""
    with store.read() as con:
        campaign_id = find_campaign(con, campaign)
        if campaign_id is None:
            return pd.DataFrame(columns=["asset_id", "sha256", "mime", "caption", "partner", "taken_on"])
        pictures = queries.run(con, "campaign_assets", {"campaign_id": campaign_id})
    # a picture without a date: None, which the gallery writes "—" (formatting.day cannot read NaT)
    pictures["taken_on"] = pictures["taken_on"].astype(object).where(pictures["taken_on"].notna(), None)
    return pictures


def role_label(role: str) -> str:
    return t(f"import.role.{role}")


def column_label(column: str) -> str:
    """A preview table's column heading in the manager's language."""
    for key in (f"import.column.{column}", f"import.role.{column}"):
        if key in TABLE:
            return t(key)
    return column


def preset_name(preset: str) -> str:
    return settings.PRESETS[preset]["platform"]


def describe(history_rows: pd.DataFrame, ingestion_id: int) -> str:
    """One ingestion in a picker: "n°12 · rapport juin.csv · Match avec ton futur · 27/11/2026"."""
    row = history_rows[history_rows["id"] == ingestion_id].iloc[0]
    bits = [f"n°{ingestion_id}", row["file_name"] or row["source"]]
    if isinstance(row["campaign"], str):
        bits.append(row["campaign"])
    if isinstance(row["partner"], str):
        bits.append(row["partner"])
    bits.append(str(row["created_at"])[:16])
    return " · ".join(str(b) for b in bits)
