"""The query loader: runs queries/<name>.sql with named parameters, refusing missing or unknown ones."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from resonance.errors import ResonanceError

if TYPE_CHECKING:          # DuckDB builds the DataFrame itself: the command line's `report` never loads pandas
    import pandas as pd

QUERIES_DIR = Path(__file__).resolve().parent
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Strings, quoted identifiers and comments are removed before looking for $parameters,
# so a '$' inside a literal or a comment is never taken for one.
_NOT_CODE = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/", re.S)
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class QueryError(ResonanceError):
    pass


def named_parameters(sql: str) -> set[str]:
    return set(_PARAMETER.findall(_NOT_CODE.sub(" ", sql)))


@cache
def _load(name: str) -> tuple[str, frozenset[str]]:
    if not _NAME.match(name):
        raise QueryError(f"not a query name: {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no query named {name!r} in {QUERIES_DIR}")
    sql = path.read_text(encoding="utf-8")
    return sql, frozenset(named_parameters(sql))


def available() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


@cache
def _texts() -> frozenset[str]:
    return frozenset(_load(name)[0] for name in available())


def is_named(sql: str) -> bool:
    """Whether `sql` is exactly the text of one of the named queries (what the parsing child may have run)."""
    return sql in _texts()


def _bind(name: str, params: dict | None) -> tuple[str, dict]:
    sql, expected = _load(name)
    given = dict(params or {})
    missing = expected - given.keys()
    unknown = given.keys() - expected
    if missing or unknown:
        raise QueryError(
            f"query {name!r}: "
            + (f"missing parameters {sorted(missing)}" if missing else "")
            + ("; " if missing and unknown else "")
            + (f"unknown parameters {sorted(unknown)}" if unknown else "")
        )
    return sql, given


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pd.DataFrame:
    """Run a named query and return its rows as a DataFrame."""
    sql, given = _bind(name, params)
    return con.execute(sql, given).df()


def records(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[dict]:
    """Run a named query and return its rows as dicts of plain Python values (no DataFrame, no pandas)."""
    sql, given = _bind(name, params)
    if given and isinstance(con, duckdb.DuckDBPyConnection) and all(type(v) is int for v in given.values()):
        # DuckDB's Python binding loads pandas, numpy and pyarrow (half a second) to convert any Python parameter:
        # whole numbers go through SQL's own PREPARE / EXECUTE instead, written by int() (digits only reach the SQL).
        con.execute(f"prepare resonance_records as {sql}")
        arguments = ", ".join(f"{key} := {int(value)}" for key, value in sorted(given.items()))
        try:
            return _as_dicts(con.execute(f"execute resonance_records({arguments})"))
        finally:
            con.execute("deallocate resonance_records")
    return _as_dicts(con.execute(sql, given))


def _as_dicts(cursor) -> list[dict]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def execute(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> None:
    """Run a named statement (insert, update, delete) for its effect."""
    sql, given = _bind(name, params)
    con.execute(sql, given).fetchall()   # consumed, so that the connection is free for register/unregister
