"""DuckLake on PostgreSQL, for real: both extensions load from their packages, two processes insert at once, both rows land."""
from __future__ import annotations

import multiprocessing
import os
import socket
import sys
import types
import uuid
from urllib.parse import urlsplit

import duckdb
import pytest

from resonance.store import extensions
from resonance.store.literals import sql_string

# .ci/run exports RESONANCE_TEST_PG; the same role and database on a developer's machine by default
DEFAULT_PG = "postgresql://resonance_test:resonance_test@127.0.0.1:5432/resonance_test"


def _postgres() -> str:
    url = os.environ.get("RESONANCE_TEST_PG") or DEFAULT_PG
    where = urlsplit(url)
    try:
        socket.create_connection((where.hostname or "127.0.0.1", where.port or 5432), timeout=3).close()
    except OSError as error:
        message = f"No PostgreSQL reachable at {where.hostname}:{where.port or 5432} ({error}); set RESONANCE_TEST_PG."
        # Skipped on a developer's machine without PostgreSQL; in CI (which starts one) it fails the run.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(message)
    return url


def _attach(con: duckdb.DuckDBPyConnection, url: str, data_path: str, schema: str) -> None:
    extensions.load(con)
    # data_inlining_row_limit 0: DuckLake 1.5 keeps small inserts inside the catalog by default; here every row
    # goes to a Parquet file under DATA_PATH, the path the real store's imports take
    con.execute(f"attach {sql_string('ducklake:postgres:' + url)} as lake"
                f" (data_path {sql_string(data_path)}, metadata_schema {sql_string(schema)}, data_inlining_row_limit 0)")


def _writer(url: str, data_path: str, schema: str, who: str, barrier) -> None:
    con = duckdb.connect()
    _attach(con, url, data_path, schema)
    barrier.wait(timeout=60)        # both processes are attached: the inserts start together
    for attempt in range(10):       # DuckLake retries conflicts itself; a transient catalog error is retried here
        try:
            con.execute("insert into lake.hit values ($who, $pid)", {"who": who, "pid": os.getpid()})
            break
        except duckdb.TransactionException:
            if attempt == 9:
                raise
    con.close()


@pytest.fixture
def lake(tmp_path):
    url = _postgres()
    schema = f"smoke_{uuid.uuid4().hex[:12]}"       # one catalog per run: runs never see each other's tables
    data_path = str(tmp_path / "lake") + "/"
    yield url, data_path, schema
    with duckdb.connect() as con:
        extensions.load(con, "postgres")
        con.execute(f"attach {sql_string(url)} as pg (type postgres)")
        con.execute("call postgres_execute('pg', $sql)", {"sql": f'drop schema if exists "{schema}" cascade'})


@pytest.mark.slow     # two processes writing at once: concurrency: the full run only
def test_two_processes_write_one_lake_at_once(lake, tmp_path, monkeypatch):
    url, data_path, schema = lake
    with duckdb.connect() as con:
        _attach(con, url, data_path, schema)
        loaded = {n for (n,) in con.execute("select extension_name from duckdb_extensions() where loaded").fetchall()}
        assert {"ducklake", "postgres_scanner"} <= loaded
        con.execute("create table lake.hit (who varchar, pid integer)")

    # A spawned child runs this process's __main__ again: under pytest-xdist, after an AppTest, that is app.py.
    # The writers need nothing of it (they are imported by module name), so the children start from an empty one.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    writers = [context.Process(target=_writer, args=(url, data_path, schema, who, barrier)) for who in ("a", "b")]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
        if process.is_alive():      # a writer stuck on the catalog: stopped, and the test fails below
            process.kill()
            process.join()
    assert [p.exitcode for p in writers] == [0, 0]

    with duckdb.connect() as con:
        _attach(con, url, data_path, schema)
        rows = con.execute("select who, pid from lake.hit order by who").fetchall()
        files = con.execute("select count(*) from ducklake_list_files('lake', 'hit')").fetchall()[0][0]
    assert [who for who, _ in rows] == ["a", "b"]
    assert {pid for _, pid in rows} == {p.pid for p in writers}       # written by the two processes, not this one
    assert files == 2 and any((tmp_path / "lake").rglob("*.parquet"))  # the data is Parquet under DATA_PATH
