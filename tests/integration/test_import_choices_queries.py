"""The SQL of partner-defined metrics and of extended campaign dates, on a real temporary DuckDB: grain and results."""
from __future__ import annotations

from datetime import date

import pandas as pd

import queries
from resonance.ingest import load as ingest


def _seed(store):
    with store.transaction() as con:
        con.execute("insert into campaign (name, start_date, end_date) values ('Jobs', date '2025-06-02', date '2025-06-15')")
        con.execute("insert into partner (name) values ('Asso'), ('Radio')")
        definitions = pd.DataFrame([
            {"metric": "partner:affiches", "header_key": "affiches posees", "label": "Affiches posées", "unit": "affiches",
             "amec": "output", "peso": "shared", "additive": True, "scale": 1.0},
            {"metric": "partner:grp", "header_key": "grp", "label": "GRP", "unit": "points", "amec": "output",
             "peso": "paid", "additive": False, "scale": 1.0}])
        con.register("incoming_partner_metrics", definitions)
        queries.execute(con, "import_save_partner_metrics", {"partner_id": 1})
        con.unregister("incoming_partner_metrics")
    facts = pd.DataFrame([{"campaign_id": 1, "partner_id": 1, "channel": "retail", "peso": "shared", "platform": "",
                           "period_start": day, "period_end": day, "metric": "partner:affiches", "value": value}
                          for day, value in ((date(2025, 6, 2), 40), (date(2025, 6, 3), 12))])
    loaded = ingest.load(store, source="file", file_name="asso.csv", campaign_id=1, partner_id=1, facts=facts)
    with store.transaction() as con:
        con.execute("insert into reported_rate values ($id, 1, 1, '', date '2025-06-02', date '2025-06-15',"
                    " 'partner:grp', 187.4, 1)", {"id": loaded.ingestion_id})
    return loaded.ingestion_id


def test_saved_partner_metrics_one_row_per_definition_of_the_partner(store):
    _seed(store)
    with store.read() as con:
        saved = queries.run(con, "import_saved_partner_metrics", {"partner_id": 1})
        other = queries.run(con, "import_saved_partner_metrics", {"partner_id": 2})
    assert sorted(saved["label"]) == ["Affiches posées", "GRP"] and other.empty
    assert saved.set_index("metric").loc["partner:grp", "additive"] == False  # noqa: E712 - a numpy bool


def test_campaign_partner_metrics_sums_what_adds_up_and_keeps_the_rest_as_reported(store):
    ingestion = _seed(store)
    with store.read() as con:
        figures = queries.run(con, "campaign_partner_metrics", {"campaign_id": 1})
        rates = queries.run(con, "import_reported_rates", {"campaign_id": 1})
    rows = {r.label: (r.partner, r.value, r.unit, bool(r.additive)) for r in figures.itertuples()}
    assert rows == {"Affiches posées": ("Asso", 52.0, "affiches", True), "GRP": ("Asso", 187.4, "points", False)}
    assert rates.empty                                  # the partner's own figures are not rates of the dictionary
    ingest.undo(store, ingestion)
    with store.read() as con:
        assert queries.run(con, "campaign_partner_metrics", {"campaign_id": 1}).empty


def test_extend_campaign_only_ever_widens_its_dates(store):
    _seed(store)
    with store.transaction() as con:
        queries.execute(con, "import_extend_campaign", {"campaign_id": 1, "start_date": date(2025, 6, 5),
                                                        "end_date": date(2025, 7, 13)})
        dates = con.execute("select start_date, end_date from campaign where id = 1").fetchone()
    assert dates == (date(2025, 6, 2), date(2025, 7, 13))
