"""Who wants to know that the store is busy: a page shows it and keeps waiting, the command line waits then gives up.

The store calls `started()` when it first finds the file held by another process, `stopped()`
once it got it, and `still_waiting()` each time the lock timeout passes: true from a page's
listener (it says so and waits on), false without one (StoreBusy is raised). A listener is set
for the current context (one Streamlit script run) by the UI layer.
"""
from __future__ import annotations

import contextvars
from typing import Protocol


class Listener(Protocol):
    def started(self) -> None: ...
    def stopped(self) -> None: ...
    def still_waiting(self) -> bool: ...


_listener: contextvars.ContextVar[Listener | None] = contextvars.ContextVar("store_busy_listener", default=None)


def listen(listener: Listener | None) -> None:
    """Set (or clear, with None) the listener of the current context."""
    _listener.set(listener)


def started() -> None:
    if (listener := _listener.get()) is not None:
        listener.started()


def stopped() -> None:
    if (listener := _listener.get()) is not None:
        listener.stopped()


def still_waiting() -> bool:
    listener = _listener.get()
    return listener is not None and listener.still_waiting()
