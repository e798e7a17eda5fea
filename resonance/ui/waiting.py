"""A page that finds the store held by another process (an import being saved) says so and waits: a spinner while the
store retries, then past each lock timeout a French sentence with the time waited — never a StoreBusy traceback."""
from __future__ import annotations

import time

import streamlit as st

from resonance import formatting as fmt
from resonance.i18n import language, t
from resonance.store import busy

WAITED: list[int] = [0]          # script runs that had to wait (tests, logs)
SHOWN: list[str] = []            # the sentences shown while waiting, newest last (tests, logs)


class _Page:
    """The listener of one script run."""

    def __init__(self):
        self._spinner = None
        self._notice = None
        self._since = 0.0

    def started(self) -> None:
        if self._spinner is None:
            WAITED[0] += 1
            self._since = time.monotonic()
            self._notice = st.empty()
            self._spinner = st.spinner(t("store.wait.page"), show_time=True)
            self._spinner.__enter__()

    def stopped(self) -> None:
        if self._spinner is not None:
            spinner, self._spinner = self._spinner, None
            spinner.__exit__(None, None, None)
        if self._notice is not None:
            self._notice.empty()          # the page is there: the sentence about waiting goes
            self._notice = None

    def still_waiting(self) -> bool:
        sentence = t("store.wait.long", seconds=fmt.number(time.monotonic() - self._since, language()))
        SHOWN.append(sentence)
        del SHOWN[:-20]               # a server runs for weeks: keep the last few only
        if self._notice is not None:
            self._notice.warning(sentence, icon=":material/hourglass_top:")
        return True


def listen() -> None:
    """From now on in this script run, waiting for the store is shown on the page."""
    busy.listen(_Page())
