"""Figures from a partner file: rows classified, rates turned into counts, totals checked, facts built."""
from __future__ import annotations

import math

import pandas as pd

import queries
from connectors.partner_file import dates, engine, settings
from connectors.partner_file import mapping as column_mapping
from connectors.partner_file.reader import PartnerFile
from resonance import formatting as fmt
from resonance.domain.metrics import CHANNELS, METRICS, PESO
from resonance.domain.names import name_key
from resonance.i18n import language, quoted, t
from resonance.ingest import date_order
from resonance.ingest import partner_metrics as custom
from resonance.ingest.campaigns import campaign_column, resolve_campaigns
from resonance.ingest.cells import header_name, is_nan, is_total, parse_number, roles_by_index
from resonance.ingest.checks import compare_with_store, warn
from resonance.ingest.outcome import FACT_COLUMNS, MAX_LISTED, Preview, totals_of
from resonance.ingest.outside import settle_outside_days
from resonance.services.partnership import partner_id as find_partner
from resonance.settings import settings as server_settings


def _rate_scales(partner_file: PartnerFile, by_index: dict[int, str]) -> dict[int, float]:
    """A rate column without "%" in its cells is in percent points when its header says % or a value is above 1."""
    scales = {}
    for index, role in by_index.items():
        if role not in settings.RATES:
            continue
        header = header_name(partner_file, index)
        values = []
        for row in partner_file.shape.sample:
            cell = row[index] if index < len(row) else None
            if cell and "%" not in cell:
                number = parse_number(cell, partner_file.shape.decimal)
                if number is not None:
                    values.append(number)
        scales[index] = 0.01 if column_mapping.is_percent_header(header) or any(v > 1 for v in values) else 1.0
    return scales


def preview_facts(store, partner_file: PartnerFile, result: Preview, *, channel, peso, platform, period, progress):
    by_index = roles_by_index(partner_file, result.mapping)
    # a partner-defined metric is summed by the engine under its column's own role
    by_index = {i: (custom.role_of_column(i) if r == custom.ROLE else r) for i, r in by_index.items()}
    by_index = campaign_column(partner_file, by_index, result)
    # a partner metric's scale ("Contacts (000)") is its definition's, applied once, below: not by the engine too
    engine_scales = partner_file.shape.scales
    if engine_scales:
        for index, role in by_index.items():
            if role.startswith(engine.PARTNER_ROLE_PREFIX):
                engine_scales.pop(index, None)
    roles = set(by_index.values())
    measured = {r for r in roles if r in engine.COUNTED or r in settings.RATES}
    has_dates = bool(roles & {"date", "period_start", "period_end"})
    found = ", ".join(h for h in partner_file.shape.headers if h) or "—"
    if not measured:
        result.errors.append(t("import.error.no_figures", file=result.file_name, columns=found))
        return
    if not has_dates:
        if period is not None:
            result.period_from = "manager"
        elif file_period(partner_file) is not None:
            period, result.period_from = file_period(partner_file), "file"
        else:
            period = _campaign_period(store, result)
        if period is None:
            result.errors.append(t("import.error.no_dates", file=result.file_name, columns=found))
            return
        result.period = period
        lang = language()
        key = {"manager": "import.info.period_from_manager", "file": "import.info.period_from_file"}.get(
            result.period_from, "import.info.period_from_campaign")
        result.infos.append(t(key, file=result.file_name,
                              start=fmt.day(period[0], lang), end=fmt.day(period[1], lang)))
    else:
        period = None        # the file's own dates win over a period given for files without any
    # a rate next to the count it would give adds nothing: not even parsed
    for index, role in list(by_index.items()):
        if role in settings.RATES and settings.RATES[role][0] in roles:
            by_index.pop(index)
            result.notes.setdefault("rates_ignored", []).append({"rate": role, "because": settings.RATES[role][0]})
            result.infos.append(t("import.info.real_column_wins", rate=t(f"import.role.{role}"),
                                  count=t(f"metric.{settings.RATES[role][0]}")))
    scales = _rate_scales(partner_file, by_index)
    con = engine.connect(server_settings().duckdb_threads)
    try:
        try:
            parsed = engine.parse(con, partner_file, by_index, scales,
                                  progress=(lambda f, _: progress(0.4 + 0.5 * f, "parse")) if progress else None)
        except Exception as error:      # DuckDB names the line it could not read (encoding, quotes)
            result.errors.append(t("import.error.unreadable", file=result.file_name, error=str(error).splitlines()[0]))
            return
        result.rows_read = parsed.rows
        result.sha256 = partner_file.sha256
        if parsed.rows == 0:
            result.errors.append(t("import.error.header_only", file=result.file_name))
            return
        groups = parsed.groups
        flags = _classify(store, groups, partner_file, by_index, result, period)
        flagged = groups[flags["reason"].notna()].assign(reason=flags["reason"][flags["reason"].notna()])
        if parsed.bad_columns or len(flagged):
            located = engine.locate(con, partner_file, by_index, scales, flagged if len(flagged) else None,
                                    limit=MAX_LISTED)
            _describe_rows(located, partner_file, by_index, result)
        accepted = groups[flags["keep"]].copy()
        accepted_periods = flags.loc[flags["keep"], ["period_start", "period_end"]]
        accepted["period_start"] = accepted_periods["period_start"].to_numpy()
        accepted["period_end"] = accepted_periods["period_end"].to_numpy()
        result.rows_rejected = int(groups.loc[~flags["total"], "n_bad"].sum()) \
            + int(groups.loc[flags["rejected"], "n_rows"].sum())
    finally:
        con.close()
    with store.hold():           # the file is parsed: the store is read a few times now, opened once
        _build_facts(store, accepted, partner_file, by_index, result, channel, peso, platform,
                     seen=groups["d_campaign"].dropna().unique() if "d_campaign" in groups else (),
                     totals=groups[flags["total"]])
        _check_totals_rows(groups, flags, accepted, result)
        settle_outside_days(store, result)
        if result.rows_rejected and not result.errors and result.facts.empty and result.reported_rates.empty:
            result.errors.append(t("import.error.nothing_left", file=result.file_name, count=result.rows_rejected))
        warn(store, result)
        compare_with_store(store, result)


