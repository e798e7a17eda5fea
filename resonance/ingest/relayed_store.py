"""The store as the parsing child sees it: its reads are sent to the parent, which runs them on its own connection.

The child that reads a partner file (resonance/ingest/sandbox.py) needs a few things from the store:
the partner's saved mapping, the campaigns' names and dates, whether the figures overlap what is
loaded. Opening the store file itself would cost the child a connection (DuckDB's catalogue, ~20 ms)
and the parent the same again after it, and the file would leave the parent while the child reads.
Instead each `read()` block of the child is relayed through the child's pipe:

- the parent opens one unit of work of its own store (`Relay`), in a **read-only** transaction;
- it runs only the text of a named query (`queries/*.sql`) and registers only frames named
  `incoming_…`; anything else is refused, so that a child gone astray can neither write nor run SQL
  of its own making;
- the result comes back pickled: a DataFrame for `df()`, the rows and their column names for
  `fetchall()` (DuckDB's column types are named, not sent).
"""
from __future__ import annotations

import logging
import re
from contextlib import ExitStack, contextmanager
from pathlib import Path

import queries
from resonance.errors import ResonanceError
from resonance.store import StoreError

log = logging.getLogger(__name__)
_FRAME_NAME = re.compile(r"^incoming_[a-z_]+$")
REQUEST = "store"                    # the first word of a relayed request on the child's pipe


class RelayRefused(ResonanceError):
    """A request the parent does not run (not a named query, a frame not named incoming_…): the child failed."""


# -- the child's side --------------------------------------------------------------------------------------
class RelayedStore:
    """A store for the parsing child: `read()` and `hold()` as `Store` has them, every statement run by the parent."""

    is_lake = False

    def __init__(self, conn, path: str) -> None:
        self._conn = conn
        self.path = Path(path)
        self._depth = 0

    def __str__(self) -> str:
        return str(self.path)

    def ask(self, operation: str, *arguments):
        self._conn.send((REQUEST, operation, *arguments))
        answer, value = self._conn.recv()
        if answer == "store":
            raise StoreError(value)          # the parent's store busy or unreadable: said as the parent said it
        if answer != "ok":
            raise RelayRefused(value)
        return value

    @contextmanager
    def read(self):
        if self._depth == 0:
            self.ask("open")
        self._depth += 1
        try:
            yield RelayedCursor(self)
        finally:
            self._depth -= 1
            if self._depth == 0:
                self.ask("close")

    @contextmanager
    def hold(self):
        with self.read():
            yield

    def release(self) -> None:
        """Nothing to let go: the child never opens the store."""

    def transaction(self):
        raise RelayRefused("the parsing child writes nothing")


class RelayedCursor:
    def __init__(self, store: RelayedStore) -> None:
        self._store = store

    def execute(self, sql: str, parameters=None) -> RelayedResult:
        return RelayedResult(self._store, sql, parameters)

    def register(self, name: str, frame) -> RelayedCursor:
        self._store.ask("register", name, frame)
        return self

    def unregister(self, name: str) -> RelayedCursor:
        self._store.ask("unregister", name)
        return self


class RelayedResult:
    """A statement run by the parent when its rows are asked for, the way they are asked for."""

    def __init__(self, store: RelayedStore, sql: str, parameters) -> None:
        self._store, self._sql, self._parameters = store, sql, parameters
        self._rows: list | None = None
        self._description: list | None = None
        self._next = 0

    def df(self):
        return self._store.ask("df", self._sql, self._parameters)

    def _fetched(self) -> list:
        if self._rows is None:
            self._description, self._rows = self._store.ask("fetchall", self._sql, self._parameters)
        return self._rows

    @property
    def description(self) -> list:
        self._fetched()
        return self._description

    def fetchall(self) -> list:
        rows = self._fetched()[self._next:]
        self._next = len(self._rows)
        return rows

    def fetchone(self):
        rows = self._fetched()
        if self._next >= len(rows):
            return None
        self._next += 1
        return rows[self._next - 1]


# -- the parent's side -------------------------------------------------------------------------------------
class Relay:
    """Runs the child's reads on the parent's store; `close()` ends whatever the child left open."""

    def __init__(self, store) -> None:
        self._store = store
        self._stack: ExitStack | None = None
        self._cursor = None
        self._frames: set[str] = set()

    def answer(self, operation: str, *arguments) -> tuple[str, object]:
        try:
            if operation == "open":
                return "ok", self._open()
            if self._cursor is None:
                raise RelayRefused(f"{operation} outside a read")
            if operation == "close":
                return "ok", self.close()
            if operation in ("df", "fetchall"):
                sql, parameters = arguments
                if not queries.is_named(sql):
                    raise RelayRefused("not the text of a named query")
                result = self._cursor.execute(sql, parameters)
                if operation == "df":
                    return "ok", result.df()
                return "ok", ([(d[0], str(d[1]), *d[2:]) for d in result.description], result.fetchall())
            if operation in ("register", "unregister"):
                name = arguments[0]
                if not isinstance(name, str) or not _FRAME_NAME.match(name):
                    raise RelayRefused(f"not a frame name: {name!r}")
                if operation == "register":
                    self._cursor.register(name, arguments[1])
                    self._frames.add(name)
                else:
                    self._cursor.unregister(name)
                    self._frames.discard(name)
                return "ok", None
            raise RelayRefused(f"unknown request {operation!r}")
        except StoreError as error:
            return "store", str(error)
        except Exception as error:  # noqa: BLE001 - the child fails with it; the trace stays in the parent's log
            log.warning("parsing child's request %s refused: %s", operation, error)
            return "refused", f"{type(error).__name__}: {error}"

    def _open(self) -> None:
        if self._cursor is not None:
            raise RelayRefused("a read is open already")
        stack = ExitStack()
        self._cursor = stack.enter_context(self._store.read_only())
        self._stack = stack

    def close(self) -> None:
        stack, cursor, frames = self._stack, self._cursor, self._frames
        self._stack, self._cursor, self._frames = None, None, set()
        if stack is None:
            return
        try:
            for name in frames:
                cursor.unregister(name)
        finally:
            stack.close()
