"""One connection per store per process, shared by its units of work, closed a short while after the last one ends."""
from __future__ import annotations

import atexit
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from resonance.store import lake as lake_backend

ASKED_RECENTLY_S = 3.0


@dataclass(eq=False)      # kept in a set, by identity
class SharedConnection:
    """The process's one connection to a store file, reference-counted by open units of work."""

    path: Path
    address: lake_backend.LakeAddress | None = None
    connection: duckdb.DuckDBPyConnection | None = None
    lock: lake_backend.WriterLock | None = None
    idle: list = field(default_factory=list)     # lake cursors already pointed at the lake, kept for reuse
    users: int = 0
    close_at: float | None = None               # when an idle file is to be closed (monotonic), None when not
    migrated: bool = False
    guard: threading.Lock = field(default_factory=threading.Lock)
    writer: threading.RLock = field(default_factory=threading.RLock)


connections: dict[Path | lake_backend.LakeAddress, SharedConnection] = {}
connections_guard = threading.Lock()


def call_off_close(shared: SharedConnection) -> None:
    """Under `shared.guard`: work came back before the idle file was closed; it stays open."""
    shared.close_at = None


def close_now(shared: SharedConnection) -> None:
    """Under `shared.guard`, no unit of work open: close the file (DuckDB folds its log into it)."""
    shared.close_at = None
    if shared.connection is not None:
        shared.connection.close()
        shared.connection = None


def _asking(path: Path) -> Path:
    return path.with_name(path.name + ".wanted")


def ask_for(path: Path) -> None:
    """Another process waits for the file: say so beside it (touched at each try, so a crashed waiter's is old)."""
    try:
        _asking(path).touch()
    except OSError:
        pass                      # a read-only folder: the holder lingers; the wait is longer by the linger, that is all


def stop_asking(path: Path) -> None:
    try:
        _asking(path).unlink(missing_ok=True)
    except OSError:
        pass


def someone_waits(path: Path) -> bool:
    """Whether a process asked for the file in the last seconds (a waiter retries at least twice a second)."""
    try:
        return time.time() - _asking(path).stat().st_mtime < ASKED_RECENTLY_S
    except OSError:
        return False


def close_later(shared: SharedConnection, linger: float) -> None:
    """Under `shared.guard`, the last unit of work just ended: close the file after `linger` seconds of no work, at
    once when another process is waiting for it (a busy page server would otherwise never let a command line in)."""
    if linger <= 0 or someone_waits(shared.path):
        close_now(shared)
        return
    shared.close_at = time.monotonic() + linger
    with _wake:                   # never taken while the closer holds it and waits for a `shared.guard`
        _lingering.add(shared)
        global _closer
        if _closer is None:
            _closer = threading.Thread(target=_close_when_due, name="store-closer", daemon=True)
            _closer.start()
        _wake.notify()


_wake = threading.Condition()
_lingering: set[SharedConnection] = set()      # files with a close pending (under _wake)
_closer: threading.Thread | None = None        # one thread per process closes them when due (a timer each cost more)


def _close_when_due() -> None:
    while True:
        with _wake:
            while True:
                now = time.monotonic()
                times = {s: s.close_at for s in _lingering}     # read once: a unit of work may call one off meanwhile
                due = [s for s, at in times.items() if at is None or at <= now]
                if due:
                    _lingering.difference_update(due)
                    break
                _wake.wait(min(times.values()) - now if times else None)
        for shared in due:               # each under its own guard, _wake released: no lock taken in two orders
            with shared.guard:
                if shared.close_at is None or shared.users:
                    continue             # work came back (its own end schedules the close again)
                if shared.close_at <= time.monotonic():
                    close_now(shared)
                else:                    # put off meanwhile by a newer end of work
                    with _wake:
                        _lingering.add(shared)


@atexit.register
def _close_idle_files() -> None:
    """At the process's end, every idle file closed cleanly (its log folded in) rather than left to the next open."""
    for shared in list(connections.values()):
        if shared.address is None:
            with shared.guard:
                if not shared.users:
                    close_now(shared)
