"""The deck's closing sections: press, gallery, the partnership, lessons, method and sources, definitions."""
from __future__ import annotations

import pandas as pd

from resonance import formatting as fmt
from resonance.domain import metrics
from resonance.i18n import TABLE, t
from resonance.reports.deck import gallery
from resonance.reports.deck.canvas import (
    CONTENT_WIDTH,
    PARTNERSHIPS_PER_SLIDE,
    PICTURES_PER_SLIDE,
    SOURCES_PER_SLIDE,
    Deck,
    _pages,
)
from resonance.reports.deck.content import DeckContent
from resonance.reports.deck.layout import (
    BLEU_FRANCE,
    BLEU_LIGHT,
    CONTENT_BOTTOM_IN,
    CONTENT_TOP_IN,
    GREY,
    GREY_DARK,
    GREY_LIGHT,
    INK,
    MARGIN_IN,
    ROUGE_MARIANNE,
    bullets,
    chunks,
    rectangle,
    table,
    text_box,
)
from resonance.services import assets


# -- 6. press ------------------------------------------------------------------------------------------------
def press_section(deck: Deck) -> None:
    lang = deck.lang
    press = deck.content.bilan.press
    slide = deck.slide(t("deck.press.title", lang), "deck.section.press")
    if press.empty:
        text_box(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, 0.6, t("review.no_press", lang), size=16,
                 colour=GREY, name="none")
        return
    audience = press["audience"].sum(min_count=1)
    cards = [(fmt.number(len(press), lang), t("metric.press_mentions", lang)),
             (fmt.number(audience, lang), t("metric.press_audience", lang)),
             (fmt.number(press["outlet"].nunique(), lang), t("review.outlets", lang))]
    width = (CONTENT_WIDTH - 0.6) / 3
    for index, (value, label) in enumerate(cards):
        left = MARGIN_IN + index * (width + 0.3)
        rectangle(slide, left, CONTENT_TOP_IN, width, 1.15, GREY_LIGHT)
        text_box(slide, left + 0.15, CONTENT_TOP_IN + 0.08, width - 0.3, 0.6, value, size=28, smallest=14, bold=True,
                 colour=BLEU_FRANCE, name=f"press figure {index}")
        text_box(slide, left + 0.15, CONTENT_TOP_IN + 0.7, width - 0.3, 0.38, label, size=12, smallest=8,
                 colour=GREY_DARK, name=f"press label {index}")
    outlets = (press.groupby("outlet").agg(articles=("title", "size"), audience=("audience", "sum"))
               .sort_values(["articles", "audience"], ascending=False).head(7).reset_index())
    top = CONTENT_TOP_IN + 1.45
    text_box(slide, MARGIN_IN, top, 4.9, 0.35, t("deck.press.top_outlets", lang), size=14, bold=True,
             colour=BLEU_FRANCE, name="outlets heading")
    rows = [[row.outlet, fmt.number(row.articles, lang), fmt.number(row.audience, lang)] for row in outlets.itertuples()]
    table(slide, MARGIN_IN, top + 0.42, 4.9, [(t("review.press.outlet", lang), 2.4, "l"),
                                              (t("deck.press.articles", lang), 1.1, "r"),
                                              (t("review.press.audience", lang), 1.4, "r")],
          rows, size=11, row_height=min(0.4, (CONTENT_BOTTOM_IN - top - 0.5) / (len(rows) + 1)), name="outlets")
    headlines = press.sort_values(["audience", "published_on"], ascending=False).head(5)
    left = MARGIN_IN + 5.3
    width = CONTENT_WIDTH - 5.3
    text_box(slide, left, top, width, 0.35, t("deck.press.headlines", lang), size=14, bold=True, colour=BLEU_FRANCE,
             name="headlines heading")
    each = (CONTENT_BOTTOM_IN - top - 0.45) / max(len(headlines), 1)
    for number, row in enumerate(headlines.itertuples()):
        y = top + 0.45 + number * each
        rectangle(slide, left, y + 0.05, 0.06, each - 0.15, ROUGE_MARIANNE)
        text_box(slide, left + 0.15, y, width - 0.15, each * 0.58, row.title, size=13, smallest=8, bold=True,
                 colour=INK, name=f"headline {number}")
        text_box(slide, left + 0.15, y + each * 0.58, width - 0.15, each * 0.34,
                 f"{row.outlet} · {fmt.day(row.published_on, lang)}", size=10, smallest=7, colour=GREY,
                 name=f"headline source {number}")


