"""How long the campaign review takes on the demo store: bare reads (the floor) vs the full page render, cold and warm.

Run: .venv/bin/python bench/review_bench.py  (prints medians and ratios measured in this run)
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from timing import median_seconds  # bench/timing.py, beside this script

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="review-bench-"))
    os.environ["RESONANCE_DB"] = str(folder / "resonance.duckdb")
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from resonance import demo
    from resonance.services import review
    from resonance.store import Store

    store = Store()
    demo.load(store)
    campaign = review.campaign_id_by_name(store, "Match avec ton futur")

    def reads():
        review.campaign_review(store, campaign, "day")

    def render(clear_cache: bool):
        def run():
            if clear_cache:
                st.cache_data.clear()
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
            app.switch_page("pages/campaign_review.py")
            app.query_params["campagne"] = "Match avec ton futur"
            app.run()
            assert not app.exception and len(app.metric) > 5
        return run

    render(True)()                                   # imports warmed up, not measured
    floor = median_seconds(reads, 15)
    cold = median_seconds(render(True), 7)
    warm = median_seconds(render(False), 7)
    print(f"review reads (floor: the page's queries)  {floor * 1000:8.1f} ms   1.00×")
    print(f"review page render, cold cache           {cold * 1000:8.1f} ms   {cold / floor:5.2f}× the floor")
    print(f"review page render, warm cache           {warm * 1000:8.1f} ms   {warm / floor:5.2f}× the floor")


if __name__ == "__main__":
    main()
