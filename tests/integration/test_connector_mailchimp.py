"""Mailchimp against a real local HTTP server answering like /3.0/reports: paging, rates never stored, cursor, failures."""
from __future__ import annotations

import base64
from datetime import date

import pytest

from connectors import mailchimp
from connectors.mailchimp import settings
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
BASIC = "Basic " + base64.b64encode(f"resonance:{TOKEN}".encode()).decode()


@pytest.fixture
def chimp(store, monkeypatch, tmp_path, httpserver):
    monkeypatch.setattr(settings, "PAGE_SIZE", 2)
    return source_maker(store, monkeypatch, tmp_path,
        name="campus-mailchimp", kind="mailchimp", url=httpserver.url_for("/3.0"), secret="MAILCHIMP_KEY",
        since="2025-06-01", partner="Appli Campus+",
        campaigns={"Jobs d'été — Campus+": MATCH, "Jobs d'été — relance Campus+": MATCH})


def page(offset: int, start: str = "2025-06-01", end: str = "2025-06-10") -> dict:
    return {"count": 2, "offset": offset, "since_send_time": f"{start}T00:00:00+00:00",
            "before_send_time": f"{end}T23:59:59+00:00"}


def serve_both_pages(httpserver):
    expect(httpserver, "/3.0/reports", query=page(0), headers={"Authorization": BASIC}).respond_with_data(
        recording("mailchimp_reports_page1.json"), content_type="application/json")
    expect(httpserver, "/3.0/reports", query=page(2), headers={"Authorization": BASIC}).respond_with_data(
        recording("mailchimp_reports_page2.json"), content_type="application/json")


def test_reports_are_read_page_by_page_and_rates_are_never_stored(store, chimp, httpserver):
    serve_both_pages(httpserver)
    result = sync.sync_source(store, chimp(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    stored = facts(store)
    assert stored[(MATCH, "Appli Campus+", "2025-06-03", "sends")] == 52000
    assert stored[(MATCH, "Appli Campus+", "2025-06-03", "delivered")] == 52000 - 120 - 380
    assert stored[(MATCH, "Appli Campus+", "2025-06-03", "unique_opens")] == 17400
    assert stored[(MATCH, "Appli Campus+", "2025-06-06", "email_clicks")] == 1900
    assert {metric for *_, metric in stored} == {"sends", "delivered", "unique_opens", "email_clicks"}
    # the open rate shown is recomputed from the counts and equals Mailchimp's own
    with store.read() as con:
        opens, delivered = con.execute("select sum(unique_opens), sum(open_base) from fact_wide"
                                       " where period_start = '2025-06-03'").fetchone()
    assert round(opens / delivered, 4) == recorded_json("mailchimp_report_42694e9e57.json")["opens"]["open_rate"]
    assert result.notes["delivered_computed"]["Jobs d'été — Campus+"] == "emails_sent - bounces"
    assert result.unmapped_labels[0]["label"] == "Newsletter juin"
    assert_no_secret(everything_stored(store))


def test_only_the_named_reports_are_asked(store, chimp, httpserver):
    expect(httpserver, "/3.0/reports/42694e9e57", headers={"Authorization": BASIC}).respond_with_data(
        recording("mailchimp_report_42694e9e57.json"), content_type="application/json")
    result = sync.sync_source(store, chimp(campaign_ids=["42694e9e57"]), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok" and result.totals["sends"] == 52000


def test_second_run_asks_only_from_a_week_before_the_last_sync(store, chimp, httpserver):
    serve_both_pages(httpserver)
    assert sync.sync_source(store, chimp(), today=date(2025, 6, 10)).status == "ok"
    expect(httpserver, "/3.0/reports", query=page(0, start="2025-06-03", end="2025-06-17")).respond_with_json(
        {"reports": [], "total_items": 0, "_links": []})
    second = sync.sync_source(store, chimp(), today=date(2025, 6, 17))
    assert_all_served(httpserver)
    assert second.status == "ok" and second.rows == 0


def test_the_data_centre_comes_from_the_key():
    assert mailchimp.data_center("0123456789abcdef-us6") == "us6"


def _failed(store, chimp, httpserver, caplog):
    before = counts(store)
    result = sync.sync_source(store, chimp(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "error"
    assert_nothing_written(store, before)
    assert runs(store)[-1]["error"] == result.error
    assert_no_secret(result.error, everything_stored(store), caplog.text)
    return result.error


def test_an_invalid_key(store, chimp, httpserver, caplog):
    expect(httpserver, "/3.0/reports").respond_with_data(recording("mailchimp_401.json"), status=401,
                                                         content_type="application/problem+json")
    assert _failed(store, chimp, httpserver, caplog).startswith(
        "Mailchimp a refusé le jeton de la source «\u202fcampus-mailchimp\u202f» : vérifiez la variable MAILCHIMP_KEY")


def test_429_then_success(store, chimp, httpserver):
    expect(httpserver, "/3.0/reports").respond_with_json({"title": "Too Many Requests", "status": 429}, status=429,
                                                         headers={"Retry-After": "0"})
    serve_both_pages(httpserver)
    result = sync.sync_source(store, chimp(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok" and result.totals["sends"] == 52000 + 51500


def test_500_three_times(store, chimp, httpserver, caplog):
    for _ in range(3):
        expect(httpserver, "/3.0/reports").respond_with_json({"title": "Internal Server Error", "status": 500}, status=500)
    assert "Mailchimp" in (message := _failed(store, chimp, httpserver, caplog)) and "erreur 500, 3 essais" in message


def test_a_timeout(store, chimp, httpserver, monkeypatch):
    before = counts(store)
    result = sync_timing_out(store, chimp(), httpserver, monkeypatch, "/3.0/reports", body="{}")
    assert result.status == "error" and "Mailchimp" in result.error and "n'a pas répondu" in result.error
    assert_nothing_written(store, before)


def test_malformed_json(store, chimp, httpserver, caplog):
    expect(httpserver, "/3.0/reports").respond_with_data("reports: none", content_type="application/json")
    assert "n'est pas du JSON" in _failed(store, chimp, httpserver, caplog)


def test_a_missing_field_is_named(store, chimp, httpserver, caplog):
    broken = recorded_json("mailchimp_reports_page1.json")
    del broken["reports"][1]["clicks"]["unique_subscriber_clicks"]
    expect(httpserver, "/3.0/reports", query=page(0)).respond_with_json(broken)
    message = _failed(store, chimp, httpserver, caplog)
    assert "«\u202fclicks.unique_subscriber_clicks\u202f»" in message and "5c1b2f7e90" in message
