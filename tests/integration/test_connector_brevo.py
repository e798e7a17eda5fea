"""Brevo against a real local HTTP server answering like /v3/emailCampaigns: paging, ids, cursor, Apple MPP, failures."""
from __future__ import annotations

import json
from datetime import date

import pytest

from connectors.brevo import settings
from resonance.ingest import sync
from tests.recordings.kit import (
    TOKEN,
    assert_all_served,
    assert_no_secret,
    assert_nothing_written,
    counts,
    everything_stored,
    expect,
    facts,
    recorded_json,
    recording,
    runs,
    source_maker,
    sync_timing_out,
)

MATCH = "Match avec ton futur"
LIST = "/v3/emailCampaigns"


@pytest.fixture
def brevo(store, monkeypatch, tmp_path, httpserver):
    monkeypatch.setattr(settings, "PAGE_SIZE", 2)
    return source_maker(store, monkeypatch, tmp_path,
        name="brevo-lettres", kind="brevo", url=httpserver.url_for("/v3"), secret="BREVO_KEY", since="2025-05-01",
        campaigns={"MTF 2025 — lettre étudiants": MATCH, "MTF 2025 — relance": MATCH})


def page(offset: int, start: str = "2025-05-01", end: str = "2025-06-10") -> dict:
    return {"statistics": "globalStats", "status": "sent", "limit": 2, "offset": offset,
            "startDate": f"{start}T00:00:00.000Z", "endDate": f"{end}T23:59:59.999Z"}


def serve_both_pages(httpserver, **dates):
    expect(httpserver, LIST, query=page(0, **dates), headers={"api-key": TOKEN}).respond_with_data(
        recording("brevo_campaigns_page1.json"), content_type="application/json")
    expect(httpserver, LIST, query=page(2, **dates), headers={"api-key": TOKEN}).respond_with_data(
        recording("brevo_campaigns_page2.json"), content_type="application/json")


