"""A manager's laptop: every page at 1280×800 and 1440×900, French and English — figures whole, no raw value, axe-core clean."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.serving import CHROMIUM, LAUNCH_ARGS, serving
from tests.browser.serving import settle as _settle
from tests.helpers import ROOT

SIZES = {"1280x800": (1280, 800), "1440x900": (1440, 900)}
PAGES = ("accueil", "bilan", "comparer", "partenaires", "importer", "connecteurs", "exporter", "administration")
AXE_VERSION = "4.14.1"

pytestmark = pytest.mark.browser

# What must never reach a French screen: Python's and pandas' empty values, booleans, internal codes, ISO dates,
# and the English texts Streamlit writes by itself.
RAW_TOKENS = re.compile(r"(?<![\w./-])(nan|NaN|None|NaT|True|False|owned|shared|paid|earned|demo)(?![\w./-])"
                        r"|\b\d{4}-\d{2}-\d{2}\b")
ENGLISH = re.compile(r"Browse files|Drag and drop|per file|Upload|Select all|Choose an option|No results|"
                     r"Page not found|does not seem to exist|dd/mm/yyyy|yyyy/mm/dd|\((outputs|outtakes|outcomes)\)|Deploy|Running", re.IGNORECASE)

# axe-core rules whose every flagged node lies in Streamlit's own markup (not the project's): listed, not hidden.
# Each entry: rule id -> CSS selectors of Streamlit's elements it is accepted on (see the report in docs/).
STREAMLIT_OWNED = {
    # The sidebar's collapse button and the header's toolbar are Streamlit's; nothing of ours is in them.
    "button-name": ("[data-testid='stBaseButton-headerNoPadding']", "[data-testid='stExpandSidebarButton']"),
}


def _axe_script(cache: Path) -> str:
    """axe-core from the npm registry, installed once into a cache folder (RESONANCE_AXE points to a copy)."""
    if os.environ.get("RESONANCE_AXE"):
        return Path(os.environ["RESONANCE_AXE"]).read_text()
    target = cache / "node_modules" / "axe-core" / "axe.min.js"
    if not target.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm introuvable : installez Node.js pour récupérer axe-core (ou pointez RESONANCE_AXE vers axe.min.js).")
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(cache),
                        f"axe-core@{AXE_VERSION}"], check=True, capture_output=True, timeout=300)
    return target.read_text()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The demo store in a temp folder, served by `streamlit run app.py` on a free port."""
    with serving(tmp_path_factory.mktemp("laptop")) as app:
        _warm_up(app["url"])
        axe = _axe_script(Path(os.environ.get("RESONANCE_CACHE", Path.home() / ".cache" / "resonance")) / "axe")
        yield {**app, "axe": axe}


