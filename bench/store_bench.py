"""Embedded file vs DuckLake on PostgreSQL, in one run: the campaign review, the overview and an import, as ratios.

Builds a file store (the demo set plus --facts synthetic figures), copies it into a throwaway lake
(`migrate-store`'s copy, timed too), then times on each backend: the campaign review's reads, the
overview's reads (medians of --repeat) and the load of --import-rows new figures as one ingestion.
The lake's catalog is a fresh schema of the PostgreSQL at RESONANCE_TEST_PG (dropped at the end).

    .venv/bin/python bench/store_bench.py [--facts 10000000] [--import-rows 1000000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from timing import median_seconds  # bench/timing.py, beside this script

DEFAULT_PG = "postgresql://resonance_test:resonance_test@127.0.0.1:5432/resonance_test"
METRICS = ("impressions", "clicks", "spend", "reach")


def add_facts(store, count: int) -> None:
    """`count` figures spread over the demo's campaigns and partners, 100 platforms, one metric in four."""
    with store.transaction() as con:
        ingestion = con.execute("insert into ingestion (source, file_name) values ('bench', 'synthetic')"
                                " returning id").fetchall()[0][0]
        campaigns = len(con.execute("select id from campaign").fetchall())
        partners = len(con.execute("select id from partner").fetchall())
        con.execute(
            "insert into metric_fact"
            " select c.id, p.id, 'social', 'paid', 'B' || ((i // $cp4) % 100), date '2024-01-01' + (i // ($cp4 * 100))::int,"
            " date '2024-01-01' + (i // ($cp4 * 100))::int, ($metrics)[1 + (i // $cp) % 4], (i % 997) + 1, $ingestion"
            " from range($n) as r(i)"
            " join (select id, row_number() over (order by id) - 1 as k from campaign) c on c.k = i % $c"
            " join (select id, row_number() over (order by id) - 1 as k from partner) p on p.k = (i // $c) % $p",
            {"n": count, "c": campaigns, "p": partners, "cp": campaigns * partners, "cp4": campaigns * partners * 4,
             "metrics": list(METRICS), "ingestion": ingestion})


def import_frame(rows: int, campaign_id: int, partner_id: int, tag: str):
    import pandas as pd
    days = pd.date_range("2023-01-01", periods=max(rows // (4 * 50), 1)).date
    i = pd.RangeIndex(rows)
    return pd.DataFrame({
        "campaign_id": campaign_id, "partner_id": partner_id, "channel": "social", "peso": "paid",
        "platform": [f"{tag}{k}" for k in (i // 4) % 50], "period_start": [days[k % len(days)] for k in i // 200],
        "period_end": [days[k % len(days)] for k in i // 200], "metric": [METRICS[k] for k in i % 4],
        "value": (i % 991 + 1).astype(float),
    })


def measure(store, repeat: int, rows: int, tag: str) -> dict[str, float]:
    from resonance.ingest import load
    from resonance.services import overview, review
    campaign = review.campaign_id_by_name(store, "Match avec ton futur")
    with store.read() as con:
        partner = con.execute("select min(id) from partner").fetchall()[0][0]
    bounds = overview.bounds(store)
    first, last = bounds["first_day"], bounds["last_day"]
    with store.hold():
        timings = {
            "campaign review": median_seconds(lambda: review.campaign_review(store, campaign, "week"), repeat),
            "overview": median_seconds(lambda: overview.overview(store, first, last), repeat),
        }
    frame = import_frame(rows, campaign, partner, tag)
    started = time.perf_counter()
    result = load.load(store, source="bench", facts=frame, campaign_id=campaign, partner_id=partner)
    timings[f"import of {rows:,} rows"] = time.perf_counter() - started
    assert result.rows_loaded == rows
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000_000)
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="store-bench-"))
    url, schema = os.environ.get("RESONANCE_TEST_PG") or DEFAULT_PG, f"bench_{uuid.uuid4().hex[:10]}"
    os.environ.update({"RESONANCE_DB": str(folder / "resonance.duckdb"), "RESONANCE_LANG": "fr"})
    from resonance import demo
    from resonance.store import Store, transfer
    from resonance.store.lake import LakeAddress
    file_store = Store(folder / "resonance.duckdb", file=True)
    demo.load(file_store)
    started = time.perf_counter()
    add_facts(file_store, arguments.facts)
    print(f"file store: demo + {arguments.facts:,} figures in {time.perf_counter() - started:.1f} s")
    lake_store = Store(lake=LakeAddress.parse("ducklake:postgres:" + url, str(folder / "lake"), schema))
    try:
        started = time.perf_counter()
        transfer.copy(file_store, lake_store, replace=True)
        print(f"migrate-store copy into the lake: {time.perf_counter() - started:.1f} s")
        results = {"file": measure(file_store, arguments.repeat, arguments.import_rows, "F"),
                   "lake": measure(lake_store, arguments.repeat, arguments.import_rows, "L")}
        print(f"\n{'':28}{'file':>10}{'lake':>10}{'lake / file':>14}")
        for name, seconds in results["file"].items():
            lake_seconds = results["lake"][name]
            print(f"{name:28}{seconds * 1000:8.0f}ms{lake_seconds * 1000:8.0f}ms{lake_seconds / seconds:13.2f}×")
    finally:
        lake_store.close()
        import duckdb

        from resonance.store import extensions
        from resonance.store.literals import sql_string
        with duckdb.connect() as con:
            extensions.load(con, "postgres")
            con.execute(f"attach {sql_string(url)} as pg (type postgres)")
            con.execute("call postgres_execute('pg', $sql)", {"sql": f'drop schema if exists "{schema}" cascade'})
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
