"""How each page's service calls grow with the store: generated stores of 1, 5 and 20 million facts.

A real portfolio's shape (issue 16): at 20 M facts, 10 years × 300 campaigns × 30 partners × daily × 8 metrics; a
smaller store keeps the partnerships' length (~278 days) and has fewer campaigns. Each store is built with DuckDB SQL
(generate_series) in seconds. Per page, the service functions the page calls are timed server side in a fresh
process (cold: first call, nothing cached; warm: median of the next calls), beside the bare scan the figures rest
on (one GROUP BY of every fact) and the same page at the smallest size.

Run: .venv/bin/python bench/scale_bench.py --sizes 1,5   (millions of facts; default 1,5,20)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTNERS_PER_CAMPAIGN, DAYS, PARTNER_POOL = 30, 278, 400
METRICS = ("impressions", "clicks", "engagements", "video_views", "landing_visits", "conversions", "reach", "spend")
CHANNELS = ("social", "display", "app", "retail")
PAGES = ("overview", "review", "compare", "partner_map", "deck")


def build(path: Path, facts: int) -> int:
    """A store of about `facts` facts, written by SQL alone; returns the count written."""
    from resonance.services import rollups
    from resonance.store import Store

    # a third of the partnerships are paid: 7 metrics a day, plus the spend for those
    campaigns = max(2, round(facts / (PARTNERS_PER_CAMPAIGN * DAYS * (len(METRICS) - 1 + 1 / 3))))
    store = Store(path)
    rollups.ensure(store)     # the new store checked (nothing to pass over yet), as a running app has it
    with store.transaction() as con:
        con.execute("insert into partner (id, name, kind, sector, audiences) "
                    "select i, 'Partenaire ' || i, case when i % 5 = 0 then 'association' else 'company' end, "
                    "'Secteur ' || (i % 12), case when i % 3 = 0 then 'étudiants' else 'familles' end "
                    "from range(1, $n + 1) t(i)", {"n": PARTNER_POOL})
        # campaigns spread over ten years; the series tie every tenth campaign to its previous edition
        con.execute("insert into campaign (id, name, theme, series, start_date, end_date) "
                    "select i, 'Campagne ' || i, 'Thème ' || (i % 7), 'Série ' || (i % ($n // 10 + 1)), "
                    "date '2016-01-01' + cast(i * 3650 // $n as integer), "
                    "date '2016-01-01' + cast(i * 3650 // $n as integer) + $days - 1 "
                    "from range(1, $n + 1) t(i)", {"n": campaigns, "days": DAYS})
        con.execute("insert into partnership (campaign_id, partner_id, channel) "
                    "select c, 1 + (c * 37 + k * 13) % $pool, $channels[1 + (c + k) % 4] "
                    "from range(1, $n + 1) a(c), range(0, $k) b(k)",
                    {"n": campaigns, "k": PARTNERS_PER_CAMPAIGN, "pool": PARTNER_POOL, "channels": list(CHANNELS)})
        con.execute("insert into ingestion (id, source) values (1, 'bench')")
        # one fact per partnership × day × metric; a third of the partnerships are paid (spend), others shared
        con.execute("""
            insert into metric_fact
            select ps.campaign_id, ps.partner_id, ps.channel,
                   case when ps.partner_id % 3 = 0 then 'paid' else 'shared' end, '',
                   c.start_date + cast(d as integer), c.start_date + cast(d as integer), m.metric,
                   case m.metric
                       when 'impressions' then 1000 + hash(ps.id, d) % 50000
                       when 'clicks' then 10 + hash(ps.id, d) % 900
                       when 'engagements' then hash(ps.id, d, 1) % 400
                       when 'video_views' then hash(ps.id, d, 2) % 3000
                       when 'landing_visits' then hash(ps.id, d, 3) % 300
                       when 'conversions' then hash(ps.id, d, 4) % 20
                       when 'reach' then 500 + hash(ps.id, d, 5) % 20000
                       else case when ps.partner_id % 3 = 0 then 50 + hash(ps.id, d, 6) % 500 else 0 end
                   end, 1
            from partnership as ps
            join campaign as c on c.id = ps.campaign_id
            cross join range(0, $days) as t(d)
            cross join (select unnest($metrics) as metric) as m
            where m.metric <> 'spend' or ps.partner_id % 3 = 0
            -- in the order a real store receives them: one partner's file (one partnership) after another, as the
            -- campaigns run; without it the facts of a campaign were spread over every row group of the table, so
            -- DuckDB's zone maps could skip none and a campaign's own queries read the whole store
            order by c.end_date, ps.campaign_id, ps.partner_id, d, m.metric
        """, {"days": DAYS, "metrics": list(METRICS)})
        # the rollups refreshed in the load's transaction, as every writer does: the store stays checked after it,
        # so the first page does not pay for them (neither their refresh nor the check)
        rollups.refresh(con, [row[0] for row in con.execute("select id from campaign").fetchall()])
        written = con.execute("select count(*) from metric_fact").fetchone()[0]
    store.close()             # the file let go now, for the page processes and the bare scan that follow
    return written


def _timed(call, repeat: int = 3) -> tuple[float, float]:
    started = time.perf_counter()
    call()
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        warm.append(time.perf_counter() - started)
    return cold, statistics.median(warm)


def page(path: Path, name: str) -> tuple[float, float]:
    """Time one page's service calls (run in its own process, so that the first call is cold)."""
    from resonance.services import actors, comparison, overview, review
    from resonance.store import Store

    store = Store(path)
    campaign = 7

    def overview_everything():
        limits = overview.bounds(store)
        overview.overview(store, limits["first_day"], limits["last_day"])
        overview.resonance_by_year(store)
        overview.resonance_by_theme(store)

    def campaign_review():
        review.campaign_review(store, campaign)
        comparison.campaign_benchmark(store, campaign)
        comparison.previous_edition(store, campaign)

    def compare():
        pool = comparison.units(store, "partnership")
        comparison.compare(store, pool["unit_key"].tolist()[:3])
        comparison.units(store, "campaign")
        comparison.editions(store)
        comparison.ranking(store)

    def partner_map():
        actors.filters(store)
        actors.actors_map(store)
        actors.partner_file(store, 3)

    def deck():
        from resonance.reports import deck as deck_module
        deck_module.build(store, campaign)

    calls = {"overview": overview_everything, "review": campaign_review, "compare": compare,
             "partner_map": partner_map, "deck": deck}
    with store.read() as con:      # the store opened (and migrated) before the clock starts, as a running app is
        con.execute("select 1")
    return _timed(calls[name])


