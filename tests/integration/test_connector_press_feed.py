"""Press feeds (RSS and Atom) against a real local HTTP server: keywords, de-duplication by URL, cursor, failures."""
from __future__ import annotations

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
    recording,
    runs,
    source_maker,
    sync_timing_out,
)

MATCH = "Match avec ton futur"
RENOVER = "Rénover c'est gagné"
RSS = "application/rss+xml; charset=utf-8"


@pytest.fixture
def feed(store, monkeypatch, tmp_path, httpserver):
    return source_maker(store, monkeypatch, tmp_path,
        name="revue-de-presse", kind="feed", url=httpserver.url_for("/revue-de-presse/rss"), since="2025-06-01",
        campaigns={"jobs d'été": MATCH, "Match avec ton futur": MATCH, "rénovation énergétique": RENOVER})


def press(store) -> list[tuple]:
    with store.read() as con:
        return con.execute("select c.name, p.published_on, p.outlet, p.url from press_mention p"
                           " join campaign c on c.id = p.campaign_id order by p.published_on, p.outlet").fetchall()


def test_rss_articles_are_matched_to_campaigns_by_keywords(store, feed, httpserver):
    expect(httpserver, "/revue-de-presse/rss").respond_with_data(recording("feed_revue_presse.rss"), content_type=RSS)
    result = sync.sync_source(store, feed(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    rows = press(store)
    assert [(c, o) for c, _, o, _ in rows] == [(RENOVER, "Ouest-France"), (MATCH, "20 Minutes"), (MATCH, "Le Monde")]
    assert result.totals == {"press_mentions": 3.0}
    # the article about petrol prices matched no keyword: reported, not loaded
    assert result.unmapped_labels == [{"label": "(aucun mot-clé)", "volumes": {"press_mentions": 1.0},
                                       "reason": "articles sans aucun des mots-clés de la source"}]


def test_the_same_article_twice_is_loaded_once_and_alert_redirects_are_unwrapped(store, feed, httpserver):
    expect(httpserver, "/revue-de-presse/rss").respond_with_data(recording("feed_revue_presse.rss"), content_type=RSS)
    expect(httpserver, "/alerte").respond_with_data(recording("feed_alerte.atom"), content_type="application/atom+xml")
    sync.sync_source(store, feed(), today=date(2025, 6, 10))
    second = sync.sync_source(store, feed(name="alerte", url=httpserver.url_for("/alerte")), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert second.status == "ok", second.error
    assert second.rows == 1 and second.press_duplicates == 1      # Le Monde's article came through both feeds
    urls = [u for *_, u in press(store)]
    assert "https://www.sudouest.exemple/emploi/jobs-ete-appli-889.php" in urls
    assert not any("google.com" in u for u in urls)
    assert ("sudouest.exemple" in [o for _, _, o, _ in press(store)])


def test_second_run_keeps_only_articles_from_the_last_days(store, feed, httpserver):
    expect(httpserver, "/revue-de-presse/rss").respond_with_data(recording("feed_revue_presse.rss"), content_type=RSS)
    sync.sync_source(store, feed(), today=date(2025, 6, 10))
    late = recording("feed_revue_presse.rss").replace("renovation-aides-4521", "renovation-aides-9999")  # an old article, new URL
    expect(httpserver, "/revue-de-presse/rss").respond_with_data(late, content_type=RSS)
    second = sync.sync_source(store, feed(), today=date(2025, 6, 12))
    assert_all_served(httpserver)
    assert second.since == date(2025, 6, 8)         # last synced day (10 June) minus the 2-day look-back
    assert second.rows == 0 and len(press(store)) == 3


def test_a_token_header_is_sent_and_a_refusal_is_explained(store, feed, httpserver, caplog):
    expect(httpserver, "/revue-de-presse/rss", headers={"X-Api-Token": TOKEN}).respond_with_data("Forbidden", status=403)
    before = counts(store)
    result = sync.sync_source(store, feed(token_env="FEED_TOKEN", header="X-Api-Token"), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    host = f"{httpserver.host}:{httpserver.port}"             # who refused: the feed's host, in any language
    assert result.error.startswith(f"{host} a refusé le jeton de la source «\u202frevue-de-presse\u202f» : vérifiez la variable FEED_TOKEN")
    assert_nothing_written(store, before)
    assert_no_secret(result.error, everything_stored(store), caplog.text)


def _failed(store, feed, httpserver, caplog):
    before = counts(store)
    result = sync.sync_source(store, feed(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "error"
    assert_nothing_written(store, before)
    assert runs(store)[-1]["error"] == result.error
    assert_no_secret(result.error, caplog.text)
    return result.error


def test_429_then_success(store, feed, httpserver):
    expect(httpserver, "/revue-de-presse/rss").respond_with_data("slow down", status=429, headers={"Retry-After": "0"})
    expect(httpserver, "/revue-de-presse/rss").respond_with_data(recording("feed_revue_presse.rss"), content_type=RSS)
    assert sync.sync_source(store, feed(), today=date(2025, 6, 10)).rows == 3
    assert_all_served(httpserver)


def test_500_three_times(store, feed, httpserver, caplog):
    for _ in range(3):
        expect(httpserver, "/revue-de-presse/rss").respond_with_data("oops", status=503)
    assert "indisponible (erreur 503, 3 essais)" in _failed(store, feed, httpserver, caplog)


def test_a_timeout(store, feed, httpserver, monkeypatch):
    result = sync_timing_out(store, feed(), httpserver, monkeypatch, "/revue-de-presse/rss")
    assert "n'a pas répondu" in result.error and counts(store)["press_mention"] == 0


def test_a_page_that_is_not_a_feed(store, feed, httpserver, caplog):
    expect(httpserver, "/revue-de-presse/rss").respond_with_data("<html><body><p>Connexion requise", content_type="text/html")
    assert "n'est pas du XML lisible" in _failed(store, feed, httpserver, caplog)


def test_an_article_without_a_date_is_named(store, feed, httpserver, caplog):
    broken = recording("feed_revue_presse.rss").replace("<pubDate>Sun, 08 Jun 2025 09:05:00 +0200</pubDate>", "")
    expect(httpserver, "/revue-de-presse/rss").respond_with_data(broken, content_type=RSS)
    message = _failed(store, feed, httpserver, caplog)
    assert "L'article n°2 du flux «\u202frevue-de-presse\u202f» («\u202fSwiper pour trouver un job" in message and "«\u202fpubDate\u202f»" in message


def test_an_rss_1_feed_is_read_too(store, feed, httpserver):
    expect(httpserver, "/revue-de-presse/rss").respond_with_data(recording("feed_rss1.rdf"), content_type="application/rdf+xml")
    result = sync.sync_source(store, feed(), today=date(2025, 6, 10))
    assert_all_served(httpserver)
    assert result.status == "ok", result.error
    assert press(store) == [(MATCH, date(2025, 6, 9), "Les Échos", "https://www.lesechos.exemple/jobs-ete-1")]


def test_a_feed_that_expands_entities_is_refused_without_expanding_them():
    """Third-party XML: a "billion laughs" document is refused with the same message as any unreadable feed."""
    from connectors import ConnectorError
    from connectors.press_feed import articles

    laughs = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
              b'<rss version="2.0"><channel><item><title>&lol3;</title><link>https://x.example/a</link></item></channel></rss>')
    with pytest.raises(ConnectorError) as refused:
        list(articles(laughs, "alertes-presse"))
    assert "alertes-presse" in str(refused.value)
