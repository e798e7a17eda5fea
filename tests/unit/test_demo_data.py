"""The demo set's data files hold together: every name they use is defined once, dates and kinds are valid."""
from __future__ import annotations

from resonance.demo import dataset
from resonance.domain.metrics import CHANNELS, METRICS, PESO


def test_every_partner_named_by_the_set_is_defined():
    partners = dataset.partners()
    campaigns = dataset.campaigns()
    named = ({s.partner for c in campaigns for s in c.streams} | {p for c in campaigns for p in c.partnerships}
             | {p[1] for c in campaigns for p in c.pictures} | {m[0] for m in dataset.meetings()}
             | {s[1] for s in dataset.spend()}) - {None}
    assert named <= set(partners)
    assert {s[0] for s in dataset.spend()} <= {c.name for c in campaigns}
    assert [n for n, sheet in partners.items() if sheet.get("is_candidate")] == ["Ligue des Clubs Sportifs", "StreamJeunes"]


def test_campaigns_are_well_formed():
    campaigns = dataset.campaigns()
    assert len(campaigns) == 8 and len({c.name for c in campaigns}) == 8
    for campaign in campaigns:
        assert campaign.start <= campaign.end
        for stream in campaign.streams:
            assert stream.channel in CHANNELS and stream.peso in PESO
            assert set(stream.totals) <= set(METRICS) and all(isinstance(v, int) and v >= 0 for v in stream.totals.values())
        assert all(0 <= day <= (campaign.end - campaign.start).days for day, _ in campaign.moments)
    shop = next(p for c in campaigns for p in c.pictures if p[0] == "shop")
    assert shop[3][-1] == (0, 122, 80)                   # a colour is a tuple, as Pillow takes it


def test_press_outlets_and_headlines():
    outlets = dataset.outlets()
    assert outlets[0] == ("The Times", 1_100_000, "en") and {lang for _, _, lang in outlets} == {"fr", "en"}
    for language in ("fr", "en"):
        assert dataset.headlines(language)
        assert all("{campaign}" in h or "{partner}" in h for h in dataset.headlines(language))
    meetings = dataset.meetings()
    assert all((step is None) == (day is None) for _, _, _, _, step, day in meetings)


def test_a_partnership_the_state_pays_for_is_paid_media():
    """A partnership with a cost is bought: its figures (and its spend) count as paid, never as shared — else the
    review says the partners carried everything the State bought (Jobs d'été 2026 said 100 % beside a paid CPC).
    Its visits on the State's own site stay owned."""
    paid = {(campaign, partner) for campaign, partner, *_ in dataset.spend()}
    assert {peso for *_, peso, _, _ in dataset.spend()} == {"paid"}
    wrong = [(c.name, s.partner, s.channel, s.peso) for c in dataset.campaigns() for s in c.streams
             if (c.name, s.partner) in paid and s.peso not in ("paid", "owned")]
    assert not wrong
    jobs = next(c for c in dataset.campaigns() if c.name == "Jobs d'été 2026")
    assert {(s.partner, s.peso) for s in jobs.streams if s.channel != "web"} == {("Tinder", "shared"),
                                                                                 ("Appli Campus+", "paid")}


def test_the_portfolio_is_mostly_free_relays_with_some_bought_media():
    """As a real portfolio: most partnerships relay for free (shared, earned), some are bought — so the partners'
    share of each campaign means something (three campaigns said 0 % when every partner was marked paid)."""
    paid = {(campaign, partner) for campaign, partner, *_ in dataset.spend()}
    partnerships = {(c.name, p) for c in dataset.campaigns() for p in c.partnerships}
    assert paid <= partnerships and len(partnerships - paid) > len(paid) > 0
    shares = {}
    for campaign in dataset.campaigns():
        volume = sum(s.totals.get("impressions", 0) for s in campaign.streams)
        carried = sum(s.totals.get("impressions", 0) for s in campaign.streams if s.peso in ("shared", "earned"))
        shares[campaign.name] = carried / volume
    assert all(0 < shares[name] < 1 for name in ("Jobs d'été 2024", "Rénover, c'est gagné", "Bien manger au campus"))
    assert sum(share == 0 for share in shares.values()) <= 1          # one campaign all bought, as happens
