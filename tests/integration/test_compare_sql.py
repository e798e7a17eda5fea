"""The normalised ratios and percentiles of the comparison, on a real DuckDB seeded with known partnerships."""
from datetime import date, timedelta

import pandas as pd
import pytest

import queries
from resonance.ingest import load as ingest
from resonance.services import comparison
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)


def seed(store, campaign: str, partner: str | None, channel: str, days: list[dict], start=date(2025, 5, 1),
         series: str | None = None, press: int = 0, kind: str = "company", audiences: str | None = None,
         target_public: str | None = None):
    """One campaign × partner with daily figures (one dict of metric → value per day) and `press` articles."""
    return seed_many(store, dict(campaign=campaign, partner=partner, channel=channel, days=days, start=start,
                                 series=series, press=press, kind=kind, audiences=audiences,
                                 target_public=target_public))[0]


def seed_many(store, *specs: dict) -> list[tuple]:
    """Several `seed`s (each spec its keyword arguments) in one transaction and one load: each load and each commit
    costs a rollup refresh and a checkpoint, the figures are the same. The (campaign, partner) ids, in order."""
    ids, facts, articles = [], [], []
    with store.transaction() as con:
        for spec in specs:
            cid, pid, rows, press = _seed_rows(con, **spec)
            ids.append((cid, pid))
            facts.append(rows)
            if press is not None:
                articles.append(press)
        facts = pd.concat(facts, ignore_index=True)
        facts["partner_id"] = facts["partner_id"].astype("Int64")
        ingest.load(store, source="test", facts=facts, press=pd.concat(articles, ignore_index=True) if articles else None,
                    con=con)
    return ids


def _seed_rows(con, campaign: str, partner: str | None, channel: str, days: list[dict], start=date(2025, 5, 1),
               series: str | None = None, press: int = 0, kind: str = "company", audiences: str | None = None,
               target_public: str | None = None):
    cid = ensure_campaign(con, campaign, start_date=start, end_date=start + timedelta(days=30), series=series,
                          target_public=target_public)
    pid = None
    if partner:
        pid = ensure_partner(con, partner, kind=kind, audiences=audiences)
        ensure_partnership(con, cid, pid, channel=channel)
    rows = [{"campaign_id": cid, "partner_id": pid, "channel": channel, "peso": "shared", "platform": "",
             "period_start": start + timedelta(days=n), "period_end": start + timedelta(days=n),
             "metric": metric, "value": float(value)}
            for n, day in enumerate(days) for metric, value in day.items()]
    articles = pd.DataFrame([{"campaign_id": cid, "partner_id": pid, "published_on": start + timedelta(days=k),
                              "outlet": f"Journal {k}", "title": f"Article {k}", "url": None, "audience": 1000,
                              "sentiment": "neutral"} for k in range(press)])
    return cid, pid, pd.DataFrame(rows), articles if press else None


def figures_of(store, campaign, partner):
    with store.read() as con:
        rows = queries.run(con, "compare_partnerships")
    return rows[(rows["campaign"] == campaign) & (rows["partner"] == partner)].iloc[0]


def test_every_ratio_is_computed_from_sums_not_averaged(store):
    seed_many(store, dict(campaign="Jobs", partner="Appli", channel="social", press=2, days=[
        {"impressions": 1000, "clicks": 100, "spend": 30, "landing_visits": 15},
        {"impressions": 3000, "clicks": 60, "spend": 50, "landing_visits": 25},
    ]), dict(campaign="Jobs", partner="Lettre", channel="email", days=[
        {"sends": 1100, "delivered": 1000, "unique_opens": 200, "email_clicks": 20},
        {"sends": 1000, "delivered": 1000, "unique_opens": 300, "email_clicks": 80},
    ]))
    social = figures_of(store, "Jobs", "Appli")
    assert social["ctr"] == pytest.approx(160 / 4000)          # not the mean of 10 % and 2 %
    assert social["cpc_eur"] == pytest.approx(80 / 160)
    assert social["cost_per_visit_eur"] == pytest.approx(80 / 40)
    assert social["visits_per_1000_impressions"] == pytest.approx(10.0)
    assert social["press_per_million_impressions"] == pytest.approx(2 / 4000 * 1e6)
    assert social["impressions"] == 4000 and social["clicks"] == 160 and social["spend_eur"] == 80
    email = figures_of(store, "Jobs", "Lettre")
    assert email["open_rate"] == pytest.approx(500 / 2000)
    assert email["click_to_open"] == pytest.approx(100 / 500)
    assert pd.isna(email["ctr"]) and pd.isna(email["cpc_eur"])


