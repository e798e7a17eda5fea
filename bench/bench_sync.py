"""Benchmark: a year of Matomo campaign figures (365 days × 40 labels) synced from a local server, against loading the same rows directly.

Prints ratios measured in the same run (no absolute thresholds): how much the HTTP part, the
parsing and the label resolution add on top of the ingest layer itself.
Run: .venv/bin/python bench/bench_sync.py
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd  # noqa: E402
from pytest_httpserver import HTTPServer  # noqa: E402
from werkzeug import Response  # noqa: E402

from resonance.ingest import load as ingest  # noqa: E402
from resonance.ingest import sync
from resonance.services import partnership, sources
from resonance.store import Store  # noqa: E402

START, END, LABELS = date(2025, 1, 1), date(2025, 12, 31), 40


def answer(request):
    first, last = (date.fromisoformat(d) for d in request.form["date"].split(","))
    body, day = {}, first
    while day <= last:
        body[day.isoformat()] = [{"label": f"label_{n}", "nb_visits": 100 + n, "nb_conversions": n % 7,
                                  "nb_visits_converted": n % 5} for n in range(LABELS)]
        day += timedelta(days=1)
    return Response(json.dumps(body), content_type="application/json")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    folder = Path(tempfile.mkdtemp())
    os.environ["MATOMO_TOKEN"] = "bench-token"
    os.environ["RESONANCE_SOURCES"] = str(folder / "none.toml")
    os.environ["RESONANCE_ALLOW_HOSTS"] = "localhost"          # the local answering server, an internal address
    server = HTTPServer()
    server.expect_request("/index.php", method="POST").respond_with_handler(answer)
    server.start()
    try:
        synced, direct = Store(folder / "synced.duckdb"), Store(folder / "direct.duckdb")
        for store in (synced, direct):
            with store.transaction() as con:
                ids = [partnership.ensure_campaign(con, f"Campagne {n}") for n in range(LABELS)]
        mapping = {f"label_{n}": f"Campagne {n}" for n in range(LABELS)}
        source = sources.from_mapping({"name": "bench", "kind": "matomo", "url": server.url_for("/"), "site_id": 1,
                                       "token_env": "MATOMO_TOKEN", "campaigns": mapping}, origin="file")
        began = time.perf_counter()
        result = sync.sync_source(synced, source, since=START, today=END)
        sync_s = time.perf_counter() - began
        asked = len(server.log)
        assert result.status == "ok", result.error
        rows = []
        day = START
        while day <= END:
            for n in range(LABELS):
                rows += [(ids[n], None, "web", "owned", "Matomo", day, day, "landing_visits", 100 + n),
                         (ids[n], None, "web", "owned", "Matomo", day, day, "conversions", n % 7)]
            day += timedelta(days=1)
        frame = pd.DataFrame(rows, columns=ingest.FACT_COLUMNS)
        began = time.perf_counter()
        ingest.load(direct, source="bench", facts=frame)
        load_s = time.perf_counter() - began
        began = time.perf_counter()
        again = sync.sync_source(synced, source, since=START, today=END)     # the same year again: all replaced
        resync_s = time.perf_counter() - began
    finally:
        server.stop()
    print(f"rows: {result.rows} figures, {asked} requests (windows of 31 days)")
    print(f"sync of a year / direct ingest of the same rows: {sync_s / load_s:.1f}×")
    print(f"re-sync replacing every row / first sync: {resync_s / sync_s:.2f}× (replaced {again.rows_replaced})")


if __name__ == "__main__":
    main()
