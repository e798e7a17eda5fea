"""The resonance (issue 15) from the figures model: PESO split, share carried by partners, multiplier, press naming a partner."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import page

from resonance.ingest import load as ingest
from resonance.services import review
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership

DAY = date(2025, 4, 1)


def _rows(campaign, partner, channel, peso, **metrics):
    frame = pd.DataFrame([{"campaign_id": campaign, "partner_id": partner, "channel": channel, "peso": peso,
                           "platform": channel, "period_start": DAY, "period_end": DAY, "metric": m, "value": float(v)}
                          for m, v in metrics.items()])
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    return frame


@pytest.fixture
def seeded(store):
    with store.transaction() as con:
        owned_only = ensure_campaign(con, "Seulement nos canaux", start_date=DAY, end_date=DAY)
        mixed = ensure_campaign(con, "Avec des partenaires", start_date=DAY, end_date=DAY)
        relay, bought = ensure_partner(con, "Relais gratuit"), ensure_partner(con, "Régie")
        ensure_partnership(con, mixed, relay)
        ensure_partnership(con, mixed, bought)
        for frame in (
            _rows(owned_only, None, "email", "owned", impressions=10_000, clicks=500),
            _rows(mixed, None, "web", "owned", impressions=20_000, clicks=400, landing_visits=300),
            _rows(mixed, bought, "display", "paid", impressions=30_000, clicks=600, spend=900),
            _rows(mixed, relay, "app", "shared", impressions=150_000, clicks=9_000, landing_visits=6_000),
        ):
            ingest.load(store, source="test", facts=frame, con=con, campaign_id=int(frame["campaign_id"].iloc[0]))
        press = pd.DataFrame([
            {"campaign_id": mixed, "partner_id": relay, "published_on": DAY, "outlet": "Le Monde", "title": "Relais",
             "url": "https://a.example/1", "audience": 1_000, "sentiment": "positive"},
            {"campaign_id": mixed, "partner_id": None, "published_on": DAY, "outlet": "Ouest", "title": "Campagne",
             "url": "https://a.example/2", "audience": 500, "sentiment": "neutral"},
        ])
        ingest.load(store, source="test", press=press, con=con, campaign_id=mixed)
    return {"store": store, "owned_only": owned_only, "mixed": mixed}


def test_a_campaign_on_owned_channels_only_has_a_multiplier_of_one_said_plainly(seeded):
    report = review.report(seeded["store"], seeded["owned_only"])
    assert report["resonance"]["multiplier_impressions"] == 1
    assert report["resonance"]["partners_share_impressions"] == 0
    assert report["peso"]["impressions"] == {"paid": None, "earned": None, "shared": None, "owned": 10_000}
    _, _, note = review.resonance(review.campaign_review(seeded["store"], seeded["owned_only"]).totals, "fr")
    assert note == "Les partenaires n'ont rien ajouté aux canaux propres et achetés de l'État : multiplicateur ×1."


def test_a_free_relay_beside_a_paid_partner_carries_the_campaign(seeded):
    report = review.report(seeded["store"], seeded["mixed"])
    resonance = report["resonance"]
    assert resonance["partners_share_impressions"] == pytest.approx(150_000 / 200_000)
    assert resonance["multiplier_impressions"] == pytest.approx(200_000 / 50_000)
    assert resonance["multiplier_clicks"] == pytest.approx(10_000 / 1_000)
    assert resonance["press_naming_partner"] == 1                   # the article naming the relay, not the other
    relay = next(p for p in report["partners"] if p["partner"] == "Relais gratuit")
    assert relay["peso"]["impressions"]["shared"] == 150_000 and relay["resonance"]["partners_share_impressions"] == 1
    # the relay's volume is not what the 900 € paid for
    assert report["ratios"]["cpc"] == pytest.approx(900 / 600)


def test_the_tinder_review_opens_with_how_far_the_partner_carried_it(demo_store):
    app = page("pages/campaign_review.py")
    app.query_params["campagne"] = "Match avec ton futur"
    app.run()
    assert not app.exception
    assert app.subheader[0].value == "La résonance : ce que les partenaires ont ajouté"
    assert "100\u202f% des impressions sont passées par des canaux que l'État ne possède ni n'achète." in [
        m.value for m in app.markdown]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Part des impressions portée par les partenaires"] == "100\u202f%"
    assert metrics["Articles qui nomment un partenaire"] == "213"     # the press the relay itself earned
    assert any("pas de multiplicateur à calculer" in c.value for c in app.caption)
