"""The store file kept open between units of work (RESONANCE_STORE_LINGER) against closed after each, in one run.

On the demo set, times what a page and an import do, each as many short units of work (a read, a
transaction): the campaign review, the overview, and the preview + load of a partner's file. Each is
timed with the linger at 0 (the file opened and closed for every unit of work, as before) and at its
default, and printed as a ratio of one bare open + close of the same file (the floor, measured here).

    .venv/bin/python -m bench.linger_bench [--repeat 7]
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bench.timing import median_seconds

FILE = """Date;Affichages;Clics;Dépenses
{rows}"""


def partner_file(folder: Path) -> Path:
    rows = "\n".join(f"{day:02d}/06/2025;{1000 + day * 37};{10 + day};{day * 1.5:.2f}".replace(".", ",")
                     for day in range(1, 16))
    path = folder / "rapport-partenaire.csv"
    path.write_text(FILE.format(rows=rows) + "\n", encoding="utf-8")
    return path


def demo_store(prefix: str):
    """A store of the demo set in a new folder, set as the app's store (closed: the first timed call opens it)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.update({"RESONANCE_DB": str(folder / "resonance.duckdb"), "RESONANCE_LANG": "fr"})
    from resonance import demo
    from resonance.store import Store
    store = Store(folder / "resonance.duckdb")
    demo.load(store)
    store.close()
    return store


def bare_open(store) -> None:
    """The floor: one bare open + close of the store file."""
    import duckdb
    duckdb.connect(str(store.path)).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    store = demo_store("linger-bench-")
    folder = store.path.parent
    from resonance.ingest import importing
    from resonance.services import overview, review
    campaign = review.campaign_id_by_name(store, "Match avec ton futur")
    bounds = overview.bounds(store)
    path = partner_file(folder)
    store.close()

    def import_file():
        result = importing.preview(store, path, campaign="Match avec ton futur", partner="Relais bench")
        assert result.ok, result.errors
        importing.load(store, result, accept_warnings=True)

    floor = median_seconds(lambda: bare_open(store), arguments.repeat)
    actions = {"campaign review": lambda: review.campaign_review(store, campaign, "week"),
               "overview": lambda: overview.overview(store, bounds["first_day"], bounds["last_day"]),
               "preview + load of a file": import_file}
    default = os.environ.get("RESONANCE_STORE_LINGER", "0.3")
    print(f"floor: one bare open + close of the store file, {floor * 1000:.1f} ms")
    print(f"{'':28}{'linger 0':>20}{'linger ' + default + ' s':>22}{'gain':>8}")
    for name, action in actions.items():
        seconds = {}
        for linger in ("0", default):
            os.environ["RESONANCE_STORE_LINGER"] = linger
            store.close()
            action()                                 # warm: caches, the rollups checked
            seconds[linger] = median_seconds(action, arguments.repeat)
        before, after = seconds["0"], seconds[default]
        print(f"{name:28}{before * 1000:8.0f} ms {before / floor:6.1f}×{after * 1000:10.0f} ms {after / floor:6.1f}×"
              f"{before / after:7.2f}×")


if __name__ == "__main__":
    main()
