"""Issue 13, findings 3 and 4 through the Connecteurs page: Tester on an internal service, the secret picked by name."""
from __future__ import annotations

import pytest
from conftest import page, texts

from resonance.services import sources


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
    assert "Refusé : la demande de la source « interne »" in shown and "bouclage" in shown
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
    app.selectbox(key="connectors_add_kind").set_value("brevo")
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
    assert listed.to_dict("records") == [{"name": "brevo", "read_from": "env BREVO_API_KEY", "hosts": "api.brevo.com",
                                          "has_value": True}]
    assert "xkeysib-valeur-secrete" not in texts(app) + listed.to_csv()
    assert "Hôtes internes autorisés pour les connecteurs (RESONANCE_ALLOW_HOSTS) : localhost." in texts(app)
