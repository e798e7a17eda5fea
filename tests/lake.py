"""The lake side of the two-backend fixtures: a throwaway DuckLake catalog schema per test in the test PostgreSQL."""
from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from resonance.store import extensions
from resonance.store.literals import sql_string

# .ci/run exports RESONANCE_TEST_PG; the same role and database on a developer's machine by default
DEFAULT_PG = "postgresql://resonance_test:resonance_test@127.0.0.1:5432/resonance_test"


def postgres() -> str:
    """The test PostgreSQL's URL; skipped without one on a developer's machine, a failure in CI (which starts one)."""
    url = os.environ.get("RESONANCE_TEST_PG") or DEFAULT_PG
    where = urlsplit(url)
    try:
        socket.create_connection((where.hostname or "127.0.0.1", where.port or 5432), timeout=3).close()
    except OSError as error:
        message = f"No PostgreSQL reachable at {where.hostname}:{where.port or 5432} ({error}); set RESONANCE_TEST_PG."
        (pytest.fail if os.environ.get("CI") else pytest.skip)(message)
    return url


def new_schema(prefix: str = "t") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def lake_env(url: str, data_path: Path, schema: str) -> dict[str, str]:
    return {"RESONANCE_STORE": "ducklake:postgres:" + url, "RESONANCE_DATA_PATH": str(data_path),
            "RESONANCE_LAKE_SCHEMA": schema}


_ADMIN: dict[str, duckdb.DuckDBPyConnection] = {}


def _admin(url: str) -> duckdb.DuckDBPyConnection:
    """This process's one connection to the test PostgreSQL for cloning and dropping catalogs.

    Loading the postgres extension into a new DuckDB costs a few tenths of a second: paid once per test
    process (each parallel worker has its own), not twice per lake test.
    """
    if url not in _ADMIN:
        con = duckdb.connect()
        extensions.load(con, "postgres")
        con.execute(f"attach {sql_string(url)} as pg (type postgres)")
        _ADMIN[url] = con
    return _ADMIN[url]


def drop_schema(url: str, schema: str) -> None:
    _admin(url).execute("call postgres_execute('pg', $sql)", {"sql": f'drop schema if exists "{schema}" cascade'})


_CLONE = """
do $clone$
declare r record;
begin
    execute format('create schema %I', {new});
    for r in select tablename from pg_tables where schemaname = {old} loop
        execute format('create table %I.%I (like %I.%I including all)', {new}, r.tablename, {old}, r.tablename);
        execute format('insert into %I.%I select * from %I.%I', {new}, r.tablename, {old}, r.tablename);
    end loop;
    for r in select sequence_name from information_schema.sequences where sequence_schema = {old} loop
        execute format('create sequence %I.%I', {new}, r.sequence_name);
        execute format('select setval(%L, (select last_value from %I.%I), (select is_called from %I.%I))',
                       {new} || '.' || r.sequence_name, {old}, r.sequence_name, {old}, r.sequence_name);
    end loop;
    execute format('update %I.ducklake_metadata set value = %L where key = ''data_path''', {new}, {path});
end
$clone$
"""


def clone_schema(url: str, template: str, schema: str, data_path: Path) -> None:
    """A copy of a migrated lake's catalog under a new schema, its data files copied to `data_path`.

    Creating a lake and running the migrations costs seconds (a DuckLake catalog is ~20 tables); a
    copy made inside PostgreSQL costs a few milliseconds, so each test still gets a lake of its own.
    """
    quote = lambda text: "'" + text.replace("'", "''") + "'"   # noqa: E731 - names made by this module
    sql = _CLONE.format(new=quote(schema), old=quote(template), path=quote(str(data_path).rstrip("/") + "/"))
    _admin(url).execute("call postgres_execute('pg', $sql)", {"sql": sql})
