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
from openpyxl.utils import get_column_letter

import queries
from resonance import formatting as fmt
from resonance.domain.figures import COST_COVERAGE, figure, figure_display
from resonance.domain.metrics import METRICS
from resonance.errors import ResonanceError
from resonance.i18n import codes, t, using
from resonance.services import review
from resonance.store import Store

COST_SHARES = tuple(share for share, _ in COST_COVERAGE.values())
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="000091")
HEADER_FONT = Font(bold=True, color="FFFFFF")


class AnnexError(ResonanceError):
    """An annex that cannot be made, said in words a manager can act on."""


def is_formula_like(text: str) -> bool:
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def _plain(value):
    """NaN, NA and NaT become empty cells; numpy and pandas scalars become Python values."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
        return value.date() if value.hour == value.minute == value.second == 0 else value
    if hasattr(value, "item") and not isinstance(value, str | date | datetime):
        return value.item()
    return value


def _cell(sheet, value, number_format: str | None = None):
    """One cell of a write-only sheet. Plain values are passed through (fast); text that openpyxl or Excel would
    take for a formula becomes a typed string with the quote prefix; a number format makes a styled cell."""
    value = _plain(value)
    if isinstance(value, str):
        if not is_formula_like(value):
            return value
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = value
        cell.data_type = "s"                      # openpyxl would store "=…" as a formula
        cell.quotePrefix = True                   # and Excel keeps it text when the cell is edited
        return cell
    if number_format and value is not None:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell
    return value


def _sheet(workbook, title: str, headings: list[str], rows, widths: list[int], formats: dict[int, str] | None = None):
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    header = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, value=None)
        cell.value, cell.data_type = heading, "s"
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    sheet.append(header)
    formats = formats or {}
    for row in rows:
        sheet.append([_cell(sheet, value, formats.get(index)) for index, value in enumerate(row)])
    return sheet


def excel_format(key: str) -> str | None:
    """The Excel number format of a figure: its unit and decimals from the figures model, as on every surface."""
    spec = figure(key)
    if spec is None:
        return None
    decimals = "." + "0" * spec.decimals if spec.decimals else ""
    if spec.unit == "rate":
        return f"0{decimals}%"
    if spec.unit == "eur":
        return f'#,##0{decimals} "€"'
    return f"#,##0{decimals}"


_FACT_KEYS = ["period_start", "period_end", "partner", "channel", "peso", "platform"]


def _per_day(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per period × partner × channel × platform, one column per metric (in the dictionary's order)."""
    if facts.empty:
        return pd.DataFrame(columns=_FACT_KEYS)
    facts = facts.assign(partner=facts["partner"].fillna(t("deck.own_media")))
    wide = facts.pivot_table(index=_FACT_KEYS, columns="metric", values="value", aggfunc="sum").reset_index()
    metrics = [m for m in METRICS if m in wide.columns]
    return wide[_FACT_KEYS + metrics].sort_values(["period_start", "partner", "channel", "platform"], kind="stable")


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
            (t("annex.figures_period"), review.period_covered(totals, lang)),
            (t("deck.cover.theme"), detail.get("theme")),
            (t("deck.cover.objective"), detail.get("objective")),
            (t("annex.generated"), datetime.now().replace(microsecond=0)),
        ]
        for key in ("impressions", "reach", "clicks", "engagements", "video_views", "sends", "delivered",
                    "unique_opens", "email_clicks", "landing_visits", "conversions", "spend_eur", "press_mentions",
                    "press_audience", *review.RATIO_COLUMNS, *COST_SHARES, *review.FREE_VOLUMES):
            if not fmt.is_missing(totals.get(key)) and totals.get(key) is not None:
                # the value for computing, and the figure as every other surface writes it
                summary_rows.append((_label(key), totals[key], figure_display(key, totals[key], lang)))
        _sheet(workbook, t("annex.sheet.summary"), [t("annex.item"), t("annex.value"), t("annex.value_written")],
               summary_rows, [42, 60, 24])

        partner_columns = ["channels", "impressions", "reach", "clicks", "ctr", "engagements", "video_views",
                           "sends", "delivered", "unique_opens", "open_rate", "email_clicks", "click_to_open",
                           "landing_visits", "conversions", "spend_eur", "cpc_eur", "cpm_eur", "cost_per_visit_eur",
                           "cost_per_conversion_eur", "press_mentions", "press_audience"]
        partner_columns = [c for c in partner_columns if c in bilan.partners]
        partner_rows = [[row["partner"] if isinstance(row["partner"], str) else t("deck.own_media"),
                         *(row[c] for c in partner_columns)] for row in bilan.partners.to_dict("records")]
        percent = {1 + index: excel_format(c) for index, c in enumerate(partner_columns) if excel_format(c)}
        _sheet(workbook, t("annex.sheet.partners"), [_label("partner"), *(_label(c) for c in partner_columns)],
               partner_rows, [34, 18] + [14] * len(partner_columns), percent)

        wide = _per_day(facts)
        metric_columns = [c for c in wide.columns if c not in _FACT_KEYS]
        for column in ("channel", "peso"):             # codes in words, as on the screen
            wide[column] = [codes.words(column, v, lang) for v in wide[column]]
        _sheet(workbook, t("annex.sheet.figures"),
               [t("annex.period_start"), t("annex.period_end"), _label("partner"), t("annex.channel"), "PESO",
                t("annex.platform"), *(_label(m) for m in metric_columns)],
               wide.itertuples(index=False, name=None), [12, 12, 30, 12, 9, 18] + [14] * len(metric_columns))

        press_rows = [[r.published_on, r.outlet, r.title, r.url, r.audience, codes.words("sentiment", r.sentiment, lang),
                       r.partner]
                      for r in bilan.press.itertuples()]
        _sheet(workbook, t("annex.sheet.press"),
               [t("review.press.date"), t("review.press.outlet"), t("review.press.title"), t("review.press.link"),
                t("review.press.audience"), t("annex.sentiment"), _label("partner")],
               press_rows, [12, 22, 70, 40, 12, 11, 24])

        source_rows = [[r.ingestion_id, codes.words("source", r.source, lang), r.file_name, r.partner, r.loaded_at, r.created_by, r.rows_loaded,
                        r.press_loaded, r.rows_rejected, r.rows_replaced] for r in sources.itertuples()]
        _sheet(workbook, t("annex.sheet.sources"),
               [t("annex.load"), t("deck.method.source"), t("deck.method.file"), _label("partner"),
                t("deck.method.loaded_at"), t("annex.by"), t("deck.method.rows"), t("annex.press_rows"),
                t("deck.method.rejected"), t("deck.method.replaced")],
               source_rows, [10, 14, 40, 26, 18, 16, 10, 10, 10, 12])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
