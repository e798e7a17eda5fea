"""The ten sections of the review deck, each drawn on blank 16:9 slides from the campaign's figures."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from resonance import formatting as fmt
from resonance.domain import metrics
from resonance.i18n import t
from resonance.reports.deck import charts, gallery
from resonance.reports.deck.content import DeckContent
from resonance.reports.deck.layout import (
    BLEU_FRANCE,
    BLEU_LIGHT,
    CONTENT_BOTTOM_IN,
    CONTENT_TOP_IN,
    GREY,
    GREY_DARK,
    GREY_LIGHT,
    HEIGHT_IN,
    INK,
    MARGIN_IN,
    ROUGE_MARIANNE,
    SERIES,
    WHITE,
    WIDTH_IN,
    blank_slide,
    bullets,
    chunks,
    fitting_size,
    header,
    plain,
    rectangle,
    table,
    text_box,
)
from resonance.services import assets

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
        if key in ("ctr", "open_rate", "click_to_open", "engagement_rate", "click_through_to_site"):
            return fmt.percent(value, self.lang, 1)
        if key.endswith("_eur") or key == "spend":
            return fmt.money(value, self.lang, 2 if key in ("cpc_eur", "cost_per_visit_eur") else 0)
        return fmt.number(value, self.lang)

    def partner_label(self, name) -> str:
        return name if isinstance(name, str) else t("deck.own_media", self.lang)


def _present(value) -> bool:
    """A figure or a date that is there (None, NaN, NA and NaT are not)."""
    if value is None:
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def _pages(title: str, index: int, count: int) -> str:
    return title if count <= 1 else f"{title} ({index + 1}/{count})"


# -- 1. cover ------------------------------------------------------------------------------------------
def cover(deck: Deck) -> None:
    lang, detail = deck.lang, deck.content.bilan.detail
    slide = blank_slide(deck.presentation)
    rectangle(slide, 0, 0, 5.6, HEIGHT_IN, BLEU_FRANCE)
    rectangle(slide, 0.7, 1.2, 0.8, 0.09, ROUGE_MARIANNE)
    text_box(slide, 0.7, 1.45, 4.4, 0.4, t("deck.cover.kicker", lang).upper(), size=13, bold=True, colour=WHITE,
             name="kicker")
    text_box(slide, 0.7, 1.95, 4.5, 2.6, detail["name"], size=38, smallest=20, bold=True, colour=WHITE, name="title")
    period = fmt.period(detail["period_start"], detail["period_end"], lang)
    text_box(slide, 0.7, 4.7, 4.5, 0.9, period[:1].upper() + period[1:],
             size=17, smallest=11, colour=WHITE, name="period")
    text_box(slide, 0.7, 6.55, 4.5, 0.45, "Résonance", size=12, bold=True, colour=WHITE, name="brand")

    right, width = 6.3, WIDTH_IN - 6.3 - MARGIN_IN
    partners = deck.content.partner_names
    top = 1.2
    text_box(slide, right, top, width, 0.35, t("deck.cover.partners", lang, count=len(partners)).upper(), size=11,
             bold=True, colour=BLEU_FRANCE, name="partners heading")
    shown = ", ".join(partners[:COVER_PARTNERS]) if partners else "—"
    if len(partners) > COVER_PARTNERS:
        shown += " " + t("deck.cover.more", lang, count=len(partners) - COVER_PARTNERS)
    text_box(slide, right, top + 0.4, width, 1.9, shown, size=24, smallest=11, bold=True, colour=INK, name="partners")
    top += 2.55
    for key, value in (("deck.cover.theme", detail.get("theme")), ("deck.cover.objective", detail.get("objective")),
                       ("deck.cover.public", detail.get("target_public"))):
        if not value:
            continue
        text_box(slide, right, top, width, 0.3, t(key, lang).upper(), size=10, bold=True, colour=GREY, name=key)
        text_box(slide, right, top + 0.3, width, 0.62, value, size=15, smallest=9, colour=INK, name=f"{key} value")
        top += 1.0
    text_box(slide, right, 6.55, width, 0.45, t("deck.cover.generated", lang, day=fmt.day(deck.generated_on, lang)),
             size=11, colour=GREY, name="generated")


# -- 2. summary ----------------------------------------------------------------------------------------
def summary(deck: Deck, text: str) -> None:
    lang = deck.lang
    slide = deck.slide(t("deck.summary.title", lang), "deck.section.summary")
    rectangle(slide, MARGIN_IN, CONTENT_TOP_IN + 0.2, 0.12, 3.6, ROUGE_MARIANNE)
    text_box(slide, MARGIN_IN + 0.35, CONTENT_TOP_IN + 0.2, CONTENT_WIDTH - 0.35, 3.6, text, size=28, smallest=12,
             colour=INK, anchor=MSO_ANCHOR.MIDDLE, name="summary")
    objective = deck.content.bilan.detail.get("objective")
    if objective:
        text_box(slide, MARGIN_IN + 0.35, CONTENT_TOP_IN + 4.2, CONTENT_WIDTH - 0.35, 0.9,
                 t("deck.summary.objective", lang, objective=objective), size=15, smallest=10, colour=GREY_DARK,
                 name="objective")


# -- 3. key figures (AMEC) --------------------------------------------------------------------------------
def key_figures(deck: Deck) -> None:
    lang, amec, totals = deck.lang, deck.content.amec, deck.content.bilan.totals
    slide = deck.slide(t("deck.key_figures.title", lang), "deck.section.key_figures")
    gap = 0.3
    column_width = (CONTENT_WIDTH - 2 * gap) / 3
    groups = ("output", "outtake", "outcome")
    title_size = min(fitting_size(t(f"display.amec.{g}", lang), column_width, 0.4, 16, 10, bold=True) for g in groups)
    top_of_cards, bottom = CONTENT_TOP_IN + 0.95, CONTENT_BOTTOM_IN - 0.55
    for index, group in enumerate(groups):
        left = MARGIN_IN + index * (column_width + gap)
        rectangle(slide, left, CONTENT_TOP_IN, column_width, 0.07, BLEU_FRANCE)
        text_box(slide, left, CONTENT_TOP_IN + 0.1, column_width, 0.4, t(f"display.amec.{group}", lang), size=title_size,
                 smallest=title_size, bold=True, colour=BLEU_FRANCE, name=f"group {group}")
        text_box(slide, left, CONTENT_TOP_IN + 0.5, column_width, 0.4, t(f"amec.{group}.help", lang), size=10,
                 smallest=7, colour=GREY, name=f"help {group}")
        figures = amec.get(group, [])
        if not figures:
            text_box(slide, left, top_of_cards, column_width, 0.5, t("deck.key_figures.none", lang),
                     size=12, colour=GREY, italic=True, name=f"none {group}")
            continue
        card_height = min(1.0, (bottom - top_of_cards) / len(figures) - 0.1)
        top = top_of_cards
        for figure in figures:
            _figure_card(slide, deck, figure, left, top, column_width, card_height)
            top += card_height + 0.1
    ratios = [(key, totals.get(key)) for key in ("ctr", "open_rate", "click_to_open", "engagement_rate",
                                                 "click_through_to_site", "cpc_eur", "cpm_eur")
              if _present(totals.get(key))]
    if ratios:
        line = "   ·   ".join(f"{t(f'metric.{key}', lang)} {deck.figure(key, value)}" for key, value in ratios)
        text_box(slide, MARGIN_IN, bottom + 0.08, CONTENT_WIDTH, 0.45, line, size=13, smallest=8, colour=INK,
                 name="ratios")


def _figure_card(slide, deck: Deck, figure, left: float, top: float, width: float, height: float) -> None:
    """The figure large on the left; its name, and its progress towards the target, on the right."""
    lang = deck.lang
    rectangle(slide, left, top, width, height, GREY_LIGHT)
    rectangle(slide, left, top, 0.06, height, BLEU_FRANCE)
    value_width = width * 0.52
    text_box(slide, left + 0.12, top, value_width - 0.12, height, deck.figure(figure.key, figure.value), size=24,
             smallest=11, bold=True, colour=INK, anchor=MSO_ANCHOR.MIDDLE, name=f"value {figure.key}")
    label_left, label_width = left + value_width, width - value_width - 0.08
    label = t(f"metric.{figure.key}", lang)
    if figure.target is None:
        text_box(slide, label_left, top, label_width, height, label, size=12, smallest=7, colour=GREY_DARK,
                 anchor=MSO_ANCHOR.MIDDLE, name=f"label {figure.key}")
        return
    progress = figure.progress
    reached = progress is not None and progress >= 1
    text_box(slide, label_left, top + 0.03, label_width, height * 0.5 - 0.03, label, size=12, smallest=7,
             colour=GREY_DARK, anchor=MSO_ANCHOR.BOTTOM, name=f"label {figure.key}")
    text_box(slide, label_left, top + height * 0.5, label_width, height * 0.5 - 0.03,
             t("deck.key_figures.target", lang, progress=fmt.percent(progress, lang, 0),
               target=deck.figure(figure.key, figure.target)),
             size=10, smallest=7, bold=True, colour=BLEU_FRANCE if reached else ROUGE_MARIANNE,
             name=f"target {figure.key}")


# -- 4. per partner ---------------------------------------------------------------------------------------
def partner_chart_metrics(content: DeckContent) -> list[str]:
    partners = content.bilan.partners
    return [m for m in PARTNER_CHART_METRICS if m in partners and partners[m].notna().any()][:3]


def partners_section(deck: Deck) -> None:
    lang = deck.lang
    table_rows = deck.content.bilan.partners
    if table_rows.empty:
        slide = deck.slide(t("deck.partners.title", lang), "deck.section.partners")
        text_box(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, 0.6, t("deck.partners.none", lang), size=16,
                 colour=GREY, name="none")
        return
    chosen = partner_chart_metrics(deck.content)
    columns = [c for c in PARTNER_TABLE_COLUMNS if c in table_rows and table_rows[c].notna().any()][:7]
    spec = [(t("metric.partner", lang), 2.6, "l"), *((t(f"metric.{c}", lang), 1.2, "r") for c in columns)]
    if len(table_rows) <= FEW_PARTNERS:
        # a few partners: bars and table on one slide, the bars no taller than they need
        slide = deck.slide(t("deck.partners.title", lang), "deck.section.partners")
        chart_height = 1.3 + 0.45 * len(table_rows) if chosen else 0
        _partner_charts(slide, deck, chosen, CONTENT_TOP_IN, chart_height)
        top = CONTENT_TOP_IN + chart_height + 0.15
        _partner_table(slide, deck, spec, columns, list(range(len(table_rows))), top, 0.4)
        return
    per_slide = 3 if len(table_rows) <= 6 else 2
    chart_slides = chunks(chosen, per_slide) if chosen else []
    for index, group in enumerate(chart_slides):
        slide = deck.slide(_pages(t("deck.partners.title", lang), index, len(chart_slides)), "deck.section.partners")
        _partner_charts(slide, deck, group, CONTENT_TOP_IN + 0.05, CONTENT_BOTTOM_IN - CONTENT_TOP_IN - 0.1,
                        colours_from=chosen)
    pages = chunks(list(range(len(table_rows))), PARTNERS_PER_TABLE)
    for index, page in enumerate(pages):
        slide = deck.slide(_pages(t("deck.partners.table_title", lang), index, len(pages)), "deck.section.partners")
        _partner_table(slide, deck, spec, columns, page, CONTENT_TOP_IN,
                       min(0.42, (CONTENT_BOTTOM_IN - CONTENT_TOP_IN - 0.55) / (len(page) + 1)))


def _partner_charts(slide, deck: Deck, metrics_shown: list[str], top: float, height: float, colours_from=None) -> None:
    table_rows = deck.content.bilan.partners
    colours_from = colours_from or metrics_shown
    if not metrics_shown:
        return
    width = (CONTENT_WIDTH - 0.3 * (len(metrics_shown) - 1)) / len(metrics_shown)
    for position, metric in enumerate(metrics_shown):
        rows = table_rows[table_rows[metric].notna()]
        charts.partner_bars(slide, MARGIN_IN + position * (width + 0.3), top, width, height,
                            t(f"metric.{metric}", deck.lang), [deck.partner_label(p) for p in rows["partner"]],
                            [float(v) for v in rows[metric]], colours_from.index(metric),
                            charts.count_format(deck.lang))


def _partner_table(slide, deck: Deck, spec, columns: list[str], positions: list[int], top: float,
                   row_height: float) -> None:
    table_rows = deck.content.bilan.partners
    rows = []
    for position in positions:
        row = table_rows.iloc[position]
        rows.append([deck.partner_label(row["partner"]), *(deck.figure(c, row[c]) for c in columns)])
    table(slide, MARGIN_IN, top, CONTENT_WIDTH, spec, rows, size=12, row_height=row_height, name="partner table")
    text_box(slide, MARGIN_IN, CONTENT_BOTTOM_IN - 0.4, CONTENT_WIDTH, 0.4, t("deck.partners.ratios_note", deck.lang),
             size=10, colour=GREY, italic=True, name="note")


# -- 5. over time ----------------------------------------------------------------------------------------
def _period_label(day: date, lang: str) -> str:
    return f"{day.day:02d}/{day.month:02d}" if lang == "fr" else f"{fmt.MONTHS['en'][day.month - 1][:3]} {day.day}"


def series_metrics(content: DeckContent) -> list[str]:
    present = set(content.bilan.timeseries["metric"])
    return [m for m in SERIES_METRICS if m in present][:2]


def within_period(series: pd.DataFrame, detail: dict, grain: str) -> pd.DataFrame:
    """The series cut to the campaign's period, the one the cover states (a week counts if it overlaps it)."""
    start, end = detail.get("period_start"), detail.get("period_end")
    if series.empty or fmt.is_missing(start) or fmt.is_missing(end):
        return series
    days = pd.to_datetime(series["period"]).dt.date
    first = pd.Timestamp(start).date() - (pd.Timedelta(days=6) if grain == "week" else pd.Timedelta(0))
    return series[(days >= first) & (days <= pd.Timestamp(end).date())]


