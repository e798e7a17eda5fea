"""Benchmark: the comparison on a large history (400 campaigns × 6 partners × 60 days), against the campaign review.

Prints ratios measured in the same run (no absolute thresholds): how the whole-history queries behind
the Compare and Partners pages (every partnership's figures, the percentiles' self-join per channel,
the map of actors) weigh against the review of one campaign, which a manager already waits for.
Run: .venv/bin/python bench/compare_bench.py
"""
from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from resonance.ingest import load as ingest
from resonance.services import actors, comparison, review  # noqa: E402
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership  # noqa: E402
from resonance.store import Store  # noqa: E402

CAMPAIGNS, PARTNERS_PER_CAMPAIGN, DAYS = 400, 6, 60
CHANNELS = ("social", "email", "app", "retail", "radio", "display")


def build(store: Store) -> int:
    rng = np.random.default_rng(5)
    frames = []
    with store.transaction() as con:
        partners = [ensure_partner(con, f"Partenaire {n}") for n in range(120)]
        for c in range(CAMPAIGNS):
            start = date(2020, 1, 1) + timedelta(days=int(c * 4))
            cid = ensure_campaign(con, f"Campagne {c}", start_date=start, end_date=start + timedelta(days=DAYS - 1),
                                  series=f"serie-{c % 50}")
            days = [start + timedelta(days=d) for d in range(DAYS)]
            for pid in rng.choice(partners, PARTNERS_PER_CAMPAIGN, replace=False):
                channel = CHANNELS[int(pid) % len(CHANNELS)]
                ensure_partnership(con, cid, int(pid), channel=channel)
                impressions = rng.integers(1_000, 50_000, DAYS)
                for metric, values in (("impressions", impressions), ("clicks", impressions // rng.integers(20, 80)),
                                       ("landing_visits", impressions // 90)):
                    frames.append(pd.DataFrame({"campaign_id": cid, "partner_id": int(pid), "channel": channel,
                                                "peso": "shared", "platform": "", "period_start": days,
                                                "period_end": days, "metric": metric, "value": values.astype(float)}))
                frames.append(pd.DataFrame({"campaign_id": [cid], "partner_id": [int(pid)], "channel": [channel],
                                            "peso": ["shared"], "platform": [""], "period_start": [start],
                                            "period_end": [days[-1]], "metric": ["spend"],
                                            "value": [float(rng.integers(0, 20_000))]}))
        facts = pd.concat(frames, ignore_index=True)
        facts["partner_id"] = facts["partner_id"].astype("Int64")
        ingest.load(store, source="bench", facts=facts, con=con)
    return len(facts)


def timed(call, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    store = Store(Path(tempfile.mkdtemp()) / "bench.duckdb")
    facts = build(store)
    baseline = timed(lambda: review.campaign_review(store, 200))
    keys = comparison.partnerships(store)["unit_key"].tolist()[:6]
    print(f"{facts:,} facts, {CAMPAIGNS * PARTNERS_PER_CAMPAIGN:,} partnerships; "
          f"baseline = one campaign review ({baseline * 1000:.0f} ms on this machine)")
    for name, call in (
        ("every partnership's figures", lambda: comparison.partnerships(store)),
        ("percentiles of every partnership", lambda: comparison.benchmark(store)),
        ("compare 6 partnerships", lambda: comparison.compare(store, keys)),
        ("benchmark of one campaign (review)", lambda: comparison.campaign_benchmark(store, 200)),
        ("previous edition", lambda: comparison.previous_edition(store, 399)),
        ("ranking on cost per visit", lambda: comparison.ranking(store, "cost_per_visit_eur")),
        ("map of actors", lambda: actors.actors_map(store)),
    ):
        print(f"  {name:<34} {timed(call) / baseline:6.2f} × the review")


if __name__ == "__main__":
    main()
