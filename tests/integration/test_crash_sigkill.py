"""Crashes: an import process killed (SIGKILL) at random points, 20 times; the store opens, holds the whole ingestion or
none of it, and the next import works.

Every file carries the same keys with different values, so each one replaces the previous one:
a kill in the middle of a replacement must leave the previous figures whole as well. The number
of kills comes from RESONANCE_CRASH_KILLS (20 by default) and the seed from RESONANCE_CRASH_SEED.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from resonance.ingest import importing
from resonance.store import Store

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
PLATFORMS, DAYS = 5, 400          # 2,000 lines, 4,000 figures per file
KILLS = int(os.environ.get("RESONANCE_CRASH_KILLS", "20"))


def report(version: int) -> bytes:
    lines = ["Date;Plateforme;Affichages;Clics"]
    for p in range(PLATFORMS):
        for d in range(DAYS):
            day = (date(2024, 1, 1) + timedelta(days=d)).strftime("%d/%m/%Y")
            lines.append(f"{day};P{p};{1000 * version + d};{version + d % 50}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def impressions(version: int) -> float:
    return float(PLATFORMS * sum(1000 * version + d for d in range(DAYS)))


def start_import(path: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "RESONANCE_DB": str(db), "RESONANCE_LANG": "fr"}
    return subprocess.Popen([sys.executable, "-m", "resonance", "import", str(path), "--campaign", "Crash",
                             "--partner", "Relais", "--accept-warnings"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def state(store: Store, file_name: str) -> tuple[int | None, float, int]:
    """(ingestion id of this file or None, impressions in the store, figures in the store), after checking the invariants."""
    with store.read() as con:
        assert con.execute(
            "select count(*) from (select campaign_id, partner_id, channel, peso, platform, period_start, period_end,"
            " metric from metric_fact group by all having count(*) > 1)").fetchall()[0][0] == 0
        loaded = con.execute("select id, rows_loaded from ingestion where file_name = $f", {"f": file_name}).fetchall()
        total, rows = con.execute("select coalesce(sum(value) filter (where metric = 'impressions'), 0), count(*)"
                                  " from metric_fact").fetchall()[0]
        if loaded:
            (ingestion_id, rows_loaded), = loaded
            brought = con.execute("select count(*) from metric_fact where ingestion_id = $i", {"i": ingestion_id}).fetchall()
            assert rows_loaded == brought[0][0] == PLATFORMS * DAYS * 2       # the whole ingestion
            return ingestion_id, total, rows
        return None, total, rows


def test_an_import_killed_at_random_points_never_leaves_half_an_ingestion(tmp_path):
    seed = int(os.environ.get("RESONANCE_CRASH_SEED", str(random.SystemRandom().randrange(10**6))))
    rng = random.Random(seed)
    db = tmp_path / "resonance.duckdb"
    first = tmp_path / "bilan_0.csv"
    first.write_bytes(report(0))
    began = time.monotonic()
    assert start_import(first, db).wait(timeout=300) == 0
    full_run = time.monotonic() - began                  # how long a whole import takes here, start-up included
    store = Store(db)
    current, killed, committed_before_kill, version = 0, 0, 0, 0
    while killed < KILLS and version < 3 * KILLS:      # an import that finished before its kill does not count
        version += 1
        path = tmp_path / f"bilan_{version}.csv"
        path.write_bytes(report(version))
        process = start_import(path, db)
        time.sleep(rng.uniform(0.25 * full_run, full_run))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)

        # The store opens and holds the whole ingestion or none of it (and then the previous figures, whole).
        ingestion_id, total, rows = state(store, path.name)
        assert rows == PLATFORMS * DAYS * 2, f"seed {seed}, version {version}"
        if ingestion_id is None:
            assert total == impressions(current), f"seed {seed}, version {version}"
        else:
            committed_before_kill += process.returncode != 0
            assert total == impressions(version), f"seed {seed}, version {version}"

        # The next import works.
        result = importing.preview(store, path.read_bytes(), path.name, campaign="Crash", partner="Relais")
        outcome = importing.load(store, result, accept_warnings=True)
        assert outcome.ingestion_id is not None or outcome.already_loaded_as == ingestion_id
        assert state(store, path.name)[1] == impressions(version)
        current = version
    print(f"\nSIGKILL: {killed} kills in {version} imports (seed {seed}, full import {full_run:.1f} s); "
          f"{committed_before_kill} killed after their commit; the store was whole every time.")
    assert killed == KILLS
