"""The data annex of a review: an XLSX with the figures per partner, per day and per metric, the press list and the sources.

Every text cell is written as a typed string with Excel's "quote prefix" flag, so that a title or a file name
beginning with =, +, -, @ (or a tab) is shown as text and never evaluated as a formula, not even after a user
edits the cell; the text itself is kept as it was, so the annex re-reads equal to the store.
"""
from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

import queries
from resonance import formatting as fmt
from resonance import review
from resonance.i18n import t, using
from resonance.store import Store

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="000091")
HEADER_FONT = Font(bold=True, color="FFFFFF")


class AnnexError(Exception):
    """An annex that cannot be made, said in words a manager can act on."""


def is_formula_like(text: str) -> bool:
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def _cell(sheet, value, number_format: str | None = None):
    """One cell of a write-only sheet: text never becomes a formula, numbers and dates keep their type."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
        if value.hour == value.minute == value.second == 0:
            value = value.date()
    if hasattr(value, "item") and not isinstance(value, str | date | datetime):
        value = value.item()
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = value
        cell.data_type = "s"                      # openpyxl would store "=…" as a formula
        if is_formula_like(value):
            cell.quotePrefix = True               # and Excel keeps it text when the cell is edited
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, datetime):
        cell.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(value, date):
        cell.number_format = "dd/mm/yyyy"
    elif isinstance(value, float) and not value.is_integer():
        cell.number_format = "#,##0.00"
    elif isinstance(value, int | float):
        cell.number_format = "#,##0"
    return cell


def _sheet(workbook, title: str, headings: list[str], rows, widths: list[int], formats: dict[int, str] | None = None):
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    header = []
    for heading in headings:
        cell = _cell(sheet, heading)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    sheet.append(header)
    formats = formats or {}
    for row in rows:
        sheet.append([_cell(sheet, value, formats.get(index)) for index, value in enumerate(row)])
    return sheet


def _label(key: str) -> str:
    return t(f"metric.{key}")


def build(store: Store, campaign_id: int, lang: str = "fr") -> bytes:
    """The annex of one campaign as XLSX bytes."""
    with using(lang):
        bilan = review.campaign_review(store, campaign_id, "day")
        if bilan is None:
            raise AnnexError(t("deck.no_campaign", id=campaign_id))
        params = {"campaign_id": campaign_id}
        with store.read() as con:
            facts = queries.run(con, "deck_annex_facts", params)
            sources = queries.run(con, "deck_sources", params)
        workbook = Workbook(write_only=True)
        detail, totals = bilan.detail, bilan.totals

        summary_rows = [
            (t("metric.campaign"), detail["name"]),
            (t("annex.period"), fmt.period(detail["period_start"], detail["period_end"], lang)),
            (t("deck.cover.theme"), detail.get("theme")),
            (t("deck.cover.objective"), detail.get("objective")),
            (t("annex.generated"), datetime.now().replace(microsecond=0)),
        ]
        for key in ("impressions", "reach_cumulated", "clicks", "engagements", "video_views", "sends", "delivered",
                    "unique_opens", "email_clicks", "landing_visits", "conversions", "spend_eur", "press_mentions",
                    "press_audience", *review.RATIO_COLUMNS):
            if not fmt.is_missing(totals.get(key)) and totals.get(key) is not None:
                summary_rows.append((_label(key), totals[key]))
        _sheet(workbook, t("annex.sheet.summary"), [t("annex.item"), t("annex.value")], summary_rows, [42, 60])

        partner_columns = ["channels", "impressions", "reach_cumulated", "clicks", "ctr", "engagements", "video_views",
                           "sends", "delivered", "unique_opens", "open_rate", "email_clicks", "click_to_open",
                           "landing_visits", "conversions", "spend_eur", "cpc_eur", "press_mentions", "press_audience"]
        partner_columns = [c for c in partner_columns if c in bilan.partners]
        partner_rows = [[row["partner"] if isinstance(row["partner"], str) else t("deck.own_media"),
                         *(row[c] for c in partner_columns)] for row in bilan.partners.to_dict("records")]
        percent = {1 + partner_columns.index(c): "0.0%" for c in ("ctr", "open_rate", "click_to_open")
                   if c in partner_columns}
        _sheet(workbook, t("annex.sheet.partners"), [_label("partner"), *(_label(c) for c in partner_columns)],
               partner_rows, [34, 18] + [14] * len(partner_columns), percent)

        fact_rows = [[r.period_start, r.period_end, r.partner if isinstance(r.partner, str) else t("deck.own_media"),
                      r.channel, r.peso, r.platform, r.metric, _label(r.metric), r.value, r.ingestion_id]
                     for r in facts.itertuples()]
        _sheet(workbook, t("annex.sheet.figures"),
               [t("annex.period_start"), t("annex.period_end"), _label("partner"), t("annex.channel"), "PESO",
                t("annex.platform"), t("annex.metric_code"), t("annex.metric"), t("annex.value"), t("annex.load")],
               fact_rows, [12, 12, 30, 12, 9, 18, 16, 26, 14, 10])

        press_rows = [[r.published_on, r.outlet, r.title, r.url, r.audience, r.sentiment, r.partner]
                      for r in bilan.press.itertuples()]
        _sheet(workbook, t("annex.sheet.press"),
               [t("review.press.date"), t("review.press.outlet"), t("review.press.title"), t("review.press.link"),
                t("review.press.audience"), t("annex.sentiment"), _label("partner")],
               press_rows, [12, 22, 70, 40, 12, 11, 24])

        source_rows = [[r.ingestion_id, r.source, r.file_name, r.partner, r.loaded_at, r.created_by, r.rows_loaded,
                        r.press_loaded, r.rows_rejected, r.rows_replaced] for r in sources.itertuples()]
        _sheet(workbook, t("annex.sheet.sources"),
               [t("annex.load"), t("deck.method.source"), t("deck.method.file"), _label("partner"),
                t("deck.method.loaded_at"), t("annex.by"), t("deck.method.rows"), t("annex.press_rows"),
                t("deck.method.rejected"), t("deck.method.replaced")],
               source_rows, [10, 14, 40, 26, 18, 16, 10, 10, 10, 12])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
