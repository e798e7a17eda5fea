"""Across the portfolio (issue 15): partners' share per year × theme, amplification per activation and per euro of counterpart."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import queries
from resonance.ingest import load as ingest
from resonance.services import actors, overview
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership

DAY = date(2025, 4, 1)
LAST_YEAR = date(2024, 6, 1)


def _rows(campaign, partner, channel, peso, day=DAY, **metrics):
    frame = pd.DataFrame([{"campaign_id": campaign, "partner_id": partner, "channel": channel, "peso": peso,
                           "platform": channel, "period_start": day, "period_end": day, "metric": m, "value": float(v)}
                          for m, v in metrics.items()])
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    return frame


def _portfolio(store):
    """A theme on owned channels only; a theme with a free relay, a paid display partner and a sponsor whose sheet
    writes its counterpart in euros; the press names the relay; last year the relay alone."""
    with store.transaction() as con:
        owned = ensure_campaign(con, "Nos canaux", theme="Santé", start_date=DAY, end_date=DAY)
        mixed = ensure_campaign(con, "Avec partenaires", theme="Emploi", start_date=DAY, end_date=DAY)
        before = ensure_campaign(con, "L'an dernier", theme="Emploi", start_date=LAST_YEAR, end_date=LAST_YEAR)
        relay = ensure_partner(con, "Relais gratuit")
        bought = ensure_partner(con, "Régie")
        sponsor = ensure_partner(con, "Mécène")
        silent = ensure_partner(con, "Sans fiche")
        ensure_partnership(con, mixed, relay, activations="Bannière et notification",
                           counterparts="Relais gracieux ; citation dans le communiqué")
        ensure_partnership(con, mixed, bought, activations="Habillage", counterparts="Achat d'espace")
        ensure_partnership(con, mixed, sponsor, activations="Publications, stories ; jeu-concours",
                           counterparts="Dotation de 2 000 € et logo sur l'affiche")
        ensure_partnership(con, mixed, silent)
        ensure_partnership(con, before, relay, activations="Bannière", counterparts="Relais gracieux")
        for frame in (
            _rows(owned, None, "email", "owned", impressions=10_000, clicks=500),
            _rows(mixed, None, "web", "owned", impressions=20_000, clicks=400),
            _rows(mixed, bought, "display", "paid", impressions=30_000, clicks=600, spend=900),
            _rows(mixed, relay, "app", "shared", impressions=150_000, clicks=9_000),
            _rows(mixed, sponsor, "social", "shared", impressions=40_000, clicks=1_000),
            _rows(before, relay, "app", "shared", day=LAST_YEAR, impressions=50_000, clicks=2_000),
        ):
            ingest.load(store, source="test", facts=frame, con=con, campaign_id=int(frame["campaign_id"].iloc[0]))
        press = pd.DataFrame([
            {"campaign_id": mixed, "partner_id": relay, "published_on": DAY, "outlet": "Le Monde", "title": "Relais",
             "url": "https://a.example/1", "audience": 1_000, "sentiment": "positive"},
            {"campaign_id": mixed, "partner_id": relay, "published_on": DAY, "outlet": "Ouest", "title": "Relais 2",
             "url": "https://a.example/2", "audience": 500, "sentiment": "neutral"},
            {"campaign_id": mixed, "partner_id": None, "published_on": DAY, "outlet": "Sud", "title": "Campagne",
             "url": "https://a.example/3", "audience": 500, "sentiment": "neutral"},
        ])
        ingest.load(store, source="test", press=press, con=con, campaign_id=mixed)
    return store


@pytest.fixture
def portfolio(seed_once):
    """Seeded once per worker, a copy of the seeded file for each test (tests/conftest.py)."""
    return seed_once(_portfolio)


@pytest.mark.parametrize(("text", "expected"), [
    ("Bannière et notification", 2),
    ("Affiches et kakemonos dans 180 magasins, QR codes", 3),
    ("Cartes dans le fil ; lien vers les offres\nnotification", 3),
    ("Spots + chronique", 2),
    ("Lettre d'information", 1),
    ("", None),
    (None, None),
])
def test_activations_are_the_items_the_sheet_lists(store, text, expected):
    with store.read() as con:
        assert con.execute("select activation_count(?)", [text]).fetchone()[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Dotation de 2 000 € et logo", 2000.0),
    ("1\u202f500,50\u00a0€ de goodies + 300 euros de lots", 1800.5),
    ("Achat d'espace : 12.000 EUR", 12000.0),
    ("Relais gracieux", None),
    ("Logo sur 3 affiches", None),
    (None, None),
])
def test_euros_of_counterpart_are_the_amounts_the_sheet_writes(store, text, expected):
    with store.read() as con:
        assert con.execute("select counterpart_eur(?)", [text]).fetchone()[0] == expected


def test_partner_amplification_per_activation_and_per_euro_of_counterpart(portfolio):
    with portfolio.read() as con:
        rows = queries.run(con, "partner_amplification").set_index("partner")
    relay, bought, sponsor, silent = (rows.loc[n] for n in ("Relais gratuit", "Régie", "Mécène", "Sans fiche"))
    # the free relay: 2 + 1 activations over its two campaigns, 200,000 impressions; no euro given: "—", not infinity
    assert relay["partnerships"] == 2 and relay["activations"] == 3
    assert relay["impressions_per_activation"] == pytest.approx(200_000 / 3)
    assert relay["clicks_per_activation"] == pytest.approx(11_000 / 3)
    assert pd.isna(relay["counterpart_eur"]) and pd.isna(relay["impressions_per_counterpart_eur"])
    assert relay["press_naming_partner"] == 2                    # the articles that name it, not the campaign's one
    # the paid partner: its counterpart is the spend it reported (the sheet writes no amount)
    assert bought["counterpart_eur"] == 900
    assert bought["impressions_per_counterpart_eur"] == pytest.approx(30_000 / 900)
    assert bought["clicks_per_counterpart_eur"] == pytest.approx(600 / 900)
    assert bought["impressions_per_activation"] == 30_000 and bought["press_naming_partner"] == 0
    # the sponsor: the amount its sheet writes
    assert sponsor["activations"] == 3 and sponsor["counterpart_eur"] == 2_000
    assert sponsor["impressions_per_counterpart_eur"] == pytest.approx(20)
    # a sheet left empty and no figures: unknown everywhere, never zero
    assert silent[["activations", "counterpart_eur", "impressions_per_activation",
                   "impressions_per_counterpart_eur"]].isna().all()
    # most amplifying per activation first, the unknown last
    assert list(rows.index) == ["Relais gratuit", "Régie", "Mécène", "Sans fiche"]


def test_an_unknown_side_does_not_count_as_zero_across_partnerships(portfolio):
    """A partnership whose sheet lists no activation adds neither its impressions nor zero activations."""
    with portfolio.transaction() as con:
        later = ensure_campaign(con, "Sans activations", theme="Emploi", start_date=DAY, end_date=DAY)
        relay = con.execute("select id from partner where name = 'Relais gratuit'").fetchone()[0]
        ensure_partnership(con, later, relay)
        ingest.load(portfolio, source="test", facts=_rows(later, relay, "app", "shared", impressions=900_000),
                    con=con, campaign_id=later)
    row = actors.amplification(portfolio).set_index("partner").loc["Relais gratuit"]
    assert row["impressions"] == 1_100_000 and row["activations"] == 3
    assert row["impressions_per_activation"] == pytest.approx(200_000 / 3)


def test_amplification_ranks_by_the_chosen_figure_and_keeps_the_map_s_partners(portfolio):
    by_euro = actors.amplification(portfolio, "impressions_per_counterpart_eur")
    assert list(by_euro["partner"][:2]) == ["Régie", "Mécène"]
    shown = actors.amplification_rows(by_euro, "impressions_per_counterpart_eur", "fr")
    assert shown[0]["Impressions par euro de contrepartie"] == "33,3"
    relay = next(r for r in shown if r["Partenaire"] == "Relais gratuit")
    assert relay["Impressions par euro de contrepartie"] == "—" and relay["Contreparties (€)"] == "—"
    ids = tuple(int(i) for i in by_euro["partner_id"][by_euro["partner"] == "Mécène"])
    assert list(actors.amplification(portfolio, partner_ids=ids)["partner"]) == ["Mécène"]


def test_partners_share_per_year_and_theme(portfolio):
    with portfolio.read() as con:
        rows = queries.run(con, "portfolio_resonance_themes", {})
    table = {(r["year"], r["theme"]): r for r in rows.to_dict("records")}
    assert set(table) == {(2024, "Emploi"), (2025, "Emploi"), (2025, "Santé")}
    # owned channels only: nothing carried by partners, a multiplier of exactly 1
    health = table[(2025, "Santé")]
    assert health["partners_share_impressions"] == 0 and health["multiplier_impressions"] == 1
    assert health["partners_share_clicks"] == 0
    jobs = table[(2025, "Emploi")]
    assert jobs["impressions"] == 240_000                              # press articles add no impressions
    assert jobs["partners_share_impressions"] == pytest.approx(190_000 / 240_000)
    assert jobs["partners_share_clicks"] == pytest.approx(10_000 / 11_000)
    assert jobs["multiplier_impressions"] == pytest.approx(240_000 / 50_000)
    # last year the relay alone: all carried by partners, nothing owned nor bought to multiply
    assert table[(2024, "Emploi")]["partners_share_impressions"] == 1
    assert pd.isna(table[(2024, "Emploi")]["multiplier_impressions"])
    # the same figures as the model's portfolio grain, theme by theme (one definition)
    with portfolio.read() as con:
        same = queries.run(con, "portfolio_resonance", {"start": date(2025, 1, 1), "end": date(2025, 12, 31),
                                                        "theme": "Emploi"}).iloc[0]
    assert same["partners_share_impressions"] == jobs["partners_share_impressions"]
    assert overview.resonance_by_theme(portfolio).equals(rows)
