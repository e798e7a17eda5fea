"""Copy a whole store into another (embedded file → lake, or back), checked table by table by counts and sums."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

import queries
from resonance.errors import StoreError
from resonance.i18n import t
from resonance.store import BOOKKEEPING, Store, lake, migrations, rewrite
from resonance.store.literals import sql_string

_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DECIMAL", "UBIGINT", "UINTEGER")


@dataclass(frozen=True)
class Transfer:
    tables: dict[str, int]         # rows copied per table
    checked: dict[str, tuple]      # table -> (rows, sum of each number column), equal on both sides


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_catalog = current_database()"
        " and table_schema = 'main' and table_type = 'BASE TABLE' order by table_name").fetchall()]


def fingerprint(con: duckdb.DuckDBPyConnection, table: str) -> tuple:
    """The table's row count and the sum of each of its number columns (rounded: Parquet and the file agree to 1e-6)."""
    numbers = [name for name, kind in con.execute(
        "select column_name, data_type from information_schema.columns where table_catalog = current_database()"
        " and table_schema = 'main' and table_name = $t order by ordinal_position", {"t": table}).fetchall()
        if kind.split("(")[0] in _NUMERIC]
    sums = "".join(f', round(sum("{n}")::double, 6)' for n in numbers)
    return tuple(con.execute(f'select count(*){sums} from "{table}"').fetchall()[0])  # noqa: S608 - names from the catalog


def copy(source: Store, target: Store, *, replace: bool = False) -> Transfer:
    """Every table of `source` into `target` (same schema version), in one transaction of the target.

    The target must hold no data unless `replace`; its tables are emptied first, rows keep their ids,
    and the target's id sequences are moved past the highest id copied.
    """
    version = source.version()
    if target.version() != version:
        raise StoreError(t("migrate_store.versions_differ", source=source, target=target,
                           found=target.version(), expected=version))
    copied, checked = {}, {}
    with source.read() as src, target.transaction() as dst:
        names = [n for n in _tables(src) if n not in BOOKKEEPING]
        tables = rewrite.rules(tuple(p for _, _, p in migrations()))
        if not replace and any(
                dst.execute(f'select count(*) from "{n}"').fetchall()[0][0]  # noqa: S608 - names from the catalog
                for n in names if n in _tables_of(dst) and n != "relationship_setting"):
            raise StoreError(t("migrate_store.not_empty", target=target))
        for name in names:
            columns = [c for (c,) in src.execute(
                "select column_name from information_schema.columns where table_catalog = current_database()"
                " and table_schema = 'main' and table_name = $t order by ordinal_position", {"t": name}).fetchall()]
            listed = ", ".join(f'"{c}"' for c in columns)
            dst.execute(f'delete from "{name}"')  # noqa: S608 - names from the catalog
            reader = src.execute(f'select {listed} from "{name}"').to_arrow_reader(100_000)  # noqa: S608
            dst.register("incoming_rows", reader)
            try:
                dst.execute(f'insert into "{name}" ({listed}) select * from incoming_rows')  # noqa: S608
            finally:
                dst.unregister("incoming_rows")
            copied[name] = dst.execute(f'select count(*) from "{name}"').fetchall()[0][0]  # noqa: S608
            _advance_ids(dst, target, tables.get(name), name)
        for name in names:
            before, after = fingerprint(src, name), fingerprint(dst, name)
            if before != after:
                raise StoreError(t("migrate_store.mismatch", table=name, source=before, target=after))
            checked[name] = before
    return Transfer(copied, checked)


def _tables_of(con) -> set[str]:
    return set(_tables(con))


def _advance_ids(con, target: Store, table: rewrite.Table | None, name: str) -> None:
    """Next ids above the copied ones: setval on the lake's PostgreSQL sequence, nextval calls on a file's."""
    if table is None:
        return
    for column in table.columns:
        sequence = table.sequence_of(column)
        if not sequence:
            continue
        highest = con.execute(f'select coalesce(max("{column}"), 0) from "{name}"').fetchall()[0][0]  # noqa: S608
        if target.is_lake:
            lake.reset_sequence(con, target.lake.schema, sequence, highest)
        else:
            # DuckDB has no setval: draw ids until the sequence is past the highest copied id
            current = con.execute(f"select nextval('{sequence}')").fetchall()[0][0]
            if highest > current:
                con.execute(f"select max(nextval('{sequence}')) from range({highest - current})").fetchall()  # noqa: S608 - a sequence name from the schema


# -- the store's two statements whose names cannot be bound parameters ----------------------------------------------
def empty(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> None:
    """Empty, in the order given (children first), those of `tables` this store has; names checked against its catalog."""
    existing = set(_tables(con))
    for table in tables:
        if table in existing:
            con.execute(f'delete from "{table}"')  # noqa: S608 - a name read back from the catalog


def copy_to_file(con: duckdb.DuckDBPyConnection, target: Path, alias: str = "resonance_backup") -> None:
    """The whole store, as this transaction sees it, copied into a new DuckDB file at `target` (attached as `alias`).

    ATTACH's path and COPY's catalog are not bindable parameters in DuckDB 1.5: the path is quoted as a literal (a
    folder may be "l'équipe") and the catalog, read from the store itself, as a name."""
    catalog = con.execute("select current_database()").fetchone()[0]
    con.execute(f"attach {sql_string(target)} as {alias}")
    con.execute(f'copy from database "{catalog}" to {alias}')


def table_counts(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> dict[str, int]:
    """Rows per base table of a catalog (the store's own by default)."""
    catalog = catalog or str(queries.run(con, "store_catalog")["catalog"].iloc[0])
    names = queries.run(con, "store_tables", {"catalog": catalog})["table_name"].tolist()
    counts = {}
    for name in names:
        relation = con.table(f'"{catalog}"."main"."{name}"')   # names come from the catalog, quoted
        counts[name] = int(relation.aggregate("count(*)").fetchall()[0][0])
    return counts


def fresh_counts() -> dict[str, int]:
    """Rows per table of a store fresh from the migrations (built in memory): what an empty lake already holds."""
    with duckdb.connect() as shadow:
        for _, _, path in migrations():
            shadow.execute(path.read_text(encoding="utf-8"))
        return table_counts(shadow)