def over_time(deck: Deck) -> None:
    lang, content = deck.lang, deck.content
    series = content.bilan.timeseries
    title = t(f"deck.over_time.title.{content.grain}", lang)
    slide = deck.slide(title, "deck.section.over_time")
    chosen = series_metrics(content)
    if not chosen:
        text_box(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, 0.6, t("deck.over_time.none", lang), size=16,
                 colour=GREY, name="none")
        return
    series = within_period(series, content.bilan.detail, content.grain)
    periods = sorted(set(pd.to_datetime(series["period"]).dt.date))
    if not periods:
        text_box(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, 0.6, t("deck.over_time.none", lang), size=16,
                 colour=GREY, name="none")
        return
    wide = series.pivot_table(index="period", columns="metric", values="value", aggfunc="sum")
    wide.index = pd.to_datetime(wide.index).date
    label_every = max(1, math.ceil(len(periods) / 16))
    # LibreOffice ignores PowerPoint's "label every n" setting: the skipped dates are left blank instead
    categories = [_period_label(p, lang) if i % label_every == 0 else "" for i, p in enumerate(periods)]
    moments = [(row.on_date, row.label) for row in content.bilan.annotations.itertuples()]
    top = CONTENT_TOP_IN + (0.55 if moments else 0.05)
    available = CONTENT_BOTTOM_IN - top - 0.05
    height = available / len(chosen)
    for position, metric in enumerate(chosen):
        values = [None if fmt.is_missing(v) else float(v) for v in wide.reindex(periods)[metric].tolist()]
        chart_top = top + position * height
        charts.series_line(slide, MARGIN_IN, chart_top, CONTENT_WIDTH, height - 0.05, categories,
                           [(t(f"metric.{metric}", lang), values)], charts.count_format(lang), position)
        text_box(slide, MARGIN_IN + CONTENT_WIDTH - 4.5, chart_top, 4.5, 0.3, t(f"metric.{metric}", lang), size=12,
                 bold=True, colour=SERIES[position % len(SERIES)], align=PP_ALIGN.RIGHT, name=f"series label {metric}")
    if moments:
        plot_bottom = top + (len(chosen) - 1) * height + (charts.PLOT_TOP + charts.PLOT_HEIGHT) * (height - 0.05)
        _moments(slide, deck, periods, moments, top + charts.PLOT_TOP * (height - 0.05), plot_bottom)


