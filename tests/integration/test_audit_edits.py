"""Edits made in the app reach the audit trail, with who made them, in the same transaction as the change."""
from __future__ import annotations

from datetime import date

import pytest

from resonance.ingest import load as ingest
from resonance.reports import deck as review_deck
from resonance.services import audit, comparison, relationship, review
from resonance.services import partnership as partnerships

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)


def test_every_edit_service_leaves_a_trace_naming_its_author(demo_store):
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")
    with demo_store.read() as con:
        tinder = partnerships.partner_id(con, "Tinder")
    comparison.set_target(demo_store, campaign, "clicks", "300 000", by="Alice Admin")
    comparison.remove_target(demo_store, campaign, "clicks", by="Alice Admin")
    note = comparison.add_annotation(demo_store, campaign, date(2025, 5, 20), "Relance presse", by="Élodie Éditrice")
    comparison.remove_annotation(demo_store, campaign, note, by="Élodie Éditrice")
    comparison.set_series(demo_store, campaign, "jobs-ete", by="Élodie Éditrice")
    relationship.add_meeting(demo_store, tinder, date(2026, 11, 2), "review", "Point", created_by="Élodie Éditrice",
                             today=date(2026, 11, 27))
    relationship.set_months_without_meeting(demo_store, 8, by="Alice Admin")
    partnerships.save_partner(demo_store, {"name": "Nouveau relais", "kind": "association"}, by="Élodie Éditrice")
    review_deck.save_texts(demo_store, campaign, "Résumé revu", None, by="Élodie Éditrice")
    trail = audit.trail(demo_store)
    done = set(zip(trail["actor"], trail["action"], strict=True))
    assert {("Alice Admin", "target.set"), ("Alice Admin", "target.remove"), ("Élodie Éditrice", "annotation.add"),
            ("Élodie Éditrice", "annotation.remove"), ("Élodie Éditrice", "campaign.series"),
            ("Élodie Éditrice", "meeting.add"), ("Alice Admin", "setting.months_without_meeting"),
            ("Élodie Éditrice", "partner.create"), ("Élodie Éditrice", "campaign.texts")} <= done


def test_a_refused_edit_leaves_no_trace(demo_store):
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")
    before = len(audit.trail(demo_store))
    with pytest.raises(partnerships.PartnershipInputError):
        comparison.set_target(demo_store, campaign, "clicks", "beaucoup", by="Alice Admin")
    assert len(audit.trail(demo_store)) == before


def test_an_undo_is_in_the_trail_with_what_it_removed(demo_store):
    with demo_store.read() as con:
        ingestion_id, facts = con.execute(
            "select ingestion_id, count(*) from metric_fact group by ingestion_id order by ingestion_id limit 1").fetchall()[0]
    ingest.undo(demo_store, ingestion_id, by="Élodie Éditrice")
    trail = audit.trail(demo_store, action_prefix="ingestion.undo")
    assert trail["actor"].tolist() == ["Élodie Éditrice"]
    assert f"chargement {ingestion_id}" in trail["target"].iloc[0]
    assert str(facts) in str(trail["details"].iloc[0])
