"""Matomo against a real local HTTP server answering like Matomo: plugin and fallback, windows, cursor, failures."""
from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest

from resonance.ingest import sync
from resonance.services import secrets
from tests.recordings.kit import (
    TOKEN,
    assert_all_served,
    assert_no_secret,
    assert_nothing_written,
    counts,
    everything_stored,
    expect,
    facts,
    recording,
    runs,
    source_maker,
)

MATCH = "Match avec ton futur"


@pytest.fixture
def matomo(store, monkeypatch, tmp_path, httpserver):
    return source_maker(store, monkeypatch, tmp_path,
        name="matomo-1j1s", kind="matomo", url=httpserver.url_for("/"), site_id=12, token_env="MATOMO_TOKEN",
        since="2025-05-01", campaigns={"mtf_2025_tinder": MATCH}, partners={"mtf_2025_tinder": "Tinder"})


def form(method: str, dates: str, **extra) -> dict:
    return {"module": "API", "method": method, "idSite": 12, "period": "day", "date": dates, "format": "JSON",
            "token_auth": TOKEN, **extra}


def days(start: date, end: date, rows_by_day: dict | None = None) -> dict:
    rows_by_day = rows_by_day or {}
    out, day = {}, start
    while day <= end:
        out[day.isoformat()] = rows_by_day.get(day.isoformat(), [])
        day += timedelta(days=1)
    return out


def visit_row(label: str, visits: int, conversions: int | None = None) -> dict:
    row = {"label": label, "nb_uniq_visitors": visits - 3, "nb_visits": visits, "nb_actions": visits * 3, "nb_users": 0,
           "max_actions": 20, "sum_visit_length": visits * 100, "bounce_count": visits // 3}
    if conversions is not None:
        row.update({"nb_visits_converted": conversions, "nb_conversions": conversions,
                    "goals": {"idgoal=1": {"nb_conversions": conversions}}, "revenue": 0})
    return row


def test_visits_and_conversions_per_day_land_with_the_token_only_in_the_post_body(store, matomo, httpserver):
    expect(httpserver, "/index.php", "POST", form=form("MarketingCampaignsReporting.getName", "2025-05-01,2025-05-03")
           ).respond_with_data(recording("matomo_getname_may.json"), content_type="application/json")
    result = sync.sync_source(store, matomo(), today=date(2025, 5, 3))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    stored = facts(store)
    assert stored[(MATCH, "Tinder", "2025-05-01", "landing_visits")] == 1250
    assert stored[(MATCH, "Tinder", "2025-05-01", "conversions")] == 88
    assert stored[(MATCH, "Tinder", "2025-05-02", "landing_visits")] == 1502
    assert result.totals == {"landing_visits": 2752.0, "conversions": 183.0}
    # the label nobody mapped is reported with its volume, not dropped and not loaded
    assert result.unmapped_labels == [{"label": "newsletter_mai", "volumes": {"landing_visits": 102.0},
                                       "reason": "aucune campagne associée à ce libellé"}]
    request = httpserver.log[0][0]
    assert TOKEN not in request.full_path and request.form["token_auth"] == TOKEN
    run = runs(store)[-1]
    assert run["status"] == "ok" and run["rows_loaded"] == 4 and run["ingestion_id"] == result.ingestion_id
    assert json.loads(run["notes"])["matomo_method"] == "MarketingCampaignsReporting.getName"
    assert_no_secret(everything_stored(store))


def test_falls_back_to_referrers_when_the_campaign_plugin_is_missing(store, matomo, httpserver):
    missing = {"result": "error", "message": "The method 'getName' does not exist or is not available in the module "
               "'\\Piwik\\Plugins\\MarketingCampaignsReporting\\API'."}
    expect(httpserver, "/index.php", "POST", form=form("MarketingCampaignsReporting.getName", "2025-05-01,2025-05-03")
           ).respond_with_json(missing)
    expect(httpserver, "/index.php", "POST", form=form("Referrers.getCampaigns", "2025-05-01,2025-05-03")
           ).respond_with_data(recording("matomo_campaigns_may.json"), content_type="application/json")
    result = sync.sync_source(store, matomo(), today=date(2025, 5, 3))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    assert result.notes["matomo_method"] == "Referrers.getCampaigns"
    assert facts(store)[(MATCH, "Tinder", "2025-05-02", "conversions")] == 95


def test_partner_visits_come_from_a_source_segment_and_the_rest_stays_with_the_campaign(store, matomo, httpserver):
    method = "MarketingCampaignsReporting.getName"
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-05-01,2025-05-01"), absent=("segment",)
           ).respond_with_json({"2025-05-01": [visit_row("mtf_2025", 1000, 40)]})
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-05-01,2025-05-01", segment="campaignSource==tinder")
           ).respond_with_json({"2025-05-01": [visit_row("mtf_2025", 700, 30)]})
    source = matomo(campaigns={"mtf_2025": MATCH}, partners={}, partner_sources={"tinder": "Tinder"})
    result = sync.sync_source(store, source, today=date(2025, 5, 1))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    stored = facts(store)
    assert stored[(MATCH, "Tinder", "2025-05-01", "landing_visits")] == 700
    assert stored[(MATCH, None, "2025-05-01", "landing_visits")] == 300     # not counted twice
    assert result.totals["landing_visits"] == 1000