# -- 7. gallery ------------------------------------------------------------------------------------------------
def gallery_pictures(content: DeckContent) -> pd.DataFrame:
    """The pictures whose file is on disk, those that illustrate a figure first (in AMEC order)."""
    pictures = content.bilan.assets
    pictures = pictures[pictures["sha256"].notna() & pictures["mime"].notna()].copy()
    if pictures.empty:
        return pictures
    pictures["path"] = [assets.path_of(row.sha256, row.mime) for row in pictures.itertuples()]
    pictures = pictures[[p.exists() for p in pictures["path"]]]
    order = {key: index for index, key in enumerate(m for group in ("output", "outtake", "outcome")
                                                    for m in metrics.METRICS if metrics.METRICS[m].amec == group)}
    pictures["order"] = [order.get(m, len(order)) if isinstance(m, str) else len(order) + 1
                         for m in pictures["illustrates_metric"]]
    return pictures.sort_values(["order", "taken_on", "asset_id"], kind="stable")


def _illustrated_figure(deck: Deck, metric, partner=None) -> str | None:
    """The figure a picture illustrates, of the picture's own partner (own media for a picture without one):
    never the campaign's total under one partner's picture; None when that partner has no such figure."""
    if not isinstance(metric, str):
        return None
    rows = deck.content.bilan.partners
    own = rows[rows["partner"] == partner] if isinstance(partner, str) else rows[rows["partner"].isna()]
    column = {"spend": "spend_eur"}.get(metric, metric)
    value = own.iloc[0][column] if not own.empty and column in own.columns else None
    if fmt.is_missing(value) or not value:      # "Articles de presse : 0" under a press clipping says nothing true
        return None
    return f"{t(f'metric.{metric}', deck.lang)} : {deck.figure(metric, value)}" if deck.lang == "fr" else \
        f"{t(f'metric.{metric}', deck.lang)}: {deck.figure(metric, value)}"


def gallery_section(deck: Deck) -> None:
    lang = deck.lang
    pictures = gallery_pictures(deck.content)
    if pictures.empty:
        slide = deck.slide(t("deck.gallery.title", lang), "deck.section.gallery")
        text_box(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, 0.6, t("deck.gallery.none", lang), size=16,
                 colour=GREY, name="none")
        return
    rows = list(pictures.itertuples())
    pages = chunks(rows, PICTURES_PER_SLIDE)
    gap = 0.35
    width = (CONTENT_WIDTH - gap * (PICTURES_PER_SLIDE - 1)) / PICTURES_PER_SLIDE
    frame_height = 3.95
    for index, page in enumerate(pages):
        slide = deck.slide(_pages(t("deck.gallery.title", lang), index, len(pages)), "deck.section.gallery")
        for position, row in enumerate(page):
            left = MARGIN_IN + position * (width + gap)
            top = CONTENT_TOP_IN + 0.05
            rectangle(slide, left, top, width, frame_height, GREY_LIGHT)
            image_width, image_height = int(row.width or 0), int(row.height or 0)
            if not image_width or not image_height:
                from PIL import Image
                with Image.open(row.path, formats=assets.DECODERS) as image:
                    image_width, image_height = image.size
            gallery.add_picture(slide, row.path, image_width, image_height, left, top, width, frame_height,
                                name=f"picture {row.asset_id}")
            caption = row.caption if isinstance(row.caption, str) and row.caption else t("deck.gallery.untitled", lang)
            text_box(slide, left, top + frame_height + 0.08, width, 0.62, caption, size=14, smallest=9, bold=True,
                     colour=INK, name=f"caption {row.asset_id}")
            meta = " · ".join(p for p in (row.partner if isinstance(row.partner, str) else None,
                                          None if fmt.is_missing(row.taken_on) else fmt.day(row.taken_on, lang)) if p)
            text_box(slide, left, top + frame_height + 0.7, width, 0.3, meta, size=10, smallest=7, colour=GREY,
                     name=f"caption meta {row.asset_id}")
            figure = _illustrated_figure(deck, row.illustrates_metric, row.partner)
            if figure:
                rectangle(slide, left, top + frame_height + 1.05, width, 0.38, BLEU_LIGHT)
                text_box(slide, left + 0.05, top + frame_height + 1.07, width - 0.1, 0.34, figure, size=12, smallest=8,
                         bold=True, colour=BLEU_FRANCE, name=f"figure {row.asset_id}")


# -- 8. the partnership ---------------------------------------------------------------------------------------
def _yes_no(value, lang: str) -> str:
    return t("deck.yes", lang) if bool(value) and not fmt.is_missing(value) else t("deck.no", lang)


