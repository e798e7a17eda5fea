"""Benchmark of the review deck: 20 partners, 365 days, 40 pictures; deck build time against merely reading the figures.

Run: `.venv/bin/python bench/deck_bench.py` (builds its own store in a temporary folder).
The floor is `review.campaign_review` — what the review page reads for the same campaign — so the ratio says
what drawing the deck costs on top of the figures a manager already waits for on screen.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET_S = 2.0
RUNS = 5


def timed(action, runs: int = RUNS) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return min(samples), statistics.median(samples)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="resonance-deck-bench-"))
    os.environ["RESONANCE_DB"] = str(folder / "bench.duckdb")
    from resonance.demo import sample_deck as sample
    from resonance.reports import annex
    from resonance.reports import deck as review_deck
    from resonance.reports.deck import content
    from resonance.services import review
    from resonance.store import Store

    store = Store(folder / "bench.duckdb")
    started = time.perf_counter()
    campaign = sample.seed(store, "Campagne de référence", partners=20, days=365, pictures=40, press=400,
                           start=date(2025, 1, 6))
    print(f"store seeded in {time.perf_counter() - started:.1f} s: 20 partners × 365 days × 3 metrics, "
          f"400 articles, 40 pictures")

    review_deck.build(store, campaign)            # warm-up: imports, python-pptx templates, DuckDB caches
    floor_min, floor_median = timed(lambda: review.campaign_review(store, campaign, "day"))
    gather_min, gather_median = timed(lambda: content.gather(store, campaign))
    deck_min, deck_median = timed(lambda: review_deck.build(store, campaign))
    annex_min, annex_median = timed(lambda: annex.build(store, campaign), runs=3)
    data = review_deck.build(store, campaign)
    slides = review_deck.slide_count(data)

    print(f"{'':34}{'best':>9}{'median':>9}{'× floor':>9}")
    for label, best, median in (("floor: read the campaign's figures", floor_min, floor_median),
                                ("deck content (figures + extras)", gather_min, gather_median),
                                ("deck, built and saved (PPTX)", deck_min, deck_median),
                                ("data annex (XLSX)", annex_min, annex_median)):
        print(f"{label:34}{best:8.3f}s{median:8.3f}s{median / floor_median:8.1f}×")
    print(f"deck: {slides} slides, {len(data) / 1024:.0f} KB; target under {TARGET_S:.0f} s: "
          f"{'met' if deck_median < TARGET_S else 'MISSED'} ({deck_median:.2f} s median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
