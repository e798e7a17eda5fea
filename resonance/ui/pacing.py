"""First screens first: one page at a time draws what lies below its first screen, so every reader's key figures go out
before anyone's charts, tables and pictures are computed."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

# One rest of a page at a time in a server process. Python runs one thread at a time (the GIL): ten readers' charts and
# tables built together starved the server loop that sends every reader's figures and Streamlit's scripts, so ten
# readers waited 36–47 s for figures one reader gets in 4 s (issue 16). Waiting here takes no CPU.
_BELOW_THE_FIRST_SCREEN = threading.BoundedSemaphore(1)
# A page never waits longer for its turn (a turn held by a run that hangs): past it, it draws its rest anyway.
PATIENCE_SECONDS = 30.0


@contextmanager
def below_the_first_screen() -> Iterator[None]:
    """Wrap the part of a page below its first screen: drawn when no other page is drawing its own."""
    turn = _BELOW_THE_FIRST_SCREEN.acquire(timeout=PATIENCE_SECONDS)
    try:
        yield
    finally:           # also when the run stops or reruns (Streamlit raises through the page), so no turn is lost
        if turn:
            _BELOW_THE_FIRST_SCREEN.release()
