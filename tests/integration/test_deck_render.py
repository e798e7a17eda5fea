"""The deck rendered the way a reader sees it: LibreOffice makes the PDF, pdftoppm the pages; none may be blank."""
from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image, ImageStat
from pptx import Presentation

from resonance import i18n
from resonance.cli import main
from resonance.reports import deck as review_deck
from resonance.services import review

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (review_deck.pdf_available() and shutil.which("pdftoppm")),
                                 reason="LibreOffice and pdftoppm render the deck (installed by .ci/run)")]


@pytest.fixture(autouse=True)
def _french_again():
    yield
    i18n.set_language("fr")


def pages_of(pdf: bytes, tmp_path, resolution: int = 40) -> list[Image.Image]:
    source = tmp_path / "deck.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(source), str(tmp_path / "page")],  # noqa: S603, S607
                   check=True, timeout=120)
    return [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("page-*.png"))]


def ink(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """Share of the pixels in `box` (fractions of the page) that are not white paper."""
    width, height = image.size
    part = image.crop((int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height)))
    grey = part.convert("L")
    histogram = grey.histogram()
    return sum(histogram[:235]) / max(sum(histogram), 1)


def test_the_demo_deck_renders_every_page_with_content(demo_store, tmp_path):
    campaign = review.campaign_id_by_name(demo_store, "Match avec ton futur")
    pptx = review_deck.build(demo_store, campaign)
    pdf = review_deck.to_pdf(pptx)
    assert pdf.startswith(b"%PDF")
    pages = pages_of(pdf, tmp_path)
    assert len(pages) == len(Presentation(io.BytesIO(pptx)).slides) == 13          # with the resonance slide (issue 15)
    for number, page in enumerate(pages, start=1):
        assert page.size[0] / page.size[1] == pytest.approx(16 / 9, rel=0.01), number
        # the body of the page (under the title, above the footer) holds text, a chart, a table or pictures
        assert ink(page, (0.04, 0.2, 0.96, 0.92)) > 0.01, f"page {number} is blank"
        assert max(ImageStat.Stat(page).stddev) > 20, f"page {number} is one flat colour"
    cover = pages[0]
    assert cover.getpixel((int(cover.size[0] * 0.03), int(cover.size[1] * 0.5))) == pytest.approx((0, 0, 145), abs=12)
    gallery = pages[6]
    colours = gallery.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).getcolors()
    assert len(colours) > 20                                       # pictures, not empty frames


def test_the_command_line_writes_the_pdf_next_to_the_deck(demo_store, tmp_path):
    target = tmp_path / "bilan.pptx"
    assert main(["deck", "--campaign", "Match avec ton futur", "-o", str(target), "--pdf",
                 "--sections", "summary,key_figures"]) == 0
    pdf = (tmp_path / "bilan.pdf").read_bytes()
    pages = pages_of(pdf, tmp_path)
    assert len(pages) == 3 and all(ink(page, (0.04, 0.2, 0.96, 0.92)) > 0.01 for page in pages)
