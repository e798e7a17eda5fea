"""The figures model: its Python definitions and its SQL agree, every figure has its words, one formatter's edge cases, docs in sync."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from resonance.domain.figures import (
    COST_COVERAGE,
    FIGURES,
    PAID,
    PAIRED,
    change,
    change_display,
    figure_display,
)
from resonance.i18n import TABLE
from resonance.ingest import load as ingest
from resonance.reports import definitions
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership

DAY = date(2025, 3, 3)


def _rows(campaign, partner, channel, **metrics):
    frame = pd.DataFrame([{"campaign_id": campaign, "partner_id": partner, "channel": channel, "peso": "shared",
                           "platform": channel, "period_start": DAY, "period_end": DAY, "metric": m, "value": float(v)}
                          for m, v in metrics.items()])
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    return frame


def _figures_store(store):
    """A paid partner that reports everything and a free one with all the volume: every ratio has a value."""
    with store.transaction() as con:
        campaign = ensure_campaign(con, "Modèle", start_date=DAY, end_date=DAY)
        paid, free = ensure_partner(con, "Payant"), ensure_partner(con, "Gratuit")
        for partner in (paid, free):
            ensure_partnership(con, campaign, partner)
        for frame in (
            _rows(campaign, paid, "social", impressions=40_000, clicks=800, engagements=900, landing_visits=500,
                  conversions=40, spend=600),
            _rows(campaign, paid, "email", sends=2_000, delivered=1_900, unique_opens=760, email_clicks=95),
            _rows(campaign, free, "app", impressions=960_000, clicks=9_200, landing_visits=7_000, conversions=300),
        ):
            ingest.load(store, source="test", facts=frame, con=con, campaign_id=campaign)
    return store


@pytest.fixture
def figures_store(seed_once):
    """Seeded once per worker, a copy of the seeded file for each test (tests/conftest.py)."""
    return seed_once(_figures_store)


def test_every_ratio_of_the_model_is_its_numerator_over_its_denominator_in_sql(figures_store):
    with figures_store.read() as con:
        row = con.execute("select * from figures_campaign").df().iloc[0].to_dict()
    assert set(FIGURES) <= set(row), "every figure of the model is a column of the SQL figures"
    paid_volume = {"clicks": 800, "impressions": 40_000, "landing_visits": 500, "conversions": 40}
    # paired: only the rows that give both sides (the free partner's impressions have no engagements beside them)
    paired = {"ctr": 10_000 / 1_000_000, "engagement_rate": 900 / 40_000, "open_rate": 760 / 1_900,
              "click_to_open": 95 / 760}
    for key, spec in FIGURES.items():
        if not spec.is_ratio:
            continue
        if spec.population == PAID:      # the paid partner's spend over the paid partner's volume only
            expected = spec.factor * 600 / paid_volume[spec.denominator]
        elif spec.population == PAIRED:
            expected = paired[key]
        else:      # a side may be a sum of columns ("impressions_shared + impressions_earned")
            numerator, denominator = (sum(0 if pd.isna(row[c]) else row[c] for c in side.split(" + "))
                                      for side in (spec.numerator, spec.denominator))
            expected = None if denominator == 0 else spec.factor * numerator / denominator
        if expected is None:
            assert pd.isna(row[key]), key           # nothing owned nor bought here: no multiplier, not infinity
        else:
            assert row[key] == pytest.approx(expected), key
    assert row["cpc_eur"] == pytest.approx(0.75)                      # not 600 / 10,000 clicks = 0,06 €
    assert row["paid_clicks_share"] == pytest.approx(800 / 10_000)
    assert row["free_clicks"] == 9_200


def test_every_figure_has_a_label_and_a_definition_in_both_languages():
    for key in FIGURES:
        for prefix in ("metric", "figure.define"):
            fr, en = TABLE[f"{prefix}.{key}"]
            assert fr and en, f"{prefix}.{key}"
    assert set(COST_COVERAGE) <= {k for k, f in FIGURES.items() if f.population == PAID}


@pytest.mark.parametrize(("key", "value", "lang", "expected"), [
    ("ctr", 0.14012, "fr", "14,0\u202f%"),
    ("ctr", 0.14012, "en", "14.0%"),
    ("cpc_eur", 0.42438, "fr", "0,42\u202f€"),
    ("cpc_eur", 0.42438, "en", "€0.42"),
    ("cpm_eur", 15.2777, "fr", "15,28\u202f€"),
    ("spend_eur", 11_000, "fr", "11\u202f000\u202f€"),
    ("spend", 11_000, "fr", "11\u202f000\u202f€"),                 # report --json's name for it
    ("impressions", 2_104_350, "fr", "2\u202f104\u202f350"),
    ("impressions", 2_104_350, "en", "2,104,350"),
    ("visits_per_1000_impressions", 83.679, "fr", "83,7"),
    ("paid_clicks_share", 0.6149, "fr", "61\u202f%"),
    ("ctr", None, "fr", "—"),
    ("cpc_eur", float("nan"), "fr", "—"),
    ("campaigns", 3, "fr", "3"),                                    # not a figure of the model: a count
])
def test_one_formatter_writes_each_figure_with_its_unit_and_decimals(key, value, lang, expected):
    assert figure_display(key, value, lang) == expected


@pytest.mark.parametrize(("key", "current", "previous", "expected"), [
    ("ctr", 0.031, 0.068, "−3,7\u202fpt"),                          # a rate: in points, never "−54 %"
    ("ctr", 0.14, 0.048, "+9,2\u202fpt"),
    ("clicks", 151, 100, "+51\u202f%"),                              # a volume: in %
    ("cpc_eur", 0.5, 0.4, "+25\u202f%"),
    ("clicks", 10, 0, None),                                         # nothing to compare with
    ("ctr", None, 0.1, None),
])
def test_a_rate_changes_in_points_a_volume_in_percent(key, current, previous, expected):
    assert change_display(key, current, previous, "fr") == expected


def test_change_of_a_rate_is_a_difference():
    assert change("open_rate", 0.30, 0.25) == (pytest.approx(0.05), True)
    assert change("impressions", 150, 100) == (pytest.approx(0.5), False)


def test_docs_metrics_is_written_from_the_model():
    """docs/metrics.md holds the model's definitions word for word (regenerate it when the model changes)."""
    assert definitions.DOC.read_text(encoding="utf-8") == definitions.markdown()
    for key in FIGURES:
        assert f"| `{key}` |" in definitions.markdown()