def partnership_section(deck: Deck) -> None:
    lang = deck.lang
    rows = deck.content.partnerships
    if rows.empty:
        slide = deck.slide(t("deck.partnership.title", lang), "deck.section.partnership")
        text_box(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, 0.6, t("deck.partnership.none", lang), size=16,
                 colour=GREY, name="none")
        return
    pages = chunks(list(rows.itertuples()), PARTNERSHIPS_PER_SLIDE)
    spec = [(t("metric.partner", lang), 1.6, "l"), (t("deck.partnership.activations", lang), 2.4, "l"),
            (t("deck.partnership.counterparts", lang), 2.2, "l"), (t("deck.partnership.steps", lang), 2.2, "l"),
            (t("deck.partnership.next", lang), 1.7, "l")]
    for index, page in enumerate(pages):
        slide = deck.slide(_pages(t("deck.partnership.title", lang), index, len(pages)), "deck.section.partnership")
        lines = []
        for row in page:
            who = "\n".join(p for p in (row.partner, t(f"deck.role.{row.role}", lang),
                                        t(f"deck.channel.{row.channel}", lang) if isinstance(row.channel, str) else None)
                            if p)
            checklist = "\n".join((
                t("deck.partnership.step", lang, step=row.step, name=t(f"deck.step.{row.step}", lang)),
                t("deck.partnership.supervisor", lang, answer=_yes_no(row.supervisor_informed, lang)),
                t("deck.partnership.sig", lang, answer=_yes_no(row.sig_informed, lang)),
                t("deck.partnership.legal", lang, answer=_yes_no(row.legal_frame_signed, lang)),
                t("deck.partnership.message", lang, answer=_yes_no(row.message_validated, lang)),
            ))
            if not fmt.is_missing(row.next_date):
                upcoming = fmt.day(row.next_date, lang)
                if isinstance(row.next_step, str) and row.next_step:
                    upcoming += f"\n{row.next_step}"
            else:
                upcoming = t("deck.partnership.no_meeting", lang)
            # An empty cell of the store is NaN here, which `or` keeps: the one display rule writes "—".
            lines.append([who, fmt.cell(row.activations, lang), fmt.cell(row.counterparts, lang), checklist, upcoming])
        row_height = (CONTENT_BOTTOM_IN - CONTENT_TOP_IN - 0.5) / len(lines)
        table(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, spec, lines, size=12, name="partnership table",
              row_height=min(row_height, 1.6), header_height=0.42)


# -- 9. lessons --------------------------------------------------------------------------------------------------
def suggested_lessons(content: DeckContent, lang: str) -> list[str]:
    """Points drawn from the figures, offered when the manager has written nothing yet."""
    points = []
    for figures in content.amec.values():
        for figure in figures:
            if figure.target and figure.progress is not None:
                key = "deck.lessons.target_met" if figure.progress >= 1 else "deck.lessons.target_missed"
                points.append(t(key, lang, metric=t(f"metric.{figure.key}", lang),
                                progress=fmt.percent(figure.progress, lang, 0)))
    partners = content.bilan.partners
    rated = partners[partners["partner"].notna() & partners["ctr"].notna()] if "ctr" in partners else partners.iloc[:0]
    if len(rated) > 1:
        best = rated.sort_values("ctr", ascending=False).iloc[0]
        points.append(t("deck.lessons.best_ctr", lang, partner=best["partner"], ctr=fmt.percent(best["ctr"], lang, 1)))
    for row in content.partnerships.itertuples():
        if not fmt.is_missing(row.next_date):
            points.append(t("deck.lessons.next_meeting", lang, partner=row.partner, day=fmt.day(row.next_date, lang),
                            step=fmt.text(row.next_step)))
    return points[:7]


def lessons(deck: Deck, written: str | None) -> None:
    lang = deck.lang
    slide = deck.slide(t("deck.lessons.title", lang), "deck.section.lessons")
    if written and written.strip():
        items = [line.strip().lstrip("-–•* ").strip() for line in written.strip().splitlines() if line.strip()]
        bullets(slide, MARGIN_IN, CONTENT_TOP_IN + 0.1, CONTENT_WIDTH, CONTENT_BOTTOM_IN - CONTENT_TOP_IN - 0.2, items,
                size=20, smallest=10, name="lessons")
        return
    items = suggested_lessons(deck.content, lang) or [t("deck.lessons.nothing", lang)]
    bullets(slide, MARGIN_IN, CONTENT_TOP_IN + 0.1, CONTENT_WIDTH, CONTENT_BOTTOM_IN - CONTENT_TOP_IN - 0.8, items,
            size=20, smallest=10, name="lessons")
    text_box(slide, MARGIN_IN, CONTENT_BOTTOM_IN - 0.5, CONTENT_WIDTH, 0.45, t("deck.lessons.suggested", lang),
             size=11, colour=GREY, italic=True, name="lessons note")


