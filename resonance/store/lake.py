"""The lake backend: DuckDB in memory attached to a DuckLake whose catalog is PostgreSQL, its ids and its writer lock.

DuckLake has no primary key, unique or check constraint, no sequence, no macro and only literal
defaults. So a migration is translated for it (`translate`), the ids come from PostgreSQL sequences
in the lake's own schema (non-transactional, so two servers never hand out the same id), the macros
are created in each connection's temporary catalog, and the statements that relied on a key
(`insert or replace`, `on conflict`, `returning`) are rewritten by `resonance.store.rewrite`.
"""
from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from resonance.errors import StoreBusy, StoreError
from resonance.i18n import t
from resonance.store import extensions
from resonance.store.literals import sql_string

LAKE = "lake"              # the name the lake is attached under; USE makes it the default catalog
PG = "resonance_pg"        # the same PostgreSQL database, attached for ids and the writer lock
PREFIX = "ducklake:postgres:"
_WRITER_LOCK = 0x5245534F   # "RESO": the first key of the advisory lock a lake's writers take (one at a time)


@dataclass(frozen=True)
class LakeAddress:
    """Where a lake lives: the PostgreSQL catalog, the Parquet folder (or s3://…), the catalog's schema."""

    dsn: str
    data_path: str
    schema: str

    @classmethod
    def parse(cls, store: str, data_path: str | None, schema: str) -> LakeAddress:
        if not store.startswith(PREFIX):
            raise StoreError(t("lake.bad_address", store=store))
        if not data_path:
            raise StoreError(t("lake.no_data_path"))
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
            raise StoreError(t("lake.bad_schema", schema=schema))
        if "://" not in data_path:
            data_path = str(Path(data_path).resolve())
        return cls(store[len(PREFIX):], data_path.rstrip("/") + "/", schema)

    def __str__(self) -> str:       # what a message shows: never the password of the DSN
        return f"{PREFIX}…/{self.schema} ({self.data_path})"


def in_memory(statement: str) -> str:
    """A `create macro` of a definition, made in this connection's in-memory catalog."""
    return re.sub(r"^create\s+(or\s+replace\s+)?macro\s+", "create or replace macro memory.main.", statement.lstrip(),
                  flags=re.I)


