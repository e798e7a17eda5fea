"""Import benchmark: a 1,000,000-row partner CSV (French locale) through Résonance, against bare DuckDB and plain pandas.

Prints, measured in the same run on the same file, each in its own process (so that peak memory
is each one's own): the import through Résonance (sniffing, parsing, preview, load into a store
file), the bare DuckDB `read_csv` of the file into a table (the floor), and a plain pandas
`read_csv` + DataFrame insert (what a typical app does). Best of --repeat runs; the ratio to the
floor is the figure that matters (target: Résonance ≤ 1.5×, peak memory < 1 GB).

    .venv/bin/python bench/import_bench.py [--rows 1000000] [--repeat 3] [--thousands] [--case CASE]

Cases (`--case`, several allowed; default `daily`): `daily` (92 days), `days` (the same rows over 9,000
distinct days: 25 years), `platforms` (a platform column with 50 platforms). Grouping must stay linear in
the keys that occur: the ratio and the peak memory must not grow with the number of days or platforms.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


CASES = {"daily": {"days": 92, "platforms": 0}, "days": {"days": 9_000, "platforms": 0},
         "platforms": {"days": 92, "platforms": 50}}


def make_file(path: Path, rows: int, thousands: bool = False, days_count: int = 92, platforms: int = 0) -> None:
    """A partner's daily export per ad: `;`, decimal comma, a percentage column, French header.

    With `thousands`, counts are written "12\u202f345" (narrow no-break space), as French spreadsheets export
    them: Résonance then parses those cells as text (its slower path) instead of in DuckDB's CSV reader."""
    random.seed(7)
    start = date(2025, 6, 1)
    start = start - timedelta(days=max(0, days_count - 92))
    days = [(start + timedelta(days=d)).strftime("%d/%m/%Y") for d in range(days_count)]
    names = [f"Plateforme {p:02d}" for p in range(platforms)]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("Date;Annonce;" + ("Plateforme;" if platforms else "")
                  + "Affichages;Clics;Taux de clic;Montant dépensé (EUR)\n")
        lines = []
        for i in range(rows):
            impressions = random.randint(100, 60_000)
            clicks = impressions // random.randint(20, 200)
            rate = f"{100 * clicks / impressions:.2f}".replace(".", ",")
            spend = f"{impressions * 0.004:.2f}".replace(".", ",")
            shown = f"{impressions:,}".replace(",", "\u202f") if thousands else impressions
            platform = f"{names[(i // 7) % platforms]};" if platforms else ""
            lines.append(f"{days[i % days_count]};Visuel {i % 400:03d};{platform}{shown};{clicks};{rate} %;{spend}\n")
            if len(lines) == 50_000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_resonance(path: str, folder: str) -> dict:
    from resonance.ingest import importing
    from resonance.store import Store

    store = Store(Path(folder) / "resonance.duckdb")
    store.version()                                    # schema created before the clock starts
    started = time.perf_counter()
    result = importing.preview(store, Path(path), Path(path).name, campaign="Bench", partner="Régie")
    outcome = importing.load(store, result, created_by="bench")
    seconds = time.perf_counter() - started
    assert result.ok and outcome.ingestion_id, result.errors
    return {"seconds": seconds, "rows": result.rows_read, "facts": outcome.rows_loaded,
            "clicks": result.totals["clicks"], "peak_mb": _peak_mb()}


def run_duckdb(path: str, folder: str) -> dict:
    import duckdb

    started = time.perf_counter()
    con = duckdb.connect(str(Path(folder) / "floor.duckdb"))
    con.execute("create table partner_report as select * from read_csv($path, delim = ';', decimal_separator = ',',"
                " header = true)", {"path": path})
    rows = con.execute("select count(*) from partner_report").fetchone()[0]
    con.close()
    return {"seconds": time.perf_counter() - started, "rows": rows, "peak_mb": _peak_mb()}


def run_pandas(path: str, folder: str) -> dict:
    import duckdb
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(path, sep=";", decimal=",", thousands=" ", dayfirst=True)
    con = duckdb.connect(str(Path(folder) / "pandas.duckdb"))
    con.register("frame", frame)
    con.execute("create table partner_report as select * from frame")
    rows = con.execute("select count(*) from partner_report").fetchone()[0]
    con.close()
    return {"seconds": time.perf_counter() - started, "rows": rows, "peak_mb": _peak_mb()}


RUNNERS = {"resonance": run_resonance, "duckdb": run_duckdb, "pandas": run_pandas}


def measure(kind: str, path: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-") as folder:
        done = subprocess.run([sys.executable, __file__, "--one", kind, str(path), folder], capture_output=True,
                              text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--thousands", action="store_true", help="counts written with thousands separators")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="daily (default), days, platforms")
    parser.add_argument("--one", nargs=3, metavar=("KIND", "FILE", "FOLDER"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        kind, path, folder = arguments.one
        print(json.dumps(RUNNERS[kind](path, folder)))
        return
    verdicts = []
    for case in arguments.case or ["daily"]:
        verdicts.append(run_case(case, arguments))
    print("\n".join(verdicts))


def run_case(case: str, arguments) -> str:
    spec = CASES[case]
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        path = Path(folder) / "rapport_partenaire.csv"
        print(f"Generating {arguments.rows:,} rows ({case})…", file=sys.stderr)
        make_file(path, arguments.rows, arguments.thousands, spec["days"], spec["platforms"])
        print(f"\n[{case}] File: {path.stat().st_size / 1e6:.1f} MB, {arguments.rows:,} rows over {spec['days']:,} days"
              + (f" and {spec['platforms']} platforms" if spec["platforms"] else "")
              + " (';', decimal comma, '%'" + (", thousands separators)" if arguments.thousands else ")"))
        best = {}
        for _ in range(arguments.repeat):
            for kind in ("duckdb", "resonance", "pandas"):
                run = measure(kind, path)
                if kind not in best or run["seconds"] < best[kind]["seconds"]:
                    best[kind] = {**run, "peak_mb": max(run["peak_mb"], best.get(kind, {}).get("peak_mb", 0))}
    floor = best["duckdb"]["seconds"]
    labels = {"duckdb": "bare DuckDB read_csv → table (floor)", "resonance": "Résonance import (preview + load)",
              "pandas": "pandas read_csv + DataFrame insert"}
    print(f"{'':40} {'seconds':>8} {'× floor':>8} {'peak MB':>8}")
    for kind in ("duckdb", "resonance", "pandas"):
        run = best[kind]
        print(f"{labels[kind]:40} {run['seconds']:8.2f} {run['seconds'] / floor:8.2f} {run['peak_mb']:8.0f}")
    ratio = best["resonance"]["seconds"] / floor
    ok = ratio <= 1.5 and best["resonance"]["peak_mb"] < 1024
    return (f"[{case}] Résonance: {best['resonance']['rows']:,} rows read, {best['resonance']['facts']:,} figures stored;"
            f" {ratio:.2f}× the floor, peak {best['resonance']['peak_mb']:.0f} MB — "
            f"{'within' if ok else 'OUTSIDE'} the target (≤ 1.5×, < 1 GB)")


if __name__ == "__main__":
    main()
