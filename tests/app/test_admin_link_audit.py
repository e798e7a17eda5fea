"""AppTest of the administration's audit trail: its filter offers the partner links' actions, in words (issue 17)."""
import re
from datetime import date, timedelta

from resonance.services import links, peso
from resonance.services.review import campaign_id_by_name
from tests.helpers import page


def test_the_audit_filter_shows_only_the_link_actions(demo_store):
    links.create(demo_store, "Jobs d'été 2026/Tinder", expires_on=date.today() + timedelta(days=30), created_by="Marie")
    links.revoke(demo_store, partnership="Jobs d'été 2026/Tinder", by="Marie")
    app = page("pages/admin.py")
    app.run()
    assert not app.exception
    choice = app.selectbox(key="audit_filter")
    assert "Liens de dépôt des partenaires" in choice.options
    assert not any("link" in option for option in choice.options)          # words, never a code
    everything = app.dataframe[-1].value
    choice.set_value("link.").run()
    assert not app.exception
    trail = app.dataframe[-1].value
    # the actions, their targets and details in words (never "link.create", "link 1" or a JSON key)
    assert trail["action"].tolist() == ["Lien de dépôt révoqué", "Lien de dépôt créé"] and set(trail["actor"]) == {"Marie"}
    assert trail["target"].tolist() == ["Lien n° 1", "Lien n° 1"]
    assert trail["details"].iloc[1].startswith("Campagne : Jobs d'été 2026 · Partenaire : Tinder · Expire le : ")
    assert len(everything) > len(trail)                    # the other actions (the demo's imports…) are filtered out


def test_no_code_in_the_audit_trail_in_either_language(demo_store, monkeypatch):
    """Every action the demo and a day's work record is written in words, in French and in English."""
    links.create(demo_store, "Jobs d'été 2026/Tinder", expires_on=date.today() + timedelta(days=30), created_by="Marie")
    peso.choose(demo_store, campaign_id_by_name(demo_store, "Jobs d'été 2026"), None, "owned", by="Marie")
    raw = {"action": re.compile(r"^[a-z_]+(\.[a-z_]+)+$"),                                 # link.create
           "target": re.compile(r"^(account|asset|campagne|chargement|drop|ingestion|link|partenariat|secret) "),
           "details": re.compile(r"[{}\"]|\b[a-z]+_[a-z_]+\b|\d{4}-\d{2}-\d{2}|\b(true|false|null)\b")}
    for lang, loaded in (("fr", "Fichier ou synchronisation chargé"), ("en", "File or sync loaded")):
        monkeypatch.setenv("RESONANCE_LANG", lang)
        app = page("pages/admin.py")
        app.run()
        assert not app.exception
        trail = app.dataframe[-1].value
        assert loaded in set(trail["action"])
        for column, code in raw.items():
            found = [v for v in trail[column] if code.search(str(v))]
            assert not found, (lang, column, found[:3])
