"""The lake backend itself: chosen by RESONANCE_STORE, migrations translated, ids, upserts and keys as on the file,
migrate-store there and back checked by counts and sums, the writer lock said in French, a page rendered from the lake."""
from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

import queries
from resonance.errors import StoreError
from resonance.store import Store, lake, rewrite, transfer
from tests.helpers import ROOT, page, texts

both = pytest.mark.parametrize("store_backend", ["file", "lake"], indirect=True)
lake_only = pytest.mark.parametrize("store_backend", ["lake"], indirect=True)


def test_migrations_translate_to_what_ducklake_accepts():
    steps = lake.translate(
        "create sequence x_seq start 1;\n"
        "create table x (id integer primary key default nextval('x_seq'), name varchar not null unique,"
        " kind varchar not null default 'a' check (kind in ('a', 'b')), at timestamp not null default current_timestamp,"
        " unique (name, kind));\n"
        "create macro half(v) as v / 2; -- a comment; with a semicolon\n"
        "insert into x (name) values ('it''s; fine');")
    assert steps[0] == ("sequence", "x_seq")
    assert steps[1][0] == "sql" and "primary key" not in steps[1][1] and "unique" not in steps[1][1]
    assert "check" not in steps[1][1] and "nextval" not in steps[1][1] and "current_timestamp" not in steps[1][1]
    assert "id integer not null" in steps[1][1] and "default 'a'" in steps[1][1]
    assert steps[2] == ("macro", "create or replace macro memory.main.half(v) as v / 2")
    assert steps[3] == ("sql", "insert into x (name) values ('it''s; fine')")


def test_inserts_are_parsed_with_their_upsert_and_returning_parts():
    sql = queries._load("source_upsert")[0]
    insert = rewrite.parse_insert(sql.split("\n", 1)[1])
    assert insert.table == "source" and insert.columns[:2] == ["name", "kind"]
    assert insert.conflict.startswith("(name) do update set") and insert.returning is None
    plain = rewrite.parse_insert("insert into partner (name) values ($n) returning id")
    assert plain.body == "values ($n)" and plain.returning == "id" and plain.conflict is None
    fill = rewrite.parse_insert(queries._load("rollup_fill")[0].split("\n", 1)[1])
    assert fill.table == "rollup_partnership" and fill.by_name and fill.body.startswith("select * from rollup_rows(")


def test_the_setting_chooses_the_backend(tmp_path, monkeypatch):
    assert not Store(tmp_path / "x.duckdb").is_lake
    monkeypatch.setenv("RESONANCE_STORE", "ducklake:postgres:dbname=x")
    monkeypatch.delenv("RESONANCE_DATA_PATH", raising=False)
    with pytest.raises(StoreError, match="RESONANCE_DATA_PATH est vide"):
        Store()
    monkeypatch.setenv("RESONANCE_STORE", "sqlite:x")
    with pytest.raises(StoreError, match="seule une adresse ducklake:postgres"):
        Store()


@both
def test_ids_upserts_and_unique_keys_behave_alike(store):
    with store.transaction() as con:
        first = queries.run(con, "partner_insert", {
            "name": "Relais A", "kind": "company", "sector": None, "audiences": None, "declared_audience": None,
            "contact": None, "notes": None, "is_candidate": False})["id"].iloc[0]
        second = con.execute("insert into partner (name) values ('Relais B') returning id").fetchall()[0][0]
        for value in ("9", "12"):
            queries.execute(con, "relationship_setting_save", {"key": "months_without_meeting", "value": value})
        for enabled in (True, False):
            queries.execute(con, "source_set_enabled", {"name": "matomo", "kind": "matomo", "origin": "file",
                                                        "enabled": enabled, "updated_by": "test"})
    assert second == first + 1
    with store.read() as con:
        assert con.execute("select value from relationship_setting").fetchall() == [("12",)]
        assert con.execute("select enabled, updated_at is not null from source").fetchall() == [(False, True)]
        assert con.execute("select created_at is not null from partner").fetchall() == [(True,), (True,)]
    with store.read() as con:       # a write outside transaction(): on the lake it takes the writer lock itself
        third = con.execute("insert into partner (name) values ('Relais C') returning id").fetchall()[0][0]
        updated = con.execute("update partner set notes = 'vu' where name like 'Relais %'").fetchall()[0][0]
    assert third == second + 1 and updated == 3
    with pytest.raises(duckdb.ConstraintException, match="Duplicate key"), store.transaction() as con:
        con.execute("insert into partner (name) values ('Relais A')")
    with pytest.raises(duckdb.ConstraintException, match="Duplicate key"), store.read() as con:
        con.execute("update partner set name = 'Relais A' where name = 'Relais B'")
    with store.read() as con:       # the refused writes left nothing behind
        assert con.execute("select name from partner order by id").fetchall() == [
            ("Relais A",), ("Relais B",), ("Relais C",)]


@lake_only
def test_migrate_store_to_a_file_and_back_keeps_counts_and_sums(demo_store, tmp_path):
    out = tmp_path / "back.duckdb"
    env = {**os.environ, "RESONANCE_LANG": "fr"}
    done = subprocess.run([sys.executable, "-m", "resonance", "migrate-store", "--to", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "comptes et sommes identiques" in done.stdout
    file_store = Store(out, file=True)
    with demo_store.read() as a, file_store.read() as b:
        for table in ("metric_fact", "press_mention", "partner", "campaign", "ingestion", "asset"):
            assert transfer.fingerprint(a, table) == transfer.fingerprint(b, table)
    with file_store.transaction() as con:     # the file's sequences were moved past the copied ids
        new_id = con.execute("insert into partner (name) values ('Nouveau') returning id").fetchall()[0][0]
        assert new_id > con.execute("select max(id) from partner where name <> 'Nouveau'").fetchall()[0][0]
    again = subprocess.run([sys.executable, "-m", "resonance", "migrate-store", "--to", str(out)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 3 and "contient déjà des données" in again.stderr and "Traceback" not in again.stderr


@lake_only
def test_a_writer_waiting_too_long_is_told_in_french(store, monkeypatch):
    holder = lake.WriterLock(store.lake, 5)
    holder.acquire("test")
    try:
        env = {**os.environ, "RESONANCE_LANG": "fr", "RESONANCE_LOCK_TIMEOUT": "1"}
        done = subprocess.run([sys.executable, "-m", "resonance", "demo"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
    finally:
        holder.release()
        holder.close()
    assert done.returncode == 3, done.stderr
    assert "en cours d'écriture par un autre serveur" in done.stderr and "Traceback" not in done.stderr


@lake_only
def test_the_campaign_review_renders_from_the_lake(demo_store):
    app = page("pages/campaign_review.py", timeout=120)
    app.query_params["campagne"] = "Match avec ton futur"
    app.run()
    assert not app.exception
    assert len(app.metric) > 5 and "Match avec ton futur" in texts(app)