# -- 10. method and sources -----------------------------------------------------------------------------------------
def _source_label(source: str, lang: str) -> str:
    key = f"deck.source.{source}"
    return t(key, lang) if key in TABLE else source


def method(deck: Deck) -> None:
    lang = deck.lang
    sources = deck.content.sources
    pages = chunks(list(sources.itertuples()), SOURCES_PER_SLIDE)
    spec = [(t("deck.method.source", lang), 1.3, "l"), (t("deck.method.file", lang), 3.4, "l"),
            (t("metric.partner", lang), 1.9, "l"), (t("deck.method.loaded_at", lang), 1.7, "l"),
            (t("deck.method.rows", lang), 1.0, "r"), (t("deck.method.rejected", lang), 1.0, "r"),
            (t("deck.method.replaced", lang), 1.0, "r")]
    for index, page in enumerate(pages):
        slide = deck.slide(_pages(t("deck.method.title", lang), index, len(pages)), "deck.section.method")
        if not page:
            text_box(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, 0.6, t("deck.method.none", lang), size=16,
                     colour=GREY, name="none")
            continue
        rows = []
        for row in page:
            loaded = pd.Timestamp(row.loaded_at)
            rows.append([_source_label(row.source, lang), fmt.text(row.file_name),
                         row.partner if isinstance(row.partner, str)
                         else fmt.MISSING if row.press_loaded >= row.rows_loaded else t("deck.own_media", lang),
                         f"{fmt.day(loaded.date(), lang)} {loaded:%H:%M}",
                         fmt.number(row.rows_loaded + row.press_loaded if row.rows_loaded == 0 else row.rows_loaded, lang),
                         fmt.number(row.rows_rejected, lang), fmt.number(row.rows_replaced, lang)])
        row_height = min(0.42, (CONTENT_BOTTOM_IN - CONTENT_TOP_IN - 0.5) / (len(rows) + 1))
        table(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, spec, rows, size=11, row_height=row_height,
              name="sources")
        text_box(slide, MARGIN_IN, CONTENT_BOTTOM_IN - 0.42, CONTENT_WIDTH, 0.42, t("deck.method.sources_note", lang),
                 size=10, colour=GREY, italic=True, name="sources note")
    definitions(deck)


def definitions(deck: Deck) -> None:
    lang, totals = deck.lang, deck.content.bilan.totals
    slide = deck.slide(t("deck.method.definitions", lang), "deck.section.method")
    shown = [m for m in ("impressions", "reach", "clicks", "engagements", "video_views", "sends",
                         "unique_opens", "email_clicks", "landing_visits", "conversions", "press_mentions",
                         "press_audience", "spend_eur") if not fmt.is_missing(totals.get(m)) and totals.get(m)]
    ratios = [r for r in ("ctr", "open_rate", "click_to_open", "engagement_rate", "click_through_to_site", "cpc_eur",
                          "cpm_eur", "cost_per_visit_eur", "cost_per_conversion_eur") if not fmt.is_missing(totals.get(r))]
    # the figures model's definitions, the same words as the "?" help of the review's tiles and docs/metrics.md
    left_items = [f"{t(f'metric.{m}', lang)} — {t(f'figure.define.{m}', lang)}" for m in shown]
    right_items = [f"{t(f'metric.{r}', lang)} — {t(f'figure.define.{r}', lang)}" for r in ratios]
    right_items.append(t("display.deck.amec", lang))       # the AMEC terms in French, not "(outputs)"
    right_items.append(t("deck.method.ratios_from_sums", lang))
    half = (CONTENT_WIDTH - 0.4) / 2
    height = CONTENT_BOTTOM_IN - CONTENT_TOP_IN - 0.1
    bullets(slide, MARGIN_IN, CONTENT_TOP_IN, half, height, left_items, size=13, smallest=8, colour=INK,
            name="definitions")
    bullets(slide, MARGIN_IN + half + 0.4, CONTENT_TOP_IN, half, height, right_items, size=13, smallest=8,
            colour=INK, name="ratio definitions")
