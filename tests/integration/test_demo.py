"""The demo set: the real "Match avec ton futur" figures, daily rows adding up to them, and a believable portfolio."""
from __future__ import annotations

import io
import json
import subprocess
import sys

from PIL import Image

from resonance.services import assets, review
from tests.helpers import ROOT


def test_match_avec_ton_futur_has_its_public_figures(demo_store):
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")
    bilan = review.campaign_review(demo_store, campaign)
    tinder = bilan.partners[bilan.partners["partner"] == "Tinder"].iloc[0]
    assert tinder["impressions"] > 2_000_000
    assert 280_000 <= tinder["clicks"] <= 300_000
    assert bilan.totals["press_mentions"] > 200
    assert "The Times" in set(bilan.press["outlet"])
    with demo_store.read() as con:
        daily = con.execute(
            "select count(distinct period_start), sum(value) from metric_fact f join partner p on p.id = f.partner_id"
            " where p.name = 'Tinder' and f.campaign_id = $c and f.metric = 'clicks' and f.period_start = f.period_end",
            {"c": campaign}).fetchall()[0]
    assert daily == (35, tinder["clicks"])      # 35 days of daily figures that add up to the total
    assert len(bilan.assets) == 5 and bilan.assets["caption"].notna().all()


def test_portfolio_spans_years_with_recurring_campaigns_partners_and_pictures(demo_store):
    listing = review.campaigns(demo_store)
    assert len(listing) >= 5
    assert listing["start_date"].dt.year.nunique() >= 3
    assert listing["series"].value_counts().max() >= 2            # recurring editions to compare
    others = listing[listing["name"] != "Match avec ton futur"]
    assert others["partner_count"].between(1, 5).all() and (others["partner_count"] >= 2).sum() >= 4
    with demo_store.read() as con:
        channels = {row[0] for row in con.execute("select distinct channel from metric_fact").fetchall()}
        pictures = con.execute("select sha256, mime from asset").fetchall()
        meetings = con.execute("select count(*) from meeting").fetchall()[0][0]
        targets = con.execute("select count(distinct campaign_id) from target").fetchall()[0][0]
    assert {"email", "social", "display", "app", "web"} <= channels
    assert meetings >= 3 and targets >= 3
    for sha256, mime in pictures:
        with Image.open(io.BytesIO(assets.path_of(sha256, mime).read_bytes())) as picture:
            assert picture.size[0] >= 600
        assert assets.thumbnail_of(sha256).exists()


def test_report_json_has_exactly_the_documented_shape(demo_store):
    done = subprocess.run([sys.executable, "-m", "resonance", "report", "--campaign", "MATCH avec ton futur", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert list(report) == ["campaign", "period", "totals", "figures_period", "ratios", "costs", "peso", "resonance",
                            "partners", "paid_media_equivalent", "press_mentions"]
    # the Tinder relay was free: its whole volume is shared, the press it earned named it
    assert report["peso"]["impressions"]["shared"] == 2_104_350 and report["resonance"]["partners_share_impressions"] == 1
    assert report["resonance"]["press_naming_partner"] == 213
    assert report["paid_media_equivalent"][0]["equivalent_cpm_eur"] is None      # 3 paid "app" partnerships: < 5
    assert report["campaign"] == "Match avec ton futur"
    assert report["period"] == {"start": "2025-05-12", "end": "2025-06-15"}
    assert report["totals"]["impressions"] == 2_104_350 and report["totals"]["clicks"] == 294_870
    assert abs(report["ratios"]["ctr"] - 294_870 / 2_104_350) < 1e-12
    assert report["ratios"]["cpc"] is None                         # relayed free of charge: no spend, no CPC
    assert [p["partner"] for p in report["partners"]] == ["Tinder"]
    assert set(report["partners"][0]) == {"partner", "totals", "ratios", "costs", "figures_period", "peso", "resonance"}
    assert report["costs"]["free_clicks"] == 294_870 and report["costs"]["paid_clicks_share"] is None
    assert report["press_mentions"] == 213
    unknown = subprocess.run([sys.executable, "-m", "resonance", "report", "--campaign", "Inconnue"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 2 and "Aucune campagne nommée «\u202fInconnue\u202f»" in unknown.stderr


def test_jobs_ete_2026_counts_the_paid_partner_as_bought(demo_store):
    """Appli Campus+ is paid (its CPC is shown): its impressions are bought, so only Tinder's free relay is carried
    by channels the State neither owns nor buys — not 100 %."""
    report = review.report(demo_store, review.campaign_id_by_name(demo_store, "Jobs d'été 2026"))
    tinder, campus = (next(p for p in report["partners"] if p["partner"] == name) for name in ("Tinder", "Appli Campus+"))
    assert campus["ratios"]["cpc"] is not None and campus["peso"]["impressions"]["shared"] is None
    assert campus["peso"]["impressions"]["paid"] == campus["totals"]["impressions"]
    share = report["resonance"]["partners_share_impressions"]
    assert share == tinder["totals"]["impressions"] / report["totals"]["impressions"] and 0 < share < 1
    assert report["resonance"]["multiplier_impressions"] == report["totals"]["impressions"] / campus["totals"]["impressions"]


def test_the_partners_share_of_the_demo_campaigns_means_something(demo_store):
    """The review's partners' share, from the store: free relays beside bought media, neither 0 % nor 100 %."""
    for name in ("Jobs d'été 2024", "Rénover, c'est gagné", "Bien manger au campus"):
        report = review.report(demo_store, review.campaign_id_by_name(demo_store, name))
        share = report["resonance"]["partners_share_impressions"]
        assert 0.3 < share < 0.7, (name, share)
        paid = [p["partner"] for p in report["partners"] if p["totals"]["spend"]]
        free = [p["partner"] for p in report["partners"] if not p["totals"]["spend"]]
        assert paid and free, (name, paid, free)
