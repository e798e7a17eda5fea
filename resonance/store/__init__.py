"""The store, an embedded DuckDB file or a DuckLake on PostgreSQL: migrations, one shared connection per process, transactions.

DuckDB lets only one process open a file at a time, even read-only. So the app does not
keep the file open: a process opens one connection when a unit of work starts, hands a
`.cursor()` to each thread that needs one, and closes the file RESONANCE_STORE_LINGER seconds
after the last unit of work ends (opening costs ~15 ms: a page's reads or a load's steps then
open it once). The command-line tool can then write between two page renders; whoever finds
the file taken waits with backoff instead of failing with "Could not set lock". Before another
process of ours needs the file (a restore's swap), `release()` closes it at once; the parsing
child never opens it (it reads through its parent: resonance/ingest/relayed_store.py).

With RESONANCE_STORE=ducklake:postgres:… the store is a lake (resonance/store/lake.py): the process
keeps one in-memory DuckDB with the lake attached, many processes read at once, and writers take
turns through a PostgreSQL advisory lock; there is no file to wait for.
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from resonance.errors import StoreBusy, StoreError, StoreTooNew
from resonance.i18n import t
from resonance.settings import settings
from resonance.store import busy, repeatable, rewrite, sharing
from resonance.store import lake as lake_backend
from resonance.store.commits import pending as _pending

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BOOKKEEPING = ("schema_version", repeatable.LEDGER)     # what the store writes about itself, not the manager's data
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def migrations() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), match.group(2), path))
    numbers = [n for n, _, _ in found]
    if len(numbers) != len(set(numbers)):
        raise StoreError(f"two migrations share a number in {MIGRATIONS_DIR}")
    return found


def latest_version() -> int:
    return max((n for n, _, _ in migrations()), default=0)


def _use_threads(connection: duckdb.DuckDBPyConnection) -> None:
    """RESONANCE_DUCKDB_THREADS, when set: a SET rather than a connect option, so that another connection of this
    process to the same file (a test's or a tool's plain `duckdb.connect`) is not refused for a different config."""
    threads = settings().duckdb_threads
    if threads:
        connection.execute(f"set threads = {int(threads)}")


def _is_lock_error(error: Exception) -> bool:
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


_shared = sharing.connections                # store file or lake → this process's connection to it
_IDLE_CURSORS = 8
class Store:
    """A store file or lake. Cheap to create; the file is opened only inside `read()` / `transaction()`.

    The lake is used when RESONANCE_STORE names one and no other file than RESONANCE_DB is asked for
    (an explicit other path, or `file=True`, such as the source of `migrate-store`, is always a file).
    """

    def __init__(self, path: Path | str | None = None, *, lake: lake_backend.LakeAddress | None = None,
                 file: bool = False, migrated: bool = False):
        config = settings()
        self.path = Path(path).resolve() if path else config.db
        if lake is None and not file and config.store and self.path == config.db:
            lake = lake_backend.LakeAddress.parse(config.store, config.data_path, config.lake_schema)
        self.lake = lake
        key = lake or self.path
        with sharing.connections_guard:
            self._shared = _shared.setdefault(key, sharing.SharedConnection(self.path, lake))
        if migrated:            # the process that started this one has just opened it at the latest version
            self._shared.migrated = True

    def is_migrated(self) -> bool:
        """Whether this process has opened the store at the latest version already (no check needed again)."""
        return self._shared.migrated

    @property
    def is_lake(self) -> bool:
        return self.lake is not None

    def __str__(self) -> str:
        return str(self.lake or self.path)

    # -- opening -----------------------------------------------------------------------
    def _open_file(self) -> duckdb.DuckDBPyConnection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + settings().lock_timeout_s
        pause = 0.02
        waited = False
        while True:
            try:
                connection = duckdb.connect(str(self.path))
                _use_threads(connection)
                if waited:
                    busy.stopped()
                    sharing.stop_asking(self.path)
                return connection
            except duckdb.IOException as error:
                if not _is_lock_error(error):
                    raise StoreError(t("store.cannot_open", path=self.path, error=error)) from error
                sharing.ask_for(self.path)      # the holder then closes after its unit of work, without lingering
                if not waited:
                    waited = True
                    busy.started()          # a page says so (spinner); the command line just waits
                if time.monotonic() >= deadline:
                    if busy.still_waiting():    # a page keeps waiting and says so; the command line gives up
                        deadline = time.monotonic() + settings().lock_timeout_s
                        continue
                    raise StoreBusy(t("store.busy", path=self.path, seconds=int(settings().lock_timeout_s))) from error
                time.sleep(pause)
                pause = min(pause * 1.6, 0.5)

    def _open(self) -> duckdb.DuckDBPyConnection:
        if self.lake is None:
            return self._open_file()
        if self._shared.lock is None:
            self._shared.lock = lake_backend.WriterLock(self.lake, settings().lock_timeout_s)
        connection = lake_backend.connect(self.lake, [d.sql for d in repeatable.definitions() if d.kind != "view"])
        _use_threads(connection)
        return connection

    def _cursor(self, connection: duckdb.DuckDBPyConnection):
        if self.lake is None:
            return connection.cursor()
        tables = rewrite.rules(tuple(p for _, _, p in migrations()))
        return rewrite.LakeCursor(connection.cursor(), self.lake.schema, tables, self._writing)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """This process's writers in turn, then the cluster's: what a write outside `transaction()` takes."""
        with self._shared.writer, self._lake_writer():
            yield

    def _take_cursor(self, shared: sharing.SharedConnection):
        if self.lake is not None:
            with shared.guard:
                if shared.idle:
                    return shared.idle.pop()
        return self._cursor(shared.connection)

    def _give_back(self, shared: sharing.SharedConnection, cursor) -> None:
        """A lake cursor is kept (pointing a new one at the lake costs a catalog round trip); a file's is closed."""
        if self.lake is not None:
            with shared.guard:
                if len(shared.idle) < _IDLE_CURSORS and shared.connection is not None:
                    shared.idle.append(cursor)
                    return
        cursor.close()

    @contextmanager
    def _unit_of_work(self) -> Iterator[duckdb.DuckDBPyConnection]:
        shared = self._shared
        with shared.guard:
            sharing.call_off_close(shared)
            if shared.connection is None:
                shared.connection = self._open()
            shared.users += 1
        try:
            if not shared.migrated:
                with shared.writer:
                    if not shared.migrated:
                        if self.lake is None:
                            self._migrate(shared.connection)
                        else:
                            self._migrate_lake(shared.connection)
                        shared.migrated = True
            cursor = self._take_cursor(shared)
            try:
                yield cursor
            finally:
                self._give_back(shared, cursor)
        finally:
            with shared.guard:
                shared.users -= 1
                # The file is closed for the other processes soon; the lake stays attached (no one waits for it).
                if shared.users == 0 and shared.connection is not None and self.lake is None:
                    sharing.close_later(shared, settings().store_linger_s)

    # -- public --------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for reading; the file stays open only while the block runs."""
        with self._unit_of_work() as cursor:
            yield cursor

    @contextmanager
    def read_only(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor in a read-only transaction, rolled back at the end: whatever runs on it can write nothing."""
        with self._unit_of_work() as cursor:
            cursor.execute("begin transaction read only")
            try:
                yield cursor
            finally:
                try:
                    cursor.execute("rollback")
                except duckdb.Error:     # a transaction DuckDB ended itself (an error inside it): nothing to undo
                    pass

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside one transaction: everything in the block lands, or nothing does.

        Writers of one process take turns (DuckDB would otherwise answer concurrent writers
        with "Conflict on update"); writers of other processes are kept out by the file lock.
        """
        if self.lake is not None:
            with self._unit_of_work() as cursor, self._shared.writer, self._lake_writer():
                yield from self._in_transaction(cursor)
            return
        with self._unit_of_work() as cursor, self._shared.writer:
            yield from self._in_transaction(cursor)

    def _in_transaction(self, cursor):
        # taken in the writer's turn, before anything is written (a large insert writes to the file before commit)
        before = self.stamp() if self.lake is None else None
        callbacks, last_steps = _pending(cursor)
        try:
            cursor.execute("begin transaction")
            try:
                yield cursor
                for step in list(last_steps.values()):
                    step(cursor)
            except BaseException:
                cursor.execute("rollback")
                raise
            try:
                cursor.execute("commit")
            except duckdb.TransactionException as error:
                if self.lake is None:
                    raise      # the file's own error, as DuckDB says it (its writers are kept out by the file lock)
                # Writers take turns, so a conflict means a writer outside Résonance: said, never swallowed
                raise StoreError(t("lake.conflict", store=str(self.lake), error=error)) from error
        finally:
            _pending(cursor, done=True)
        for callback in callbacks:
            callback(self, cursor, before)

    @contextmanager
    def _lake_writer(self) -> Iterator[None]:
        """The cluster-wide writer lock, held until the lake's commit has returned."""
        self._shared.lock.acquire(str(self.lake))
        try:
            yield
        finally:
            self._shared.lock.release()

    def stamp(self) -> tuple:
        """Changes whenever any process writes: the lake's latest snapshot, or the file's size and time."""
        if self.lake is not None:
            with self.read() as con:
                return (con.execute(f"select max(snapshot_id) from ducklake_snapshots('{lake_backend.LAKE}')"  # noqa: S608 - a constant
                                    ).fetchall()[0][0],)
        stamps = []
        for file in (self.path, Path(f"{self.path}.wal")):
            try:
                stat = file.stat()
                stamps.append((stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Keep the file open across several reads (one page render) without re-opening it each time."""
        with self._unit_of_work():
            yield

    def forget(self) -> None:
        """Open and migrate the file afresh at the next unit of work (after a restore replaced it)."""
        with self._shared.guard:
            if self._shared.users:
                raise StoreError(t("store.in_use", path=self.path))
            if self.lake is None:
                sharing.close_now(self._shared)
            self._shared.migrated = False

    def release(self) -> None:
        """Close the file now unless a unit of work of this process has it open: before another process needs it
        (the parsing child, a restore's swap), so that it does not wait for the linger to end."""
        if self.lake is None:
            with self._shared.guard:
                if not self._shared.users:
                    sharing.close_now(self._shared)

    def close(self) -> None:
        """Let go of the process's connection (and the lake's writer-lock connection) when no work is open."""
        shared = self._shared
        with shared.guard:
            if shared.users:
                raise StoreError(t("store.in_use", path=self))
            for cursor in shared.idle:
                cursor.close()
            shared.idle.clear()
            sharing.close_now(shared)
            if shared.lock is not None:
                shared.lock.close()
            shared.migrated = False

    def version(self) -> int:
        with self.read() as con:
            return con.execute("select max(version) from schema_version").fetchone()[0] or 0

    # -- migrations ------------------------------------------------------------------------
    def _migrate_lake(self, con: duckdb.DuckDBPyConnection) -> None:
        """The same migrations, translated for DuckLake, by one process at a time (the writer lock)."""
        cursor = rewrite.LakeCursor(con.cursor(), self.lake.schema, rewrite.rules(tuple(p for _, _, p in migrations())))
        try:
            try:
                applied = {v for (v,) in cursor.execute("select version from schema_version").fetchall()}
            except duckdb.CatalogException:
                applied = set()
            current = applied and max(applied) == latest_version() and applied >= {n for n, _, _ in migrations()}
            current = current and repeatable.up_to_date(cursor)
        finally:
            cursor.close()
        if current:
            return                     # the usual start of a server: nothing to apply, no need to wait for writers
        with self._lake_writer():
            self._migrate(rewrite.LakeCursor(con.cursor(), self.lake.schema,
                                             rewrite.rules(tuple(p for _, _, p in migrations()))), lake=True)

    def _migrate(self, con: duckdb.DuckDBPyConnection, lake: bool = False) -> None:
        con.execute(
            "create table if not exists schema_version ("
            + (" version integer not null, name varchar not null, applied_at timestamp)" if lake else
               " version integer primary key, name varchar not null,"
               " applied_at timestamp not null default current_timestamp)")
        )
        # The set of applied versions, not the highest: a migration numbered below one already
        # applied (work merged from another branch) is still applied.
        repeatable.create_ledger(con)
        applied = {row[0] for row in con.execute("select version from schema_version").fetchall()}
        latest = latest_version()
        if applied and max(applied) > latest:
            raise StoreTooNew(t("store.too_new", path=self, found=max(applied), known=latest))
        pending = [(number, name, path) for number, name, path in migrations() if number not in applied]
        run = (lambda sql: lake_backend.apply(con, self.lake.schema, sql)) if lake else con.execute
        # Each migration in its own transaction; the views and macros (resonance/store/definitions/) are made again
        # in the last one's, or in their own when only a definition changed.
        for index, (number, name, path) in enumerate(pending):
            with self._migration_step(con, path.name):
                run(path.read_text(encoding="utf-8"))
                con.execute("insert into schema_version (version, name) values ($v, $n)", {"v": number, "n": name})
                if index == len(pending) - 1:
                    repeatable.apply(con, run, drop_macros=not lake)
        if not pending and not repeatable.up_to_date(con):
            with self._migration_step(con, repeatable.DEFINITIONS_DIR.name):
                repeatable.apply(con, run, drop_macros=not lake)

    @contextmanager
    def _migration_step(self, con, name: str) -> Iterator[None]:
        con.execute("begin transaction")
        try:
            yield
            con.execute("commit")
        except StoreError:
            con.execute("rollback")
            raise
        except Exception as error:
            con.execute("rollback")
            raise StoreError(t("store.migration_failed", name=name, error=error)) from error


def checkpoint(con: duckdb.DuckDBPyConnection) -> bool:
    """Write what this process committed into the file itself (DuckDB's CHECKPOINT); False when DuckDB cannot now."""
    try:
        con.execute("checkpoint")
    except duckdb.Error:
        return False
    return True


def default_store() -> Store:
    return Store(settings().db)
