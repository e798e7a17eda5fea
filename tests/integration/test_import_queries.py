"""The import's SQL (queries/import_*.sql) on a real temporary DuckDB seeded with known rows: grain and results."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import queries
from resonance.ingest import load as ingest

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)


def _facts(campaign_id, partner_id, day, **metrics):
    return pd.DataFrame([{"campaign_id": campaign_id, "partner_id": partner_id, "channel": "app", "peso": "shared",
                          "platform": "", "period_start": day, "period_end": day, "metric": m, "value": v}
                         for m, v in metrics.items()])


def _seeded(store):
    """Campaign 1 with two partners; ingestion 2 replaces one day of ingestion 1; a press ingestion; a rate as reported."""
    with store.transaction() as con:
        con.execute("insert into campaign (name, start_date, end_date) values ('Match avec ton futur', date '2025-06-01',"
                    " date '2025-06-30'), ('Rénover', null, null)")
        con.execute("insert into partner (name) values ('Tinder'), ('Appli Campus+')")
    first = ingest.load(store, source="file", file_name="juin.csv", campaign_id=1, partner_id=1, facts=pd.concat([
        _facts(1, 1, date(2025, 6, 2), impressions=1000, clicks=10), _facts(1, 1, date(2025, 6, 3), impressions=2000)]))
    second = ingest.load(store, source="file", file_name="juin v2.csv", campaign_id=1, partner_id=1,
                         facts=_facts(1, 1, date(2025, 6, 3), impressions=2500))
    press = ingest.load(store, source="file", file_name="presse.csv", campaign_id=1, press=pd.DataFrame([
        {"campaign_id": 1, "partner_id": None, "published_on": date(2025, 6, 4), "outlet": "Le Parisien", "title": "A",
         "url": "https://a", "audience": 10, "sentiment": "positive"}]))
    with store.transaction() as con:
        con.execute("insert into reported_rate values (1, 1, 2, 'Brevo', date '2025-06-01', date '2025-06-01',"
                    " 'open_rate', 0.234, 1)")
    return store, first.ingestion_id, second.ingestion_id, press.ingestion_id


@pytest.fixture
def seeded(seed_once):
    """Seeded once per worker, a copy of the seeded file for each test (tests/conftest.py)."""
    return seed_once(_seeded)


def test_import_history_one_row_per_ingestion_with_what_replaced_it(seeded):
    store, first, second, press = seeded
    with store.read() as con:
        history = queries.run(con, "import_history").set_index("id")
    assert list(history.index) == [press, second, first]                 # newest first, one row each
    assert history.loc[first, "replaced_by"] == str(second)
    assert history.loc[second, "rows_replaced"] == 1
    assert history.loc[first, "figures_in_store"] == 2                    # 3 brought, 1 replaced
    assert history.loc[first, "campaign"] == "Match avec ton futur" and history.loc[first, "partner"] == "Tinder"


def test_import_ingestion_totals_one_row_per_ingestion_and_metric(seeded):
    store, first, second, press = seeded
    with store.read() as con:
        totals = queries.run(con, "import_ingestion_totals")
    assert not totals.duplicated(["ingestion_id", "metric"]).any()
    got = {(r.ingestion_id, r.metric): r.value for r in totals.itertuples()}
    # what each brought, including what was later replaced
    assert got == {(first, "clicks"): 10, (first, "impressions"): 3000, (second, "impressions"): 2500,
                   (press, "press_mentions"): 1}


def test_import_overlap_lists_the_stored_facts_an_incoming_file_would_replace(seeded):
    store, first, second, _ = seeded
    incoming = pd.concat([_facts(1, 1, date(2025, 6, 3), impressions=1), _facts(1, 2, date(2025, 6, 3), impressions=1),
                          _facts(1, 1, date(2025, 6, 9), clicks=1)])
    with store.read() as con:
        con.register("incoming_facts", incoming)
        overlap = queries.run(con, "import_overlap", {})
        con.unregister("incoming_facts")
    assert overlap[["ingestion_id", "metric", "value"]].values.tolist() == [[second, "impressions", 2500.0]]


def test_saved_mappings_and_aliases_round_trip(store):
    with store.transaction() as con:
        con.execute("insert into campaign (name) values ('Match avec ton futur')")
        con.register("incoming_mapping", pd.DataFrame([{"header_key": "vues totales", "header": "Vues totales",
                                                         "role": "impressions"}]))
        queries.execute(con, "import_save_mapping", {"partner_id": 7})
        con.unregister("incoming_mapping")
        queries.execute(con, "import_save_alias", {"alias_key": "jobsete25", "alias": "JobsEte25", "campaign_id": 1})
        queries.execute(con, "import_save_alias", {"alias_key": "jobsete25", "alias": "JOBSETE25", "campaign_id": 1})
    with store.read() as con:
        saved = queries.run(con, "import_saved_mapping", {"partner_id": 7})
        other = queries.run(con, "import_saved_mapping", {"partner_id": 0})
        aliases = queries.run(con, "import_campaign_aliases")
    assert saved[["header", "role"]].values.tolist() == [["Vues totales", "impressions"]] and other.empty
    assert aliases[["alias", "campaign"]].values.tolist() == [["JOBSETE25", "Match avec ton futur"]]   # one per key


def test_reported_rates_of_a_campaign_only_while_their_ingestion_stands(seeded):
    store, _, _, press = seeded
    with store.transaction() as con:
        con.register("incoming_rates", pd.DataFrame([{"campaign_id": 1, "partner_id": None, "platform": "",
                                                      "period_start": date(2025, 6, 2), "period_end": date(2025, 6, 2),
                                                      "rate": "ctr", "value": 0.02, "rows_behind": 3}]))
        queries.execute(con, "import_insert_reported_rates", {"ingestion_id": press})
        con.unregister("incoming_rates")
    with store.read() as con:
        rates = queries.run(con, "import_reported_rates", {"campaign_id": 1})
        none = queries.run(con, "import_reported_rates", {"campaign_id": 2})
    assert rates[["rate", "value"]].values.tolist() == [["open_rate", 0.234], ["ctr", 0.02]]
    assert rates["partner"].iloc[0] == "Appli Campus+" and pd.isna(rates["partner"].iloc[1])
    assert none.empty
    ingest.undo(store, press)
    with store.read() as con:
        assert queries.run(con, "import_reported_rates", {"campaign_id": 1})["rate"].tolist() == ["open_rate"]


def test_campaign_dates_and_partner_list(seeded):
    store, *_ = seeded
    with store.read() as con:
        dates = queries.run(con, "import_campaign_dates").set_index("name")
        partners = queries.run(con, "partner_names")
    assert pd.Timestamp(dates.loc["Match avec ton futur", "start_date"]) == pd.Timestamp(2025, 6, 1)
    assert pd.isna(dates.loc["Rénover", "end_date"])
    assert partners["name"].tolist() == ["Appli Campus+", "Tinder"]