def _warm_up(url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = launched.new_page()
        page.goto(url + "/bilan")
        page.locator("[data-testid='stMain']").wait_for(timeout=60_000)
        page.wait_for_timeout(2000)
        launched.close()


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


TRUNCATED = """() => {
  const cut = [];
  for (const figure of document.querySelectorAll("[data-testid='stMetric']")) {
    for (const part of figure.querySelectorAll("[data-testid='stMetricLabel'], [data-testid='stMetricValue'], [data-testid='stMetricDelta'], [data-testid='stMetricLabel'] *, [data-testid='stMetricValue'] *, [data-testid='stMetricDelta'] *")) {
      if (part.clientWidth > 0 && part.scrollWidth > part.clientWidth + 1) cut.push(part.innerText.trim() + " (" + part.scrollWidth + " > " + part.clientWidth + ")");
    }
  }
  return cut;
}"""


# The page's text as read, without the names of Material icons (drawn from ligatures like "upload_file").
READABLE_TEXT = """() => {
  const copy = document.querySelector("[data-testid='stApp']").cloneNode(true);   // dialogs and sidebar included
  copy.querySelectorAll("[data-testid='stIconMaterial'], .material-symbols-rounded, [translate='no']").forEach(e => e.remove());
  document.body.appendChild(copy);
  copy.style.position = 'absolute'; copy.style.left = '-99999px';
  // Text only screen readers get (visually hidden, clip-path inset(50%)) is not on screen: listed apart.
  copy.querySelectorAll('*').forEach(e => { if (getComputedStyle(e).clipPath === 'inset(50%)') e.remove(); });
  const text = copy.innerText;
  copy.remove();
  return text;
}"""


def _axe(page, script: str) -> list[dict]:
    page.evaluate(script)
    result = page.evaluate("""async (owned) => {
      const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
      const theirs = (id, target) => (owned[id] || []).some(s => document.querySelector(target)?.closest(s) !== null);
      return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => ({target: n.target.join(' '),
          html: n.html.slice(0, 160), streamlit: theirs(v.id, n.target.join(' '))}))}));
    }""", STREAMLIT_OWNED)
    return result


# English a screen reader may still hear in French mode, from Streamlit's own attributes (listed in the report,
# not failed on: no parameter of Streamlit changes them).
STREAMLIT_ATTRIBUTES = """() => Array.from(document.querySelectorAll('[placeholder], [aria-label], *'))
  .flatMap(e => [e.getAttribute('placeholder'), e.getAttribute('aria-label'),
                 getComputedStyle(e).clipPath === 'inset(50%)' ? e.textContent : null])
  .filter(v => v && /^(Choose|Open|Close|file upload|Upload|Select|Clear|Show password|Search)/i.test(v))"""


def _visit(page, url: str) -> dict:
    page.goto(url)
    _settle(page)
    text = page.evaluate(READABLE_TEXT)
    # A sign-in page has nothing to cut or translate: the pages under test must really be shown.
    assert not page.get_by_role("heading", name=re.compile("^(Connexion|Sign in)$")).count(), url
    return {"text": text, "truncated": page.evaluate(TRUNCATED),
            "streamlit_english": sorted(set(page.evaluate(STREAMLIT_ATTRIBUTES)))}


def _report(served, name: str, findings: dict) -> None:
    out = served["folder"] / f"{name}.json"
    out.write_text(json.dumps(findings, ensure_ascii=False, indent=1))
    print(f"\n{name}: {json.dumps(findings, ensure_ascii=False)[:4000]}")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_whole_and_in_the_reader_s_language(served, browser, size, lang):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    findings, axe_total, axe_ours, streamlit_english = {}, 0, {}, {}
    try:
        for name in PAGES:
            seen = _visit(page, f"{served['url']}/{name}?lang={lang}")
            problems = {}
            if seen["truncated"]:
                problems["truncated"] = seen["truncated"]
            if lang == "fr" and seen["streamlit_english"]:
                streamlit_english[name] = seen["streamlit_english"]
            if lang == "fr":
                raw = sorted({m.group(0) for m in RAW_TOKENS.finditer(seen["text"])} | {m.group(0) for m in ENGLISH.finditer(seen["text"])})
                if raw:
                    problems["raw"] = raw
            violations = _axe(page, served["axe"])
            axe_total += sum(len(v["nodes"]) for v in violations)
            ours = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"] if not n["streamlit"]]} for v in violations]
            ours = [v for v in ours if v["nodes"]]
            if ours:
                problems["axe"] = ours
                axe_ours[name] = ours
            if problems:
                findings[name] = problems
            if name == "bilan" and lang == "fr":
                page.screenshot(path=str(ROOT / "docs" / f"bilan-{size}.png"))
        _report(served, f"laptop-{lang}-{size}", {"findings": findings, "axe_serious_or_critical_nodes": axe_total,
                                                   "streamlit_english_attributes": streamlit_english})
    finally:
        context.close()
    assert not findings, json.dumps(findings, ensure_ascii=False, indent=1)


def test_first_screen_of_the_review_shows_the_campaign_and_its_figures(served, browser):
    """At 1280×800, without scrolling: the campaign's name and its first row of key figures."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(f"{served['url']}/bilan?campagne=Match+avec+ton+futur")
        _settle(page)
        title = page.get_by_role("heading", name="Match avec ton futur", exact=True)
        assert title.bounding_box()["y"] + title.bounding_box()["height"] <= 800
        figures = page.locator("[data-testid='stMetric']")
        assert figures.count() >= 4
        boxes = [figures.nth(i).bounding_box() for i in range(4)]
        assert all(box["y"] + box["height"] <= 800 for box in boxes), boxes
        assert len({round(box["y"]) for box in boxes}) == 1            # 4 tiles on one row
        # The key figures themselves (not another block's tiles) and the resonance's sentence open the review.
        assert figures.first.locator("[data-testid='stMetricLabel']").inner_text().strip() == "Impressions"
        carried = page.get_by_text("des impressions sont passées par des canaux que l'État ne possède ni n'achète")
        assert carried.bounding_box()["y"] + carried.bounding_box()["height"] <= 800
        # Keyboard only: Tab goes through the menu's links and reaches the campaign picker, focus visible.
        reached = []
        for _ in range(40):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("() => [document.activeElement.tagName, document.activeElement.getAttribute("
                                         "'aria-label') || document.activeElement.innerText.slice(0, 40), "
                                         "getComputedStyle(document.activeElement).outlineStyle, "
                                         "getComputedStyle(document.activeElement).boxShadow]"))
            if reached[-1][:2] == ["INPUT", "Campagne"]:
                break
        assert reached[-1][:2] == ["INPUT", "Campagne"], reached
        assert any(tag == "A" and "Bilan de campagne" in text for tag, text, _, _ in reached)     # the menu's links
        # The address names the campaign, so the link can be pasted in a mail; it stays when moving to Exporter.
        assert "campagne=Match" in page.url
        page.get_by_role("link", name=re.compile("Exporter")).first.click()
        _settle(page)
        assert "campagne=Match" in page.url
        assert page.get_by_role("combobox", name="Campagne").input_value() == "Match avec ton futur"
    finally:
        context.close()


def test_after_importing_a_partner_file_pages_stay_clean(served, browser):
    """A hand-made partner sheet loaded through the Importer, then the review: still whole and French."""
    report = ROOT / "tests" / "fixtures" / "partner_files" / "partenaire_fait_main.csv"
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{served['url']}/importer?campagne=Match+avec+ton+futur")
        _settle(page)
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(report))
        page.get_by_role("heading", name="partenaire_fait_main.csv").wait_for()
        _settle(page)
        preview = page.evaluate(READABLE_TEXT)
        assert not RAW_TOKENS.search(preview) and not ENGLISH.search(preview), preview
        page.locator("[data-testid='stSelectbox']").filter(has_text="Partenaire").first.click()
        page.get_by_role("option", name="Appli Campus+", exact=True).click()
        page.get_by_role("button", name="Charger «\u202fpartenaire_fait_main.csv\u202f»").click()
        page.get_by_text("«\u202fpartenaire_fait_main.csv\u202f» chargé").wait_for(timeout=60_000)
        findings = {}
        for name in ("bilan", "partenaires", "importer"):
            seen = _visit(page, f"{served['url']}/{name}?lang=fr&campagne=Match+avec+ton+futur")
            raw = sorted({m.group(0) for m in RAW_TOKENS.finditer(seen["text"])} | {m.group(0) for m in ENGLISH.finditer(seen["text"])})
            if raw or seen["truncated"]:
                findings[name] = {"raw": raw, "truncated": seen["truncated"]}
        assert not findings, findings
    finally:
        context.close()


def test_a_saved_meeting_keeps_its_tab_and_the_address_names_it(served, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        _visit(page, f"{served['url']}/partenaires")
        page.get_by_role("tab", name="Suivi de la relation").click()
        _settle(page)
        assert "onglet=Suivi+de+la+relation" in page.url
        page.get_by_label("Compte rendu").fill("Point d'étape")
        page.get_by_role("button", name="Enregistrer le rendez-vous").click()
        page.get_by_text("enregistré").first.wait_for()
        _settle(page)
        assert page.locator("[role='tab'][aria-selected='true']").first.inner_text() == "Suivi de la relation"
        assert "onglet=Suivi+de+la+relation" in page.url
    finally:
        context.close()


def test_old_and_unknown_addresses_answer_in_french(served, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{served['url']}/campaign_review?campagne=Match+avec+ton+futur")     # an earlier version's link
        page.wait_for_function("() => location.pathname.endsWith('/bilan') && location.search.includes('campagne=Match')")
        page.get_by_role("heading", name="Match avec ton futur", exact=True).wait_for()
        seen = _visit(page, f"{served['url']}/une-adresse-perimee")
        assert "Page introuvable" in seen["text"] and not ENGLISH.search(seen["text"]), seen["text"][:500]
    finally:
        context.close()
