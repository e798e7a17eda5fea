"""PESO chosen per partnership: remembered, applied to figures loaded before and after, read by every surface."""
from __future__ import annotations

import pytest

from resonance.services import peso, review
from resonance.services.partnership import PartnershipInputError, partner_id
from tests.helpers import page


def test_choosing_paid_for_the_free_relay_changes_the_resonance_everywhere(demo_store):
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")
    with demo_store.read() as con:
        tinder = partner_id(con, "Tinder")
    before = review.report(demo_store, campaign)
    assert before["resonance"]["partners_share_impressions"] == 1
    rows = peso.choices(demo_store, campaign)
    assert rows.loc[rows["partner"] == "Tinder", "chosen"].isna().all()
    peso.choose(demo_store, campaign, tinder, "paid", by="Manon")
    after = review.report(demo_store, campaign)
    assert after["peso"]["impressions"]["paid"] == before["peso"]["impressions"]["shared"] == 2_104_350
    assert after["resonance"]["partners_share_impressions"] == 0
    assert after["resonance"]["multiplier_impressions"] == 1
    assert after["totals"] == before["totals"]                   # volumes never change with their PESO kind
    compare = review.campaign_review(demo_store, campaign).totals
    assert compare["impressions_paid"] == 2_104_350
    rows = peso.choices(demo_store, campaign)
    assert rows.loc[rows["partner"] == "Tinder", "chosen"].iloc[0] == "paid"
    with demo_store.read() as con:
        trail = con.execute("select actor, action from audit_event where action = 'partnership.peso'").fetchall()
    assert trail == [("Manon", "partnership.peso")]


def test_an_unknown_kind_is_refused_in_french(demo_store):
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")
    with pytest.raises(PartnershipInputError) as refused:
        peso.choose(demo_store, campaign, None, "gratuit")
    assert refused.value.problems == ["Type de canal «\u202fgratuit\u202f» inconnu : choisissez parmi Acheté, "
                                      "Obtenu (presse), Partagé (canaux du partenaire, relais), "
                                      "Propre (canaux de l'État)."]


def test_an_editor_chooses_the_kind_on_the_review(demo_store):
    app = page("pages/campaign_review.py")
    app.query_params["campagne"] = "Match avec ton futur"
    app.run()
    assert not app.exception
    app.selectbox(key="peso-Tinder").set_value("owned")
    app.button(key="peso_save").click().run()
    assert not app.exception
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")
    assert review.report(demo_store, campaign)["peso"]["impressions"]["owned"] == 2_104_350


def test_a_second_choice_replaces_the_first_and_own_media_are_a_partnership_too(demo_store):
    import queries
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")   # its own site: owned
    with demo_store.transaction() as con:
        for kind in ("owned", "paid"):
            queries.execute(con, "peso_choice_save", {"campaign_id": campaign, "partner_id": None, "peso": kind,
                                                      "chosen_by": "test"})
    with demo_store.read() as con:
        rows = queries.run(con, "peso_choices", {"campaign_id": campaign})
        stored = con.execute("select partner_key, peso from partnership_peso").fetchall()
    assert stored == [(0, "paid")]
    own = rows[rows["partner_id"].isna()]
    assert list(own["chosen"]) == ["paid"] and list(own["recorded"].iloc[0]) == ["owned"]
