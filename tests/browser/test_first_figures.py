"""Issue 16: a real browser paints the review's key figures before the rest of the review (charts, tables, pictures,
the benchmark) has even reached it."""
from __future__ import annotations

import pytest

from tests.browser.serving import CHROMIUM, LAUNCH_ARGS, serving

pytestmark = pytest.mark.browser

# In the page before its scripts: when the first key figure is in the page with its value, and when the first
# heading of the rest is (the gallery's, drawn by the same component as the title: no script to fetch first).
MARKS = """(() => {
  new MutationObserver(() => {
    const value = document.querySelector("[data-testid='stMetric'] [data-testid='stMetricValue']");
    if (!window.__figuresAt && value && value.innerText.trim()) window.__figuresAt = performance.now();
    const rest = Array.from(document.querySelectorAll("[data-testid='stMain'] h3"))
      .find(h => h.innerText.includes("Le déploiement en images"));
    if (!window.__restAt && rest) window.__restAt = performance.now();
  }).observe(document, {childList: true, subtree: true, characterData: true});
})();"""


def test_the_review_paints_its_figures_before_the_rest_arrives(tmp_path):
    from playwright.sync_api import sync_playwright

    with serving(tmp_path) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
        page = context.new_page()
        page.add_init_script(MARKS)
        address = f"{served['url']}/bilan?campagne=Match+avec+ton+futur"
        try:
            page.goto(address)                    # once, so that Streamlit's scripts are in the browser's cache
            page.wait_for_function("() => window.__figuresAt && window.__restAt", timeout=60_000)
            for _ in range(3):
                page.goto(address)
                page.wait_for_function("() => window.__figuresAt && window.__restAt", timeout=60_000)
                figures, rest = page.evaluate("() => [window.__figuresAt, window.__restAt]")
                # Sent together, everything was drawn in one go and the rest's headings even came first.
                assert figures < rest, (figures, rest)
        finally:
            context.close()
            browser.close()
