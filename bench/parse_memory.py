"""Peak memory of reading hostile and large partner files through the bounded reader (issue 13): child and caller.

    .venv/bin/python -m bench.parse_memory            # the 2 M-row XLSX (declared and not), the 1 M-row CSV
    RESONANCE_PARSE_MAX_ROWS=99999999 RESONANCE_PARSE_MAX_CELLS=999999999 .venv/bin/python -m bench.parse_memory xlsx
                                                      # the XLSX past the cheap checks: the child's limit alone

Prints, per file: outcome, seconds, the child's peak resident and address-space MB against its limit,
and this process's own peak (what the web server would have paid).
"""
from __future__ import annotations

import resource
import sys
import tempfile
from pathlib import Path

from resonance.ingest import importing, sandbox  # noqa: E402
from resonance.store import Store  # noqa: E402
from tests.integration.hostile_files import many_platform_csv, many_rows_xlsx


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="resonance-bench-"))
    store = Store(folder / "bench.duckdb")
    store.version()
    cases = [("2 M rows XLSX, dimension declared", "deux-millions.xlsx", lambda: many_rows_xlsx(2_000_000)),
             ("2 M rows XLSX, no dimension", "deux-millions-sans-dimension.xlsx",
              lambda: many_rows_xlsx(2_000_000, dimension=False)),
             ("1 M rows × 50 platforms CSV", "plateformes.csv", lambda: many_platform_csv(1_000_000, 50))]
    wanted = sys.argv[1:] or ["xlsx", "csv"]
    for label, name, build in [c for c in cases if Path(c[1]).suffix[1:] in wanted]:
        data = build()
        result = importing.preview(store, data, name, campaign="Bench", partner="Relais")
        run = sandbox.last_run()
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label}: {len(data) / 1e6:.1f} MB, {run.outcome}, {run.seconds:.1f} s, child peak RSS "
              f"{run.peak_rss_mb:.0f} MB, address space {run.peak_vm_mb:.0f} MB / limit {run.limit_mb} MB, "
              f"caller peak {parent:.0f} MB; {(result.errors or ['ok'])[0][:90]}")


if __name__ == "__main__":
    main()
