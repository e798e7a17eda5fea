"""The PESO rule proposed at import and sync: partner's file → shared, ad platform's export → paid, press → earned, own → owned."""
from __future__ import annotations

import pytest

from resonance.domain import peso


@pytest.mark.parametrize(("where", "expected"), [
    ({"partner": True}, "shared"),                                   # a partner's report
    ({"partner": True, "paid_platform": True}, "shared"),            # a partner's Meta export: its own channel
    ({"paid_platform": True}, "paid"),                               # an ad platform's export, no partner
    ({"press": True}, "earned"),                                     # a press list
    ({"press": True, "partner": True}, "earned"),                    # an article naming a partner is still earned
    ({}, "owned"),                                                   # the government's own site or newsletter
    ({"source_kind": "feed"}, "earned"),
    ({"source_kind": "url"}, "shared"),
    ({"source_kind": "matomo"}, "owned"),
    ({"source_kind": "brevo", "partner": True}, "shared"),           # a partner's newsletter tool
    ({"source_kind": "mailchimp"}, "owned"),
])
def test_the_rule_proposes_a_kind_from_the_source(where, expected):
    assert peso.propose(**where) == expected


def test_a_kind_outside_the_four_is_refused():
    assert peso.checked("shared") == "shared" and peso.checked(None) is None
    with pytest.raises(ValueError):
        peso.checked("bought")


@pytest.mark.parametrize("kind", ["matomo", "brevo", "mailchimp", "feed", "url"])
@pytest.mark.parametrize("partner", [None, "Tinder"])
def test_a_sync_without_a_choice_loads_the_kind_the_rule_proposes(kind, partner):
    """What a declared source loads at each sync when nobody chose (Source.defaults) is the rule's proposal; a
    choice kept with the source wins."""
    from resonance.services.source_declarations import Source
    assert Source(name="s", kind=kind, partner=partner).defaults[1] == peso.propose(partner=bool(partner),
                                                                                  source_kind=kind)
    assert Source(name="s", kind=kind, partner=partner, peso="paid").defaults[1] == "paid"
