"""The connectors' registry: built-ins come through `register`, and the sources read their kinds from it."""
from __future__ import annotations

import pytest

import connectors
from connectors import registry
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

    @connectors.register("exemple", needs_url=True)
    class Example:
        def __init__(self, source, client, token):
            self.name = source.name
    return Example


def test_a_plugin_registered_through_the_same_door_is_a_kind_the_sources_accept(plugin):
    assert "exemple" in sources.kinds()
    source = sources.from_mapping({"name": "mon exemple", "kind": "exemple", "url": "https://exemple.fr/api"})
    assert isinstance(connectors.build(source, client=None), plugin)
    # from the page's form a plugin's missing address is named as the form labels it, from the sources file by its key
    with pytest.raises(sources.SourcesError, match="«\u202fAdresse\u202f»"):
        sources.from_mapping({"name": "sans adresse", "kind": "exemple"})
    with pytest.raises(sources.SourcesError, match="url"):
        sources.from_mapping({"name": "sans adresse", "kind": "exemple"}, origin="file", where="sources.toml")


def test_an_unknown_kind_is_refused_with_the_list_of_known_ones():
    with pytest.raises(sources.SourcesError) as refused:
        sources.from_mapping({"name": "x", "kind": "fax"})
    assert "brevo | feed | mailchimp | matomo | url" in str(refused.value)


def test_a_kind_registered_twice_with_another_factory_is_refused():
    with pytest.raises(ValueError, match="twice"):
        connectors.register("brevo")(lambda source, client, token: None)
