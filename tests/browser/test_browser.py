"""One real browser (the system Chromium, driven by Playwright) against the app served on a free loopback port."""
from __future__ import annotations

import re

import pytest

from tests.browser.serving import CHROMIUM, LAUNCH_ARGS, figures, serving, settle
from tests.helpers import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served_app(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("served")) as served:
        yield served


@pytest.fixture
def browser_page(served_app):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page
        context.close()
        browser.close()


def test_manager_opens_the_tinder_review_and_sees_figures_and_gallery(served_app, browser_page):
    page = browser_page
    page.goto(served_app["url"])
    page.get_by_role("heading", name="Vue d'ensemble").wait_for()
    page.get_by_role("link", name="Bilan de campagne").click()
    page.get_by_text("Campagne", exact=True).first.wait_for()
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Match avec ton futur").click()
    page.get_by_role("heading", name="Match avec ton futur").wait_for()

    shown = figures(page)
    assert shown["Impressions"] == "2 104 350"
    assert shown["Clics"] == "294 870"
    assert shown["Articles de presse"] == "213"

    page.get_by_role("heading", name="Le déploiement en images").wait_for()
    pictures = page.locator("[data-testid='stImage'] img")
    pictures.first.wait_for()
    assert pictures.count() == 5
    assert all(page.evaluate("(img) => img.complete && img.naturalWidth > 100", pictures.nth(i).element_handle())
               for i in range(pictures.count()))
    assert page.get_by_text("La carte de la campagne dans le fil de Tinder").is_visible()
    page.get_by_role("button", name="Agrandir").first.click()
    page.locator("[role='dialog'] img").wait_for()
    page.screenshot(path=str(served_app["folder"] / "campaign-review.png"), full_page=True)


def _pick(page, label: str, option: str) -> None:
    """Choose `option` in the select box labelled `label`, once the page is drawn (a choice made during a redraw
    may land on a list that is being replaced)."""
    settle(page)
    page.locator("[data-testid='stSelectbox']").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_manager_uploads_a_partner_report_sees_it_in_the_review_and_downloads_the_deck(served_app, browser_page):
    """The week's routine: a partner's hand-made spreadsheet dropped in, the review updated, the deck downloaded."""
    from pptx import Presentation

    page = browser_page
    report = ROOT / "tests" / "fixtures" / "partner_files" / "partenaire_fait_main.csv"
    page.goto(f"{served_app['url']}/importer")
    page.get_by_role("heading", name="Importer").wait_for()
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(report))
    page.get_by_role("heading", name="partenaire_fait_main.csv").wait_for()
    _pick(page, "Campagne", "Match avec ton futur")
    _pick(page, "Partenaire", "Appli Campus+")
    load = page.get_by_role("button", name="Charger «\u202fpartenaire_fait_main.csv\u202f»")
    load.wait_for()
    load.click()
    page.get_by_text("«\u202fpartenaire_fait_main.csv\u202f» chargé").wait_for(timeout=60_000)

    page.goto(f"{served_app['url']}/bilan?campagne=Match+avec+ton+futur")
    page.get_by_role("heading", name="Match avec ton futur").wait_for()
    # 3 days of the hand-made sheet (12 500 + 13 100 + 1 250; its TOTAL row not counted again) on top of Tinder's.
    assert figures(page)["Impressions"] == "2 131 200"
    page.get_by_text(re.compile(r"avec Tinder, Appli Campus\+")).wait_for()   # the review names the new partner

    page.get_by_role("link", name="Exporter le bilan").click()
    settle(page)
    page.get_by_role("button", name="Préparer la présentation").click()
    download_button = page.get_by_role("button", name="Télécharger la présentation (PPTX)")
    download_button.wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as download:
        download_button.click()
    deck_path = served_app["folder"] / "bilan.pptx"
    download.value.save_as(deck_path)
    deck = Presentation(str(deck_path))
    assert deck.slide_width > deck.slide_height                      # 16:9
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Match avec ton futur" in text and "Appli Campus+" in text