def test_sent_campaigns_are_read_page_by_page_with_apple_privacy_opens_noted(store, brevo, httpserver):
    serve_both_pages(httpserver)
    result = sync.sync_source(store, brevo(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    stored = facts(store)
    assert stored[(MATCH, None, "2025-06-02", "sends")] == 48200
    assert stored[(MATCH, None, "2025-06-02", "delivered")] == 47610
    assert stored[(MATCH, None, "2025-06-02", "unique_opens")] == 15890
    assert stored[(MATCH, None, "2025-06-05", "email_clicks")] == 1302
    assert result.totals["sends"] == 48200 + 30100
    # Apple Mail privacy opens: noted per campaign, shown, never added to the opens
    assert result.notes["appleMppOpens"] == {"MTF 2025 — lettre étudiants": 3900, "MTF 2025 — relance": 2100,
                                            "Lettre d'information juin": 9800}
    with store.read() as con:
        notes = json.loads(con.execute("select notes from ingestion where id = ?", [result.ingestion_id]).fetchone()[0])
    assert notes["sync"]["appleMppOpens"]["MTF 2025 — relance"] == 2100
    assert result.unmapped_labels[0]["label"] == "Lettre d'information juin"
    assert result.unmapped_labels[0]["volumes"]["sends"] == 120000
    assert_no_secret(everything_stored(store))


def test_only_the_named_campaign_ids_are_asked(store, brevo, httpserver):
    expect(httpserver, f"{LIST}/12", query={"statistics": "globalStats"}, headers={"api-key": TOKEN}).respond_with_data(
        recording("brevo_campaign_12.json"), content_type="application/json")
    result = sync.sync_source(store, brevo(campaign_ids=[12], partner="Appli Campus+"), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    # a partner's newsletter is a shared channel
    with store.read() as con:
        peso = con.execute("select distinct peso from metric_fact").fetchall()
    assert peso == [("shared",)]
    assert facts(store)[(MATCH, "Appli Campus+", "2025-06-02", "unique_opens")] == 15890


def test_second_run_asks_only_from_a_week_before_the_last_sync(store, brevo, httpserver):
    serve_both_pages(httpserver)
    assert sync.sync_source(store, brevo(), today=date(2025, 6, 10)).status == "ok"
    # the first run covered up to 10 June: ask again from 3 June (opens keep coming in for a week)
    later = recorded_json("brevo_campaigns_page1.json")
    later["campaigns"][1]["statistics"]["globalStats"]["uniqueViews"] = 9400      # late opens came in
    later["count"] = 2
    expect(httpserver, LIST, query=page(0, start="2025-06-03", end="2025-06-20")).respond_with_json(later)
    second = sync.sync_source(store, brevo(), today=date(2025, 6, 20))
    assert_all_served(httpserver)
    assert second.status == "ok", second.error
    assert facts(store)[(MATCH, None, "2025-06-05", "unique_opens")] == 9400
    assert counts(store)["metric_fact"] == 8


def test_an_empty_answer_loads_nothing_and_succeeds(store, brevo, httpserver):
    expect(httpserver, LIST, query=page(0)).respond_with_json({})
    result = sync.sync_source(store, brevo(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok" and result.rows == 0 and counts(store)["ingestion"] == 0


def _failed(store, brevo, httpserver, caplog):
    before = counts(store)
    result = sync.sync_source(store, brevo(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "error"
    assert_nothing_written(store, before)
    assert runs(store)[-1]["error"] == result.error
    assert_no_secret(result.error, everything_stored(store), caplog.text)
    return result.error


def test_a_refused_key(store, brevo, httpserver, caplog):
    expect(httpserver, LIST).respond_with_json({"code": "unauthorized", "message": "Key not found"}, status=401)
    assert _failed(store, brevo, httpserver, caplog).startswith(
        "Brevo a refusé le jeton de la source «\u202fbrevo-lettres\u202f» : vérifiez la variable BREVO_KEY")


def test_429_then_success(store, brevo, httpserver):
    expect(httpserver, LIST, query=page(0)).respond_with_json(
        {"code": "too_many_requests", "message": "Too many requests"}, status=429, headers={"Retry-After": "0"})
    serve_both_pages(httpserver)
    result = sync.sync_source(store, brevo(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok" and result.totals["sends"] == 78300


def test_500_three_times(store, brevo, httpserver, caplog):
    for _ in range(3):
        expect(httpserver, LIST).respond_with_json({"code": "internal_error", "message": "Internal error"}, status=500)
    assert "Brevo" in (message := _failed(store, brevo, httpserver, caplog)) and "indisponible (erreur 500, 3 essais)" in message


def test_a_timeout(store, brevo, httpserver, caplog, monkeypatch):
    before = counts(store)
    result = sync_timing_out(store, brevo(), httpserver, monkeypatch, LIST, body="{}")
    assert result.status == "error" and "n'a pas répondu en 0,1 s" in result.error
    assert_nothing_written(store, before)


def test_malformed_json(store, brevo, httpserver, caplog):
    expect(httpserver, LIST).respond_with_data('{"count": 3, "campaigns": [', content_type="application/json")
    assert "n'est pas du JSON" in _failed(store, brevo, httpserver, caplog)


def test_a_missing_field_is_named_and_the_first_page_is_not_half_loaded(store, brevo, httpserver, caplog):
    expect(httpserver, LIST, query=page(0)).respond_with_data(recording("brevo_campaigns_page1.json"),
                                                              content_type="application/json")
    broken = recorded_json("brevo_campaigns_page2.json")
    del broken["campaigns"][0]["statistics"]["globalStats"]["uniqueViews"]
    expect(httpserver, LIST, query=page(2)).respond_with_json(broken)
    message = _failed(store, brevo, httpserver, caplog)
    assert "«\u202funiqueViews\u202f»" in message and "campagne 15 «\u202fLettre d'information juin\u202f»" in message
