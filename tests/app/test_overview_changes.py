"""The overview's changes against the previous period: a rate's in points, a volume's in %, as the figures model says."""
from datetime import date

from conftest import page

from resonance import formatting as fmt
from resonance.services import overview


def test_click_rate_change_is_in_points_and_volumes_in_percent(demo_store):
    app = page("pages/overview.py")
    app.run()
    app.selectbox(key="overview_period").set_value("year:2025").run()
    assert not app.exception
    metrics = {m.label: m for m in app.metric}
    view = overview.overview(demo_store, date(2025, 1, 1), date(2025, 12, 31))
    expected = fmt.change("ctr", view.totals["ctr"], view.previous["ctr"]).replace("−", "-")
    ctr, clicks = metrics["Taux de clic"], metrics["Clics"]
    assert ctr.delta == expected and expected.endswith("\u202fpt"), ctr.delta     # never "+191 %" for a rate
    assert abs(view.deltas["ctr"] - (view.totals["ctr"] - view.previous["ctr"])) < 1e-12
    assert clicks.delta.endswith("\u202f%"), clicks.delta
    assert ctr.help and "clics ÷ impressions" in ctr.help              # the model's definition in the "?" help
