"""The connectors' registry: built-ins come through `register`, and the sources read their kinds from it."""
from __future__ import annotations

import pytest

import connectors
from connectors import registry
from resonance.i18n import using
from resonance.services import sources


def test_the_built_in_kinds_are_registered_with_what_they_need():
    assert connectors.kinds() == ["brevo", "feed", "mailchimp", "matomo", "url"]
    needs = {name: (connectors.kind(name).needs_url, connectors.kind(name).needs_token) for name in connectors.kinds()}
    assert needs == {"brevo": (False, True), "feed": (True, False), "mailchimp": (False, True),
                     "matomo": (True, True), "url": (True, False)}
    assert sources.kinds() == connectors.kinds()


@pytest.fixture
def plugin(monkeypatch):
    monkeypatch.setitem(registry.REGISTRY, "exemple", None)        # restored after the test
    del registry.REGISTRY["exemple"]

    @connectors.register("exemple", needs_url=True, channel=("retail", "shared", "Caisses"), lookback_days=4)
    class Example:
        def __init__(self, source, client, token):
            self.name = source.name
    return Example


def test_a_plugin_registered_through_the_same_door_is_a_kind_the_sources_accept(plugin):
    assert "exemple" in sources.kinds()
    source = sources.from_mapping({"name": "mon exemple", "kind": "exemple", "url": "https://exemple.fr/api"})
    assert isinstance(connectors.build(source, client=None), plugin)
    # what a source of the kind proposes comes from its registration, as for the built-ins (no table to edit)
    assert source.defaults == ("retail", "shared", "Caisses") and source.lookback == 4
    assert source.platform_name == "Caisses" and sources.kind_label("exemple") == "exemple"
    # from the page's form a plugin's missing address is named as the form labels it, from the sources file by its key
    with pytest.raises(sources.SourcesError, match="«\u202fAdresse\u202f»"):
        sources.from_mapping({"name": "sans adresse", "kind": "exemple"})
    with pytest.raises(sources.SourcesError, match="url"):
        sources.from_mapping({"name": "sans adresse", "kind": "exemple"}, origin="file", where="sources.toml")


@pytest.mark.parametrize(("kind", "defaults", "lookback", "fr", "en"), [
    ("matomo", ("web", "owned", "Matomo"), 3, "Matomo", "Matomo"),
    ("brevo", ("email", "owned", "Brevo"), 7, "Brevo", "Brevo"),
    ("mailchimp", ("email", "owned", "Mailchimp"), 7, "Mailchimp", "Mailchimp"),
    ("feed", ("press", "earned", ""), 2, "Flux de presse", "Press feed"),
    ("url", ("web", "shared", ""), 0, "Rapport à une URL", "Report at a URL"),
])
def test_each_built_in_kind_brings_its_own_settings(kind, defaults, lookback, fr, en):
    """Each source folder's settings.py, given when it registers: what its figures are, how far back it asks again."""
    source = sources.from_mapping({"name": "s", "kind": kind, "url": "https://exemple.fr/x", "token_env": "JETON",
                                   "site_id": 12})
    assert source.defaults == defaults and source.lookback == lookback
    with using("fr"):
        assert sources.kind_label(kind) == fr
    with using("en"):
        assert sources.kind_label(kind) == en


def test_an_unknown_kind_is_refused_with_the_list_of_known_ones():
    with pytest.raises(sources.SourcesError) as refused:
        sources.from_mapping({"name": "x", "kind": "fax"})
    assert "brevo | feed | mailchimp | matomo | url" in str(refused.value)


def test_a_kind_registered_twice_with_another_factory_is_refused():
    with pytest.raises(ValueError, match="twice"):
        connectors.register("brevo")(lambda source, client, token: None)
