"""ui.pacing: one page at a time draws below its first screen; a turn is given back even when the run stops."""
from __future__ import annotations

import threading
import time

import pytest

from resonance.ui import pacing


def test_a_second_page_waits_for_the_first_to_finish_its_rest():
    order, first_inside, release_first = [], threading.Event(), threading.Event()

    def first():
        with pacing.below_the_first_screen():
            order.append("first in")
            first_inside.set()
            release_first.wait(5)
            order.append("first out")

    def second():
        first_inside.wait(5)
        with pacing.below_the_first_screen():
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_inside.wait(5)
    time.sleep(0.3)                        # the second page is waiting for its turn all this time
    assert order == ["first in"]
    release_first.set()
    for thread in threads:
        thread.join(5)
    assert order == ["first in", "first out", "second in"]


def test_a_run_stopped_midway_gives_its_turn_back():
    class Stopped(Exception):
        """What Streamlit raises through a page when its run is stopped or rerun."""

    with pytest.raises(Stopped), pacing.below_the_first_screen():
        raise Stopped
    started = time.monotonic()
    with pacing.below_the_first_screen():
        pass
    assert time.monotonic() - started < 1


def test_a_turn_held_too_long_is_not_waited_for_forever(monkeypatch):
    monkeypatch.setattr(pacing, "PATIENCE_SECONDS", 0.2)
    held = threading.Event()
    done = threading.Event()

    def hold():
        with pacing.below_the_first_screen():
            held.set()
            done.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    started = time.monotonic()
    with pacing.below_the_first_screen():
        waited = time.monotonic() - started
    done.set()
    holder.join(5)
    assert 0.15 < waited < 2
    with pacing.below_the_first_screen():      # the turn is whole again: nobody gave back what it did not take
        pass