def test_partners_can_also_come_from_mtm_content(store, matomo, httpserver):
    method = "MarketingCampaignsReporting.getName"
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-05-01,2025-05-01"), absent=("segment",)
           ).respond_with_json({"2025-05-01": [visit_row("mtf_2025", 500)]})
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-05-01,2025-05-01", segment="campaignContent==campus")
           ).respond_with_json({"2025-05-01": [visit_row("mtf_2025", 120)]})
    source = matomo(campaigns={"mtf_2025": MATCH}, partners={}, partner_contents={"campus": "Appli Campus+"})
    assert sync.sync_source(store, source, today=date(2025, 5, 1)).status == "ok"
    assert_all_served(httpserver)
    assert facts(store)[(MATCH, "Appli Campus+", "2025-05-01", "landing_visits")] == 120
    assert facts(store)[(MATCH, None, "2025-05-01", "landing_visits")] == 380


def test_a_long_range_is_asked_in_windows_and_a_bad_last_window_writes_nothing(store, matomo, httpserver):
    method = "MarketingCampaignsReporting.getName"
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-03-01,2025-03-31")).respond_with_json(
        days(date(2025, 3, 1), date(2025, 3, 31), {"2025-03-15": [visit_row("mtf_2025_tinder", 10)]}))
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-04-01,2025-05-01")).respond_with_json(
        days(date(2025, 4, 1), date(2025, 5, 1), {"2025-04-15": [visit_row("mtf_2025_tinder", 20)]}))
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-05-02,2025-05-03")).respond_with_json(
        days(date(2025, 5, 2), date(2025, 5, 3), {"2025-05-02": [visit_row("mtf_2025_tinder", 30)]}))
    result = sync.sync_source(store, matomo(since="2025-03-01"), today=date(2025, 5, 3))
    assert_all_served(httpserver)
    assert result.totals["landing_visits"] == 60

    # same three windows, the last one lacking nb_visits: the first two must not be half-loaded
    httpserver.clear()
    before = counts(store)
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-03-01,2025-03-31")).respond_with_json(days(date(2025, 3, 1), date(2025, 3, 31)))
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-04-01,2025-05-01")).respond_with_json(days(date(2025, 4, 1), date(2025, 5, 1)))
    broken = visit_row("mtf_2025_tinder", 30)
    del broken["nb_visits"]
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-05-02,2025-05-03")).respond_with_json({"2025-05-02": [broken], "2025-05-03": []})
    failed = sync.sync_source(store, matomo(since="2025-03-01"), since=date(2025, 3, 1), today=date(2025, 5, 3))
    assert_all_served(httpserver)
    assert failed.status == "error"
    assert "«\u202fnb_visits\u202f»" in failed.error and "jour 2025-05-02" in failed.error
    assert_nothing_written(store, before)


def test_second_run_asks_only_the_new_days_plus_the_last_three_again(store, matomo, httpserver):
    method = "MarketingCampaignsReporting.getName"
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-04-25,2025-05-03")).respond_with_json(
        days(date(2025, 4, 25), date(2025, 5, 3), {"2025-05-02": [visit_row("mtf_2025_tinder", 1500)],
                                                   "2025-05-03": [visit_row("mtf_2025_tinder", 900)]}))
    first = sync.sync_source(store, matomo(since="2025-04-25"), today=date(2025, 5, 3))
    assert first.status == "ok", first.error
    # a week later: only from the last loaded day minus the look-back (3 days), where late hits are corrected
    expect(httpserver, "/index.php", "POST", form=form(method, "2025-04-30,2025-05-10")).respond_with_json(
        days(date(2025, 4, 30), date(2025, 5, 10), {"2025-05-03": [visit_row("mtf_2025_tinder", 950)],
                                                    "2025-05-09": [visit_row("mtf_2025_tinder", 400)]}))
    second = sync.sync_source(store, matomo(since="2025-04-25"), today=date(2025, 5, 10))
    assert_all_served(httpserver)
    assert second.status == "ok", second.error
    stored = facts(store)
    assert stored[(MATCH, "Tinder", "2025-05-03", "landing_visits")] == 950      # corrected, not doubled
    assert stored[(MATCH, "Tinder", "2025-05-02", "landing_visits")] == 1500     # outside the re-asked days: kept
    assert stored[(MATCH, "Tinder", "2025-05-09", "landing_visits")] == 400
    assert second.rows_replaced == 1