def test_cost_ratios_are_missing_without_spend_and_zero_for_a_free_relay(store):
    seed_many(store,
              dict(campaign="Jobs", partner="Sans dépense", channel="app",
                   days=[{"impressions": 1000, "clicks": 50, "landing_visits": 20}]),
              dict(campaign="Jobs", partner="Gratuit", channel="app",
                   days=[{"impressions": 1000, "clicks": 50, "landing_visits": 20, "spend": 0}]))
    assert pd.isna(figures_of(store, "Jobs", "Sans dépense")["cpc_eur"])
    assert pd.isna(figures_of(store, "Jobs", "Sans dépense")["cost_per_visit_eur"])
    assert figures_of(store, "Jobs", "Gratuit")["cpc_eur"] == 0
    bench = comparison.benchmark(store)
    # the partnership without spend is no peer for costs: the free relay has nobody to be compared with
    free_cpc = bench[(bench["partner"] == "Gratuit") & (bench["ratio"] == "cpc_eur")].iloc[0]
    assert free_cpc["peers"] == 0 and pd.isna(free_cpc["percentile"])
    assert "cpc_eur" not in set(bench[bench["partner"] == "Sans dépense"]["ratio"])


def test_a_campaigns_cost_divides_only_what_was_paid_for(store):
    seed_many(store,
              dict(campaign="Jobs", partner="Payant", channel="social",
                   days=[{"impressions": 1000, "clicks": 100, "landing_visits": 50, "spend": 100}]),
              dict(campaign="Jobs", partner="Gracieux", channel="app",
                   days=[{"impressions": 9000, "clicks": 900, "landing_visits": 450}]))
    whole = comparison.campaigns(store).iloc[0]
    assert whole["clicks"] == 1000 and whole["spend_eur"] == 100
    assert whole["cpc_eur"] == pytest.approx(1.0)            # not 100 / 1000: the free relay's clicks cost nothing known
    assert whole["cost_per_visit_eur"] == pytest.approx(2.0)
    assert whole["ctr"] == pytest.approx(0.1)


def test_percentile_counts_lower_peers_and_ties_half(store):
    seed_many(store, *(dict(campaign=f"Campagne {name}", partner=name, channel="social",
                            days=[{"impressions": 1000, "clicks": clicks}])
                       for name, clicks in (("A", 10), ("B", 20), ("C", 20), ("D", 30))),
              dict(campaign="Campagne E", partner="E", channel="email",          # another channel: no peer
                   days=[{"delivered": 100, "unique_opens": 90}]))
    bench = comparison.benchmark(store)
    ctr = bench[bench["ratio"] == "ctr"].set_index("partner")
    assert ctr.loc["A", "percentile"] == 0
    assert ctr.loc["B", "percentile"] == pytest.approx(100 * (1 + 0.5) / 3)   # A lower, C tied, D higher
    assert ctr.loc["C", "percentile"] == pytest.approx(50.0)
    assert ctr.loc["D", "percentile"] == 100
    assert set(ctr["peers"]) == {3}
    assert "E" not in ctr.index
    sentence = comparison.benchmark_sentence(ctr.reset_index().set_index("partner").loc["B"].to_dict() | {"partner": "B"}, "fr")
    # 3 peers are too few for a percentile sentence (issue 14): it says so instead.
    assert sentence.startswith("Taux de clic : trop peu de partenariats comparables (3 autres")
    seed_many(store, *(dict(campaign=f"Campagne {name}", partner=name, channel="social",
                            days=[{"impressions": 1000, "clicks": clicks}]) for name, clicks in (("F", 40), ("G", 50))))
    ctr = comparison.benchmark(store).query("ratio == 'ctr'").set_index("partner")
    assert ctr.loc["C", "peers"] == 5
    sentence = comparison.benchmark_sentence(ctr.loc["C"].to_dict() | {"partner": "C"}, "fr")
    assert sentence == "Taux de clic au 30ᵉ centile des partenariats réseaux sociaux (5 autres)"


def test_a_single_past_partnership_gives_0_50_or_100_and_alone_gives_none(store):
    seed(store, "Seule", "Solo", "radio", [{"impressions": 1000, "clicks": 5}])
    alone = comparison.benchmark(store)
    row = alone[alone["ratio"] == "ctr"].iloc[0]
    assert row["peers"] == 0 and pd.isna(row["percentile"])
    assert "seul partenariat radio" in comparison.benchmark_sentence(row.to_dict(), "fr")
    seed(store, "Deuxième", "Duo", "radio", [{"impressions": 1000, "clicks": 5}])
    tied = comparison.benchmark(store)
    assert set(tied[tied["ratio"] == "ctr"]["percentile"]) == {50.0}