def bare_scan(path: Path) -> float:
    """The scan every portfolio-wide figure rests on: one GROUP BY of every fact, in bare DuckDB."""
    import duckdb
    con = duckdb.connect(str(path), read_only=True)
    sql = "select campaign_id, partner_id, metric, sum(value) from metric_fact group by all"
    cold, warm = _timed(lambda: con.execute(sql).fetchall())
    con.close()
    return warm


def process_seconds(command: list[str], environment: dict | None = None, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=environment)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def measure(path: Path) -> dict:
    results = {}
    for name in PAGES:
        out = subprocess.run([sys.executable, __file__, "--page", name, "--store", str(path)], check=True,
                             capture_output=True, text=True, cwd=ROOT).stdout
        results[name] = json.loads(out.strip().splitlines()[-1])
    environment = {**os.environ, "RESONANCE_DB": str(path)}
    report = [sys.executable, "-m", "resonance", "report", "--campaign", "Campagne 7", "--json"]
    one_liner = [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True)"
                 ".sql('select count(*) from metric_fact where campaign_id = 7').fetchall()", str(path)]
    results["report_json"] = [process_seconds(report, environment), None]
    results["one_liner"] = [process_seconds(one_liner), None]
    results["bare_scan"] = [bare_scan(path), None]
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,5,20", help="millions of facts, comma separated")
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--keep", help="folder to keep the stores in (reused when present)")
    arguments = parser.parse_args()
    if arguments.page:
        print(json.dumps(page(Path(arguments.store), arguments.page)))
        return
    folder = Path(arguments.keep or tempfile.mkdtemp(prefix="scale-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    table = {}
    for size in [float(s) for s in arguments.sizes.split(",")]:
        path = folder / f"store-{size:g}M.duckdb"
        if not path.exists():
            started = time.perf_counter()
            count = build(path, int(size * 1_000_000))
            print(f"built {count:,} facts in {time.perf_counter() - started:.1f} s: {path}", flush=True)
        table[size] = measure(path)
    first = min(table)
    print(f"\n{'page':<14}" + "".join(f"{f'{s:g} M cold / warm':>24}{'×1 M':>7}{'×scan':>7}" for s in table))
    for name in (*PAGES, "report_json", "one_liner", "bare_scan"):
        line = f"{name:<14}"
        for results in table.values():
            cold, warm = results[name]
            scan = results["bare_scan"][0]
            text = f"{cold * 1000:9.0f} ms" + (f" / {warm * 1000:7.0f} ms" if warm is not None else " " * 13)
            line += f"{text:>24}{cold / table[first][name][0]:6.2f}×{cold / scan:6.1f}×"
        print(line)
    # the command line against DuckDB alone (issue 16: under 2×)
    for size, results in table.items():
        report, bare = results["report_json"][0], results["one_liner"][0]
        print(f"{size:g} M: report --json {report * 1000:.0f} ms, bare one-liner {bare * 1000:.0f} ms, "
              f"ratio {report / bare:.2f}×")


if __name__ == "__main__":
    main()