def file_period(partner_file: PartnerFile):
    """The period a title line of the file states ("Période : du 02/06/2025 au 13/07/2025"), when the reader found one."""
    return partner_file.shape.period


def _campaign_period(store, result: Preview):
    """The campaign's dates, for a file without dates when the manager gave no period (the preview says so)."""
    if not result.campaign:
        return None
    with store.read() as con:
        bounds = queries.run(con, "import_campaign_dates")
    known = bounds[bounds["name"].map(name_key) == name_key(result.campaign)]
    if known.empty or fmt.is_missing(known["start_date"].iloc[0]) or fmt.is_missing(known["end_date"].iloc[0]):
        return None
    result.period_from = "campaign"
    return pd.Timestamp(known["start_date"].iloc[0]).date(), pd.Timestamp(known["end_date"].iloc[0]).date()


def _classify(store, groups: pd.DataFrame, partner_file, by_index, result: Preview, period) -> pd.DataFrame:
    """Per group: its period, whether it is a totals/summary row, rejected (and why), or kept."""
    flags = pd.DataFrame(index=groups.index)
    flags["reason"] = None
    flags["period_start"] = None
    flags["period_end"] = None
    roles = set(by_index.values())
    metric_sums = [c for c in groups.columns if c.startswith("s_")]
    has_figures = groups[metric_sums].notna().any(axis=1) if metric_sums else pd.Series(False, index=groups.index)
    total = groups["label_total"].fillna(False).astype(bool)
    for role in ("date", "period_start", "period_end", "campaign", "partner", "platform"):
        if f"d_{role}" in groups:
            total |= groups[f"d_{role}"].map(is_total)
    # A summary row: no name where the other rows have one (Meta's first row), or no date at all.
    named = [c for c in ("d_campaign", "d_partner") if c in groups] + (["label_blank"] if "label" in roles else [])
    if named:
        blank_names = pd.Series(True, index=groups.index)
        for column in named:
            blank_names &= groups[column].isna() if column != "label_blank" else groups[column].fillna(True).astype(bool)
        if (~blank_names).any():
            total |= blank_names & has_figures
    # day/month or month/day by evidence, the campaign's dates among it (6/2/2026 from LinkedIn is June 2)
    names = groups["d_campaign"].dropna().unique() if "d_campaign" in groups else ()
    if "date" in roles:
        dayfirst = date_order.read(store, groups["d_date"], partner_file, result, names)
        parsed = dates.parse_many(groups["d_date"], dayfirst)
        if dates.monthly(parsed.values()):
            parsed = _as_months(partner_file, by_index, result, parsed)
        starts = groups["d_date"].map(lambda v: parsed.get(v, (None, None))[0] if parsed.get(v) else None)
        ends = groups["d_date"].map(lambda v: parsed.get(v, (None, None))[1] if parsed.get(v) else None)
        date_text = groups["d_date"]
    else:
        texts = [v for c in ("d_period_start", "d_period_end") if c in groups for v in groups[c].dropna()]
        parsed = dates.parse_many(texts, date_order.read(store, texts, partner_file, result, names))
        starts = groups["d_period_start"].map(lambda v: _first(parsed.get(v), 0)) \
            if "d_period_start" in groups else pd.Series(None, index=groups.index)
        ends = groups["d_period_end"].map(lambda v: _first(parsed.get(v), 1)) \
            if "d_period_end" in groups else starts
        if "d_period_start" not in groups:
            starts = ends
        date_text = groups.get("d_period_start", groups.get("d_period_end"))
    if period is not None and date_text is None:
        starts = pd.Series([period[0]] * len(groups), index=groups.index)
        ends = pd.Series([period[1]] * len(groups), index=groups.index)
        date_text = pd.Series(["-"] * len(groups), index=groups.index)
    dated = starts.notna() & ends.notna()
    # a row without any date among dated rows is a total too (a hand-made sheet's last line)
    if dated.any():
        total |= date_text.isna() & has_figures & ~dated
    empty = ~has_figures & (groups["n_bad"] == 0)
    flags["total"] = total & ~empty
    flags["period_start"] = starts
    flags["period_end"] = ends
    bad_date = ~flags["total"] & ~empty & ~dated
    flags.loc[bad_date & date_text.notna(), "reason"] = "bad_date"
    flags.loc[bad_date & date_text.isna(), "reason"] = "no_date"
    reversed_period = dated & (starts > ends).fillna(False)
    flags.loc[reversed_period & ~flags["total"], "reason"] = "reversed"
    if "campaign" in roles and not result.campaign:
        missing = groups["d_campaign"].isna() & ~flags["total"] & ~empty & flags["reason"].isna()
        flags.loc[missing, "reason"] = "no_campaign"
    flags["rejected"] = flags["reason"].notna()
    flags.loc[flags["total"], "reason"] = "total"
    flags["keep"] = ~flags["total"] & ~flags["rejected"] & ~empty
    return flags


