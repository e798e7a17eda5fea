"""PESO proposed at import and sync: the rule first, then the manager's last choice for the source or the partner."""
from __future__ import annotations

import pytest

from resonance.i18n import t
from resonance.services import peso
from resonance.services.partnership import PartnershipInputError


def test_the_rule_proposes_until_a_choice_is_remembered_for_the_partner(store):
    first = peso.propose(store, partner="Tinder")
    assert (first.peso, first.reason) == ("shared", "rule")
    assert first.text().startswith(t("peso.shared", "fr") + " : proposé d'après la source")
    assert peso.propose(store, paid_platform=True).peso == "paid"
    peso.remember(store, "paid", partner="Tinder", by="Manon")
    again = peso.propose(store, partner="  tinder ")                  # the same partner, however it is written
    assert (again.peso, again.reason) == ("paid", "partner")
    assert again.text() == t("peso.paid", "fr") + " : choisi la dernière fois pour ce partenaire ; modifiable."
    assert peso.propose(store, partner="Appli Campus+").reason == "rule"        # another partner: the rule
    with store.read() as con:
        trail = con.execute("select actor, action, target from audit_event where action = 'peso.remembered'").fetchall()
    assert trail == [("Manon", "peso.remembered", "partner tinder")]


def test_a_source_s_choice_wins_over_its_partner_s(store):
    peso.remember(store, "shared", partner="Radio Ondes Jeunes")
    assert peso.propose(store, source="Matomo Radio", partner="Radio Ondes Jeunes", source_kind="matomo").peso == "shared"
    peso.remember(store, "paid", source="Matomo Radio")
    proposal = peso.propose(store, source="Matomo Radio", partner="Radio Ondes Jeunes", source_kind="matomo")
    assert (proposal.peso, proposal.reason) == ("paid", "source")
    # a press feed with nothing remembered: earned
    assert peso.propose(store, source="Flux presse", source_kind="feed").peso == "earned"


def test_a_wrong_kind_is_refused_and_nothing_is_remembered(store):
    with pytest.raises(PartnershipInputError) as refused:
        peso.remember(store, "bought", partner="Tinder")
    assert "bought" in str(refused.value.problems)
    assert peso.propose(store, partner="Tinder").reason == "rule"


def test_the_memory_queries_keep_one_kind_per_source_and_per_partner(store):
    import queries
    with store.transaction() as con:
        queries.execute(con, "peso_remember_save", {"scope": "partner", "key": "tinder", "peso": "shared",
                                                    "chosen_by": "Manon"})
        queries.execute(con, "peso_remember_save", {"scope": "partner", "key": "tinder", "peso": "paid",
                                                    "chosen_by": "Léa"})           # replaces, never duplicates
        queries.execute(con, "peso_remember_save", {"scope": "source", "key": "Matomo", "peso": "owned",
                                                    "chosen_by": "Léa"})
    with store.read() as con:
        rows = queries.run(con, "peso_remembered", {"source": "Matomo", "partner": "tinder"})
        other = queries.run(con, "peso_remembered", {"source": "Autre", "partner": "autre"})
    assert rows[["scope", "peso", "chosen_by"]].values.tolist() == [["source", "owned", "Léa"],
                                                                    ["partner", "paid", "Léa"]]
    assert other.empty


def test_a_kind_chosen_on_the_review_is_proposed_with_the_partner_s_next_file(demo_store):
    from resonance.services import review
    from resonance.services.partnership import partner_id
    assert peso.propose(demo_store, partner="Tinder").reason == "rule"
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")
    with demo_store.read() as con:
        tinder = partner_id(con, "Tinder")
    peso.choose(demo_store, campaign, tinder, "paid", by="Manon")
    proposal = peso.propose(demo_store, partner="Tinder")
    assert (proposal.peso, proposal.reason) == ("paid", "partner")
