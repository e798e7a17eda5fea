"""No user text as HTML: a partner, a campaign, a caption or a press title named `<script>` is shown as text on every page."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Html

from resonance.ingest import importing
from resonance.ingest import load as ingest
from resonance.services.partnership import campaign_id, ensure_partner, ensure_partnership
from tests.helpers import APP, ROOT

SCRIPT = "<script>alert('partenaire')</script>"
IMG = "<img src=x onerror=alert('légende')>"
VIEWS = "pages"
PAGES = sorted(p.name for p in (ROOT / VIEWS).glob("*.py"))


def _elements(node):
    if isinstance(node, Block):
        for child in node.children.values():
            yield from _elements(child)
    else:
        yield node


def _as_text(element) -> str:
    for attribute in ("value", "body", "label", "help"):
        try:
            value = getattr(element, attribute)
        except Exception:
            continue
        if isinstance(value, pd.DataFrame):
            return value.to_string()
        if value is not None:
            return str(value)
    return ""


@pytest.fixture
def hostile_store(demo_store):
    import io

    from PIL import Image
    with demo_store.transaction() as con:
        campaign = campaign_id(con, "Match avec ton futur")
        partner = ensure_partner(con, SCRIPT, sector=SCRIPT, notes=SCRIPT)
        ensure_partnership(con, campaign, partner)
    ingest.load(demo_store, source="test", campaign_id=campaign, partner_id=partner, file_name=f"{SCRIPT}.csv",
                created_by=SCRIPT, facts=pd.DataFrame([{
                    "campaign_id": campaign, "partner_id": partner, "channel": "social", "peso": "shared", "platform": SCRIPT,
                    "period_start": "2025-06-02", "period_end": "2025-06-02", "metric": "impressions", "value": 1234}]),
                press=pd.DataFrame([{"campaign_id": campaign, "partner_id": partner, "published_on": "2025-06-03",
                                     "outlet": SCRIPT, "title": SCRIPT, "url": "https://exemple.test/x"}]))
    picture = io.BytesIO()
    Image.new("RGB", (320, 240), (225, 0, 15)).save(picture, "PNG")
    importing.add_picture(demo_store, picture.getvalue(), f"{IMG}.png", campaign="Match avec ton futur",
                          partner=SCRIPT, caption=IMG, taken_on=date(2025, 6, 3))
    return demo_store


@pytest.mark.parametrize("name", PAGES)
def test_hostile_names_never_reach_the_page_as_html(hostile_store, name):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(f"{VIEWS}/{name}")
    at.query_params["campagne"] = "Match avec ton futur"
    at.run()
    for element in _elements(at._tree):
        proto = getattr(element, "proto", None)
        text = _as_text(element)
        if isinstance(element, Html):
            assert "<script" not in str(proto) and "onerror" not in str(proto), (name, element)
        if proto is not None and getattr(proto, "allow_html", False):
            shown = str(proto)
            assert "<script" not in shown and "onerror" not in shown, (name, text)
        if "<script" in text or "onerror" in text:       # shown, so as Markdown/table text, which Streamlit escapes
            assert not getattr(proto, "allow_html", False), (name, text)


def test_the_partner_named_script_is_visible_as_text_in_the_campaign_review(hostile_store):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(f"{VIEWS}/campaign_review.py")
    at.query_params["campagne"] = "Match avec ton futur"
    at.run()
    assert not at.exception
    shown = "\n".join(_as_text(e) for e in _elements(at._tree))
    assert SCRIPT in shown or "alert('partenaire')" in shown