def _as_months(partner_file, by_index, result: Preview, parsed: dict) -> dict:
    """Each row of a monthly file read as its whole month, and said, with the way back to single days."""
    header = header_name(partner_file, next(i for i, r in by_index.items() if r == "date"))
    written = sorted((period, text) for text, period in parsed.items() if period is not None)
    result.infos.append(t("import.info.read_as_months", file=quoted(result.file_name), column=quoted(header),
                          first=dates.as_written(written[0][1]), last=dates.as_written(written[-1][1]), header=header))
    return {text: dates.month_of(period) for text, period in parsed.items()}


def _first(period, index):
    return period[index] if period else None


def _describe_rows(located: pd.DataFrame, partner_file: PartnerFile, by_index, result: Preview) -> None:
    rejected, totals = [], []
    date_index = next((i for i, r in by_index.items() if r in ("date", "period_start", "period_end")), None)
    campaign_index = next((i for i, r in by_index.items() if r == "campaign"), None)
    for row in located.itertuples(index=False):
        row = row._asdict()
        reason = row.get("reason")
        if reason == "total":
            text = " · ".join(str(row[f"t_{i}"]) for i in sorted(by_index) if row.get(f"t_{i}") not in (None, "")
                              and not is_nan(row.get(f"t_{i}")))
            totals.append({"line": row["line"], "text": text[:160]})
            continue
        if isinstance(reason, str):
            index = campaign_index if reason == "no_campaign" else date_index
            value = row.get(f"t_{index}") if index is not None else None
            rejected.append({"line": row["line"], "column": header_name(partner_file, index) if index is not None else "",
                             "value": None if is_nan(value) else value, "reason": t(f"import.reason.{reason}")})
            continue
        for index in by_index:
            if row.get(f"b_{index}"):
                value = row.get(f"t_{index}")
                formula = isinstance(value, str) and value.strip()[:1] in ("=", "+", "-", "@")
                rejected.append({"line": row["line"], "column": header_name(partner_file, index), "value": value,
                                 "reason": t("import.reason.formula" if formula else "import.reason.not_a_number")})
    result.rejected = pd.DataFrame(rejected, columns=["line", "column", "value", "reason"])
    result.totals_rows = pd.DataFrame(totals, columns=["line", "text"])


