"""The Connecteurs page (AppTest) on a real store with a local HTTP server: sync now, runs, unmapped labels, roles."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from resonance.services import accounts, sources
from tests.helpers import page, texts
from tests.recordings.kit import fast_http, matomo_declared, recording, seed

TODAY = date.today()


def table(app, column: str):
    """The table on the page that has this column (AppTest does not expose dataframe keys)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


@pytest.fixture
def declared(store, monkeypatch, tmp_path, httpserver):
    fast_http(monkeypatch, tmp_path)
    seed(store)
    day = (TODAY - timedelta(days=1)).isoformat()
    path = tmp_path / "sources.toml"
    path.write_text(matomo_declared(httpserver.url_for("/"), day) + f'''
[[source]]
name = "revue-de-presse"
kind = "feed"
url = "{httpserver.url_for("/rss")}"
since = 2025-06-01
[source.campaigns]
"jobs d'été" = "Match avec ton futur"
''', encoding="utf-8")
    monkeypatch.setenv("RESONANCE_SOURCES", str(path))
    httpserver.expect_request("/index.php", method="POST").respond_with_json(
        {day: [{"label": "mtf_2025_tinder", "nb_visits": 4321, "nb_conversions": 210},
               {"label": "newsletter_mai", "nb_visits": 102}], TODAY.isoformat(): []})
    httpserver.expect_request("/rss").respond_with_data(recording("feed_revue_presse.rss"), content_type="application/rss+xml")
    return store


def test_a_manager_syncs_and_sees_runs_and_unmapped_labels(declared):
    app = page("pages/connectors.py")
    app.run()
    assert not app.exception
    assert "jamais synchronisée" in table(app, "status")["status"].tolist()
    app.button(key="connectors_sync_all").click().run()
    assert not app.exception
    shown = texts(app)
    assert "matomo-1j1s : 2 lignes chargées." in shown
    assert "revue-de-presse : 2 lignes chargées." in shown
    app.run()
    statuses = table(app, "status")["status"].tolist()
    assert statuses == ["✓ réussie", "✓ réussie"]
    # the Matomo label nobody mapped is shown with its volume, and can be mapped
    app.selectbox(key="connectors_pick").set_value("matomo-1j1s").run()
    assert "1 libellé de la source ne correspond à aucune campagne" in texts(app)
    unmapped = table(app, "volumes")
    assert unmapped["label"].tolist() == ["newsletter_mai"] and unmapped["volumes"].tolist() == ["Visites du site 102"]
    app.selectbox(key="connectors_map_campaign").set_value("Rénover c'est gagné")
    app.button(key="FormSubmitter:connectors_map-Associer").click().run()
    assert "«\u202fnewsletter_mai\u202f» est associé à «\u202fRénover c'est gagné\u202f»" in texts(app)
    assert sources.label_mappings(declared, "matomo-1j1s")["campaign"].tolist() == ["Rénover c'est gagné"]


def test_the_synced_figures_appear_in_the_campaign_review(declared):
    app = page("pages/connectors.py")
    app.run()
    app.button(key="connectors_sync_all").click().run()
    review = page("pages/campaign_review.py")
    review.query_params["campagne"] = "Match avec ton futur"
    review.run()
    assert not review.exception
    metrics = {m.label: m.value for m in review.metric}
    assert metrics["Visites du site"] == "4\u202f321" and metrics["Articles de presse"] == "2"


def test_an_edit_of_the_sources_file_shows_at_the_next_render_and_a_broken_file_is_explained(declared, monkeypatch):
    app = page("pages/connectors.py")
    app.run()
    path = sources.sources_file()
    path.write_text(path.read_text(encoding="utf-8") + '\n[[source]]\nname = "mailchimp-campus"\nkind = "mailchimp"\n'
                    'token_env = "MAILCHIMP_KEY"\n', encoding="utf-8")
    app.run()
    assert table(app, "status")["name"].tolist() == ["matomo-1j1s", "revue-de-presse", "mailchimp-campus"]
    path.write_text('[[source]]\nname = "x"\nkind = "matomo"\nurl = "https://stats.exemple"\nsite_id = 1\n'
                    'token_env = "T"\ntoken = "abc"\n', encoding="utf-8")
    app.run()
    assert not app.exception
    assert any("sources.toml, source n°1 «\u202fx\u202f» : un jeton ne s'écrit jamais" in e.value for e in app.error)


