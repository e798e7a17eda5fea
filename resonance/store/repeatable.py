"""The store's views and macros, each written once in definitions/, made again after the migrations when one changed.

Flyway's repeatable migrations and dbt's models are the anchors: a versioned migration (migrations/) keeps what
holds data (tables, columns, indexes, data changes) and is never edited once shipped; a view or a macro lives in
one file of definitions/, in its current shape, numbered in dependency order (DuckDB binds the names a view or a
table macro reads when it is made, so what it reads comes first). After the pending migrations, in the transaction
of the last one, every definition is made again (`create or replace`) when any definition's text changed or a
migration ran (a table a view reads may have changed); `schema_definition` remembers each one's checksum, and a
definition whose file is gone is dropped. Everything is made again, not only what changed: a view made before the
macro it calls changed would keep the old macro's columns.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from resonance.errors import StoreError
from resonance.i18n import t
from resonance.store.lake import split

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
LEDGER = "schema_definition"
_FILE = re.compile(r"^\d{3}_([a-z0-9_]+)\.sql$")
_HEAD = re.compile(r"create\s+or\s+replace\s+(view|macro)\s+([a-z_][a-z0-9_]*)\s*(\([^)]*\))?\s*as\s+(table\b)?",
                   re.I | re.S)


@dataclass(frozen=True)
class Definition:
    name: str
    kind: str          # what `drop … if exists` takes: view, macro or macro table
    path: Path
    sql: str
    checksum: str


def definitions() -> list[Definition]:
    """Every definition file, in its order; a file that is not one `create or replace` of its own name is refused."""
    found = []
    for path in sorted(DEFINITIONS_DIR.glob("*.sql")):
        match = _FILE.match(path.name)
        sql = path.read_text(encoding="utf-8")
        statements = split(sql)
        head = _HEAD.match(statements[0]) if len(statements) == 1 else None
        if not match or head is None or head.group(2).lower() != match.group(1):
            raise StoreError(f"{path} must hold one `create or replace view|macro {match and match.group(1)}`")
        kind = "view" if head.group(1).lower() == "view" else "macro table" if head.group(4) else "macro"
        found.append(Definition(match.group(1), kind, path, sql, hashlib.sha256(sql.encode("utf-8")).hexdigest()))
    names = [d.name for d in found]
    if len(names) != len(set(names)):
        raise StoreError(f"two definitions share a name in {DEFINITIONS_DIR}")
    return found


def create_ledger(con: duckdb.DuckDBPyConnection) -> None:
    """The table of the definitions made, beside schema_version (no key: the lake has none; it is rewritten whole)."""
    con.execute(f"create table if not exists {LEDGER} (name varchar not null, kind varchar not null,"
                " checksum varchar not null)")


def recorded(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """name → (kind, checksum) of the definitions the store was last given; nothing before the ledger exists."""
    try:
        rows = con.execute(f"select name, kind, checksum from {LEDGER}").fetchall()  # noqa: S608 - a constant
    except duckdb.CatalogException:
        return {}
    return {name: (kind, checksum) for name, kind, checksum in rows}


def up_to_date(con: duckdb.DuckDBPyConnection) -> bool:
    return recorded(con) == {d.name: (d.kind, d.checksum) for d in definitions()}


def apply(con: duckdb.DuckDBPyConnection, run: Callable[[str], object], *, drop_macros: bool = True) -> None:
    """Drop the definitions whose file is gone, make every one again in order, and remember their checksums.

    `run` executes one definition's text (the lake translates it: its macros live in each connection's memory, so
    a gone one is simply not made again at the next connection, hence `drop_macros=False` there).
    """
    current = definitions()
    for name, (kind, _) in recorded(con).items():
        if name not in {d.name for d in current} and (kind == "view" or drop_macros):
            con.execute(f"drop {kind} if exists {name}")   # names and kinds this module wrote
    for definition in current:
        try:
            run(definition.sql)
        except duckdb.Error as error:
            raise StoreError(t("store.migration_failed", name=f"definitions/{definition.path.name}",
                               error=error)) from error
    con.execute(f"delete from {LEDGER}")  # noqa: S608 - a constant
    # one statement for the whole ledger, never a row at a time
    con.execute(f"insert into {LEDGER} (name, kind, checksum) select unnest($n), unnest($k), unnest($c)",  # noqa: S608
                {"n": [d.name for d in current], "k": [d.kind for d in current], "c": [d.checksum for d in current]})
