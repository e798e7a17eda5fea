"""Each query of the partners, comparison and follow-up areas run by name on a real DuckDB seeded with known rows."""
from datetime import date

import pandas as pd
import pytest

import queries
from resonance.services import assets
from tests.integration.test_compare_sql import seed, seed_many

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)

TODAY = date(2026, 11, 27)


def run(store, name, params=None):
    with store.read() as con:
        return queries.run(con, name, params or {})


def write(store, name, params, returning=False):
    with store.transaction() as con:
        if returning:
            return int(queries.run(con, name, params).iloc[0, 0])
        queries.execute(con, name, params)
        return None


PARTNER = {"name": "Appli", "kind": "company", "sector": "Application", "audiences": "étudiants",
           "declared_audience": 900_000, "contact": "Léa", "notes": None, "is_candidate": True}
LIFECYCLE = {"role": "relay", "channel": "social", "activations": "Bannière", "counterparts": "Logo", "step": 3,
             "supervisor_informed": False, "sig_informed": True, "legal_frame_signed": False, "message_validated": True,
             "start_date": date(2025, 5, 1), "end_date": date(2025, 5, 31)}


def test_partner_writes_and_the_map_grain(store):
    cid, _ = seed(store, "Jobs", "Radio", "radio", [{"impressions": 5000, "clicks": 50}])
    pid = write(store, "partner_insert", PARTNER, returning=True)
    write(store, "partner_update", {**PARTNER, "name": "Appli Campus", "partner_id": pid})
    new = write(store, "partner_partnership_insert", {**LIFECYCLE, "campaign_id": cid, "partner_id": pid}, returning=True)
    write(store, "partner_candidate_promote", {"partner_id": pid})
    assert run(store, "partner_partnership_find", {"campaign_id": cid, "partner_id": pid})["partnership_id"].tolist() == [new]
    assert run(store, "partner_partnership_find", {"campaign_id": cid + 1, "partner_id": pid}).empty
    write(store, "partner_partnership_update", {**LIFECYCLE, "step": 4, "legal_frame_signed": True, "partnership_id": new})
    actors = run(store, "partner_map")
    assert actors["partner_id"].is_unique and set(actors["partner"]) == {"Radio", "Appli Campus"}
    appli = actors.set_index("partner").loc["Appli Campus"]
    assert not appli["is_candidate"] and appli["partnerships"] == 1 and appli["audience"] == 900_000
    radio = actors.set_index("partner").loc["Radio"]
    assert radio["ctr"] == pytest.approx(0.01) and radio["measured_audience"] == 5000
    assert pd.isna(radio["declared_audience"]) and radio["audience"] == 5000   # measured when nothing declared
    life = run(store, "partner_partnerships", {"partner_id": pid})
    assert len(life) == 1 and life.iloc[0]["step"] == 4 and life.iloc[0]["legal_frame_signed"]
    assert len(run(store, "partner_partnerships", {"partner_id": None})) == 2     # one row per partnership


def test_partner_assets_are_the_partners_pictures(store):
    import io

    from PIL import Image
    cid, pid = seed(store, "Jobs", "Appli", "social", [{"impressions": 10}])
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 0, 145)).save(buffer, "PNG")
    with store.transaction() as con:
        assets.add_picture(con, buffer.getvalue(), "banniere.png", campaign_id=cid, partner_id=pid, caption="Bannière")
        assets.add_picture(con, buffer.getvalue(), "affiche.png", campaign_id=cid, partner_id=None, caption="Affiche")
    pictures = run(store, "partner_assets", {"partner_id": pid})
    assert list(pictures["caption"]) == ["Bannière"] and list(pictures["campaign"]) == ["Jobs"]


def test_relationship_queries(store):
    _, pid = seed(store, "Jobs", "Appli", "social", [{"impressions": 10}])
    assert run(store, "relationship_settings").to_dict("records") == [{"key": "months_without_meeting", "value": "6"}]
    write(store, "relationship_setting_save", {"key": "months_without_meeting", "value": "3"})
    assert run(store, "relationship_settings")["value"].tolist() == ["3"]
    before = run(store, "relationship_alerts", {"today": TODAY, "months": 3})
    assert before[["partner", "not_met", "overdue"]].to_dict("records") == [
        {"partner": "Appli", "not_met": True, "overdue": False}]
    write(store, "relationship_meeting_insert", {"partner_id": pid, "met_on": date(2026, 10, 1), "kind": "bilan",
                                                 "notes": None, "next_step": "Relancer", "next_date": date(2026, 11, 2),
                                                 "created_by": "test"}, returning=True)
    after = run(store, "relationship_alerts", {"today": TODAY, "months": 3}).iloc[0]
    assert not after["not_met"] and after["overdue"] and after["days_overdue"] == 25
    log = run(store, "relationship_meetings", {"partner_id": None})
    assert log[["partner", "next_step", "created_by"]].to_dict("records") == [
        {"partner": "Appli", "next_step": "Relancer", "created_by": "test"}]


