"""The ingest layer: validates canonical rows and loads them in one transaction, with an ingestion record and undo.

Every way figures come in (demo, partner files, API connectors) ends here, so that the same
rules hold everywhere: additive metrics only, one value per fact key (a newer load replaces,
never duplicates, and keeps what it replaced so that undo can restore it), the same file
twice changes nothing, and either every accepted row lands or none does.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import duckdb
import pandas as pd

import queries
from resonance.domain.metrics import FACT_METRICS, PESO, is_partner_metric
from resonance.errors import InputError
from resonance.i18n import t
from resonance.ingest.outcome import totals_of
from resonance.services import audit, rollups
from resonance.store import Store

FACT_KEY = ["campaign_id", "partner_id", "channel", "peso", "platform", "period_start", "period_end", "metric"]
FACT_COLUMNS = [*FACT_KEY, "value"]
PRESS_COLUMNS = ["campaign_id", "partner_id", "published_on", "outlet", "title", "url", "audience", "sentiment"]


class IngestError(InputError):
    """Rows that cannot be loaded; the message says what to fix. Nothing was written."""


@dataclass
class IngestionResult:
    ingestion_id: int | None
    rows_loaded: int = 0
    rows_replaced: int = 0
    press_loaded: int = 0
    press_duplicates: int = 0
    already_loaded_as: int | None = None     # the earlier ingestion of the very same file
    totals: dict[str, float] = field(default_factory=dict)

    @property
    def already_loaded(self) -> bool:
        return self.already_loaded_as is not None


def canonical_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Check canonical fact rows and add up rows that share a key (additive metrics)."""
    missing = [c for c in FACT_COLUMNS if c not in facts.columns]
    if missing:
        raise IngestError(t("ingest.missing_columns", columns=", ".join(missing)))
    frame = facts[FACT_COLUMNS].copy()
    frame["platform"] = frame["platform"].fillna("").astype(str)
    # a partner-defined metric ("partner:affiches_posees", migration 020) is a fact like any other
    unknown = sorted(m for m in set(frame["metric"].unique()) - set(FACT_METRICS) if not is_partner_metric(m))
    if unknown:
        raise IngestError(t("ingest.unknown_metrics", metrics=", ".join(map(str, unknown))))
    bad_peso = sorted(set(frame["peso"].unique()) - set(PESO))
    if bad_peso:
        raise IngestError(t("ingest.unknown_peso", values=", ".join(map(str, bad_peso))))
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    if frame["value"].isna().any() or not frame["value"].map(math.isfinite).all():
        raise IngestError(t("ingest.not_numbers"))
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    if (frame["period_end"] < frame["period_start"]).any():
        raise IngestError(t("ingest.period_reversed"))
    frame["campaign_id"] = frame["campaign_id"].astype("int64")
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    return frame.groupby(FACT_KEY, dropna=False, as_index=False, sort=False)["value"].sum()


def find_same_file(con: duckdb.DuckDBPyConnection, sha256: str, campaign_id, partner_id) -> int | None:
    found = queries.records(con, "ingest_same_file", {"sha256": sha256, "campaign_id": campaign_id,
                                                      "partner_id": partner_id})
    return int(found[0]["id"]) if found else None


def load(
    store: Store,
    *,
    source: str,
    facts: pd.DataFrame | None = None,
    press: pd.DataFrame | None = None,
    file_name: str | None = None,
    sha256: str | None = None,
    campaign_id: int | None = None,
    partner_id: int | None = None,
    rows_rejected: int = 0,
    mapping: dict | None = None,
    notes: dict | None = None,
    created_by: str = "system",
    con: duckdb.DuckDBPyConnection | None = None,
) -> IngestionResult:
    """Load facts and press mentions as one ingestion; pass `con` to join a transaction already open."""
    facts = canonical_facts(facts) if facts is not None and len(facts) else None
    press = _canonical_press(press) if press is not None and len(press) else None
    if con is None:
        with store.transaction() as own:
            return _load(own, source, facts, press, file_name, sha256, campaign_id, partner_id,
                         rows_rejected, mapping, notes, created_by)
    return _load(con, source, facts, press, file_name, sha256, campaign_id, partner_id,
                 rows_rejected, mapping, notes, created_by)