def _moment_index(periods: list[date], on: date, grain: str) -> int | None:
    on = pd.Timestamp(on).date()
    if not periods or on < periods[0]:
        return None
    index = None
    for position, period in enumerate(periods):
        if period <= on:
            index = position
    if grain == "day" and periods[index] != on:
        return None if on > periods[-1] else index
    return index


def _moments(slide, deck: Deck, periods: list[date], moments, plot_top: float, plot_bottom: float) -> None:
    """Dashed red lines on the launch, the press release…, numbered, with the labels in a line above the chart."""
    labels = []
    for number, (on, label) in enumerate(moments, start=1):
        index = _moment_index(periods, on, deck.content.grain)
        if index is None:
            continue
        x = charts.category_x(MARGIN_IN, CONTENT_WIDTH, index, len(periods))
        line = slide.shapes.add_connector(1, Inches(x), Inches(plot_top), Inches(x), Inches(plot_bottom))
        plain(line)
        line.line.color.rgb = ROUGE_MARIANNE
        line.line.width = Pt(1.25)
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        line.name = f"moment {number}"
        rectangle(slide, x - 0.13, plot_top - 0.3, 0.26, 0.26, ROUGE_MARIANNE)
        text_box(slide, x - 0.18, plot_top - 0.32, 0.36, 0.3, str(number), size=10, bold=True, colour=WHITE,
                 align=PP_ALIGN.CENTER, name=f"moment number {number}")
        labels.append(f"{number}. {fmt.day(on, deck.lang)} — {label}")
    if labels:
        text_box(slide, MARGIN_IN, CONTENT_TOP_IN - 0.02, CONTENT_WIDTH, 0.3, "    ".join(labels), size=11,
                 smallest=7, colour=ROUGE_MARIANNE, name="moments")


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
    if not _present(value):
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
                with Image.open(row.path) as image:
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
            if _present(row.next_date):
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
        if _present(row.next_date):
            points.append(t("deck.lessons.next_meeting", lang, partner=row.partner, day=fmt.day(row.next_date, lang),
                            step=row.next_step if isinstance(row.next_step, str) and row.next_step else "—"))
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
    from resonance.i18n import TABLE
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
            rows.append([_source_label(row.source, lang), row.file_name or "—",
                         row.partner if isinstance(row.partner, str)
                         else "—" if row.press_loaded >= row.rows_loaded else t("deck.own_media", lang),
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
    shown = [m for m in ("impressions", "reach_cumulated", "clicks", "engagements", "video_views", "sends",
                         "unique_opens", "email_clicks", "landing_visits", "conversions", "press_mentions",
                         "press_audience", "spend_eur") if _present(totals.get(m)) and totals.get(m)]
    ratios = [r for r in ("ctr", "open_rate", "click_to_open", "engagement_rate", "click_through_to_site", "cpc_eur",
                          "cpm_eur", "cost_per_visit_eur") if _present(totals.get(r))]
    left_items = [f"{t(f'metric.{m}', lang)} — {t(f'deck.define.{m}', lang)}" for m in shown]
    right_items = [f"{t(f'metric.{r}', lang)} — {t(f'deck.define.{r}', lang)}" for r in ratios]
    right_items.append(t("display.deck.amec", lang))       # the AMEC terms in French, not "(outputs)"
    right_items.append(t("deck.method.ratios_from_sums", lang))
    half = (CONTENT_WIDTH - 0.4) / 2
    height = CONTENT_BOTTOM_IN - CONTENT_TOP_IN - 0.1
    bullets(slide, MARGIN_IN, CONTENT_TOP_IN, half, height, left_items, size=13, smallest=8, colour=INK,
            name="definitions")
    bullets(slide, MARGIN_IN + half + 0.4, CONTENT_TOP_IN, half, height, right_items, size=13, smallest=8,
            colour=INK, name="ratio definitions")


SECTION_DRAWERS = {
    "key_figures": key_figures, "partners": partners_section, "over_time": over_time, "press": press_section,
    "gallery": gallery_section, "partnership": partnership_section, "method": method,
}
