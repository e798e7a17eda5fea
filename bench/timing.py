"""The one way the benchmarks time a call: the median of several runs, in seconds."""
from __future__ import annotations

import statistics
import time


def median_seconds(action, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)
