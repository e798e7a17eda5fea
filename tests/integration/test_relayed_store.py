"""The parsing child reads the store through the parent (resonance/ingest/relayed_store.py): it never opens the store
file, and the parent runs for it only the named queries, read-only."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

import queries
from resonance.ingest import importing, sandbox
from resonance.ingest.relayed_store import Relay
from resonance.services.partnership import ensure_campaign

CAMPAIGN = "Match avec ton futur"
FILE = b"Date;Impressions;Clics\n02/06/2025;1200;35\n03/06/2025;1300;40\n"


def _campaign(store) -> int:
    with store.transaction() as con:
        campaign_id = ensure_campaign(con, CAMPAIGN)
        con.execute("update campaign set start_date = date '2025-06-01', end_date = date '2025-06-30' where id = $id",
                    {"id": campaign_id})
    return campaign_id


def test_a_preview_inside_a_unit_of_work_of_this_process_reads_the_store_without_waiting(store, monkeypatch):
    # A child that opened the file itself would wait here for the lock this process holds, then give up (1 s).
    monkeypatch.setenv("RESONANCE_LOCK_TIMEOUT", "1")
    _campaign(store)
    with store.hold():
        result = importing.preview(store, FILE, "juin.csv", campaign=CAMPAIGN, partner="Tinder")
    assert sandbox.last_run().outcome == "done", result.errors
    assert result.ok and result.totals["impressions"] == 2500
    # what the child read from the store: the campaign is known (no "new campaign" said), the partner is not
    said = " ".join(str(i) for i in result.infos)
    assert "Tinder" in said and CAMPAIGN not in said


def test_while_a_child_parses_another_process_is_kept_out_only_by_this_process_s_own_hold(store, tmp_path):
    _campaign(store)
    seen = []

    def progress(_fraction, label):
        if label == "parse" and not seen:        # the child is parsing: does it hold the file? another process tells
            store.release()
            probe = subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()",
                                    str(store.path)], capture_output=True, text=True, timeout=60, env=os.environ)
            seen.append(probe.returncode)
    rows = "\n".join(f"{(d % 28) + 1:02d}/06/2025;{d};{d % 7}" for d in range(3000))
    path = tmp_path / "gros.csv"
    path.write_text("Date;Impressions;Clics\n" + rows + "\n", encoding="utf-8")
    result = importing.preview(store, path, "gros.csv", campaign=CAMPAIGN, progress=progress)
    assert result.ok, result.errors
    assert seen == [0]


@pytest.fixture()
def relay(store):
    _campaign(store)
    relay = Relay(store)
    assert relay.answer("open") == ("ok", None)
    yield relay
    relay.close()


def test_a_named_query_runs_as_it_would_here_and_comes_back_as_asked(store, relay):
    sql, _ = queries._load("import_campaign_dates")
    answer, frame = relay.answer("df", sql, {})
    with store.read() as con:
        expected = queries.run(con, "import_campaign_dates")
    assert answer == "ok"
    pd.testing.assert_frame_equal(frame, expected)
    answer, (description, rows) = relay.answer("fetchall", sql, {})
    assert answer == "ok" and [d[0] for d in description] == list(expected.columns) and len(rows) == len(expected)


@pytest.mark.parametrize("sql", ["select * from account", "select 1", "drop table campaign",
                                 queries._load("import_campaign_dates")[0] + ";\ndelete from campaign"])
def test_sql_that_is_not_the_text_of_a_named_query_is_refused(store, relay, sql):
    answer, said = relay.answer("fetchall", sql, {})
    assert answer == "refused" and "named query" in said
    relay.close()
    with store.read() as con:
        assert con.execute("select count(*) from campaign").fetchone()[0] == 1


def test_a_named_query_that_writes_is_refused_by_the_read_only_transaction(store, relay):
    sql, _ = queries._load("import_save_alias")
    answer, said = relay.answer("fetchall", sql, {"alias_key": "x", "alias": "x", "campaign_id": 1})
    assert answer == "refused" and "read-only" in said
    relay.close()
    with store.read() as con:
        assert con.execute("select count(*) from campaign_alias").fetchone()[0] == 0
    with store.transaction() as con:          # the store takes writes again once the relay is closed
        queries.execute(con, "import_save_alias", {"alias_key": "y", "alias": "y", "campaign_id": 1})


@pytest.mark.parametrize("name", ["campaign", "incoming facts", "x; drop table campaign", None])
def test_a_frame_is_registered_only_under_an_incoming_name(relay, name):
    answer, _ = relay.answer("register", name, pd.DataFrame({"a": [1]}))
    assert answer == "refused"


def test_requests_outside_a_read_or_unknown_are_refused_and_a_second_open_too(store):
    relay = Relay(store)
    assert relay.answer("df", queries._load("import_campaign_dates")[0], {})[0] == "refused"
    assert relay.answer("close")[0] == "refused"
    assert relay.answer("open") == ("ok", None)
    assert relay.answer("open")[0] == "refused"
    assert relay.answer("transaction")[0] == "refused"
    relay.answer("register", "incoming_facts", pd.DataFrame({"a": [1]}))
    relay.close()                                # what the child left open (a registered frame) is closed too
    with store.read() as con:
        assert con.execute("select count(*) from duckdb_views() where view_name = 'incoming_facts'").fetchone()[0] == 0