def _load(con, source, facts, press, file_name, sha256, campaign_id, partner_id,
          rows_rejected, mapping, notes, created_by) -> IngestionResult:
    if sha256:
        earlier = find_same_file(con, sha256, campaign_id, partner_id)
        if earlier is not None:
            return IngestionResult(ingestion_id=None, already_loaded_as=earlier)
    ingestion_id = int(queries.run(con, "ingest_record", {
        "source": source, "file_name": file_name, "sha256": sha256, "campaign_id": campaign_id,
        "partner_id": partner_id, "rows_rejected": rows_rejected,
        "mapping": json.dumps(mapping, ensure_ascii=False) if mapping else None,
        "notes": json.dumps(notes, ensure_ascii=False) if notes else None, "created_by": created_by,
    })["id"].iloc[0])      # run() fetches to the end: the connection must be free for register() below
    result = IngestionResult(ingestion_id=ingestion_id)
    if facts is not None:
        con.register("incoming_facts", facts)
        try:
            queries.execute(con, "ingest_keep_replaced", {"ingestion_id": ingestion_id})
            result.rows_replaced = _counts(con, ingestion_id)["replaced"]
            if result.rows_replaced:
                queries.execute(con, "ingest_delete_replaced")
            queries.execute(con, "ingest_insert_facts", {"ingestion_id": ingestion_id})
        finally:
            con.unregister("incoming_facts")
        result.rows_loaded = len(facts)
        result.totals = totals_of(facts)
    if press is not None:
        result.press_loaded, result.press_duplicates = _load_press(con, press, ingestion_id)
        result.totals["press_mentions"] = float(result.press_loaded)
    # the rollups of the campaigns this load touched, in its own transaction: a page never reads them half-updated
    rollups.refresh_at_commit(con, {*(facts["campaign_id"] if facts is not None else ()),
                          *(press["campaign_id"] if press is not None else ())})
    queries.execute(con, "ingest_set_counts", {"rows_loaded": result.rows_loaded + result.press_loaded,
                                               "rows_replaced": result.rows_replaced, "ingestion_id": ingestion_id})
    return result


def _counts(con, ingestion_id: int) -> dict[str, int]:
    """The facts and press mentions an ingestion holds and the stored facts it replaced."""
    [row] = queries.records(con, "ingest_counts", {"ingestion_id": ingestion_id})   # one row: no DataFrame to build
    return {k: int(row[k]) for k in ("facts", "press", "replaced")}


def _canonical_press(press: pd.DataFrame) -> pd.DataFrame:
    frame = press.reindex(columns=PRESS_COLUMNS).copy()
    if frame["outlet"].isna().any() or frame["title"].isna().any() or frame["published_on"].isna().any():
        raise IngestError(t("ingest.press_incomplete"))
    frame["published_on"] = pd.to_datetime(frame["published_on"]).dt.date
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    frame["audience"] = pd.to_numeric(frame["audience"], errors="coerce").astype("Int64")
    frame["url"] = frame["url"].where(frame["url"].notna() & (frame["url"].astype(str).str.strip() != ""), None)
    return frame


def _load_press(con, press: pd.DataFrame, ingestion_id: int) -> tuple[int, int]:
    """Insert press mentions, skipping URLs already known for the campaign (and repeated in the file)."""
    with_url = press[press["url"].notna()].drop_duplicates(subset=["campaign_id", "url"])
    unique = pd.concat([with_url, press[press["url"].isna()]], ignore_index=True)
    con.register("incoming_press", unique)
    try:
        queries.execute(con, "ingest_insert_press", {"ingestion_id": ingestion_id})
        loaded = _counts(con, ingestion_id)["press"]      # a new ingestion: every mention it holds was just inserted
    finally:
        con.unregister("incoming_press")
    return loaded, len(press) - loaded


def undo(store: Store, ingestion_id: int, by: str = "system") -> dict[str, int]:
    """Remove exactly what an ingestion brought and put back what it had replaced."""
    with store.transaction() as con:
        status = queries.run(con, "ingest_status", {"ingestion_id": ingestion_id})["status"].tolist()
        if not status:
            raise IngestError(t("ingest.no_such_ingestion", id=ingestion_id))
        if status[0] == "undone":
            raise IngestError(t("ingest.already_undone", id=ingestion_id))
        held = _counts(con, ingestion_id)
        counts = {"facts": held["facts"], "press": held["press"]}
        by_id = {"ingestion_id": ingestion_id}
        touched = [int(c) for c in queries.run(con, "ingest_touched_campaigns", by_id)["campaign_id"]]
        queries.execute(con, "ingest_undo_facts", by_id)
        queries.execute(con, "ingest_undo_press", by_id)
        # rates kept as reported (migration 002) go with the ingestion that brought them
        queries.execute(con, "ingest_undo_rates", by_id)
        # Restore rows this ingestion replaced, unless their own ingestion was undone since.
        counts["restored"] = int(queries.run(con, "ingest_restore_replaced", by_id).iloc[0, 0])
        queries.execute(con, "ingest_forget_replaced", by_id)
        queries.execute(con, "ingest_mark_undone", by_id)
        rollups.refresh_at_commit(con, touched)
        audit.record(con, by, "ingestion.undo", f"chargement {ingestion_id}", counts)
    return counts
