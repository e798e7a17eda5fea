"""What the lake cannot do by itself, done around the statement: ids, default timestamps, upserts, unique keys.

The rules (each table's columns, keys and non-literal defaults) are read from the embedded schema that
the same migrations build in memory, so `queries/*.sql` and the services stay the same SQL on both
backends: `insert or replace` and `on conflict` become `merge into`, an id left to its sequence is
drawn from PostgreSQL, `returning id` is answered from the ids drawn, and a unique key is checked
after the write (DuckDB's own "Duplicate key" error, which the services already turn into French).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb

from resonance.store import lake

_KEYWORDS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\(|\)|\b(on\s+conflict|returning|values|select|with)\b",
                       re.I | re.S)
_INSERT = re.compile(r"^\s*insert\s+(or\s+replace\s+)?into\s+([a-z_][a-z0-9_]*)\s*(\(([^()]*)\))?\s*(by\s+name\b)?\s*",
                     re.I | re.S)
_UPDATE = re.compile(r"^\s*update\s+([a-z_][a-z0-9_]*)\b", re.I)
_WRITES = ("insert", "update", "delete", "merge")
_ROW = "b"                     # the alias of the incoming rows in a rewritten insert
_COMMENTS = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.S)


@dataclass
class Table:
    columns: list[str]
    keys: list[list[str]] = field(default_factory=list)      # primary key first, then unique keys
    defaults: dict[str, str] = field(default_factory=dict)   # column -> non-literal default (nextval, now)

    def sequence_of(self, column: str) -> str | None:
        match = re.match(r"nextval\('([a-z0-9_]+)'", self.defaults.get(column, ""), re.I)
        return match.group(1) if match else None


@lru_cache(maxsize=4)
def rules(migration_files: tuple[Path, ...]) -> dict[str, Table]:
    """Each table as the embedded store has it after every migration (built in memory, never on disk)."""
    shadow = duckdb.connect()
    try:
        for path in migration_files:
            shadow.execute(path.read_text(encoding="utf-8"))
        tables: dict[str, Table] = {}
        for name, column, default in shadow.execute(
                "select table_name, column_name, column_default from duckdb_columns()"
                " where database_name = current_database() and schema_name = 'main' and not internal"
                " order by table_name, column_index").fetchall():
            table = tables.setdefault(name, Table([]))
            table.columns.append(column)
            if default and re.match(r"(nextval|current_timestamp|now|current_date|get_current)", default, re.I):
                table.defaults[column] = default
        for name, _kind, columns in shadow.execute(
                "select table_name, constraint_type, constraint_column_names from duckdb_constraints()"
                " where database_name = current_database() and constraint_type in ('PRIMARY KEY', 'UNIQUE')"
                " order by table_name, constraint_type = 'UNIQUE', constraint_index").fetchall():
            if name in tables and list(columns) not in tables[name].keys:
                tables[name].keys.append(list(columns))
        return tables
    finally:
        shadow.close()


def _top_level(sql: str) -> list[tuple[str, int, int]]:
    """Keywords at parenthesis depth 0: (keyword, start, end)."""
    found, depth = [], 0
    for match in _KEYWORDS.finditer(sql):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif match.group(1) and depth == 0:
            found.append((re.sub(r"\s+", " ", match.group(1).lower()), match.start(), match.end()))
    return found


@dataclass
class Insert:
    table: str
    columns: list[str] | None
    body: str                      # values (…) or a select
    replace: bool
    conflict: str | None           # what follows "on conflict"
    returning: str | None
    by_name: bool = False          # `insert into t by name select …`: the columns are the select's own names


def parse_insert(sql: str) -> Insert | None:
    match = _INSERT.match(sql)
    if not match:
        return None
    rest = sql[match.end():]
    marks = _top_level(rest)
    end = len(rest.rstrip().rstrip(";"))
    returning = conflict = None
    for word, start, stop in reversed(marks):
        if word == "returning":
            returning, end = rest[stop:end].strip(), start
        elif word == "on conflict":
            conflict, end = rest[stop:end].strip(), start
            break
    columns = [c.strip().strip('"') for c in match.group(4).split(",")] if match.group(4) else None
    return Insert(match.group(2).lower(), columns, rest[:end].strip(), bool(match.group(1)), conflict, returning,
                  bool(match.group(5)))


class LakeCursor:
    """A DuckDB cursor on the lake whose `execute` rewrites what DuckLake lacks; everything else is the cursor's."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, schema: str, tables: dict[str, Table], writer=None):
        lake.use_lake(cursor)
        self._cursor = cursor
        self._schema = schema
        self._tables = tables
        self._writer = writer          # a context manager factory: the cluster's writer lock
        self._in_transaction = False

    def __getattr__(self, name):
        return getattr(self._cursor, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._cursor.close()

    def cursor(self):
        return LakeCursor(self._cursor.cursor(), self._schema, self._tables, self._writer)

    def execute(self, sql: str, parameters=None):
        code = _COMMENTS.sub(lambda m: m.group(0) if m.group(0).startswith("'") else " ", sql).strip()
        verb = code.split(None, 1)[0].lower() if code else ""
        if verb in ("begin", "start"):
            self._in_transaction = True
        elif verb in ("commit", "rollback", "abort", "end"):
            self._in_transaction = False
        elif verb in _WRITES and not self._in_transaction and self._writer is not None:
            # A write outside a transaction (a read cursor that also writes) takes the writer lock like one
            with self._writer():
                self._cursor.execute("begin transaction")
                try:
                    self._in_transaction = True
                    rows = self._execute(code, sql, parameters).fetchall()   # read before the commit replaces it
                except BaseException:
                    self._cursor.execute("rollback")
                    raise
                finally:
                    self._in_transaction = False
                self._cursor.execute("commit")
            return self._rows(rows)
        return self._execute(code, sql, parameters)

    def _rows(self, rows: list[tuple]):
        """A result holding `rows` again (one column: a count or the ids), after other statements ran."""
        if not rows:
            return self._cursor.execute("select 1 where false")
        return self._cursor.execute("select unnest($rows) as id", {"rows": [row[0] for row in rows]})

    def _execute(self, code: str, sql: str, parameters):
        insert = parse_insert(code) if code[:6].lower() == "insert" else None
        if insert is not None and insert.table in self._tables:
            return self._insert(insert, dict(parameters or {}))
        result = self._cursor.execute(sql, parameters) if parameters is not None else self._cursor.execute(sql)
        if (match := _UPDATE.match(code)) and match.group(1).lower() in self._tables:
            rows = result.fetchall()
            self._check_keys(self._tables[match.group(1).lower()], match.group(1).lower())
            return self._rows(rows)
        return result

    # -- inserts ---------------------------------------------------------------------------------------------
    def _insert(self, insert: Insert, params: dict):
        table = self._tables[insert.table]
        columns = insert.columns or table.columns[:len(table.columns)]
        if insert.by_name:             # the select names its columns: read them without running it
            described = self._cursor.execute(f"select * from ({insert.body}) as b limit 0", params).description  # noqa: S608 - the caller's own statement
            columns = [column[0] for column in described]
        extra, ids = {}, None
        for column, default in table.defaults.items():
            if column in columns:
                continue
            if sequence := table.sequence_of(column):
                count = self._cursor.execute(f"select count(*) from ({insert.body}) as b", params).fetchall()[0][0]  # noqa: S608 - the caller's own statement
                ids = lake.next_ids(self._cursor, self._schema, sequence, count)
                params["__ids"] = ids
                extra[column] = "$__ids[row_number() over ()]"
            else:
                extra[column] = default
        source = f"({insert.body}) as b({', '.join(columns)})"
        all_columns = columns + list(extra)
        values = [f"{_ROW}.{c}" for c in columns] + list(extra.values())
        if insert.replace or insert.conflict is not None:
            self._merge(insert, table, columns, source, all_columns, values, params)
        else:
            self._cursor.execute(f"insert into {insert.table} ({', '.join(all_columns)})"  # noqa: S608 - the caller's statement, names from the schema
                                 f" select {', '.join(values)} from {source}", params)
        self._check_keys(table, insert.table)
        if insert.returning:
            if insert.returning.strip().lower() != "id" or ids is None:
                raise NotImplementedError(f"returning {insert.returning} on the lake")
            return self._cursor.execute("select unnest($ids) as id", {"ids": ids})
        return self._cursor

    def _merge(self, insert: Insert, table: Table, columns, source, all_columns, values, params) -> None:
        conflict = insert.conflict or ""
        named = re.match(r"\(([^)]*)\)", conflict)
        keys = [c.strip() for c in named.group(1).split(",")] if named else next(
            (k for k in table.keys if set(k) <= set(columns)), None)
        if not keys:
            raise NotImplementedError(f"upsert into {insert.table} without a key on the lake")
        action = conflict[named.end():].strip() if named else conflict.strip()
        if insert.replace:
            sets = ", ".join(f"{c} = b.{c}" for c in columns if c not in keys)
        elif re.match(r"do\s+nothing", action, re.I):
            sets = ""
        else:
            sets = re.sub(r"^do\s+update\s+set\s+", "", action, flags=re.I)
            sets = re.sub(r"\bexcluded\.", "b.", sets, flags=re.I)
        on = " and ".join(f"{insert.table}.{k} is not distinct from b.{k}" for k in keys)
        matched = f" when matched then update set {sets}" if sets else ""
        self._cursor.execute(
            f"merge into {insert.table} using {source} on ({on}){matched}"  # noqa: S608 - the caller's statement, names from the schema
            f" when not matched then insert ({', '.join(all_columns)}) values ({', '.join(values)})", params)

    def _check_keys(self, table: Table, name: str) -> None:
        """A key the embedded store enforces, checked after the write: the same error DuckDB would have raised."""
        for key in table.keys:
            if len(key) == 1 and table.sequence_of(key[0]):
                continue                       # drawn from a PostgreSQL sequence: unique by construction
            listed = ", ".join(key)
            duplicate = self._cursor.execute(
                f"select {listed} from {name} where {' and '.join(f'{k} is not null' for k in key)}"  # noqa: S608 - names from the schema
                f" group by all having count(*) > 1 limit 1").fetchall()
            if duplicate:
                raise duckdb.ConstraintException(
                    f'Constraint Error: Duplicate key "{listed}: {", ".join(map(str, duplicate[0]))}"'
                    f" violates unique constraint on table {name}")
