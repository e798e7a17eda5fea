"""AppTest of Comparer: each compared partnership shows its partner's report punctuality (issue 17)."""
from tests.helpers import page, seed_punctuality


def test_compare_page_shows_the_punctuality_of_each_partner(demo_store):
    seed_punctuality(demo_store)          # every due date is past by now: 1 on time, 1 late, 2 missing for Tinder
    app = page("pages/compare.py")
    app.run()
    picker = app.multiselect(key="compare_units_partnership")
    tinder = next(o for o in picker.options if o.startswith("Jobs d'été 2026 — Tinder"))
    campus = next(o for o in picker.options if o.startswith("Jobs d'été 2024 — Appli Campus+"))
    picker.select(tinder).select(campus).run()
    assert not app.exception
    assert "Ponctualité des bilans du partenaire" in [s.value for s in app.subheader]
    table = next(t.value for t in app.table if "Bilans manquants" in set(t.value.iloc[:, 0]))
    rows = table.set_index(table.columns[0])
    assert rows.loc["Bilans remis à l'heure"].tolist() == ["1", "—"]
    assert rows.loc["Bilans remis en retard"].tolist() == ["1", "—"]
    assert rows.loc["Bilans manquants"].tolist() == ["2", "—"]            # Appli Campus+ owed nothing