def _check_totals_rows(groups, flags, accepted, result: Preview) -> None:
    """Say that totals rows were left out, and whether they agree with the sum of the rows."""
    totals = groups[flags["total"]]
    if totals.empty:
        return
    agreeing, differing = [], []
    # A de-duplicated reach (or any figure that does not add up) is never checked against a sum of rows.
    for column in [f"s_{m}" for m in settings.METRIC_ROLES if f"s_{m}" in groups.columns
                   and (m not in METRICS or METRICS[m].additive)]:
        stated = totals[column].dropna()
        if stated.empty:
            continue
        metric = column[2:]
        summed = accepted[column].sum()
        (agreeing if any(math.isclose(v, summed, rel_tol=0.01, abs_tol=1) for v in stated) else differing).append(metric)
    count = int(totals["n_rows"].sum())
    lines = ", ".join(str(x) for x in result.totals_rows["line"].head(5)) or "—"
    result.infos.append(t("import.info.totals_rows", count=count, lines=lines))
    result.notes["totals_rows_left_out"] = {"rows": count, "agree": agreeing, "differ": differing}
    if differing:
        result.infos.append(t("import.info.totals_differ", metrics=", ".join(t(f"metric.{m}") for m in differing)))


def _build_facts(store, accepted: pd.DataFrame, partner_file, by_index, result: Preview, channel, peso, platform,
                 seen=(), totals=None):
    roles = set(by_index.values())
    preset = settings.PRESETS.get(result.preset or "", {})
    campaigns = resolve_campaigns(store, accepted, roles, result, seen=seen)
    if result.errors:
        return
    kept = campaigns.notna()         # the labels the manager left out go no further
    accepted, campaigns = accepted[kept], campaigns[kept]
    frame = pd.DataFrame({
        "campaign": campaigns,
        "partner": accepted["d_partner"] if "partner" in roles and not result.partner else result.partner,
        "platform": accepted["d_platform"].fillna(platform or preset.get("platform") or "")
        if "platform" in roles else (platform or preset.get("platform") or ""),
        "period_start": accepted["period_start"], "period_end": accepted["period_end"],
    }, index=accepted.index)
    conversions = []
    values = {}
    for role in settings.METRIC_ROLES:
        if f"s_{role}" in accepted:
            values[role] = accepted[f"s_{role}"]
    rates, rows_behind = {}, {}
    custom_peso = {}
    as_reported_from_total = []
    for index, role in by_index.items():
        definition = result.partner_metrics.get(header_name(partner_file, index))
        if definition is None or role != custom.role_of_column(index) or f"s_{role}" not in accepted:
            continue
        scaled = accepted[f"s_{role}"] * definition.scale
        if definition.additive:
            values[definition.metric] = scaled
            custom_peso[definition.metric] = definition.peso
        else:            # a GRP, a coverage: kept as reported, never summed (a group of several rows says nothing)
            single = accepted["n_rows"] == 1
            rates[definition.metric], rows_behind[definition.metric] = scaled.where(single), accepted["n_rows"]
            if not single.all() or _stated_total(totals, partner_file, role, definition) is not None:
                as_reported_from_total.append((role, definition))
    for rate, (count, bases) in settings.RATES.items():
        if f"s_{rate}" not in accepted:
            continue
        base = next((b for b in bases if f"x_{rate}_{b}" in accepted), None)
        if base is not None:
            values[count] = accepted[f"x_{rate}_{base}"].round()
            conversions.append({"rate": rate, "base": base, "into": count})
            result.infos.append(t("import.info.rate_converted", rate=t(f"import.role.{rate}"), base=t(f"metric.{base}"),
                                  count=t(f"metric.{count}")))
        else:
            rates[rate] = accepted[f"s_{rate}"] / accepted[f"n_{rate}"].where(accepted[f"n_{rate}"] > 0)
            rows_behind[rate] = accepted[f"n_{rate}"]
            result.infos.append(t("import.info.rate_kept", rate=t(f"import.role.{rate}")))
    if conversions:
        result.notes["conversions"] = conversions
    default_channel = channel or preset.get("channel") or (
        "email" if roles & {"sends", "delivered", "unique_opens", "email_clicks"} else "web")
    has_partner = bool(result.partner) or "partner" in roles
    default_peso = peso or ("shared" if has_partner else "paid" if preset.get("paid") else "owned")
    if default_channel not in CHANNELS or default_peso not in PESO:
        result.errors.append(t("import.error.channel", channel=default_channel, peso=default_peso))
        return
    frame["channel"] = default_channel
    frame["peso"] = default_peso
    long_parts = []
    for metric, series in values.items():
        part = frame.assign(metric=metric, value=series)
        long_parts.append(part[part["value"].notna()])
    facts = pd.concat(long_parts, ignore_index=True) if long_parts else pd.DataFrame(columns=FACT_COLUMNS)
    facts["partner"] = facts["partner"].where(facts["partner"].notna(), None)
    for metric, kind in custom_peso.items():          # a partner's own figure keeps the kind the manager gave it
        facts.loc[facts["metric"] == metric, "peso"] = kind
    keys = [c for c in FACT_COLUMNS if c != "value"]
    facts = facts.groupby(keys, dropna=False, as_index=False, sort=True)["value"].sum()[FACT_COLUMNS]
    result.facts = facts
    result.totals = totals_of(facts)
    if rates:
        parts = [frame.assign(rate=rate, value=series, rows_behind=rows_behind[rate]) for rate, series in rates.items()]
        reported = pd.concat(parts, ignore_index=True)
        result.reported_rates = reported[reported["value"].notna()][
            ["campaign", "partner", "platform", "period_start", "period_end", "rate", "value", "rows_behind"]]
        result.notes["rates_as_reported"] = sorted(rates)
    for role, definition in as_reported_from_total:
        _as_reported_from_total(_stated_total(totals, partner_file, role, definition), frame, definition, result)
    if "partner" in roles and not result.partner:
        with store.read() as con:
            names = sorted({p for p in facts["partner"].dropna().unique()})
            result.new_partners = [p for p in names if find_partner(con, p) is None]