def test_a_reader_sees_the_runs_but_cannot_sync_or_configure(declared, monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")
    accounts.add(declared, "Léo Lecteur", "lecteur", "une phrase de passe solide")
    session = accounts.sign_in(declared, "Léo Lecteur", "une phrase de passe solide")
    app = page("pages/connectors.py")
    app.session_state["_resonance_session_token"] = session.token
    app.run()
    assert not app.exception
    assert table(app, "status")["name"].tolist() == ["matomo-1j1s", "revue-de-presse"]
    assert not [b for b in app.button if b.key in ("connectors_sync_all", "connectors_test", "connectors_sync_one")]
    assert any("éditeur" in e.value.lower() or "editeur" in e.value.lower() for e in app.error)


def test_a_source_added_in_the_page_is_switchable_and_a_secret_is_never_asked(declared):
    app = page("pages/connectors.py")
    app.run()
    app.radio(key="connectors_add_kind").set_value("feed").run()      # the guided form shows the feed's fields
    app.text_input(key="connectors_add_name").input("alerte-jobs")
    app.text_input(key="connectors_add_url").input("https://alertes.exemple/rss")
    app.text_input(key="connectors_add_keywords").input("jobs d'été, job étudiant")
    app.selectbox(key="connectors_add_campaign").set_value("Match avec ton futur")
    app.button(key="FormSubmitter:connectors_add-Enregistrer la source").click().run()
    assert not app.exception
    assert "Source «\u202falerte-jobs\u202f» enregistrée." in texts(app)
    [added] = [s for s in sources.all_sources(declared) if s.name == "alerte-jobs"]
    assert added.keywords == ["jobs d'été", "job étudiant"] and added.campaign == "Match avec ton futur"
    app.run()
    app.selectbox(key="connectors_pick").set_value("alerte-jobs").run()
    app.toggle(key="connectors_on_alerte-jobs").set_value(False).run()
    assert not app.exception
    assert not [s for s in sources.all_sources(declared) if s.name == "alerte-jobs"][0].enabled
    app.button(key="connectors_delete").click().run()
    assert not app.exception
    assert "alerte-jobs" not in [s.name for s in sources.all_sources(declared)]
    assert "alerte-jobs" not in table(app, "status")["name"].tolist()


def test_done_when_matomo_brevo_and_a_feed_configured_in_the_page_show_up_in_the_review(store, monkeypatch, tmp_path,
                                                                                        httpserver):
    fast_http(monkeypatch, tmp_path)
    seed(store)
    day = (TODAY - timedelta(days=1))
    httpserver.expect_request("/index.php", method="POST").respond_with_json(
        {day.isoformat(): [{"label": "mtf_2025_tinder", "nb_visits": 4321, "nb_conversions": 210}], TODAY.isoformat(): []})
    httpserver.expect_request("/v3/emailCampaigns").respond_with_json({"count": 1, "campaigns": [{
        "id": 12, "name": "MTF — lettre", "type": "classic", "status": "sent", "sentDate": f"{day.isoformat()}T08:30:00.000Z",
        "statistics": {"globalStats": {"sent": 48200, "delivered": 47610, "uniqueViews": 15890, "uniqueClicks": 2410,
                                       "appleMppOpens": 3900, "viewed": 22000, "clickers": 2900, "complaints": 1,
                                       "softBounces": 40, "hardBounces": 550, "unsubscriptions": 12}}}]})
    httpserver.expect_request("/rss").respond_with_data(recording("feed_revue_presse.rss").replace("Jun 2025", TODAY.strftime("%b %Y")),
                                                        content_type="application/rss+xml")
    app = page("pages/connectors.py")
    app.run()
    for kind, name, url, extra in (
        ("matomo", "matomo-1j1s", httpserver.url_for("/"), {"connectors_add_site": "12", "connectors_add_secret": "MATOMO_TOKEN"}),
        ("brevo", "brevo-lettres", httpserver.url_for("/v3"), {"connectors_add_secret": "BREVO_KEY"}),
        ("feed", "revue-de-presse", httpserver.url_for("/rss"), {"connectors_add_keywords": "jobs d'été"}),
    ):
        app.radio(key="connectors_add_kind").set_value(kind).run()    # each kind shows only its own fields
        app.text_input(key="connectors_add_name").input(name)
        app.text_input(key="connectors_add_url").input(url)
        shown = {w.key for w in app.text_input} | {w.key for w in app.selectbox}
        # A field left from the previous kind is emptied, a field this kind doesn't show isn't there to fill.
        for key, value in ({k: "" for k in ("connectors_add_site", "connectors_add_secret", "connectors_add_keywords")
                            if k in shown} | extra).items():
            (app.selectbox(key=key).set_value if key == "connectors_add_secret" else app.text_input(key=key).input)(value)
        app.selectbox(key="connectors_add_campaign").set_value("Match avec ton futur")
        app.button(key="FormSubmitter:connectors_add-Enregistrer la source").click().run()
        assert f"Source «\u202f{name}\u202f» enregistrée." in texts(app), texts(app)
    app.button(key="connectors_sync_all").click().run()
    assert not app.exception
    review = page("pages/campaign_review.py")
    review.query_params["campagne"] = "Match avec ton futur"
    review.run()
    metrics = {m.label: m.value for m in review.metric}
    assert metrics["Visites du site"] == "4\u202f321"
    assert metrics["Ouvertures uniques"] == "15\u202f890"
    assert metrics["Articles de presse"] == "2"
    app.selectbox(key="connectors_pick").set_value("brevo-lettres").run()
    assert "Ouvertures automatiques Apple Mail (protection de la vie privée) signalées par Brevo au dernier passage : 3\u202f900" in texts(app)


def test_the_page_speaks_english_too(declared, monkeypatch):
    monkeypatch.setenv("RESONANCE_LANG", "en")
    app = page("pages/connectors.py")
    app.run()
    assert not app.exception
    assert "Connectors" in [t.value for t in app.title]
    assert table(app, "status")["status"].tolist() == ["never synced", "never synced"]
    assert "Sync the 2 active sources" in [b.label for b in app.button]
