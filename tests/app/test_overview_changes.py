"""The overview's changes against the previous period: a rate's in points, a volume's in %, as the figures model says."""
from datetime import date

import pandas as pd

from resonance.domain.figures import change_display, figure_display
from resonance.services import overview
from tests.helpers import page


def test_click_rate_change_is_in_points_and_volumes_in_percent(demo_store):
    app = page("pages/overview.py")
    app.run()
    app.selectbox(key="overview_period").set_value("year:2025").run()
    assert not app.exception
    metrics = {m.label: m for m in app.metric}
    view = overview.overview(demo_store, date(2025, 1, 1), date(2025, 12, 31))
    expected = change_display("ctr", view.totals["ctr"], view.previous["ctr"]).replace("−", "-")
    ctr, clicks = metrics["Taux de clic"], metrics["Clics"]
    assert ctr.delta == expected and expected.endswith("\u202fpt"), ctr.delta     # never "+191 %" for a rate
    assert abs(view.deltas["ctr"] - (view.totals["ctr"] - view.previous["ctr"])) < 1e-12
    assert clicks.delta.endswith("\u202f%"), clicks.delta
    assert ctr.help and "clics ÷ impressions" in ctr.help              # the model's definition in the "?" help


def test_overview_shows_the_partners_share_per_year(demo_store):
    app = page("pages/overview.py")
    app.run()
    assert not app.exception
    table = next(d for d in app.dataframe if "Année" in d.value.columns).value
    by_year = overview.resonance_by_year(demo_store)
    assert list(table["Année"]) == [str(y) for y in by_year["year"]]
    expected = [figure_display("partners_share_impressions", v) for v in by_year["partners_share_impressions"]]
    assert list(table["Part des impressions portée par les partenaires"]) == expected
    import queries
    with demo_store.read() as con:
        year = queries.run(con, "portfolio_resonance", {"start": date(2025, 1, 1), "end": date(2025, 12, 31),
                                                        "theme": None}).iloc[0]
    carried = sum(year[f"impressions_{k}"] for k in ("shared", "earned") if not pd.isna(year[f"impressions_{k}"]))
    assert year["partners_share_impressions"] == carried / year["impressions"] < 1    # 2025 had paid media too
