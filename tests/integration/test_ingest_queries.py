"""The ingest layer's own lookups and undo statements (queries/ingest_*.sql) on a real DuckDB seeded with known rows."""
from __future__ import annotations

from datetime import date

import pytest

import queries
from resonance.services.partnership import ensure_campaign, ensure_partner

DAY = date(2025, 1, 2)


def _record(con, sha256, campaign_id, partner_id, source="file"):
    return int(queries.run(con, "ingest_record", {
        "source": source, "file_name": f"{sha256}.csv", "sha256": sha256, "campaign_id": campaign_id,
        "partner_id": partner_id, "rows_rejected": 0, "mapping": None, "notes": None, "created_by": "test"})["id"].iloc[0])


def _fact(con, campaign, partner, value, ingestion):
    con.execute("insert into metric_fact values ($c, $p, 'social', 'shared', 'Meta', $d, $d, 'clicks', $v, $i)",
                {"c": campaign, "p": partner, "d": DAY, "v": value, "i": ingestion})


def _seeded(store):
    """Two campaigns; ingestion `old` (campaign A, 10 clicks) replaced by `new` (campaign A 25, campaign B 5, a press
    mention, a rate); `other` holds a fact of campaign B and is untouched by everything."""
    with store.transaction() as con:
        a, b = ensure_campaign(con, "Campagne A"), ensure_campaign(con, "Campagne B")
        partner = ensure_partner(con, "Partenaire")
        old, new, other = _record(con, "aaa", a, partner), _record(con, "bbb", a, partner), _record(con, "ccc", b, None)
        _fact(con, a, partner, 25, new)
        _fact(con, b, partner, 5, new)
        _fact(con, b, None, 7, other)
        con.execute("insert into fact_replaced values ($new, $a, $p, 'social', 'shared', 'Meta', $d, $d, 'clicks', 10, $old)",
                    {"new": new, "a": a, "p": partner, "d": DAY, "old": old})
        con.execute("insert into press_mention (campaign_id, partner_id, published_on, outlet, title, url, audience,"
                    " sentiment, ingestion_id) values ($a, null, $d, 'Le Parisien', 'Titre', 'https://a', 10, 'positive', $new)",
                    {"a": a, "d": DAY, "new": new})
        con.execute("insert into reported_rate values ($i, $a, $p, 'Brevo', $d, $d, 'open_rate', 0.2, 1),"
                    " ($o, $b, null, '', $d, $d, 'ctr', 0.01, 1)",
                    {"i": new, "a": a, "p": partner, "d": DAY, "o": other, "b": b})
    return store, {"a": a, "b": b, "partner": partner, "old": old, "new": new, "other": other}


@pytest.fixture
def seeded(seed_once):
    """Seeded once per worker, a copy of the seeded file for each test (tests/conftest.py)."""
    return seed_once(_seeded)


def test_ingest_record_returns_increasing_ids_and_keeps_what_it_was_given(seeded):
    store, ids = seeded
    assert ids["old"] < ids["new"] < ids["other"]
    with store.read() as con:
        row = con.execute("select source, file_name, sha256, campaign_id, partner_id, status, created_by from ingestion"
                          " where id = $id", {"id": ids["other"]}).fetchone()
    assert row == ("file", "ccc.csv", "ccc", ids["b"], None, "loaded", "test")


def test_ingest_same_file_matches_the_hash_and_the_scope_including_no_partner(seeded):
    store, ids = seeded
    with store.transaction() as con:
        def same(sha, c, p):
            return queries.run(con, "ingest_same_file", {"sha256": sha, "campaign_id": c, "partner_id": p})["id"].tolist()
        assert same("aaa", ids["a"], ids["partner"]) == [ids["old"]]
        assert same("ccc", ids["b"], None) == [ids["other"]]          # a null partner matches a null partner
        assert same("ccc", ids["b"], ids["partner"]) == []
        assert same("aaa", ids["b"], ids["partner"]) == []
        queries.execute(con, "ingest_mark_undone", {"ingestion_id": ids["old"]})
        assert same("aaa", ids["a"], ids["partner"]) == []             # an undone file can be loaded again
        assert queries.run(con, "ingest_status", {"ingestion_id": ids["old"]})["status"].tolist() == ["undone"]
        assert queries.run(con, "ingest_status", {"ingestion_id": ids["new"]})["status"].tolist() == ["loaded"]
        assert queries.run(con, "ingest_status", {"ingestion_id": 999}).empty


def test_ingest_counts_and_set_counts(seeded):
    store, ids = seeded
    with store.transaction() as con:
        counts = queries.run(con, "ingest_counts", {"ingestion_id": ids["new"]}).to_dict("records")
        assert counts == [{"facts": 2, "press": 1, "replaced": 1}]
        assert queries.run(con, "ingest_counts", {"ingestion_id": ids["old"]}).to_dict("records") == [
            {"facts": 0, "press": 0, "replaced": 0}]
        queries.execute(con, "ingest_set_counts", {"rows_loaded": 3, "rows_replaced": 1, "ingestion_id": ids["new"]})
        rows = con.execute("select id, rows_loaded, rows_replaced from ingestion order by id").fetchall()
    assert rows == [(ids["old"], 0, 0), (ids["new"], 3, 1), (ids["other"], 0, 0)]


def test_ingest_touched_campaigns_are_those_brought_or_replaced_once_each(seeded):
    store, ids = seeded
    with store.read() as con:
        touched = queries.run(con, "ingest_touched_campaigns", {"ingestion_id": ids["new"]})["campaign_id"].tolist()
        assert queries.run(con, "ingest_touched_campaigns", {"ingestion_id": ids["old"]}).empty
    assert sorted(touched) == [ids["a"], ids["b"]]


def test_ingest_undo_statements_remove_only_that_ingestion_and_restore_what_it_replaced(seeded):
    store, ids = seeded
    by_id = {"ingestion_id": ids["new"]}
    with store.transaction() as con:
        for name in ("ingest_undo_facts", "ingest_undo_press", "ingest_undo_rates"):
            queries.execute(con, name, by_id)
        restored = queries.run(con, "ingest_restore_replaced", by_id).iloc[0, 0]
        queries.execute(con, "ingest_forget_replaced", by_id)
        facts = con.execute("select campaign_id, partner_id, value, ingestion_id from metric_fact"
                            " order by campaign_id").fetchall()
        left = [con.execute(f"select count(*) from {t}").fetchone()[0]   # noqa: S608 - constant table names
                for t in ("press_mention", "reported_rate", "fact_replaced")]
    assert restored == 1
    assert facts == [(ids["a"], ids["partner"], 10, ids["old"]), (ids["b"], None, 7, ids["other"])]
    assert left == [0, 1, 0]                                      # the other ingestion's rate stays


def test_ingest_restore_replaced_skips_facts_whose_own_ingestion_was_undone(seeded):
    store, ids = seeded
    with store.transaction() as con:
        queries.execute(con, "ingest_mark_undone", {"ingestion_id": ids["old"]})
        queries.execute(con, "ingest_undo_facts", {"ingestion_id": ids["new"]})
        assert queries.run(con, "ingest_restore_replaced", {"ingestion_id": ids["new"]}).iloc[0, 0] == 0
        assert con.execute("select ingestion_id from metric_fact").fetchall() == [(ids["other"],)]


def test_store_settle_finishes_an_open_result_so_a_frame_can_be_registered(seeded):
    store, _ = seeded
    with store.read() as con:
        con.execute("select id from ingestion").fetchone()             # a result left open
        queries.execute(con, "store_settle")
        assert queries.run(con, "store_settle").values.tolist() == [[1]]