def test_comparison_of_campaigns_adds_own_media_and_aligns_days(store):
    seed_many(store,
              dict(campaign="Été 2024", partner="Appli", channel="social", days=[{"impressions": 1000, "clicks": 10}] * 3,
                   start=date(2024, 5, 13), series="ete"),
              dict(campaign="Été 2025", partner="Appli", channel="social", days=[{"impressions": 2000, "clicks": 40}] * 2,
                   start=date(2025, 5, 12), series="ete"),
              dict(campaign="Été 2025", partner=None, channel="email", days=[{"delivered": 100, "unique_opens": 30}],
                   start=date(2025, 5, 12)))
    whole = comparison.campaigns(store).set_index("campaign")
    keys = [whole.loc["Été 2024", "unit_key"], whole.loc["Été 2025", "unit_key"]]
    result = comparison.compare(store, keys)
    assert list(result.figures["campaign"]) == ["Été 2024", "Été 2025"]
    assert result.figures.set_index("campaign").loc["Été 2025", "open_rate"] == pytest.approx(0.3)
    from resonance.services import comparison as c
    c.add_annotation(store, int(whole.loc["Été 2025", "campaign_id"]), date(2025, 5, 13), "Relance")
    moments = c.compare(store, keys).moments
    assert moments[["label", "day_number", "text"]].to_dict("records") == [
        {"label": "Été 2025", "day_number": 2, "text": "Relance"}]
    clicks = result.timeseries[result.timeseries["metric"] == "clicks"]
    assert clicks.groupby("label")["day_number"].min().to_dict() == {"Été 2024": 1, "Été 2025": 1}
    assert clicks.groupby("label")["cumulative"].max().to_dict() == {"Été 2024": 30, "Été 2025": 80}
    deltas = comparison.previous_edition(store, int(whole.loc["Été 2025", "campaign_id"]))
    by_figure = deltas.figures.set_index("figure")
    assert by_figure.loc["clicks", "change"] == pytest.approx(80 / 30 - 1)
    assert by_figure.loc["ctr", "change"] == pytest.approx(0.02 - 0.01)            # rates change in points
    assert comparison.change_text(by_figure.loc["ctr"].to_dict(), "fr") == "+1,0 pt"
    assert set(deltas.partners["partner"]) == {"Appli"}
    assert comparison.previous_edition(store, int(whole.loc["Été 2024", "campaign_id"])) is None


def test_compare_refuses_fewer_than_two_or_more_than_six(store):
    seed(store, "Jobs", "Appli", "social", [{"impressions": 1000, "clicks": 10}])
    key = comparison.partnerships(store)["unit_key"].iloc[0]
    with pytest.raises(comparison.ComparisonError, match="de 2 à 6"):
        comparison.compare(store, [key])
    with pytest.raises(comparison.ComparisonError, match="de 2 à 6"):
        comparison.compare(store, [f"p:{n}" for n in range(1, 8)])
    with pytest.raises(comparison.ComparisonError, match="introuvables"):
        comparison.compare(store, [key, "p:999"])


def test_ranking_finds_who_brought_students_most_cheaply(store):
    seed_many(store,
              dict(campaign="Repas", partner="Livraison", channel="app", audiences="étudiants",
                   days=[{"impressions": 1000, "clicks": 100, "landing_visits": 80, "spend": 40}]),
              dict(campaign="Jobs", partner="Campus", channel="social", target_public="Étudiants, 18-25 ans",
                   days=[{"impressions": 1000, "clicks": 100, "landing_visits": 50, "spend": 40}]),
              dict(campaign="Rénovation", partner="Magasin", channel="retail", audiences="propriétaires",
                   days=[{"impressions": 1000, "clicks": 100, "landing_visits": 100, "spend": 1}]),
              dict(campaign="Jobs", partner="Sans coût connu", channel="social", audiences="etudiants",
                   days=[{"impressions": 1000, "clicks": 100, "landing_visits": 90}]))
    ranked = comparison.ranking(store, "cost_per_visit_eur", public="étudiants")
    assert list(ranked["partner"]) == ["Livraison", "Campus", "Sans coût connu"]   # no spend: last
    assert "Magasin" not in set(ranked["partner"])
    assert "étudiants" in [p.casefold() for p in comparison.publics(store)]


def test_targets_and_annotations_are_validated_and_saved(store):
    cid, _ = seed(store, "Jobs", "Appli", "social", [{"impressions": 1000, "clicks": 10}])
    comparison.set_target(store, cid, "clicks", "250 000")
    comparison.add_annotation(store, cid, date(2025, 5, 3), "Communiqué de presse")
    targets, notes = comparison.campaign_notes(store, cid)
    assert targets.set_index("metric")["target"].to_dict() == {"clicks": 250_000}
    assert list(notes["label"]) == ["Communiqué de presse"]
    with pytest.raises(comparison.PartnershipInputError, match="nombre positif"):
        comparison.set_target(store, cid, "clicks", "beaucoup")
    with pytest.raises(comparison.PartnershipInputError, match="volume"):
        comparison.set_target(store, cid, "ctr", "2")
    with pytest.raises(comparison.PartnershipInputError, match="vide"):
        comparison.add_annotation(store, cid, date(2025, 5, 3), "   ")
    comparison.remove_target(store, cid, "clicks")
    comparison.remove_annotation(store, cid, int(notes["annotation_id"].iloc[0]))
    targets, notes = comparison.campaign_notes(store, cid)
    assert targets.empty and notes.empty


def test_campaign_review_shows_where_each_partnership_stands(demo_store):
    from tests.helpers import page, texts
    app = page("pages/campaign_review.py")
    app.query_params["campagne"] = "Match avec ton futur"
    app.run()
    assert not app.exception
    shown = texts(app)
    assert "Place des partenariats parmi les précédents" in shown
    # 4 other app partnerships in the demo: too few to rank (issue 14), and said so.
    assert "Taux de clic : trop peu de partenariats comparables (4 autres partenariats applications, il en faut 5)" in shown
