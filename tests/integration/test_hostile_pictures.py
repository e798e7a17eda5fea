"""Issue 13, finding 8: a picture is decoded only as PNG, JPEG or WebP; an EPS never starts Ghostscript, even one that
loops forever, and is refused with a French sentence on the page (never a traceback)."""
from __future__ import annotations

import io
import os
import stat
import time

import pytest
from PIL import EpsImagePlugin, Image

from resonance.ingest import importing
from resonance.services import assets
from tests.helpers import page

ENDLESS_EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\n%%EndComments\n{ } loop\nshowpage\n%%EOF\n"
DOS_EPS = b"\xc5\xd0\xd3\xc6" + b"\x1e\x00\x00\x00" + len(ENDLESS_EPS).to_bytes(4, "little") + b"\x00" * 18 + ENDLESS_EPS


@pytest.fixture
def ghostscript_canary(tmp_path, monkeypatch):
    """A `gs` first on the PATH that notes every start, then runs the real one (as Pillow would have)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    marker = tmp_path / "gs-started"
    canary = folder / "gs"
    canary.write_text(f"#!/bin/sh\necho started >> {marker}\nexec /usr/bin/gs \"$@\"\n")
    canary.chmod(canary.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(EpsImagePlugin, "gs_binary", None)     # found again on this PATH, should Pillow look
    return marker


@pytest.mark.parametrize(("data", "name"), [(ENDLESS_EPS, "affiche.eps"), (DOS_EPS, "affiche-dos.eps"),
                                            (ENDLESS_EPS, "affiche.png"), (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", "doc.jpg")])
def test_a_postscript_or_pdf_picture_is_refused_without_starting_any_program(store, ghostscript_canary, data, name):
    started = time.monotonic()
    with pytest.raises(assets.AssetError) as refused:
        importing.add_picture(store, data, name, campaign="Match avec ton futur")
    assert time.monotonic() - started < 5
    message = str(refused.value)
    assert f"«\u202f{name}\u202f»" in message and "seuls PNG, JPEG et WebP sont acceptés" in message
    assert not ghostscript_canary.exists(), "Ghostscript was started"
    with store.read() as con:
        assert con.execute("select count(*) from asset").fetchone()[0] == 0


def test_png_jpeg_and_webp_still_decode(store):
    for kind in ("PNG", "JPEG", "WEBP"):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), (0, 0, 145)).save(buffer, kind)
        picture = assets.inspect(buffer.getvalue(), f"stand.{kind.lower()}")
        assert picture.mime == assets.ALLOWED[kind][0] and (picture.width, picture.height) == (40, 30)


def test_the_import_page_says_why_an_eps_is_refused(demo_store, ghostscript_canary):
    app = page("pages/import_reports.py", timeout=60)
    app.run()
    app.file_uploader(key="import_pictures").set_value([("affiche.eps", ENDLESS_EPS, "application/postscript")]).run()
    app.selectbox(key="picture_campaign").set_value("Sur la route, tous prudents")
    app.button(key="FormSubmitter:picture_form-Ajouter les photos").click().run()
    assert not app.exception, app.exception
    assert any("«\u202faffiche.eps\u202f» est au format EPS" in e.value for e in app.error)
    assert not ghostscript_canary.exists()
