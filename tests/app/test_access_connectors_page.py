"""Issue 13, findings 3 and 4 through the Connecteurs page: Tester on an internal service, the secret picked by name."""
from __future__ import annotations

import pytest

import queries
from resonance.ingest import sync
from resonance.services import accounts, audit, secrets, sources
from tests.helpers import page, texts


@pytest.fixture
def internal(httpserver):
    httpserver.expect_request("/internal-admin/secret").respond_with_data("root password: hunter2")
    return httpserver


def test_tester_on_a_loopback_service_says_refused_and_never_shows_its_body(store, internal, monkeypatch):
    monkeypatch.delenv("RESONANCE_ALLOW_HOSTS")
    sources.save(store, sources.from_mapping({"name": "interne", "kind": "url",
                                              "url": f"http://127.0.0.1:{internal.port}/internal-admin/secret"}))
    app = page("pages/connectors.py")
    app.run()
    app.selectbox(key="connectors_pick").set_value("interne").run()
    app.button(key="connectors_test").click().run()
    assert not app.exception
    shown = texts(app)
    assert "Refusé : la demande de la source «\u202finterne\u202f»" in shown and "bouclage" in shown
    assert "hunter2" not in shown
    assert internal.log == []


def test_an_editor_picks_a_declared_secret_and_never_types_a_variable_name(store, tmp_path, monkeypatch):
    declared = tmp_path / "sources.toml"
    declared.write_text('[secrets.brevo]\nenv = "BREVO_API_KEY"\nhosts = ["api.brevo.com"]\n', encoding="utf-8")
    monkeypatch.setenv("RESONANCE_SOURCES", str(declared))
    app = page("pages/connectors.py")
    app.run()
    assert "connectors_add_token" not in [t.key for t in app.text_input]
    assert app.selectbox(key="connectors_add_secret").options == ["(aucun)", "brevo"]
    app.radio(key="connectors_add_kind").set_value("brevo").run()
    app.text_input(key="connectors_add_name").input("lettres")
    app.selectbox(key="connectors_add_secret").set_value("brevo")
    app.button(key="FormSubmitter:connectors_add-Enregistrer la source").click().run()
    assert not app.exception
    [saved] = [s for s in sources.all_sources(store) if s.name == "lettres"]
    assert (saved.secret, saved.token_env) == ("brevo", None)


def test_the_admin_page_lists_the_declared_secrets_without_their_values(store, tmp_path, monkeypatch):
    declared = tmp_path / "sources.toml"
    declared.write_text('[secrets.brevo]\nenv = "BREVO_API_KEY"\nhosts = ["api.brevo.com"]\n', encoding="utf-8")
    monkeypatch.setenv("RESONANCE_SOURCES", str(declared))
    monkeypatch.setenv("BREVO_API_KEY", "xkeysib-valeur-secrete")
    app = page("pages/admin.py")
    app.run()
    assert not app.exception
    listed = app.dataframe[-1].value                                         # no account, no trail yet: the only table
    assert listed.to_dict("records") == [{"name": "brevo", "read_from": "variable d'environnement BREVO_API_KEY", "hosts": "api.brevo.com",
                                          "has_value": True}]
    assert "xkeysib-valeur-secrete" not in texts(app) + listed.to_csv()
    assert "Hôtes internes autorisés pour les connecteurs (RESONANCE_ALLOW_HOSTS) : localhost." in texts(app)


def test_an_admin_declares_a_secret_on_the_admin_page_and_it_goes_to_its_host_only(store, httpserver, monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")
    monkeypatch.setenv("PARTNER_TOKEN", "jeton-du-partenaire-0123456789")
    accounts.add(store, "Admin", "admin", "une phrase de passe solide")
    app = page("pages/admin.py")
    app.session_state["_resonance_session_token"] = accounts.sign_in(store, "Admin", "une phrase de passe solide").token
    app.run()
    for label, value in (("Nom du secret", "campus"), ("Variable d'environnement", "PARTNER_TOKEN"),
                         ("Hôtes auxquels", "localhost")):
        next(w for w in app.text_input if w.label.startswith(label)).input(value)
    app.button(key="FormSubmitter:secret_declare-Déclarer").click().run()
    assert not app.exception and "Secret «\u202fcampus\u202f» déclaré." in texts(app)
    assert secrets.declared_secrets(store=store)["campus"].hosts == ("localhost",)
    assert audit.trail(store, action_prefix="source.secret").iloc[0]["actor"] == "Admin"
    with store.read() as con:
        assert queries.run(con, "connector_secret_list")["name"].tolist() == ["campus"]
    httpserver.expect_request("/r.csv", headers={"Authorization": "Bearer jeton-du-partenaire-0123456789"}
                              ).respond_with_data("a,b\n1,2\n")
    ok = sources.from_mapping({"name": "r", "kind": "url", "url": httpserver.url_for("/r.csv"), "secret": "campus"})
    away = sources.from_mapping({"name": "r2", "kind": "url", "url": "http://127.0.0.1:9/r.csv", "secret": "campus"})
    monkeypatch.setenv("RESONANCE_ALLOW_HOSTS", "localhost,127.0.0.1")
    assert sync.check_source(ok, store=store)[0] == "reachable"
    assert sync.check_source(away, store=store)[0] == "refused"
    app.button(key="FormSubmitter:secret_withdraw-Retirer").click().run()
    assert "campus" not in secrets.declared_secrets(store=store)
    with store.transaction() as con:               # the statement behind "Retirer", by name, on an empty list
        queries.execute(con, "connector_secret_delete", {"name": "campus"})
        queries.execute(con, "connector_secret_save", {"name": "x", "env": "X", "secrets_key": None, "hosts": '["h"]',
                                                       "created_by": "test"})
    assert secrets.page_secret_names(store) == ["x"]
