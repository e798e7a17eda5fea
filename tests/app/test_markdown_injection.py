"""Issue 13, finding 12: texts a partner or a feed chose (names, notes, platforms, outlets, titles, captions) are shown as
themselves on every page: no Markdown image (which every reader's browser would fetch), link, autolink or styling."""
from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from resonance.ingest import importing
from resonance.ingest import load as ingest
from resonance.services import relationship
from resonance.services.partnership import campaign_id, ensure_partner, ensure_partnership
from resonance.ui import safe
from tests.helpers import APP, ROOT

HOST = "attaquant.test"
NAME = f"Relais ![b](http://{HOST}/beacon.png) [Aide](http://{HOST}/phish)"
NOTES = (f"Compte rendu\n![pixel](https://{HOST}/pixel.gif)\n[cliquez ici](https://{HOST}/login) www.{HOST}/x "
         f"<https://{HOST}/auto> :red[ALERTE] :material/warning: $x^2$\n    bloc de code\n# Titre")
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
# what would make a browser fetch or follow the attacker's address, or restyle the page, once rendered as Markdown
RENDERED = re.compile(
    r"(?<!\\)\]\((?:https?:)?//" + re.escape(HOST)           # ![x](url) and [x](url)
    + r"|(?<![\\/])(?:https?://|www\.)" + re.escape(HOST)    # GitHub-flavoured autolinks
    + r"|(?<!\\)<https?://" + re.escape(HOST)                # <url>
    + r"|(?<!\\):red\[|(?<!\\):material/warning")


def test_the_escaping_helper_keeps_the_text_and_defuses_it():
    shown = safe.md(NOTES)
    assert not RENDERED.search(shown)
    assert "\n" not in shown and "\\!\\[pixel\\](https\\://attaquant.test" in shown
    assert safe.md(NOTES, lines=True).count("  \n") == 4
    assert safe.md("Crédit Agricole — 12 % (Livr'Eat)") == "Crédit Agricole — 12 % (Livr'Eat)"
    assert safe.md("newsletter_mai _x_ www.a.fr a@b.fr") == "newsletter_mai \\_x\\_ www\\.a.fr a\\@b.fr"
    assert safe.md("# Titre\n- point\n12. suite", lines=True) == "\\# Titre  \n\\- point  \n12\\. suite"
    assert safe.md(None) == ""


@pytest.fixture
def hostile_store(demo_store):
    with demo_store.transaction() as con:
        campaign = campaign_id(con, "Match avec ton futur")
        partner = ensure_partner(con, NAME, sector=NOTES, notes=NOTES, audiences=NOTES, contact=NOTES)
        ensure_partnership(con, campaign, partner, counterparts=NOTES, activations=NOTES)
    ingest.load(demo_store, source="test", campaign_id=campaign, partner_id=partner, file_name="rapport.csv",
                created_by="test", facts=pd.DataFrame([{
                    "campaign_id": campaign, "partner_id": partner, "channel": "social", "peso": "shared",
                    "platform": NAME, "period_start": "2025-06-02", "period_end": "2025-06-02", "metric": metric,
                    "value": 5_000_000} for metric in ("impressions", "clicks")]),
                press=pd.DataFrame([{"campaign_id": campaign, "partner_id": partner, "published_on": "2025-06-03",
                                     "outlet": NAME, "title": NOTES, "url": f"https://{HOST}/article"}]))
    relationship.add_meeting(demo_store, partner, date(2025, 6, 4), notes=NOTES, next_step=NOTES,
                             next_date=date(2025, 6, 20))
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 0, 145)).save(picture, "PNG")
    importing.add_picture(demo_store, picture.getvalue(), "photo.png", campaign="Match avec ton futur", partner=NAME,
                          caption=NOTES, taken_on=date(2025, 6, 3))
    return demo_store


def _markdown_texts(node):
    """Every string Streamlit renders as Markdown: bodies, labels, help, radio and pill options, block labels."""
    if isinstance(node, Block):
        proto = getattr(node, "proto", None)
        if proto is not None:
            yield type(node).__name__, str(proto)
        for child in node.children.values():
            yield from _markdown_texts(child)
        return
    proto = getattr(node, "proto", None)
    if proto is None:
        return
    kind = type(node).__name__
    for field in ("body", "label", "help", "placeholder", "caption"):
        value = getattr(proto, field, None)
        if isinstance(value, str) and value:
            yield kind, value
    if kind in ("Radio", "ButtonGroup"):
        yield kind, str(proto.options)
    for image in getattr(proto, "imgs", ()):          # st.image captions are Markdown too
        yield "Image", image.caption


@pytest.mark.parametrize("name", PAGES)
def test_no_page_renders_partner_text_as_an_image_link_or_style(hostile_store, name):
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page(f"pages/{name}")
    at.query_params["campagne"] = "Match avec ton futur"
    at.run()
    assert not at.exception, at.exception
    if name == "partners.py":      # the partner's own file: notes, contact, meetings, counterparts
        picker = next((s for s in at.selectbox if NAME in [str(o) for o in s.options]), None)
        if picker is not None:
            picker.set_value(NAME).run()
            assert not at.exception, at.exception
    found = [(kind, text[max(0, m.start() - 120):m.end()]) for kind, text in _markdown_texts(at._tree)
             for m in [RENDERED.search(text)] if m]
    assert not found, found


def test_the_import_page_quotes_a_hostile_file_name_and_headers_as_text(demo_store):
    name = f"![b](http://{HOST}/beacon.png).csv"
    data = f"[Aide](http://{HOST}/phish);www.{HOST}/x;:red[ALERTE]\nun;deux;trois\n".encode()
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/import_reports.py")
    at.run()
    at.file_uploader(key="import_upload").set_value([(name, data, "text/csv")]).run()
    at.selectbox(key="import_campaign").set_value("Match avec ton futur").run()
    assert not at.exception, at.exception
    assert at.error, "the file should be refused"
    found = [(kind, text) for kind, text in _markdown_texts(at._tree) if RENDERED.search(text)]
    assert not found, found
    assert any(f"http\\://{HOST}" in e.value for e in at.error)          # quoted, as text
