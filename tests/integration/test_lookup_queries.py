"""The simple lookups (names, a partnership's id, a table's columns) and the one insert whose columns vary."""
from __future__ import annotations

import pytest

import queries
from resonance.services.partnership import (
    campaign_id,
    ensure_campaign,
    ensure_partner,
    ensure_partnership,
    partner_id,
)
from resonance.store.rows import insert_row


@pytest.fixture
def ids(store):
    with store.transaction() as con:
        return {"match": ensure_campaign(con, "Match avec ton futur"), "renover": ensure_campaign(con, "Rénover"),
                "tinder": ensure_partner(con, "Tinder"), "campus": ensure_partner(con, "Appli Campus+")}


def test_names_come_sorted_with_their_ids(store, ids):
    with store.read() as con:
        campaigns = queries.run(con, "campaign_names")
        partners = queries.run(con, "partner_names")
    assert campaigns.to_dict("records") == [{"id": ids["match"], "name": "Match avec ton futur"},
                                            {"id": ids["renover"], "name": "Rénover"}]
    assert partners.to_dict("records") == [{"id": ids["campus"], "name": "Appli Campus+"},
                                           {"id": ids["tinder"], "name": "Tinder"}]


def test_a_name_is_found_whatever_its_case_accents_and_spaces(store, ids):
    with store.read() as con:
        assert campaign_id(con, "  renover ") == ids["renover"]
        assert partner_id(con, "TINDER") == ids["tinder"]
        assert campaign_id(con, "Inconnue") is None


def test_a_partnership_is_created_once_and_found_by_its_pair(store, ids):
    with store.transaction() as con:
        first = ensure_partnership(con, ids["match"], ids["tinder"], role="relay")
        again = ensure_partnership(con, ids["match"], ids["tinder"], role="media")
        found = queries.run(con, "partnership_id", {"campaign_id": ids["match"], "partner_id": ids["tinder"]})
        none = queries.run(con, "partnership_id", {"campaign_id": ids["renover"], "partner_id": ids["tinder"]})
    assert first == again == int(found.iloc[0, 0]) and found.shape == (1, 1)
    assert none.empty


def test_an_insert_names_only_the_store_s_own_columns(store):
    with store.transaction() as con:
        campaign = insert_row(con, "campaign", {"name": "Campagne", "theme": "Emploi"})
        partner = insert_row(con, "partner", {"name": "Partenaire"})
        made = insert_row(con, "partnership", {"campaign_id": campaign, "partner_id": partner, "step": 4})
        assert con.execute("select campaign_id, partner_id, step from partnership where id = $i",
                           {"i": made}).fetchall() == [(campaign, partner, 4)]


@pytest.mark.parametrize(("table", "values"), [
    ("campaign", {"name": "x", "name; drop table campaign; --": 1}),
    ("metric_fact", {"value": 1}),
    ("campaign", {}),
])
def test_an_insert_outside_the_whitelist_is_refused_and_writes_nothing(store, table, values):
    with store.transaction() as con:
        before = len(queries.run(con, "campaign_names"))
        with pytest.raises(ValueError):
            insert_row(con, table, values)
        assert len(queries.run(con, "campaign_names")) == before
