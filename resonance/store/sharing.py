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


@dataclass
class SharedConnection:
    """The process's one connection to a store file, reference-counted by open units of work."""

    path: Path
    address: lake_backend.LakeAddress | None = None
    connection: duckdb.DuckDBPyConnection | None = None
    lock: lake_backend.WriterLock | None = None
    idle: list = field(default_factory=list)     # lake cursors already pointed at the lake, kept for reuse
    users: int = 0
    closing: threading.Timer | None = None      # the pending close of an idle file, called off when work comes back
    migrated: bool = False
    guard: threading.Lock = field(default_factory=threading.Lock)
    writer: threading.RLock = field(default_factory=threading.RLock)


connections: dict[Path | lake_backend.LakeAddress, SharedConnection] = {}
connections_guard = threading.Lock()


def call_off_close(shared: SharedConnection) -> None:
    """Under `shared.guard`: work came back before the idle file was closed; it stays open."""
    if shared.closing is not None:
        shared.closing.cancel()
        shared.closing = None


def close_now(shared: SharedConnection) -> None:
    """Under `shared.guard`, no unit of work open: close the file (DuckDB folds its log into it)."""
    call_off_close(shared)
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
    call_off_close(shared)
    if linger <= 0 or someone_waits(shared.path):
        close_now(shared)
        return

    def close_if_still_idle() -> None:
        with shared.guard:
            if shared.closing is timer and not shared.users:
                close_now(shared)

    timer = threading.Timer(linger, close_if_still_idle)
    timer.daemon = True            # a command ends at once; its idle files are closed at exit below
    shared.closing = timer
    timer.start()


@atexit.register
def _close_idle_files() -> None:
    """At the process's end, every idle file closed cleanly (its log folded in) rather than left to the next open."""
    for shared in list(connections.values()):
        if shared.address is None:
            with shared.guard:
                if not shared.users:
                    close_now(shared)
