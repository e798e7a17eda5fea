"""What every slide of the deck shares: the deck being drawn (footer, page numbers, figures) and the page sizes."""
from __future__ import annotations

from datetime import date

from resonance import formatting as fmt
from resonance.domain.figures import figure_display
from resonance.i18n import t
from resonance.reports.deck.content import DeckContent
from resonance.reports.deck.layout import (
    MARGIN_IN,
    WIDTH_IN,
    blank_slide,
    header,
)

CONTENT_WIDTH = WIDTH_IN - 2 * MARGIN_IN
PARTNER_CHART_METRICS = ("impressions", "clicks", "landing_visits", "sends", "unique_opens", "video_views")
PARTNER_TABLE_COLUMNS = ("impressions", "clicks", "ctr", "sends", "unique_opens", "open_rate", "landing_visits",
                         "conversions", "press_mentions", "spend_eur", "cpc_eur")
SERIES_METRICS = ("impressions", "clicks", "landing_visits", "unique_opens", "sends", "conversions")
PARTNERS_PER_TABLE = 13
FEW_PARTNERS = 4
PARTNERSHIPS_PER_SLIDE = 4
SOURCES_PER_SLIDE = 11
PICTURES_PER_SLIDE = 3
COVER_PARTNERS = 4             # more names than this on the cover would be unreadable: the rest are counted


class Deck:
    """The presentation being drawn and what every slide repeats (footer, page number)."""

    def __init__(self, presentation, content: DeckContent, lang: str, generated_on: date):
        self.presentation = presentation
        self.content = content
        self.lang = lang
        self.generated_on = generated_on
        self.footer = t("deck.footer", lang, campaign=content.name, day=fmt.day(generated_on, lang))

    def slide(self, title: str, kicker_key: str):
        slide = blank_slide(self.presentation)
        header(slide, title, t(kicker_key, self.lang), len(self.presentation.slides), self.footer)
        return slide

    def figure(self, key: str, value) -> str:
        """Written by the figures model's formatter: the same units and decimals as the page, annex and CLI."""
        return figure_display(key, value, self.lang)

    def partner_label(self, name) -> str:
        return name if isinstance(name, str) else t("deck.own_media", self.lang)


def _pages(title: str, index: int, count: int) -> str:
    return title if count <= 1 else f"{title} ({index + 1}/{count})"