def test_targets_annotations_editions_and_timeseries(store):
    (old, _), (new, _), _ = seed_many(
        store,
        dict(campaign="Été 1", partner="Appli", channel="social", days=[{"impressions": 100, "clicks": 1}],
             start=date(2024, 5, 1), series="ete"),
        dict(campaign="Été 2", partner="Appli", channel="social", days=[{"impressions": 100, "clicks": 2}] * 2,
             start=date(2025, 5, 1), series="ete", press=1),
        dict(campaign="Autre", partner="Appli", channel="social", days=[{"impressions": 100}], start=date(2025, 1, 1)))
    editions = run(store, "compare_editions").set_index("campaign")
    assert editions.loc["Été 2", "previous_campaign"] == "Été 1"
    assert pd.isna(editions.loc["Été 1", "previous_campaign_id"]) and pd.isna(editions.loc["Autre", "previous_campaign_id"])
    write(store, "compare_target_save", {"campaign_id": new, "metric": "clicks", "value": 10.0})
    write(store, "compare_target_save", {"campaign_id": new, "metric": "clicks", "value": 12.0})   # replaced
    assert run(store, "campaign_targets", {"campaign_id": new}).to_dict("records") == [{"metric": "clicks", "target": 12.0}]
    write(store, "compare_target_delete", {"campaign_id": new, "metric": "clicks"})
    assert run(store, "campaign_targets", {"campaign_id": new}).empty
    note = write(store, "compare_annotation_insert", {"campaign_id": new, "on_date": date(2025, 5, 2), "label": "Relance"},
                 returning=True)
    write(store, "compare_annotation_delete", {"campaign_id": old, "annotation_id": note})   # not this campaign's
    assert len(run(store, "campaign_annotations", {"campaign_id": new})) == 1
    write(store, "compare_annotation_delete", {"campaign_id": new, "annotation_id": note})
    assert run(store, "campaign_annotations", {"campaign_id": new}).empty
    series = run(store, "compare_timeseries", {"partnership_ids": [0], "campaign_ids": [old, new]})
    assert not series.duplicated(["unit_key", "day_number", "metric"]).any()
    clicks = series[series["metric"] == "clicks"]
    assert clicks.groupby("unit_key")["day_number"].apply(list).to_dict() == {f"c:{old}": [1], f"c:{new}": [1, 2]}
    press = series[series["metric"] == "press_mentions"]
    assert press[["unit_key", "day_number", "value"]].to_dict("records") == [
        {"unit_key": f"c:{new}", "day_number": 1, "value": 1.0}]
    whole = run(store, "compare_campaigns")
    assert whole["campaign_id"].is_unique and len(whole) == 3
    bench = run(store, "benchmark_percentiles", {"partnership_ids": None, "campaign_id": None})
    assert not bench.duplicated(["partnership_id", "ratio"]).any()


def test_linking_a_campaign_to_a_series_gives_it_a_previous_edition(store):
    from resonance.services import comparison
    _, (new, _) = seed_many(
        store, dict(campaign="Fêtes 2024", partner="Radio", channel="radio", days=[{"impressions": 100}],
                    start=date(2024, 12, 1)),
        dict(campaign="Fêtes 2025", partner="Radio", channel="radio", days=[{"impressions": 150}], start=date(2025, 12, 1)))
    old = int(run(store, "compare_editions").set_index("campaign").loc["Fêtes 2024", "campaign_id"])
    assert comparison.previous_edition(store, new) is None
    write(store, "compare_campaign_series_save", {"campaign_id": old, "series": "fetes"})
    comparison.set_series(store, new, " fetes ")
    deltas = comparison.previous_edition(store, new)
    assert deltas.previous["campaign"] == "Fêtes 2024"
    assert deltas.figures.set_index("figure").loc["impressions", "change"] == pytest.approx(0.5)
    comparison.set_series(store, new, "")
    assert comparison.previous_edition(store, new) is None
