"""The portfolio's amplification on the pages (issue 15): overview per theme, Comparer and the partner map's ranking."""
from __future__ import annotations

from resonance.domain.figures import figure_display
from resonance.services import actors, overview
from tests.helpers import page


def test_overview_shows_the_partners_share_per_theme_and_year(demo_store):
    app = page("pages/overview.py")
    app.run()
    assert not app.exception
    assert "Part portée par les partenaires, par thème et par année" in [s.value for s in app.subheader]
    table = next(d.value for d in app.dataframe if "Thème" in d.value.columns)
    expected = overview.resonance_by_theme(demo_store)
    assert len(table) == len(expected) > 4
    assert list(table["Année"]) == [str(y) for y in expected["year"]]
    assert list(table["Thème"]) == list(expected["theme"])
    assert list(table["Part des clics portée par les partenaires"]) == [
        figure_display("partners_share_clicks", v) for v in expected["partners_share_clicks"]]
    # Jobs d'été 2026: Tinder's free relay beside Appli Campus+, which the State pays (paid media, not the partners')
    jobs = table[(table["Thème"] == "Emploi des jeunes") & (table["Année"] == "2026")].iloc[0]
    assert jobs["Part des impressions portée par les partenaires"] == "77\u202f%"
    # Rénovation 2025: Brico Centre's posters and the Meta ads were bought; Maison Pratique's shops and Banque
    # Solidaire's app relayed free — 4,3 M of 10,5 M impressions carried by the partners
    renovation = table[(table["Thème"] == "Rénovation énergétique") & (table["Année"] == "2025")].iloc[0]
    assert renovation["Part des impressions portée par les partenaires"] == "41\u202f%"
    # the year table now gives the clicks' share beside the impressions'
    years = next(d.value for d in app.dataframe if "Année" in d.value.columns and "Thème" not in d.value.columns)
    assert "Part des clics portée par les partenaires" in years.columns


def test_compare_ranks_partners_per_activation_and_per_euro_of_counterpart(demo_store):
    app = page("pages/compare.py")
    app.run()
    assert not app.exception
    assert "Quels partenaires amplifient le plus" in [s.value for s in app.subheader]
    per_activation = actors.amplification(demo_store)
    best = per_activation.iloc[0]
    assert best["partner"] == "Groupe Radio Horizon"                   # 13,9 M impressions for 2 activations
    assert any(f"**{best['partner']}**" in s.value and "Impressions par activation" in s.value for s in app.success)
    table = next(d.value for d in app.dataframe if "Impressions par activation" in d.value.columns)
    assert list(table["Partenaire"]) == list(per_activation["partner"])
    assert table["Impressions par activation"].iloc[0] == figure_display("impressions_per_activation",
                                                                          best["impressions_per_activation"])
    app.selectbox(key="amplification_by").set_value("impressions_per_counterpart_eur").run()
    assert not app.exception
    table = next(d.value for d in app.dataframe if "Impressions par euro de contrepartie" in d.value.columns)
    assert table["Partenaire"].iloc[0] == "CovoitEnsemble"             # 2,95 M impressions for 11 500 €
    assert table["Impressions par euro de contrepartie"].iloc[0] == "256,5"
    tinder = table[table["Partenaire"] == "Tinder"].iloc[0]
    assert tinder["Impressions par euro de contrepartie"] == "—"        # a free relay: no euro, no ratio
    assert not any("nan" in str(v) or "None" in str(v) for v in table.to_numpy().ravel())


def test_the_partner_map_ranks_the_partners_it_shows(demo_store):
    app = page("pages/partners.py")
    app.run()
    assert not app.exception
    table = next(d.value for d in app.dataframe if "Impressions par activation" in d.value.columns)
    assert table["Partenaire"].iloc[0] == "Groupe Radio Horizon"
    app.selectbox(key="map_public").set_value("étudiants").run()
    assert not app.exception
    table = next(d.value for d in app.dataframe if "Impressions par activation" in d.value.columns)
    assert "Groupe Radio Horizon" not in set(table["Partenaire"]) and "Tinder" in set(table["Partenaire"])
