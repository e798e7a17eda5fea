"""The Export page in AppTest: the campaign from the review page's link, the summary edited then saved, the deck made."""
from __future__ import annotations

import io

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from resonance.reports import deck as review_deck
from resonance.services import accounts, review
from tests.helpers import ROOT, page, texts

VIEWS = "pages"
EXPORT = f"{VIEWS}/export.py"
MATCH = "Match avec ton futur"


def export_page(campaign: str | None = MATCH) -> AppTest:
    app = page(EXPORT, timeout=90)
    if campaign:
        app.query_params["campagne"] = campaign
    return app.run()


def summary_area(app: AppTest, campaign_id: int, lang: str = "fr"):
    return app.text_area(key=f"export_summary_{campaign_id}_{lang}")


def test_the_page_opens_on_the_campaign_named_in_the_link(demo_store):
    app = export_page("Jobs d'été 2024")
    assert not app.exception
    assert app.selectbox(key="export_campaign").value == "Jobs d'été 2024"
    assert "Exporter le bilan" in [t.value for t in app.title]


def test_the_summary_is_proposed_from_the_figures_and_the_deck_is_made(demo_store):
    campaign = review.campaign_id_by_name(demo_store, MATCH)
    app = export_page()
    assert not app.exception
    proposed = summary_area(app, campaign).value
    assert proposed.startswith("La campagne a généré 2,1 millions d'impressions et 295\u202f000 clics")
    app.button(key="export_make").click().run()
    assert not app.exception
    assert "Présentation prête : 13 diapositives." in texts(app)      # with the resonance slide (issue 15)
    deck = Presentation(io.BytesIO(app.session_state["export_result"]["pptx"]))
    summary = next(shape for shape in deck.slides[1].shapes if shape.name == "summary")
    assert summary.text_frame.text == proposed


def test_an_edited_summary_goes_into_the_deck_and_is_saved_for_next_time(demo_store):
    campaign = review.campaign_id_by_name(demo_store, MATCH)
    app = export_page()
    summary_area(app, campaign).input("Un relais gratuit qui a dépassé tous ses objectifs.")
    app.text_area(key=f"export_lessons_{campaign}").input("Renouveler en 2026\nAjouter une appli étudiante")
    app.multiselect(key="export_sections").set_value(["summary", "lessons"]).run()
    app.button(key="export_make").click().run()
    deck = Presentation(io.BytesIO(app.session_state["export_result"]["pptx"]))
    assert len(deck.slides) == 3
    shown = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert "Un relais gratuit qui a dépassé tous ses objectifs." in shown
    assert "– Renouveler en 2026\n– Ajouter une appli étudiante" in shown
    assert review_deck.editable_texts(demo_store, campaign)["summary_saved"] is None     # not saved yet
    app.button(key="export_save").click().run()
    assert not app.exception
    assert "Textes enregistrés : ils seront repris dans les prochains exports." in texts(app)
    saved = review_deck.editable_texts(demo_store, campaign)
    assert saved["summary_saved"] == "Un relais gratuit qui a dépassé tous ses objectifs."
    assert saved["lessons"] == "Renouveler en 2026\nAjouter une appli étudiante"
    again = export_page()
    assert summary_area(again, campaign).value == "Un relais gratuit qui a dépassé tous ses objectifs."


def test_the_english_deck_from_the_language_choice(demo_store):
    campaign = review.campaign_id_by_name(demo_store, MATCH)
    app = export_page()
    app.radio(key="export_lang").set_value("en").run()
    assert summary_area(app, campaign, "en").value.startswith("The campaign generated 2.1 million impressions")
    app.button(key="export_make").click().run()
    deck = Presentation(io.BytesIO(app.session_state["export_result"]["pptx"]))
    kicker = next(shape for shape in deck.slides[2].shapes if shape.name == "kicker")
    assert kicker.text_frame.text == "KEY FIGURES"


def test_a_lecteur_downloads_but_cannot_change_the_texts(demo_store, monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")
    accounts.add(demo_store, "Léo Lecteur", "lecteur", "une phrase de passe solide")
    campaign = review.campaign_id_by_name(demo_store, MATCH)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    app.text_input(key="sign_in_name").input("Léo Lecteur")
    app.text_input(key="sign_in_password").input("une phrase de passe solide")
    app.button(key="FormSubmitter:sign_in-Se connecter").click().run()
    app.switch_page(EXPORT)
    app.query_params["campagne"] = MATCH
    app.run()
    assert not app.exception
    assert summary_area(app, campaign).disabled
    assert "Vous pouvez télécharger le bilan ; seuls les éditeurs peuvent modifier ses textes." in texts(app)
    with pytest.raises(KeyError):
        app.button(key="export_save")
    app.button(key="export_make").click().run()
    assert app.session_state["export_result"]["slides"] == 13


def test_without_campaigns_the_page_says_how_to_start(store):
    app = export_page(None)
    assert not app.exception
    assert "Aucune campagne pour l'instant" in texts(app)


def test_without_libreoffice_the_pdf_is_not_offered(demo_store, monkeypatch):
    monkeypatch.setenv("RESONANCE_SOFFICE", "libreoffice-absent-on-this-server")
    app = export_page()
    assert not app.exception
    with pytest.raises(KeyError):
        app.checkbox(key="export_pdf")
    assert "PDF indisponible : LibreOffice n'est pas installé sur ce serveur (voir le README pour l'activer)." in texts(app)


@pytest.mark.skipif(not review_deck.pdf_available(), reason="LibreOffice makes the PDF (installed by .ci/run)")
def test_with_libreoffice_the_pdf_comes_with_the_deck(demo_store):
    app = export_page()
    app.multiselect(key="export_sections").set_value(["summary"]).run()
    app.checkbox(key="export_pdf").check().run()
    app.button(key="export_make").click().run()
    assert not app.exception
    assert app.session_state["export_result"]["pdf"].startswith(b"%PDF")
