"""Connecteurs on a first visit: a guided "add a source" per kind, in plain words; file names only in the admin's help."""
from __future__ import annotations

from resonance import i18n
from resonance.services import sources
from tests.helpers import page, texts


def _first_visit(store, monkeypatch, tmp_path):
    monkeypatch.setenv("RESONANCE_SOURCES", str(tmp_path / "aucune.toml"))    # no declared source either
    app = page("pages/connectors.py")
    app.run()
    assert not app.exception
    return app


def test_first_visit_shows_the_guided_form_and_no_file_name(store, monkeypatch, tmp_path):
    app = _first_visit(store, monkeypatch, tmp_path)
    shown = texts(app)
    assert "Aucune source pour l'instant : choisissez ci-dessous" in shown
    for word in ("sources.toml", "secrets.toml", "Synchroniser les 0", "token_env"):
        assert word not in shown, word
    assert [b.label for b in app.button if "Synchroniser" in b.label] == []
    assert app.expander[0].proto.expanded                        # the form is open, not folded away
    # Matomo first: where the token comes from, said in words; the token itself is a secret the admin declared,
    # picked by name (branch secaccess): no field to type a token or a variable's name.
    assert "Administration › Personnel › Sécurité" in shown
    assert "connectors_add_token" not in [w.key for w in app.text_input]
    assert app.selectbox(key="connectors_add_secret").options == ["(aucun)"]


def test_each_kind_shows_only_its_fields(store, monkeypatch, tmp_path):
    app = _first_visit(store, monkeypatch, tmp_path)
    fields = {}
    for kind in sources.kinds():
        app.radio(key="connectors_add_kind").set_value(kind).run()
        fields[kind] = {w.key for w in app.text_input}
    assert "connectors_add_site" in fields["matomo"] and "connectors_add_site" not in fields["brevo"]
    assert "connectors_add_keywords" in fields["feed"] and "connectors_add_site" not in fields["feed"]
    assert "connectors_add_ids" in fields["mailchimp"]


def test_a_matomo_source_saved_from_the_guided_form(store, monkeypatch, tmp_path):
    declared = tmp_path / "sources.toml"         # no source yet, one secret the admin declared for Matomo's host
    declared.write_text('[secrets.matomo]\nenv = "MATOMO_TOKEN"\nhosts = ["stats.exemple.gouv.fr"]\n', encoding="utf-8")
    monkeypatch.setenv("RESONANCE_SOURCES", str(declared))
    app = page("pages/connectors.py")
    app.run()
    assert not app.exception
    app.selectbox(key="connectors_add_secret").set_value("matomo")
    app.text_input(key="connectors_add_name").input("Matomo 1jeune1solution")
    app.text_input(key="connectors_add_url").input("https://stats.exemple.gouv.fr")
    app.text_input(key="connectors_add_site").input("12")
    app.button(key="FormSubmitter:connectors_add-Enregistrer la source").click().run()
    assert not app.exception
    assert "Source «\u202fMatomo 1jeune1solution\u202f» enregistrée." in texts(app)
    [saved] = sources.configured(store)
    assert (saved.kind, saved.site_id, saved.secret, saved.token_env) == ("matomo", 12, "matomo", None)


def test_a_matomo_source_without_its_secret_names_the_field_as_the_form_does(store, monkeypatch, tmp_path):
    """The message names the field by its label on the form, never by its key in the sources file ("secret")."""
    for lang, field, code in (("fr", "«\u202fSecret (déclaré par un administrateur)\u202f»", "«\u202fsecret\u202f»"),
                              ("en", "“Secret (declared by an administrator)”", "“secret”")):
        monkeypatch.setenv("RESONANCE_LANG", lang)
        # AppTest writes the widgets' values back with their format_func in this thread: in the page's language
        with i18n.using(lang):
            app = _first_visit(store, monkeypatch, tmp_path)
            app.text_input(key="connectors_add_name").input("Matomo 1jeune1solution")
            app.text_input(key="connectors_add_url").input("https://stats.exemple.gouv.fr")
            app.text_input(key="connectors_add_site").input("12")
            next(b for b in app.button if b.key.startswith("FormSubmitter:connectors_add-")).click().run()
        assert not app.exception
        [error] = [e.value for e in app.error]
        assert field in error and code not in error, error
        assert sources.configured(store) == []                         # nothing saved
