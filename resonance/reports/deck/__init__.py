"""The review deck: a 16:9 PPTX of one campaign's bilan, built from the same services as the review page, and its PDF."""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import queries
from resonance import i18n
from resonance.errors import ResonanceError
from resonance.reports.deck import canvas, closing, slides
from resonance.reports.deck.content import DeckContent, gather
from resonance.reports.deck.layout import presentation
from resonance.reports.deck.summary import Summary, generate, summary_for
from resonance.services import audit
from resonance.settings import settings
from resonance.store import Store

# The ten sections, in the order of the deck (the list); the cover is always drawn.
SECTIONS = ("cover", "summary", "key_figures", "resonance", "partners", "over_time", "press", "gallery", "partnership", "lessons",
            "method")
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PDF_TIMEOUT_S = 180

__all__ = ["SECTIONS", "DeckContent", "Summary", "build", "build_from", "editable_texts", "file_name", "gather", "generate", "pdf_available",
           "save_texts", "summary_for", "to_pdf"]


class DeckError(ResonanceError):
    """A deck that cannot be made, said in words a manager can act on."""


def build_from(content: DeckContent, lang: str = "fr", sections=None, summary_text: str | None = None,
               lessons_text: str | None = None, generated_on: date | None = None) -> bytes:
    """Draw the deck from gathered content; `summary_text`/`lessons_text` override what the store holds."""
    wanted = [s for s in SECTIONS if sections is None or s in sections or s == "cover"]
    with i18n.using(lang):
        deck = canvas.Deck(presentation(), content, lang, generated_on or date.today())
        for section in wanted:
            if section == "cover":
                slides.cover(deck)
            elif section == "summary":
                slides.summary(deck, summary_text if summary_text and summary_text.strip()
                               else summary_for(content, lang))
            elif section == "lessons":
                closing.lessons(deck, lessons_text if lessons_text is not None else content.bilan.detail.get("lessons"))
            else:
                slides.SECTION_DRAWERS[section](deck)
        out = io.BytesIO()
        deck.presentation.save(out)
    return out.getvalue()


def build(store: Store, campaign_id: int, lang: str = "fr", sections=None, summary_text: str | None = None,
          lessons_text: str | None = None) -> bytes:
    """The PPTX of one campaign, as bytes."""
    content = gather(store, campaign_id)
    if content is None:
        raise DeckError(i18n.t("deck.no_campaign", lang, id=campaign_id))
    return build_from(content, lang, sections, summary_text, lessons_text)


def save_texts(store: Store, campaign_id: int, summary_text: str | None, lessons: str | None,
               by: str = "system") -> None:
    """Keep the manager's summary and lessons with the campaign; an empty text means "write it from the figures"."""
    def clean(text):
        return text.strip() if isinstance(text, str) and text.strip() else None
    with store.transaction() as con:
        queries.execute(con, "deck_save_texts", {"campaign_id": campaign_id, "summary_text": clean(summary_text),
                                                 "lessons": clean(lessons)})
        audit.record(con, by, "campaign.texts", f"campagne {campaign_id}",
                     {"summary": clean(summary_text) is not None, "lessons": clean(lessons) is not None})


# -- PDF through LibreOffice ------------------------------------------------------------------------------------
def office_binary() -> str | None:
    """LibreOffice's command when it is installed on this server (RESONANCE_SOFFICE may name it)."""
    named = settings().soffice
    if named:
        return named if shutil.which(named) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return office_binary() is not None


def to_pdf(pptx: bytes, timeout: float = PDF_TIMEOUT_S) -> bytes:
    """Convert with LibreOffice in a private profile (so that a desktop LibreOffice left open does not block it)."""
    binary = office_binary()
    if binary is None:
        raise DeckError(i18n.t("deck.pdf.unavailable"))
    with tempfile.TemporaryDirectory(prefix="resonance-deck-") as folder:
        work = Path(folder)
        source = work / "bilan.pptx"
        source.write_bytes(pptx)
        profile = (work / "profile").as_uri()
        try:
            subprocess.run([binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",  # noqa: S603 - fixed arguments
                            "--convert-to", "pdf", "--outdir", str(work), str(source)],
                           check=True, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise DeckError(i18n.t("deck.pdf.timeout", seconds=int(timeout))) from error
        except subprocess.CalledProcessError as error:
            raise DeckError(i18n.t("deck.pdf.failed", error=error.stderr.decode(errors="replace")[-300:])) from error
        produced = work / "bilan.pdf"
        if not produced.exists():
            raise DeckError(i18n.t("deck.pdf.failed", error="no PDF produced"))
        return produced.read_bytes()


def editable_texts(store: Store, campaign_id: int, lang: str = "fr") -> dict[str, str | None]:
    """What the Export page offers to edit: the saved summary (or None), the one computed now, the saved lessons."""
    content = gather(store, campaign_id)
    if content is None:
        raise DeckError(i18n.t("deck.no_campaign", lang, id=campaign_id))
    with i18n.using(lang):
        generated = generate(content, lang).text
    saved = content.bilan.detail.get("summary_text")
    lessons = content.bilan.detail.get("lessons")
    return {"summary_saved": saved if isinstance(saved, str) and saved.strip() else None,
            "summary_generated": generated,
            "lessons": lessons if isinstance(lessons, str) and lessons.strip() else None}


def file_name(campaign: str, extension: str) -> str:
    """"Bilan - Match avec ton futur.pptx": readable, and safe on every operating system."""
    safe = "".join(ch if ch.isalnum() or ch in " -_'" else "-" for ch in campaign).strip(" -") or "campagne"
    return f"{i18n.t('deck.file_prefix')} - {safe}.{extension}"


def slide_count(pptx: bytes) -> int:
    from pptx import Presentation
    return len(Presentation(io.BytesIO(pptx)).slides)
