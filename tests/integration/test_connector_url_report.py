"""Generic URL reports (CSV or JSON) against a real local HTTP server, loaded through the import engine."""
from __future__ import annotations

import json
from datetime import date

import pytest

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
    recording,
    runs,
    source_maker,
    sync_timing_out,
)

MATCH = "Match avec ton futur"


@pytest.fixture
def report(store, monkeypatch, tmp_path, httpserver):
    return source_maker(store, monkeypatch, tmp_path,
        name="campus-rapport", kind="url", url=httpserver.url_for("/exports/campus_juin.csv"),
        partner="Appli Campus+", channel="app", peso="shared", platform="Campus+", token_env="PARTNER_TOKEN",
        campaigns={"mtf": MATCH})


def test_a_published_csv_goes_through_the_import_engine(store, report, httpserver):
    expect(httpserver, "/exports/campus_juin.csv", headers={"Authorization": f"Bearer {TOKEN}"}).respond_with_data(
        recording("url_campus_juin.csv").encode("cp1252"), content_type="text/csv")
    result = sync.sync_source(store, report(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    stored = facts(store)
    assert stored[(MATCH, "Appli Campus+", "2025-06-01", "impressions")] == 120400
    assert stored[(MATCH, "Appli Campus+", "2025-06-03", "clicks")] == 2950       # "mtf" mapped by the source
    assert result.totals["impressions"] == 120400 + 98050 + 101200
    with store.read() as con:
        file_name, sha, origin = con.execute("select file_name, sha256, source from ingestion").fetchone()
    assert file_name == "campus_juin.csv" and sha and origin == "campus-rapport"
    assert_no_secret(everything_stored(store))


def test_the_same_report_twice_changes_nothing(store, report, httpserver):
    for _ in range(2):
        expect(httpserver, "/exports/campus_juin.csv").respond_with_data(recording("url_campus_juin.csv"), content_type="text/csv")
    sync.sync_source(store, report(), today=date(2025, 6, 10))
    before = counts(store)
    second = sync.sync_source(store, report(), today=date(2025, 6, 11))
    assert_all_served(httpserver)
    assert second.status == "ok" and second.rows == 0 and second.notes["already_loaded_as"] == 1
    assert counts(store) == before


def test_a_json_report_is_read_as_records(store, report, httpserver):
    expect(httpserver, "/exports/campus_juin.json").respond_with_data(recording("url_campus_juin.json"),
                                                                      content_type="application/json")
    result = sync.sync_source(store, report(url=httpserver.url_for("/exports/campus_juin.json")), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    assert facts(store)[(MATCH, "Appli Campus+", "2025-06-02", "clicks")] == 2804


def test_an_unknown_campaign_is_reported_and_nothing_is_loaded(store, report, httpserver, caplog):
    expect(httpserver, "/exports/campus_juin.csv").respond_with_data(recording("url_campus_juin.csv"), content_type="text/csv")
    before = counts(store)
    result = sync.sync_source(store, report(campaigns={}), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "error" and "«\u202fmtf\u202f»" in result.error
    assert [u["label"] for u in result.unmapped_labels] == ["mtf"]
    assert_nothing_written(store, before)


def test_a_missing_figure_names_the_row_and_column(store, report, httpserver, caplog):
    broken = recording("url_campus_juin.csv").replace("02/06/2025;Match avec ton futur;98 050;2 804", "02/06/2025;Match avec ton futur;98 050;beaucoup")
    expect(httpserver, "/exports/campus_juin.csv").respond_with_data(broken, content_type="text/csv")
    before = counts(store)
    result = sync.sync_source(store, report(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "error" and "clics" in result.error and "campus_juin.csv" in result.error
    assert_nothing_written(store, before)
    assert runs(store)[-1]["error"] == result.error


def _failed(store, report, httpserver, caplog, **overrides):
    before = counts(store)
    result = sync.sync_source(store, report(**overrides), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "error"
    assert_nothing_written(store, before)
    assert_no_secret(result.error, everything_stored(store), caplog.text)
    return result.error


def test_a_refused_token(store, report, httpserver, caplog):
    expect(httpserver, "/exports/campus_juin.csv").respond_with_data("Unauthorized", status=401)
    assert _failed(store, report, httpserver, caplog).startswith(       # who refused: the report's host
        f"{httpserver.host}:{httpserver.port} a refusé le jeton de la source «\u202fcampus-rapport\u202f» : vérifiez la "
        "variable PARTNER_TOKEN")


def test_429_then_success(store, report, httpserver):
    expect(httpserver, "/exports/campus_juin.csv").respond_with_data("", status=429, headers={"Retry-After": "0"})
    expect(httpserver, "/exports/campus_juin.csv").respond_with_data(recording("url_campus_juin.csv"), content_type="text/csv")
    assert sync.sync_source(store, report(), today=date(2025, 6, 10)).rows == 6
    assert_all_served(httpserver)


def test_500_three_times(store, report, httpserver, caplog):
    for _ in range(3):
        expect(httpserver, "/exports/campus_juin.csv").respond_with_data("", status=502)
    assert "erreur 502, 3 essais" in _failed(store, report, httpserver, caplog)


def test_a_timeout(store, report, httpserver, monkeypatch):
    result = sync_timing_out(store, report(), httpserver, monkeypatch, "/exports/campus_juin.csv")
    assert "n'a pas répondu" in result.error and counts(store)["metric_fact"] == 0


def test_malformed_json(store, report, httpserver, caplog):
    expect(httpserver, "/exports/campus_juin.json").respond_with_data('{"data": [{"date": ', content_type="application/json")
    message = _failed(store, report, httpserver, caplog, url=httpserver.url_for("/exports/campus_juin.json"))
    assert "n'est pas du JSON" in message


def test_json_without_records_says_which_format_to_set(store, report, httpserver, caplog):
    expect(httpserver, "/exports/campus_juin.json").respond_with_data(json.dumps({"status": "ok"}), content_type="application/json")
    message = _failed(store, report, httpserver, caplog, url=httpserver.url_for("/exports/campus_juin.json"))
    assert "ni du CSV ni du JSON lisible" in message