def _failed(store, matomo, httpserver, caplog, today=date(2025, 5, 3)):
    before = counts(store)
    result = sync.sync_source(store, matomo(), today=today)
    assert_all_served(httpserver)
    assert result.status == "error"
    assert_nothing_written(store, before)
    run = runs(store)[-1]
    assert run["status"] == "error" and run["error"] == result.error and run["rows_loaded"] == 0
    assert_no_secret(result.error, everything_stored(store), caplog.text)
    return result.error


def test_a_refused_token_says_which_variable_to_check(store, matomo, httpserver, caplog):
    # Matomo 5 answers 401; Matomo 4 answers 200 with an error body: both say the same thing to the manager.
    expect(httpserver, "/index.php", "POST").respond_with_json(
        {"result": "error", "message": "Unable to authenticate with the provided token. It is either invalid, expired "
         "or is required to be sent as a POST parameter."}, status=401)
    message = _failed(store, matomo, httpserver, caplog)
    assert message.startswith("Matomo a refusé le jeton de la source «\u202fmatomo-1j1s\u202f» : vérifiez la variable MATOMO_TOKEN")
    httpserver.clear()
    expect(httpserver, "/index.php", "POST").respond_with_json(
        {"result": "error", "message": "You can't access this resource as it requires 'view' access for the website id = 12."})
    assert _failed(store, matomo, httpserver, caplog).startswith("Matomo a refusé le jeton")


def test_an_unknown_site_id_is_named(store, matomo, httpserver, caplog):
    expect(httpserver, "/index.php", "POST").respond_with_json(
        {"result": "error", "message": "An unexpected website was found in the request: website id was set to '12' ."})
    assert _failed(store, matomo, httpserver, caplog).startswith("Matomo ne connaît pas le site n°12")


def test_429_then_success_waits_and_loads(store, matomo, httpserver):
    expect(httpserver, "/index.php", "POST").respond_with_data("Too Many Requests", status=429, headers={"Retry-After": "0"})
    expect(httpserver, "/index.php", "POST", form=form("MarketingCampaignsReporting.getName", "2025-05-01,2025-05-03")
           ).respond_with_data(recording("matomo_getname_may.json"), content_type="application/json")
    result = sync.sync_source(store, matomo(), today=date(2025, 5, 3))
    assert_all_served(httpserver)
    assert result.status == "ok" and result.totals["landing_visits"] == 2752
    assert runs(store)[-1]["requests"] == 2


def test_500_three_times_says_the_service_is_down(store, matomo, httpserver, caplog):
    for _ in range(3):
        expect(httpserver, "/index.php", "POST").respond_with_data("Internal error", status=500)
    message = _failed(store, matomo, httpserver, caplog)
    assert "est indisponible (erreur 500, 3 essais)" in message and "«\u202fmatomo-1j1s\u202f»" in message


def test_a_server_that_does_not_answer_in_time(store, matomo, httpserver, caplog, monkeypatch):
    monkeypatch.setenv("RESONANCE_HTTP_ATTEMPTS", "2")
    monkeypatch.setenv("RESONANCE_HTTP_TIMEOUT", "0.1")      # the shortest the message writes (one decimal)

    def slow(request):
        time.sleep(0.2)                                          # twice the timeout: never an answer in time
        return "{}"
    for _ in range(2):
        expect(httpserver, "/index.php", "POST").respond_with_handler(slow)
    before = counts(store)
    result = sync.sync_source(store, matomo(), today=date(2025, 5, 3))
    deadline = time.monotonic() + 5
    while len(httpserver.log) < 2 and time.monotonic() < deadline:   # let the slow server finish both answers
        time.sleep(0.05)
    assert_all_served(httpserver)
    assert result.status == "error"
    assert "n'a pas répondu en 0,1 s" in result.error and "2 fois de suite" in result.error
    assert_nothing_written(store, before)
    assert runs(store)[-1]["status"] == "error"
    assert_no_secret(result.error, caplog.text)


def test_a_page_that_is_not_json(store, matomo, httpserver, caplog):
    expect(httpserver, "/index.php", "POST").respond_with_data("<html><body>Maintenance en cours</body></html>",
                                                               content_type="text/html")
    assert "n'est pas du JSON" in _failed(store, matomo, httpserver, caplog)


def test_a_missing_token_variable_is_named_before_any_request(store, matomo, httpserver, caplog, monkeypatch):
    monkeypatch.delenv("MATOMO_TOKEN")
    monkeypatch.setattr(secrets, "secrets_files", lambda: [])
    message = _failed(store, matomo, httpserver, caplog)
    assert "MATOMO_TOKEN" in message and "secrets.toml" in message
    assert not httpserver.log
