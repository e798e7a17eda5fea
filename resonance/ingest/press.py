"""Press articles from a partner file: each row checked, the campaign resolved, duplicates with the store found."""
from __future__ import annotations

import pandas as pd

from connectors.partner_file import dates, engine, settings
from connectors.partner_file.mapping import header_key
from connectors.partner_file.reader import PartnerFile
from resonance.i18n import t
from resonance.ingest.campaigns import resolve_campaigns
from resonance.ingest.cells import header_name, is_nan, is_total, parse_number, roles_by_index
from resonance.ingest.checks import compare_with_store
from resonance.ingest.outcome import Preview
from resonance.settings import settings as server_settings


def sentiment_of(text) -> str | None:
    key = header_key(text) if isinstance(text, str) else ""
    if isinstance(text, str) and text.strip() in ("+", "-", "="):
        key = text.strip()
    for sentiment, words in settings.SENTIMENTS.items():
        if key in words:
            return sentiment
    return None


def preview_press(store, partner_file: PartnerFile, result: Preview) -> None:
    result.sha256 = partner_file.sha256
    by_index = roles_by_index(partner_file, result.mapping)
    roles = {r: i for i, r in by_index.items()}
    missing = [r for r in ("date", "outlet", "title") if r not in roles]
    if missing:
        result.errors.append(t("import.error.press_columns", file=result.file_name,
                               missing=", ".join(t(f"import.role.{m}") for m in missing),
                               columns=", ".join(h for h in partner_file.shape.headers if h)))
        return
    if not result.campaign and "campaign" not in roles:
        result.errors.append(t("import.error.no_campaign", file=result.file_name))
        return
    con = engine.connect(server_settings().duckdb_threads)
    try:
        table = engine.read_table(con, partner_file)
    finally:
        con.close()
    result.rows_read = len(table)
    if table.empty:
        result.errors.append(t("import.error.header_only", file=result.file_name))
        return

    def cell(role):
        return table[f"c{roles[role]}"] if role in roles else pd.Series(None, index=table.index, dtype=object)

    parsed_dates = dates.parse_many(cell("date").dropna())
    rejected, rows = [], []
    for position, line in enumerate(table["line"]):
        values = {r: cell(r).iloc[position] for r in roles}
        if is_total(values.get("outlet")) or is_total(values.get("title")) or is_total(values.get("date")):
            continue
        if all(is_nan(v) or v == "" for v in values.values()):
            continue
        problem = None
        for role in ("date", "outlet", "title"):
            if is_nan(values.get(role)):
                problem = (role, None, "import.reason.missing")
                break
        period = parsed_dates.get(values.get("date")) if not problem else None
        if not problem and period is None:
            problem = ("date", values.get("date"), "import.reason.bad_date")
        audience = values.get("audience")
        audience_value = None if is_nan(audience) else parse_number(audience, partner_file.shape.decimal)
        if not problem and not is_nan(audience) and str(audience).strip().lower() not in settings.BLANKS \
                and audience_value is None:
            problem = ("audience", audience, "import.reason.not_a_number")
        if problem:
            role, value, reason = problem
            rejected.append({"line": line, "column": header_name(partner_file, roles[role]), "value": value,
                             "reason": t(reason)})
            continue
        campaign = result.campaign or values.get("campaign")
        rows.append({"campaign": campaign, "partner": result.partner, "published_on": period[0],
                     "outlet": str(values["outlet"]), "title": str(values["title"]),
                     "url": None if is_nan(values.get("url")) else str(values.get("url")).strip() or None,
                     "audience": audience_value, "sentiment": sentiment_of(values.get("sentiment"))})
    result.rejected = pd.DataFrame(rejected, columns=["line", "column", "value", "reason"])
    result.rows_rejected = len(rejected)
    press = pd.DataFrame(rows, columns=["campaign", "partner", "published_on", "outlet", "title", "url", "audience",
                                        "sentiment"])
    if not result.campaign and len(press):
        resolved = resolve_campaigns(store, press.rename(columns={"campaign": "d_campaign"}), {"campaign"}, result)
        press["campaign"] = resolved.to_numpy()
    result.press = press
    if press.empty and not result.errors:
        result.errors.append(t("import.error.nothing_left", file=result.file_name, count=result.rows_rejected))
    result.totals = {"press_mentions": float(len(press))}
    duplicates = int(press["url"].dropna().duplicated().sum())
    if duplicates:
        result.infos.append(t("import.info.press_duplicates", count=duplicates))
    compare_with_store(store, result)


# -- load -------------------------------------------------------------------------------------------------