def connect(address: LakeAddress, macros: list[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached and in use, PostgreSQL beside it, the macros defined.

    `macros` are the store's `create or replace macro` definitions in their order (resonance/store/definitions/):
    DuckLake cannot store a macro, so each connection makes them in its in-memory catalog.
    """
    if "://" not in address.data_path:
        Path(address.data_path).mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        extensions.load(con)
        con.execute(f"attach {sql_string(address.dsn)} as {PG} (type postgres)")
        con.execute(f"call postgres_execute('{PG}', $sql)",
                    {"sql": f'create schema if not exists "{address.schema}"'})
        # Data inlining left at DuckLake's default on purpose: an edit (a campaign, a session, an audit line)
        # stays a row in the PostgreSQL catalog instead of one tiny Parquet file per click; an import's
        # thousands of rows exceed the limit and go to Parquet under DATA_PATH.
        con.execute(f"attach {sql_string('ducklake:postgres:' + address.dsn)} as {LAKE}"
                    f" (data_path {sql_string(address.data_path)}, metadata_schema {sql_string(address.schema)})")
        use_lake(con)          # first: a table macro's body names lake tables (the figures model's fact_wide)
        for macro in macros:
            try:
                con.execute(in_memory(split(macro)[0]))
            except duckdb.CatalogException:
                pass           # its tables come with a migration not applied yet: made when that migration runs
    except duckdb.Error as error:
        con.close()
        raise StoreError(t("lake.cannot_open", store=str(address), error=_without_secret(error, address))) from error
    return con


def use_lake(cursor: duckdb.DuckDBPyConnection) -> None:
    """A cursor is a connection of its own: it starts in the in-memory catalog, so point it at the lake."""
    cursor.execute(f"use {LAKE}")
    cursor.execute(f"set search_path = '{LAKE}.main,memory.main'")   # the macros live in memory.main


def _without_secret(error: Exception, address: LakeAddress) -> str:
    return str(error).replace(address.dsn, "…")


def next_ids(con: duckdb.DuckDBPyConnection, schema: str, sequence: str, count: int) -> list[int]:
    """`count` new ids from the PostgreSQL sequence: unique across every process, never rolled back."""
    if count <= 0:
        return []
    query = f"select nextval('\"{schema}\".\"{sequence}\"') from generate_series(1, {int(count)})"  # noqa: S608 - names from the migrations
    return [row[0] for row in con.execute(f"select * from postgres_query('{PG}', $q)", {"q": query}).fetchall()]  # noqa: S608


def create_sequence(con: duckdb.DuckDBPyConnection, schema: str, sequence: str) -> None:
    con.execute(f"call postgres_execute('{PG}', $sql)",
                {"sql": f'create sequence if not exists "{schema}"."{sequence}"'})


def reset_sequence(con: duckdb.DuckDBPyConnection, schema: str, sequence: str, above: int) -> None:
    """Make the next id greater than `above` (after rows were copied in with their ids)."""
    con.execute(f"call postgres_execute('{PG}', $sql)",
                {"sql": f"select setval('\"{schema}\".\"{sequence}\"', {max(int(above), 1)}, {int(above) >= 1})"})


def writer_lock_keys(schema: str) -> tuple[int, int]:
    """The two keys of a lake's writer lock: "RESO" and a number drawn from its catalog schema.

    Every server of one lake takes the same lock; lakes sharing one PostgreSQL database (the tests' one schema
    per test, run by parallel workers) never wait for each other.
    """
    return _WRITER_LOCK, zlib.crc32(schema.encode("utf-8")) & 0x7FFFFFFF


class WriterLock:
    """One writer at a time on a lake, across every process, through a PostgreSQL advisory lock.

    DuckLake lets two transactions insert into one table at once without conflict, so "this file was
    already imported" checks would race between servers. The lock is taken on a connection of its own
    and released only after the lake's commit has returned, so the next writer reads what it wrote.
    Waiting is bounded: past `timeout_s` the writer gives up with a French sentence.
    """

    def __init__(self, address: LakeAddress, timeout_s: float):
        self.dsn = address.dsn
        self.keys = writer_lock_keys(address.schema)
        self.timeout_s = timeout_s
        self._con: duckdb.DuckDBPyConnection | None = None
        self._depth = 0            # held already by this process (callers hold the process's writer RLock)

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            con = duckdb.connect()
            extensions.load(con, "postgres")
            con.execute(f"attach {sql_string(self.dsn)} as {PG} (type postgres)")
            self._con = con
        return self._con

    def acquire(self, where: str) -> None:
        if self._depth:
            self._depth += 1
            return
        con = self._connection()
        deadline = time.monotonic() + self.timeout_s
        pause = 0.02
        while True:
            con.execute("begin transaction")
            keys = ", ".join(str(key) for key in self.keys)       # two integers made above, never text from outside
            taken = con.execute(f"select * from postgres_query('{PG}', 'select pg_try_advisory_xact_lock({keys})')"  # noqa: S608
                                ).fetchall()[0][0]
            if taken:
                self._depth = 1
                return
            con.execute("rollback")
            if time.monotonic() >= deadline:
                raise StoreBusy(t("lake.busy", store=where, seconds=int(self.timeout_s)))
            time.sleep(pause)
            pause = min(pause * 1.6, 0.5)

    def release(self) -> None:
        self._depth = max(self._depth - 1, 0)
        if self._con is not None and self._depth == 0:
            self._con.execute("rollback")     # ends the PostgreSQL transaction: the advisory lock goes with it

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


# -- translating a migration ---------------------------------------------------------------------------------
_SPLIT = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|;", re.S)


def split(sql: str) -> list[str]:
    """The statements of a script, without comments, split on the semicolons outside strings."""
    statements, current, last = [], [], 0
    for match in _SPLIT.finditer(sql):
        current.append(sql[last:match.start()])
        token = match.group(0)
        if token == ";":
            statements.append("".join(current).strip())
            current = []
        elif not token.startswith(("--", "/*")):
            current.append(token)
        last = match.end()
    current.append(sql[last:])
    statements.append("".join(current).strip())
    return [s for s in statements if s]


def _strip_call(text: str, keyword: str) -> str:
    """Remove `keyword (…)` (balanced parentheses, strings respected) wherever it stands."""
    pattern = re.compile(rf"\b{keyword}\s*\(", re.I)
    while (match := pattern.search(text)) is not None:
        depth, i, quote = 0, match.end() - 1, False
        while i < len(text):
            char = text[i]
            if char == "'":
                quote = not quote
            elif not quote and char == "(":
                depth += 1
            elif not quote and char == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        text = text[:match.start()] + text[i + 1:]
    return text


def translate_table(statement: str) -> str:
    """A `create table` (or `alter table … add column`) without what DuckLake refuses: keys, checks, non-literal defaults."""
    text = _strip_call(statement, "check")
    text = re.sub(r",\s*(primary\s+key|unique)\s*\([^)]*\)", "", text, flags=re.I)   # table constraints
    text = re.sub(r"\s+primary\s+key\b", " not null", text, flags=re.I)
    text = re.sub(r"\s+unique\b", "", text, flags=re.I)
    text = re.sub(r"\s+default\s+nextval\s*\(\s*'[^']*'\s*\)", "", text, flags=re.I)
    text = re.sub(r"\s+default\s+(current_timestamp|now\(\)|current_date)", "", text, flags=re.I)
    text = re.sub(r"\bnot\s+null(\s+not\s+null)+", "not null", text, flags=re.I)
    return text


@cache
def _sequence_pattern() -> re.Pattern:
    return re.compile(r"create\s+sequence\s+(if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)", re.I)


def translate(sql: str) -> list[tuple[str, str]]:
    """A migration as steps for the lake: ("sequence", name), ("sql", statement) or ("skip", statement)."""
    steps = []
    for statement in split(sql):
        head = statement.lower().lstrip()
        if match := _sequence_pattern().match(statement):
            steps.append(("sequence", match.group(2)))
        elif re.match(r"create\s+(or\s+replace\s+)?macro\b", head):
            steps.append(("macro", in_memory(statement)))  # in the in-memory catalog, here and at each connect
        elif re.match(r"(create\s+(or\s+replace\s+)?table|alter\s+table)\b", head):
            steps.append(("sql", translate_table(statement)))
        else:
            steps.append(("sql", statement))
    return steps


def apply(con: duckdb.DuckDBPyConnection, schema: str, sql: str) -> None:
    """Run a migration's SQL on the lake, translated statement by statement."""
    for kind, statement in translate(sql):
        if kind == "sequence":
            create_sequence(con, schema, statement)
        elif kind == "macro":
            # A macro lives in this connection's in-memory catalog, and one transaction writes to one database:
            # what the migration wrote to the lake so far is committed, the macro made, and the migration goes on.
            con.execute("commit")
            con.execute(statement)
            con.execute("begin transaction")
        elif kind == "sql":
            con.execute(statement)
