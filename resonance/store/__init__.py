"""The DuckDB store: migrations, one shared connection per process, transactions, and waiting out other processes.

DuckDB lets only one process open a file at a time, even read-only. So the app does not
keep the file open: a process opens one connection when a unit of work starts, hands a
`.cursor()` to each thread that needs one, and closes the file when the last unit of
work ends. The command-line tool can then write between two page renders; whoever finds
the file taken waits with backoff instead of failing with "Could not set lock".
"""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from resonance.errors import StoreBusy, StoreError, StoreTooNew
from resonance.i18n import t
from resonance.settings import settings
from resonance.store import busy

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
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


def _is_lock_error(error: Exception) -> bool:
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


@dataclass
class _SharedConnection:
    """The process's one connection to a store file, reference-counted by open units of work."""

    path: Path
    connection: duckdb.DuckDBPyConnection | None = None
    users: int = 0
    migrated: bool = False
    guard: threading.Lock = field(default_factory=threading.Lock)
    writer: threading.RLock = field(default_factory=threading.RLock)


_shared: dict[Path, _SharedConnection] = {}
_shared_guard = threading.Lock()


class Store:
    """A store file. Cheap to create; the file is opened only inside `read()` / `transaction()`."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path).resolve() if path else settings().db
        with _shared_guard:
            self._shared = _shared.setdefault(self.path, _SharedConnection(self.path))

    # -- opening -----------------------------------------------------------------------
    def _open_file(self) -> duckdb.DuckDBPyConnection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + settings().lock_timeout_s
        pause = 0.02
        waited = False
        while True:
            try:
                connection = duckdb.connect(str(self.path))
                if waited:
                    busy.stopped()
                return connection
            except duckdb.IOException as error:
                if not _is_lock_error(error):
                    raise StoreError(t("store.cannot_open", path=self.path, error=error)) from error
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

    @contextmanager
    def _unit_of_work(self) -> Iterator[duckdb.DuckDBPyConnection]:
        shared = self._shared
        with shared.guard:
            if shared.connection is None:
                shared.connection = self._open_file()
            shared.users += 1
        try:
            if not shared.migrated:
                with shared.writer:
                    if not shared.migrated:
                        self._migrate(shared.connection)
                        shared.migrated = True
            cursor = shared.connection.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
        finally:
            with shared.guard:
                shared.users -= 1
                if shared.users == 0 and shared.connection is not None:
                    shared.connection.close()
                    shared.connection = None

    # -- public --------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for reading; the file stays open only while the block runs."""
        with self._unit_of_work() as cursor:
            yield cursor

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside one transaction: everything in the block lands, or nothing does.

        Writers of one process take turns (DuckDB would otherwise answer concurrent writers
        with "Conflict on update"); writers of other processes are kept out by the file lock.
        """
        with self._unit_of_work() as cursor, self._shared.writer:
            cursor.execute("begin transaction")
            try:
                yield cursor
            except BaseException:
                cursor.execute("rollback")
                raise
            cursor.execute("commit")

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
            self._shared.migrated = False

    def version(self) -> int:
        with self.read() as con:
            return con.execute("select max(version) from schema_version").fetchone()[0] or 0

    # -- migrations ------------------------------------------------------------------------
    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute(
            "create table if not exists schema_version ("
            " version integer primary key, name varchar not null,"
            " applied_at timestamp not null default current_timestamp)"
        )
        # The set of applied versions, not the highest: a migration numbered below one already
        # applied (work merged from another branch) is still applied.
        applied = {row[0] for row in con.execute("select version from schema_version").fetchall()}
        latest = latest_version()
        if applied and max(applied) > latest:
            raise StoreTooNew(t("store.too_new", path=self.path, found=max(applied), known=latest))
        for number, name, path in migrations():
            if number in applied:
                continue
            con.execute("begin transaction")
            try:
                con.execute(path.read_text(encoding="utf-8"))
                con.execute("insert into schema_version (version, name) values ($v, $n)", {"v": number, "n": name})
                con.execute("commit")
            except Exception as error:
                con.execute("rollback")
                raise StoreError(t("store.migration_failed", name=path.name, error=error)) from error


def default_store() -> Store:
    return Store(settings().db)