def _stated_total(totals, partner_file: PartnerFile, role: str, definition) -> float | None:
    """The one figure the file's total row states for a column: a total row the engine met, else one the reader
    left out (`FileShape.totals_rows`: "All ad sets", "TOTAL" under the table); None when none or several."""
    stated = list(totals[f"s_{role}"].dropna()) if totals is not None and f"s_{role}" in totals else []
    if not stated:
        stated = [r["values"][definition.header] for r in partner_file.shape.totals_rows
                  if r.get("values", {}).get(definition.header) is not None]
    return float(stated[0]) if len(stated) == 1 else None


def _as_reported_from_total(stated: float | None, frame, definition, result: Preview) -> None:
    """A figure as reported (a GRP per station, a de-duplicated reach per ad set): the one the file's total row
    states for the whole file wins over the rows'; without it, rows that were grouped say nothing."""
    if stated is None or frame.empty:
        result.infos.append(t("import.info.as_reported_unstated", label=definition.label))
        return
    row = frame.iloc[[0]].assign(period_start=frame["period_start"].min(), period_end=frame["period_end"].max(),
                                 rate=definition.metric, value=stated * definition.scale, rows_behind=1)
    kept = result.reported_rates
    kept = kept[kept["rate"] != definition.metric] if not kept.empty else kept
    columns = ["campaign", "partner", "platform", "period_start", "period_end", "rate", "value", "rows_behind"]
    result.reported_rates = pd.concat([kept, row[columns]], ignore_index=True)
