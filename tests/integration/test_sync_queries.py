"""The SQL of sources and sync runs, by name, on a real DuckDB seeded with known rows (given → expected)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import queries
from resonance.ingest import load as ingest
from tests.recordings.kit import seed

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)


def run(store, name, params=None):
    with store.read() as con:
        return queries.run(con, name, params or {})


def execute(store, name, params):
    with store.transaction() as con:
        queries.execute(con, name, params)


def test_sources_upsert_switch_and_delete(store):
    execute(store, "source_upsert", {"name": "presse", "kind": "feed", "origin": "page", "settings": '{"url": "a"}',
                                     "enabled": True, "updated_by": "marie"})
    execute(store, "source_upsert", {"name": "presse", "kind": "feed", "origin": "page", "settings": '{"url": "b"}',
                                     "enabled": True, "updated_by": "léo"})
    execute(store, "source_set_enabled", {"name": "matomo-1j1s", "kind": "matomo", "origin": "file", "enabled": False,
                                          "updated_by": "marie"})
    listed = run(store, "source_list")
    assert listed[["name", "origin", "enabled", "updated_by"]].values.tolist() == [
        ["matomo-1j1s", "file", False, "marie"], ["presse", "page", True, "léo"]]
    assert pd.isna(listed["settings"].iloc[0]) and listed["settings"].iloc[1] == '{"url": "b"}'   # a switch holds no settings
    execute(store, "source_set_enabled", {"name": "presse", "kind": "feed", "origin": "page", "enabled": False,
                                          "updated_by": "marie"})
    assert run(store, "source_list").set_index("name").loc["presse", "settings"] == '{"url": "b"}'   # settings kept
    execute(store, "source_delete", {"name": "matomo-1j1s"})      # a declared source is not deleted from here
    execute(store, "source_delete", {"name": "presse"})
    assert run(store, "source_list")["name"].tolist() == ["matomo-1j1s"]


def test_labels_and_choices(store):
    ids = seed(store)
    execute(store, "source_label_upsert", {"source": "m", "label_key": "newsletter_mai", "label": "newsletter_mai",
                                           "campaign_id": ids["match"], "partner_id": None, "created_by": "marie"})
    execute(store, "source_label_upsert", {"source": "m", "label_key": "newsletter_mai", "label": "Newsletter_Mai",
                                           "campaign_id": ids["renover"], "partner_id": ids["tinder"], "created_by": "léo"})
    execute(store, "source_label_upsert", {"source": "other", "label_key": "x", "label": "x",
                                           "campaign_id": ids["match"], "partner_id": None, "created_by": "léo"})
    labels = run(store, "source_labels", {"source": "m"})
    assert labels[["label", "campaign", "partner", "created_by"]].values.tolist() == [
        ["Newsletter_Mai", "Rénover c'est gagné", "Tinder", "léo"]]
    assert run(store, "source_campaign_choices")["name"].tolist() == ["Match avec ton futur", "Rénover c'est gagné"]
    assert run(store, "partner_names")["name"].tolist() == ["Appli Campus+", "Tinder"]


def _run(store, source, status, until, rows=0, error=None):
    with store.transaction() as con:
        run_id = int(queries.run(con, "sync_run_start", {"source": source, "kind": "matomo", "since": date(2025, 5, 1),
                                                          "until": until, "triggered_by": "cli"})["id"].iloc[0])
        queries.execute(con, "sync_run_finish", {
            "run_id": run_id, "status": status, "rows_loaded": rows, "rows_replaced": 0, "press_loaded": 0,
            "press_duplicates": 0, "requests": 2, "ingestion_id": None, "totals": None, "unmapped": None,
            "notes": None, "error": error})
    return run_id


def test_runs_latest_per_source_and_the_last_success(store):
    first = _run(store, "matomo", "ok", date(2025, 5, 3), rows=4)
    _run(store, "brevo", "error", date(2025, 5, 3), error="Brevo a refusé le jeton")
    last = _run(store, "matomo", "error", date(2025, 5, 10), error="Matomo indisponible")
    everything = run(store, "sync_runs", {"source": "", "limit": 10})
    assert len(everything) == 3 and everything["run_id"].iloc[0] == last
    assert run(store, "sync_runs", {"source": "matomo", "limit": 1})["run_id"].tolist() == [last]
    latest = run(store, "sync_last_runs").set_index("source")
    assert latest.loc["matomo", "status"] == "error" and latest.loc["matomo", "error"] == "Matomo indisponible"
    assert latest.loc["matomo", "last_ok_until"] == pd.Timestamp(2025, 5, 3)
    assert pd.isna(latest.loc["brevo", "last_ok_at"])
    assert run(store, "sync_runs", {"source": "matomo", "limit": 5}).set_index("run_id").loc[first, "rows_loaded"] == 4


def test_the_cursor_counts_only_what_is_still_loaded(store):
    ids = seed(store)
    empty = run(store, "sync_cursor", {"source": "matomo"}).iloc[0]
    assert pd.isna(empty["last_loaded_day"]) and pd.isna(empty["last_synced_day"])
    fact = {"campaign_id": ids["match"], "partner_id": None, "channel": "web", "peso": "owned", "platform": "Matomo",
            "metric": "landing_visits", "value": 10}
    kept = ingest.load(store, source="matomo", facts=pd.DataFrame([{**fact, "period_start": date(2025, 5, 2),
                                                                    "period_end": date(2025, 5, 2)}]))
    later = ingest.load(store, source="matomo", facts=pd.DataFrame([{**fact, "period_start": date(2025, 5, 9),
                                                                     "period_end": date(2025, 5, 9)}]))
    ingest.load(store, source="feed", press=pd.DataFrame([{"campaign_id": ids["match"], "partner_id": None,
                                                           "published_on": date(2025, 6, 1), "outlet": "Le Monde",
                                                           "title": "t", "url": "https://x", "audience": None,
                                                           "sentiment": None}]))
    assert run(store, "sync_cursor", {"source": "matomo"}).iloc[0]["last_loaded_day"] == pd.Timestamp(2025, 5, 9)
    ingest.undo(store, later.ingestion_id)
    assert run(store, "sync_cursor", {"source": "matomo"}).iloc[0]["last_loaded_day"] == pd.Timestamp(2025, 5, 2)
    assert run(store, "sync_cursor", {"source": "feed"}).iloc[0]["last_loaded_day"] == pd.Timestamp(2025, 6, 1)
    _run(store, "matomo", "ok", date(2025, 5, 12))
    assert run(store, "sync_cursor", {"source": "matomo"}).iloc[0]["last_synced_day"] == pd.Timestamp(2025, 5, 12)
    assert kept.ingestion_id
