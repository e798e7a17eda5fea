"""One real browser (the system Chromium, driven by Playwright) against the app served on a free loopback port."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT

CHROMIUM = os.environ.get("RESONANCE_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
NNBSP = "\u202f"

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    if Path(CHROMIUM).exists() and shutil.which(CHROMIUM):
        return
    message = f"Chromium introuvable ({CHROMIUM}) : installez-le avec `apt-get install -y chromium`."
    # Skipped on a developer's machine without Chromium; in CI a missing browser fails the run.
    (pytest.fail if os.environ.get("CI") else pytest.skip)(message + (" En CI ce test doit s'exécuter." if os.environ.get("CI") else ""))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served_app(tmp_path_factory):
    """`python -m resonance init` (store + demo) then `streamlit run` on a free port, as `make run` does."""
    _require_browser()
    folder = tmp_path_factory.mktemp("served")
    env = {**os.environ, "RESONANCE_DB": str(folder / "resonance.duckdb"), "RESONANCE_LANG": "fr", "RESONANCE_DEMO": "1"}
    env.pop("RESONANCE_ASSETS", None)
    subprocess.run([sys.executable, "-m", "resonance", "init"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    log = open(folder / "streamlit.log", "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("the app did not answer on " + url + ":\n" + (folder / "streamlit.log").read_text())
    yield {"url": url, "folder": folder, "env": env}
    server.terminate()
    server.wait(timeout=20)
    log.close()


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

    figures = page.locator("[data-testid='stMetric']")
    figures.first.wait_for()
    shown = {}
    for index in range(figures.count()):
        figure = figures.nth(index)
        label = figure.locator("[data-testid='stMetricLabel']").inner_text().strip()
        shown[label] = figure.locator("[data-testid='stMetricValue']").inner_text().strip()
    assert shown["Impressions"].replace(NNBSP, " ") == "2 104 350"
    assert shown["Clics"].replace(NNBSP, " ") == "294 870"
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
    """Choose `option` in the select box labelled `label`."""
    page.locator("[data-testid='stSelectbox']").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def _figures(page) -> dict[str, str]:
    figures = page.locator("[data-testid='stMetric']")
    figures.first.wait_for()
    shown = {}
    for index in range(figures.count()):
        figure = figures.nth(index)
        label = figure.locator("[data-testid='stMetricLabel']").inner_text().strip()
        shown[label] = figure.locator("[data-testid='stMetricValue']").inner_text().strip().replace(NNBSP, " ")
    return shown


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
    load = page.get_by_role("button", name="Charger « partenaire_fait_main.csv »")
    load.wait_for()
    load.click()
    page.get_by_text("« partenaire_fait_main.csv » chargé").wait_for(timeout=60_000)

    page.goto(f"{served_app['url']}/bilan?campagne=Match+avec+ton+futur")
    page.get_by_role("heading", name="Match avec ton futur").wait_for()
    # 3 days of the hand-made sheet (12 500 + 13 100 + 1 250; its TOTAL row not counted again) on top of Tinder's.
    assert _figures(page)["Impressions"] == "2 131 200"
    page.get_by_text(re.compile(r"avec Tinder, Appli Campus\+")).wait_for()   # the review names the new partner

    page.get_by_role("link", name="Exporter le bilan").click()
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
