"""First screens first: a reader's browser draws the page's first screen before the rest is even computed, and one page
at a time draws what lies below its first screen, so every reader's key figures go out before anyone's charts."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

# One rest of a page at a time in a server process. Python runs one thread at a time (the GIL): ten readers' charts and
# tables built together starved the server loop that sends every reader's figures and Streamlit's scripts, so ten
# readers waited 36–47 s for figures one reader gets in 4 s (issue 16). Waiting here takes no CPU.
_BELOW_THE_FIRST_SCREEN = threading.BoundedSemaphore(1)
# A page never waits longer for its turn (a turn held by a run that hangs): past it, it draws its rest anyway.
PATIENCE_SECONDS = 30.0
# How long after drawing the first screen the browser asks for the rest: enough for it to paint what it received.
ASK_AFTER_SECONDS = 0.2
_SHOWN, _ASKED = "_pacing_first_screen_shown", "_pacing_rest_asked"


@contextmanager
def below_the_first_screen() -> Iterator[None]:
    """Wrap the part of a page below its first screen: drawn when no other page is drawing its own."""
    turn = _BELOW_THE_FIRST_SCREEN.acquire(timeout=PATIENCE_SECONDS)
    try:
        yield
    finally:           # also when the run stops or reruns (Streamlit raises through the page), so no turn is lost
        if turn:
            _BELOW_THE_FIRST_SCREEN.release()


def first_screen_only(key: str) -> bool:
    """True when this run ends with the first screen: the first run for `key` (a page and what it shows) in a browser.

    A browser gathers what arrives while it is busy and draws it in one go: sent together, the figures were painted
    only once the charts and tables under them were (issue 16). So the first run stops after the first screen, and
    the browser itself asks for the rest once it has drawn it (a fragment's timer, which Streamlit's page runs only
    after what came before it); the run it asks for draws the whole page. Without a browser (no request headers, as
    in AppTest or a script) there is nobody to ask: the whole page is drawn at once.
    """
    if st.session_state.get(_ASKED) == key or not st.context.headers:
        return False
    st.fragment(_ask_for_the_rest, run_every=ASK_AFTER_SECONDS)(key)
    st.session_state[_SHOWN] = key        # set after the call above: that call (in this run) asks nothing yet
    return True


def _ask_for_the_rest(key: str) -> None:
    # Run once inline by first_screen_only (nothing to do), then by the browser's timer: the whole page, in a full
    # run, which also stops the timer (Streamlit's page drops every fragment timer when a full run starts).
    if st.session_state.get(_SHOWN) == key:
        st.session_state[_ASKED] = key
        st.rerun()
