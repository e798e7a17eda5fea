"""The deck's opening sections (cover, summary, key figures, partners, over time) and every section's drawer."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from resonance import formatting as fmt
from resonance.i18n import t
from resonance.reports.deck import charts
from resonance.reports.deck.canvas import (
    CONTENT_WIDTH,
    COVER_PARTNERS,
    FEW_PARTNERS,
    PARTNER_CHART_METRICS,
    PARTNER_TABLE_COLUMNS,
    PARTNERS_PER_TABLE,
    SERIES_METRICS,
    Deck,
    _pages,
)
from resonance.reports.deck.closing import gallery_section, method, partnership_section, press_section
from resonance.reports.deck.content import DeckContent
from resonance.reports.deck.layout import (
    BLEU_FRANCE,
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
    chunks,
    fitting_size,
    plain,
    rectangle,
    table,
    text_box,
)
from resonance.services import review


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
    # the days the figures cover, said when they are not the campaign's dates (a file ran past its end…)
    totals = deck.content.bilan.totals
    if (fmt.plain(totals.get("first_day")), fmt.plain(totals.get("last_day"))) != (detail["period_start"], detail["period_end"]):
        covered = review.period_covered(totals, lang)
        if covered:
            text_box(slide, 0.7, 5.6, 4.5, 0.5, covered, size=12, smallest=9, colour=WHITE, name="figures period")
    text_box(slide, 0.7, 6.55, 4.5, 0.45, "Résonance", size=12, bold=True, colour=WHITE, name="brand")

    right, width = 6.3, WIDTH_IN - 6.3 - MARGIN_IN
    partners = deck.content.partner_names
    top = 1.2
    text_box(slide, right, top, width, 0.35, t("deck.cover.partners", lang, count=len(partners)).upper(), size=11,
             bold=True, colour=BLEU_FRANCE, name="partners heading")
    shown = ", ".join(partners[:COVER_PARTNERS]) if partners else fmt.MISSING
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
              if not fmt.is_missing(totals.get(key))]
    lines = []
    if ratios:
        # a cost ratio says which share of the volume it covers when free relays brought volume too
        lines.append(("ratios", "   ·   ".join(" ".join(filter(None, [t(f"metric.{key}", lang), deck.figure(key, value),
                                                                    _in_brackets(review.coverage(totals, key, lang))]))
                                               for key, value in ratios)))
    own = review.partner_figures(deck.content.bilan)
    if own:         # the partners' own metrics (posters put up…), with the label and unit the manager gave them
        lines.append(("partner metrics", t("deck.partner_metrics", lang, figures="   ·   ".join(
            f"{f.title} {fmt.number(f.value, lang)} {f.unit}".strip() for f in own))))
    for index, (name, line) in enumerate(lines):
        height = 0.45 / len(lines)
        text_box(slide, MARGIN_IN, bottom + 0.08 + index * height, CONTENT_WIDTH, height, line, size=13, smallest=7,
                 colour=INK, name=name)


def resonance_section(deck: Deck) -> None:
    """How far the partners carried the campaign beyond what the government owns or buys (issue 15): the same
    sentence and figures as at the top of the review, from the figures model."""
    lang, totals = deck.lang, deck.content.bilan.totals
    sentence, shown, note = review.resonance(totals, lang)
    if sentence is None:
        return
    slide = deck.slide(t("resonance.title", lang), "deck.section.resonance")
    text_box(slide, MARGIN_IN, CONTENT_TOP_IN, CONTENT_WIDTH, 0.9, sentence, size=22, smallest=12, bold=True,
             colour=BLEU_FRANCE, name="resonance sentence")
    per_row, gap = 4, 0.25
    width = (CONTENT_WIDTH - gap * (per_row - 1)) / per_row
    for index, key in enumerate(shown):
        left = MARGIN_IN + (index % per_row) * (width + gap)
        top = CONTENT_TOP_IN + 1.1 + (index // per_row) * 1.15
        _figure_card(slide, deck, review.Figure(key, float(totals[key]), None), left, top, width, 1.0)
    notes = [n for n in (note, t("resonance.help", lang)) if n]
    text_box(slide, MARGIN_IN, CONTENT_BOTTOM_IN - 0.8, CONTENT_WIDTH, 0.8, "\n".join(notes), size=11, smallest=8,
             colour=GREY, italic=True, name="resonance note")


def _in_brackets(text: str | None) -> str | None:
    return f"({text})" if text else None


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
    return f"{day.day:02d}/{day.month:02d}" if lang == "fr" else f"{fmt.month_names('en')[day.month - 1][:3]} {day.day}"


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


SECTION_DRAWERS = {
    "key_figures": key_figures, "resonance": resonance_section, "partners": partners_section, "over_time": over_time, "press": press_section,
    "gallery": gallery_section, "partnership": partnership_section, "method": method,
}
