"""The ingest layer on a real DuckDB: one transaction, replace by key, same file twice, undo that restores, press de-duplication."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from resonance.ingest import load as ingest
from resonance.services.partnership import ensure_campaign, ensure_partner

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)

# The statements the ingest layer runs; each test below goes through all of them.
INGEST_STATEMENTS = ("ingest_keep_replaced", "ingest_delete_replaced", "ingest_insert_facts", "ingest_insert_press")


@pytest.fixture
def ids(store):
    with store.transaction() as con:
        return {"campaign": ensure_campaign(con, "Campagne"), "partner": ensure_partner(con, "Partenaire")}


def facts(ids, values: dict[str, float], metric="clicks", partner=True):
    return pd.DataFrame([{"campaign_id": ids["campaign"], "partner_id": ids["partner"] if partner else None,
                          "channel": "social", "peso": "shared", "platform": "Meta", "period_start": day,
                          "period_end": day, "metric": metric, "value": value} for day, value in values.items()])


def stored(store):
    with store.read() as con:
        return con.execute("select period_start::varchar, partner_id, value, ingestion_id from metric_fact"
                           " order by period_start, partner_id nulls first").fetchall()


def test_the_ingest_statements_are_the_ones_in_queries():
    source = (Path(ingest.__file__)).read_text(encoding="utf-8")
    assert all(f'"{name}"' in source for name in INGEST_STATEMENTS)


def test_newer_file_replaces_overlapping_days_and_undo_restores_them(store, ids):
    first = ingest.load(store, source="file", facts=facts(ids, {"2025-01-01": 10, "2025-01-02": 20}), sha256="aaa",
                        campaign_id=ids["campaign"], partner_id=ids["partner"])
    second = ingest.load(store, source="file", facts=facts(ids, {"2025-01-02": 25, "2025-01-03": 30}), sha256="bbb",
                         campaign_id=ids["campaign"], partner_id=ids["partner"])
    assert (first.rows_loaded, second.rows_loaded, second.rows_replaced) == (2, 2, 1)
    p = ids["partner"]
    assert stored(store) == [("2025-01-01", p, 10, first.ingestion_id), ("2025-01-02", p, 25, second.ingestion_id),
                             ("2025-01-03", p, 30, second.ingestion_id)]
    counts = ingest.undo(store, second.ingestion_id)
    assert counts == {"facts": 2, "press": 0, "restored": 1}
    assert stored(store) == [("2025-01-01", p, 10, first.ingestion_id), ("2025-01-02", p, 20, first.ingestion_id)]
    with pytest.raises(ingest.IngestError, match="déjà été annulé"):
        ingest.undo(store, second.ingestion_id)


def test_same_file_twice_changes_nothing(store, ids):
    frame = facts(ids, {"2025-01-01": 10})
    first = ingest.load(store, source="file", facts=frame, sha256="same", campaign_id=ids["campaign"], partner_id=ids["partner"])
    again = ingest.load(store, source="file", facts=frame, sha256="same", campaign_id=ids["campaign"], partner_id=ids["partner"])
    assert again.already_loaded and again.already_loaded_as == first.ingestion_id and again.ingestion_id is None
    with store.read() as con:
        assert con.execute("select count(*) from ingestion").fetchall() == [(1,)]
    assert len(stored(store)) == 1


def test_rows_sharing_a_key_are_added_up_and_null_partner_keys_never_duplicate(store, ids):
    frame = pd.concat([facts(ids, {"2025-01-01": 10}, partner=False), facts(ids, {"2025-01-01": 5}, partner=False)])
    ingest.load(store, source="file", facts=frame, campaign_id=ids["campaign"])
    ingest.load(store, source="file", facts=facts(ids, {"2025-01-01": 7}, partner=False), campaign_id=ids["campaign"])
    assert [row[2] for row in stored(store)] == [7]      # the null partner matched its key: replaced, not duplicated


def test_invalid_rows_write_nothing(store, ids):
    bad_metric = facts(ids, {"2025-01-01": 1}, metric="ctr")           # a rate is never a stored fact
    with pytest.raises(ingest.IngestError, match="Indicateurs inconnus : ctr"):
        ingest.load(store, source="file", facts=bad_metric, campaign_id=ids["campaign"])
    not_number = facts(ids, {"2025-01-01": "douze"})
    with pytest.raises(ingest.IngestError, match="nombres"):
        ingest.load(store, source="file", facts=not_number, campaign_id=ids["campaign"])
    with store.read() as con:
        assert con.execute("select count(*) from ingestion").fetchall() == [(0,)]
    assert stored(store) == []


def test_failure_inside_the_transaction_rolls_everything_back(store, ids):
    frame = facts(ids, {"2025-01-01": 10})
    with pytest.raises(RuntimeError), store.transaction() as con:
        ingest.load(store, source="file", facts=frame, con=con, campaign_id=ids["campaign"])
        raise RuntimeError("crash after the insert")
    assert stored(store) == []
    with store.read() as con:
        assert con.execute("select count(*) from ingestion").fetchall() == [(0,)]


def test_press_mentions_deduplicated_by_url(store, ids):
    def article(url, title="Titre"):
        return {"campaign_id": ids["campaign"], "partner_id": None, "published_on": date(2025, 1, 2),
                "outlet": "Le Monde", "title": title, "url": url, "audience": 10, "sentiment": "neutral"}
    first = ingest.load(store, source="file", press=pd.DataFrame([article("https://x/1"), article("https://x/1"),
                                                                  article(None, "Sans lien")]))
    second = ingest.load(store, source="file", press=pd.DataFrame([article("https://x/1"), article("https://x/2")]))
    assert (first.press_loaded, first.press_duplicates) == (2, 1)
    assert (second.press_loaded, second.press_duplicates) == (1, 1)
    ingest.undo(store, second.ingestion_id)
    with store.read() as con:
        assert sorted(r[0] or "" for r in con.execute("select url from press_mention").fetchall()) == ["", "https://x/1"]
