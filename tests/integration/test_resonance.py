"""The resonance (issue 15) from the figures model: PESO split, share carried by partners, multiplier, press naming a partner."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from resonance.ingest import load as ingest
from resonance.services import review
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership
from tests.helpers import page

DAY = date(2025, 4, 1)


def _rows(campaign, partner, channel, peso, **metrics):
    frame = pd.DataFrame([{"campaign_id": campaign, "partner_id": partner, "channel": channel, "peso": peso,
                           "platform": channel, "period_start": DAY, "period_end": DAY, "metric": m, "value": float(v)}
                          for m, v in metrics.items()])
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    return frame


def _seeded(store):
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


@pytest.fixture
def seeded(seed_once):
    """Seeded once per worker, a copy of the seeded file for each test (tests/conftest.py)."""
    return seed_once(_seeded)


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
    # the review opens with the resonance in one sentence, right under the title (its first screen at 1280×800 is
    # checked in the browser), then the key figures; the resonance tiles carry short labels on a laptop
    sentence = "**100\u202f% des impressions sont passées par des canaux que l'État ne possède ni n'achète.**"
    shown = [m.value for m in app.markdown]
    assert sentence in shown and shown.index(sentence) <= 1          # after the objective at most
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Part des impressions"] == "100\u202f%"
    assert metrics["Articles les citant"] == "213"     # the press the relay itself earned
    assert any("pas de multiplicateur des impressions à calculer" in c.value for c in app.caption)


def _paid_history(store, count: int) -> None:
    """`count` paid display partnerships of past campaigns, CPM 2, 4, 6… € and CPC 0,10, 0,20, 0,30… €."""
    with store.transaction() as con:
        for index in range(count):
            campaign = ensure_campaign(con, f"Passée {index}", start_date=date(2023 + index % 2, 1, 1),
                                       end_date=date(2023 + index % 2, 1, 1))
            partner = ensure_partner(con, f"Régie {index}")
            ensure_partnership(con, campaign, partner, channel="display")
            frame = pd.concat([_rows(campaign, partner, "display", "paid", impressions=100_000, clicks=2_000 * 10 // (index + 1))])
            frame["period_start"] = frame["period_end"] = date(2023 + index % 2, 1, 1)
            spend = 200 * (index + 1)
            frame = pd.concat([frame, frame.iloc[:1].assign(metric="spend", value=float(spend))])
            ingest.load(store, source="test", facts=frame, con=con, campaign_id=campaign)
        relay = ensure_partner(con, "Relais display")
        campaign = ensure_campaign(con, "Relayée", start_date=DAY, end_date=DAY)
        ensure_partnership(con, campaign, relay, channel="display")
        ingest.load(store, source="test", con=con, campaign_id=campaign,
                    facts=_rows(campaign, relay, "display", "shared", impressions=1_000_000, clicks=5_000))


@pytest.mark.parametrize("count", [5, 4])
def test_paid_media_equivalent_needs_five_comparable_paid_partnerships(store, count):
    import queries
    from resonance.domain.figures import EQUIVALENT_MIN_BASE
    _paid_history(store, count)
    campaign = review.campaign_id_by_name(store, "Relayée")
    with store.read() as con:
        rows = queries.run(con, "paid_media_equivalent", {"campaign_id": campaign, "min_base": EQUIVALENT_MIN_BASE})
    row = rows.iloc[0]
    assert row["partner"] == "Relais display" and row["base"] == count
    report = review.report(store, campaign)
    lines = review.equivalent_lines(rows, "fr")
    if count < EQUIVALENT_MIN_BASE:
        assert pd.isna(row["equivalent_cpm_eur"]) and pd.isna(row["equivalent_cpc_eur"])
        assert lines == ["Relais display : 4 partenariats payants comparables seulement (il en faut 5) : "
                         "pas d'équivalent."]
        return
    cpms = sorted(200 * (i + 1) * 1000 / 100_000 for i in range(count))      # 2, 4, 6, 8, 10 €
    assert row["median_cpm_eur"] == pytest.approx(cpms[2])
    assert row["equivalent_cpm_eur"] == pytest.approx(1_000_000 * cpms[2] / 1000)
    assert list(row["years"]) == [2023, 2024]
    equivalent = report["paid_media_equivalent"][0]
    assert equivalent["equivalent_cpm_eur"] == pytest.approx(6_000) and equivalent["base"] == 5
    assert report["totals"]["spend"] is None                                   # never added to spend
    assert lines[0].startswith("Relais display : 6\u202f000\u202f€ au coût pour mille médian (6,00\u202f€)")
