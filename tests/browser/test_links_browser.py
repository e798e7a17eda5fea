"""Issue 17 in a real browser: a manager creates a partner's link, a second browser without any session drops a
sheet and two pictures through it, the manager validates, and the review shows exactly the file's figures."""
from __future__ import annotations

import io
import re
from datetime import date
from urllib.parse import quote

import pytest
from PIL import Image

from tests.browser.serving import CHROMIUM, LAUNCH_ARGS, NNBSP, figures, serving

pytestmark = pytest.mark.browser
CAMPAIGN, PARTNER = "Été solidaire 2026", "Appli Campus+"
SHEET = "Bilan Appli Campus+ — juin 2026\n\nDate;Impressions;Clics\n02/06/2026;12 500;300\n09/06/2026;14 350;410\n"
SEED = (
    "from datetime import date\n"
    "from resonance.store import Store\n"
    "from resonance.services import expected_reports\n"
    "from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership\n"
    "store = Store()\n"
    "with store.transaction() as con:\n"
    f"    c = ensure_campaign(con, {CAMPAIGN!r}, start_date=date(2026, 6, 1), end_date=date(2026, 6, 30))\n"
    f"    ps = ensure_partnership(con, c, ensure_partner(con, {PARTNER!r}))\n"
    "expected_reports.add(store, ps, what='Impressions et clics de juin, photos', due_on=date(2026, 7, 10),"
    " is_final=True)\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The demo store plus a partnership with a report already late, served on a free loopback port."""
    with serving(tmp_path_factory.mktemp("links-served"), seed=SEED) as app:
        yield app


def _picture(path, colour) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def _choose(page, label: str, option: str) -> None:
    """Make the visible select box labelled `label` show `option` (a rerun may replace the list while it opens)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    exact_label = page.locator("[data-testid='stWidgetLabel']", has_text=re.compile(f"^{re.escape(label)}$"))
    box = page.locator("[data-testid='stSelectbox']:visible").filter(has=exact_label).first
    for _ in range(4):
        if box.locator("input").input_value() == option:       # the chosen value is the combobox's
            return
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
        page.wait_for_timeout(1_000)
    assert box.locator("input").input_value() == option


def _open_partnership(page, url: str) -> None:
    page.goto(f"{url}/partenaires?partenaire={quote(PARTNER)}")
    page.get_by_role("tab", name="Fiche partenaire").click()
    page.get_by_text("Liens de dépôt", exact=True).wait_for()
    _choose(page, "Partenariat", CAMPAIGN)          # the partner comes from ?partenaire=
    page.get_by_text("Liens de dépôt", exact=True).wait_for()


def test_a_partner_drops_a_report_through_the_link_and_the_manager_validates_it(served, tmp_path):
    from playwright.sync_api import sync_playwright

    sheet = tmp_path / "bilan juin.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    pictures = [_picture(tmp_path / "stand.png", "red"), _picture(tmp_path / "ecran.png", "blue")]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        manager = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
        manager.set_default_timeout(30_000)
        manager.goto(served["url"])
        late = manager.get_by_text(f"{PARTNER} — {CAMPAIGN} : Impressions et clics de juin, photos")
        late.wait_for()                                           # the overview chases the late report

        _open_partnership(manager, served["url"])
        manager.get_by_role("button", name="Créer un lien").click()
        code = manager.locator("[data-testid='stCode']").filter(has_text="depot=")
        code.wait_for()
        link = code.inner_text().strip()
        assert link.startswith(served["url"] + "/?depot=")

        partner_context = browser.new_context(viewport={"width": 1200, "height": 1000})   # no session, no cookie
        partner = partner_context.new_page()
        partner.set_default_timeout(30_000)
        partner.goto(link)
        partner.get_by_role("heading", name=f"Votre bilan pour «\u202f{CAMPAIGN}\u202f»").wait_for()
        assert partner.locator("[data-testid='stSidebar']").count() == 0
        body = partner.locator("body").inner_text()
        assert "Tinder" not in body and "Match avec ton futur" not in body
        uploads = partner.locator("[data-testid='stFileUploader'] input[type='file']")
        uploads.nth(0).set_input_files(str(sheet))
        partner.get_by_text("Ce que nous avons lu").wait_for()
        uploads.nth(1).set_input_files(pictures)
        partner.get_by_label("Légende de «\u202fstand.png\u202f»").fill("Le stand au forum des jobs")
        partner.get_by_label("Légende de «\u202fstand.png\u202f»").press("Enter")
        partner.get_by_label("Légende de «\u202fecran.png\u202f»").fill("L'écran d'accueil de l'appli")
        partner.get_by_label("Légende de «\u202fecran.png\u202f»").press("Enter")
        read = partner.get_by_text("Nous avons lu 26" + NNBSP + "850 impressions, 710 clics du 2 juin 2026 au 9 juin 2026")
        read.first.wait_for()
        partner.get_by_role("button", name="Envoyer").click()
        partner.get_by_text("Reçu : dépôt n° 1").wait_for(timeout=60_000)
        partner.get_by_text("2 photos reçues").wait_for()
        partner.screenshot(path=str(served["folder"] / "partner-receipt.png"), full_page=True)

        # Crafted addresses from the partner's browser: another page, another campaign, an altered token.
        token = link.split("depot=")[1]
        partner.goto(f"{served['url']}/bilan?depot={token}&campagne={quote('Match avec ton futur')}")
        partner.get_by_role("heading", name=f"Votre bilan pour «\u202f{CAMPAIGN}\u202f»").wait_for()
        body = partner.locator("body").inner_text()
        assert "Match avec ton futur" not in body.replace("Page not found", "") and "Tinder" not in body
        assert partner.locator("[data-testid='stMetric']").count() == 0
        altered = token[:-2] + ("zz" if not token.endswith("zz") else "yy")
        partner.goto(f"{served['url']}/partenaires?depot={altered}")
        partner.get_by_text("Ce lien ne permet pas de déposer de fichier").wait_for()
        body = partner.locator("body").inner_text()
        assert CAMPAIGN not in body and PARTNER not in body and "Tinder" not in body

        _open_partnership(manager, served["url"])
        manager.get_by_text("1 dépôt à valider").wait_for()
        manager.get_by_text("Déposé par le partenaire via son lien, le").wait_for()
        manager.get_by_role("button", name="Valider et importer").click()
        manager.get_by_text("Dépôt n° 1 validé").wait_for(timeout=60_000)

        manager.goto(f"{served['url']}/bilan?campagne={quote(CAMPAIGN)}")
        manager.get_by_role("heading", name=CAMPAIGN).wait_for()
        shown = figures(manager)
        assert shown["Impressions"] == "26 850" and shown["Clics"] == "710"
        manager.get_by_text("Le stand au forum des jobs").first.wait_for()
        manager.get_by_text("L'écran d'accueil de l'appli").first.wait_for()
        assert manager.locator("[data-testid='stImage'] img").count() == 2
        manager.screenshot(path=str(served["folder"] / "review-after-drop.png"), full_page=True)

        manager.goto(served["url"])
        manager.get_by_role("heading", name="Bilans à relancer").wait_for()
        assert manager.get_by_text(f"{PARTNER} — {CAMPAIGN} : Impressions et clics de juin, photos").count() == 0
        partner_context.close()
        browser.close()
    assert date.today() > date(2026, 7, 10)       # the report was late when the test began, as the overview said
