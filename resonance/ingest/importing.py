"""Importing partner reports: detect the file, propose a mapping, preview every problem, load in one transaction.

The page **Importer**, the command line (`python -m resonance import`) and other sources that
hand over a file (the "generic URL" connector) share this service:

    preview = importing.preview(store, data_or_path, "rapport juin.csv",
                                campaign="Match avec ton futur", partner="Tinder")
    preview.errors, preview.rejected, preview.warnings, preview.totals, preview.facts   # what the manager checks
    outcome = importing.load(store, preview, created_by="marie", accept_warnings=True, skip_rejected=True)
    outcome.ingestion_id, outcome.already_loaded, outcome.rows_loaded

- `preview(store, source, file_name, *, campaign=, partner=, campaign_map=, mapping=, sheet=, kind=,
  channel=, peso=, platform=, period=, progress=)` reads `source` (bytes of an upload, or a path: large
  files are streamed, never held in memory) and writes nothing. `mapping` ({header: role}) overrides the
  proposal; `campaign_map` ({name in the file: campaign}) resolves unknown campaign names and is
  remembered as aliases when loaded. `progress(fraction, label)` is called as the file is read.
- `load(store, preview, *, created_by=, accept_warnings=False, skip_rejected=False)` refuses (ImportRefused)
  a preview with errors, or with rejected rows / warnings not accepted; otherwise one transaction through
  `resonance.ingest.load`. The same file twice changes nothing (`already_loaded`); a newer file for the
  same partner, campaign and dates replaces those figures and keeps the old ones for undo.
- `history(store)`, `ingestion_totals(store)`, `undo(store, id)`, `add_picture(...)`.

Rates with a base become counts (CTR × impressions = clicks) and the conversion is noted in the
ingestion; rates without a base are kept as reported in `reported_rate`, never in `metric_fact`.
Totals and summary rows are recognised and left out (their figures are compared with the sum).
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

import queries
from connectors.partner_file import dates, engine, settings
from connectors.partner_file import mapping as column_mapping
from connectors.partner_file.mapping import header_key
from connectors.partner_file.reader import FileShape, PartnerFile, PartnerFileError, open_file
from resonance import formatting as fmt
from resonance.domain.metrics import CHANNELS, PESO
from resonance.domain.names import name_key
from resonance.errors import InputError
from resonance.i18n import TABLE, language, t
from resonance.ingest import load as ingest
from resonance.services import assets
from resonance.services.partnership import campaign_id as find_campaign
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership
from resonance.services.partnership import partner_id as find_partner
from resonance.store import Store

Progress = Callable[[float, str], None]
SOURCE = "file"
MAX_LISTED = 1000            # rejected rows listed one by one; beyond, counted
ROLE_CHOICES = settings.FACT_ROLES
PRESS_ROLE_CHOICES = (*settings.PRESS_ROLES, "campaign", settings.IGNORE)
FACT_COLUMNS = ["campaign", "partner", "channel", "peso", "platform", "period_start", "period_end", "metric", "value"]


class ImportRefused(InputError):
    """A file that will not be loaded as it is; the message names the file, the row, the column and the fix."""


@dataclass
class Preview:
    """What a file would bring, and every problem with it, before anything is written."""

    file_name: str
    sha256: str = ""
    kind: str = "facts"                          # facts | press
    shape: FileShape | None = None
    preset: str | None = None
    columns: pd.DataFrame = field(default_factory=pd.DataFrame)   # column, example, role, origin
    mapping: dict[str, str] = field(default_factory=dict)
    campaign: str | None = None
    partner: str | None = None
    campaign_map: dict[str, str] = field(default_factory=dict)
    facts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FACT_COLUMNS))
    press: pd.DataFrame = field(default_factory=pd.DataFrame)
    reported_rates: pd.DataFrame = field(default_factory=pd.DataFrame)
    totals: dict[str, float] = field(default_factory=dict)
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["line", "column", "value", "reason"]))
    rows_read: int = 0
    rows_rejected: int = 0
    totals_rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["line", "text", "note"]))
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    unknown_campaigns: list[str] = field(default_factory=list)
    new_partners: list[str] = field(default_factory=list)
    replaces: int = 0                            # stored figures this file would replace
    already_loaded_as: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_loaded(self) -> int:
        return len(self.facts) + len(self.press)


@dataclass
class Loaded:
    file_name: str
    ingestion_id: int | None
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_replaced: int = 0
    press_duplicates: int = 0
    already_loaded_as: int | None = None
    totals: dict[str, float] = field(default_factory=dict)

    @property
    def already_loaded(self) -> bool:
        return self.already_loaded_as is not None


# -- preview ----------------------------------------------------------------------------------------------
def preview(store: Store, source: bytes | str | Path, file_name: str | None = None, *, campaign: str | None = None,
            partner: str | None = None, campaign_map: dict[str, str] | None = None,
            mapping: dict[str, str] | None = None, sheet: str | None = None, kind: str | None = None,
            channel: str | None = None, peso: str | None = None, platform: str | None = None,
            period: tuple[date, date] | None = None, progress: Progress | None = None) -> Preview:
    """Read a partner file and say what it would bring; nothing is written."""
    name = file_name or (Path(source).name if isinstance(source, str | Path) else "fichier")
    result = Preview(file_name=name, campaign=_clean(campaign), partner=_clean(partner),
                     campaign_map={k: v for k, v in (campaign_map or {}).items() if _clean(k) and _clean(v)})
    try:
        partner_file = open_file(source, name, sheet=sheet, press=kind == "press",
                                 progress=(lambda f, _: progress(0.4 * f, "read")) if progress else None)
    except PartnerFileError as error:
        result.errors.append(str(error))
        return result
    with store.hold():           # the store is read several times below: opened once
        _preview_file(store, partner_file, result, mapping=mapping, kind=kind, channel=channel, peso=peso,
                      platform=platform, period=period, progress=progress)
    return result


def _preview_file(store, partner_file: PartnerFile, result: Preview, *, mapping, kind, channel, peso, platform, period,
                  progress) -> None:
    try:
        result.shape = partner_file.shape        # the hash is taken after parsing: it runs meanwhile
        headers = partner_file.shape.headers
        press = kind == "press" or (kind is None and column_mapping.looks_like_press(headers))
        result.kind = "press" if press else "facts"
        if not press:
            result.preset = column_mapping.detect_preset(headers)
        saved = _saved_mapping(store, result.partner) if not press else {}
        proposed, origin = column_mapping.propose(headers, preset=result.preset, saved=saved, press=press,
                                                   sample=partner_file.shape.sample)
        for header, role in (mapping or {}).items():
            if header in proposed:
                proposed[header] = role
                origin[header] = "manager"
        result.mapping = proposed
        result.columns = _columns_table(partner_file, proposed, origin)
        twice = sorted({r for r in proposed.values() if r not in ("label", settings.IGNORE)
                        and list(proposed.values()).count(r) > 1})
        if twice:
            result.errors.append(t("import.error.role_twice", file=result.file_name,
                                   roles=", ".join(t(f"import.role.{r}") for r in twice)))
            return
        if press:
            _preview_press(store, partner_file, result)
        else:
            if period is None and not getattr(partner_file.shape, "dated", True):
                period = partner_file.shape.period      # a file without dates: the period its title line states
            _preview_facts(store, partner_file, result, channel=channel, peso=peso, platform=platform,
                           period=period, progress=progress)
        if progress:
            progress(1.0, "done")
    finally:
        result.sha256 = partner_file.sha256
        partner_file.close()


def _clean(text: str | None) -> str | None:
    return text.strip() if isinstance(text, str) and text.strip() else None


def _saved_mapping(store: Store, partner: str | None) -> dict[str, str]:
    with store.read() as con:
        partner_id = find_partner(con, partner) if partner else 0
        if partner_id is None:
            return {}
        saved = queries.run(con, "import_saved_mapping", {"partner_id": partner_id})
    return dict(zip(saved["header"], saved["role"], strict=True))


def _columns_table(partner_file: PartnerFile, proposed: dict[str, str], origin: dict[str, str]) -> pd.DataFrame:
    rows = []
    for index, header in enumerate(partner_file.shape.headers):
        if not header:
            continue
        example = next((row[index] for row in partner_file.shape.sample if index < len(row) and row[index]), None)
        rows.append({"column": header, "example": example, "role": proposed.get(header, settings.IGNORE),
                     "origin": origin.get(header, "none")})
    return pd.DataFrame(rows, columns=["column", "example", "role", "origin"])


def _by_index(partner_file: PartnerFile, mapping: dict[str, str]) -> dict[int, str]:
    return {i: mapping[h] for i, h in enumerate(partner_file.shape.headers)
            if h and mapping.get(h, settings.IGNORE) != settings.IGNORE}


def _header(partner_file: PartnerFile, index: int) -> str:
    return partner_file.shape.headers[index]


# -- figures ----------------------------------------------------------------------------------------------
def _rate_scales(partner_file: PartnerFile, by_index: dict[int, str]) -> dict[int, float]:
    """A rate column without "%" in its cells is in percent points when its header says % or a value is above 1."""
    scales = {}
    for index, role in by_index.items():
        if role not in settings.RATES:
            continue
        header = _header(partner_file, index)
        values = []
        for row in partner_file.shape.sample:
            cell = row[index] if index < len(row) else None
            if cell and "%" not in cell:
                number = _number(cell, partner_file.shape.decimal)
                if number is not None:
                    values.append(number)
        scales[index] = 0.01 if column_mapping.is_percent_header(header) or any(v > 1 for v in values) else 1.0
    return scales


def _number(text, decimal: str) -> float | None:
    cleaned = str(text).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("%", "").replace("€", "")
    cleaned = cleaned.replace(".", "").replace(",", ".") if decimal == "," else cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _is_total(text) -> bool:
    if not isinstance(text, str):
        return False
    key = header_key(text)
    return any(key == word or key.startswith(word + " ") for word in settings.TOTAL_WORDS)


def _preview_facts(store, partner_file: PartnerFile, result: Preview, *, channel, peso, platform, period, progress):
    by_index = _by_index(partner_file, result.mapping)
    if result.campaign:        # the file's own campaign names then only describe rows (and reveal summary rows)
        by_index = {i: ("label" if r == "campaign" else r) for i, r in by_index.items()}
    roles = set(by_index.values())
    measured = roles & (set(settings.METRIC_ROLES) | set(settings.RATES))
    has_dates = bool(roles & {"date", "period_start", "period_end"}) or period is not None
    if not measured or not has_dates:
        found = ", ".join(h for h in partner_file.shape.headers if h) or "—"
        key = "import.error.no_figures" if not measured else "import.error.no_dates"
        result.errors.append(t(key, file=result.file_name, columns=found))
        return
    # a rate next to the count it would give adds nothing: not even parsed
    for index, role in list(by_index.items()):
        if role in settings.RATES and settings.RATES[role][0] in roles:
            by_index.pop(index)
            result.notes.setdefault("rates_ignored", []).append({"rate": role, "because": settings.RATES[role][0]})
    scales = _rate_scales(partner_file, by_index)
    con = engine.connect()
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
        flags = _classify(groups, partner_file, by_index, result, period)
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
        _build_facts(store, accepted, partner_file, by_index, result, channel, peso, platform)
        _check_totals_rows(groups, flags, accepted, result)
    finally:
        con.close()
    if result.rows_rejected and not result.errors and result.facts.empty and result.reported_rates.empty:
        result.errors.append(t("import.error.nothing_left", file=result.file_name, rejected=result.rows_rejected))
    _warn(store, result)
    _compare_with_store(store, result)


def _classify(groups: pd.DataFrame, partner_file, by_index, result: Preview, period) -> pd.DataFrame:
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
            total |= groups[f"d_{role}"].map(_is_total)
    # A summary row: no name where the other rows have one (Meta's first row), or no date at all.
    named = [c for c in ("d_campaign", "d_partner") if c in groups] + (["label_blank"] if "label" in roles else [])
    if named:
        blank_names = pd.Series(True, index=groups.index)
        for column in named:
            blank_names &= groups[column].isna() if column != "label_blank" else groups[column].fillna(True).astype(bool)
        if (~blank_names).any():
            total |= blank_names & has_figures
    if "date" in roles:
        parsed = dates.parse_many(groups["d_date"])
        starts = groups["d_date"].map(lambda v: parsed.get(v, (None, None))[0] if parsed.get(v) else None)
        ends = groups["d_date"].map(lambda v: parsed.get(v, (None, None))[1] if parsed.get(v) else None)
        date_text = groups["d_date"]
    else:
        texts = [v for c in ("d_period_start", "d_period_end") if c in groups for v in groups[c].dropna()]
        dayfirst = dates.day_first(texts)
        parsed = dates.parse_many(texts, dayfirst)
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
                              and not _is_nan(row.get(f"t_{i}")))
            totals.append({"line": row["line"], "text": text[:160]})
            continue
        if isinstance(reason, str):
            index = campaign_index if reason == "no_campaign" else date_index
            value = row.get(f"t_{index}") if index is not None else None
            rejected.append({"line": row["line"], "column": _header(partner_file, index) if index is not None else "",
                             "value": None if _is_nan(value) else value, "reason": t(f"import.reason.{reason}")})
            continue
        for index in by_index:
            if row.get(f"b_{index}"):
                value = row.get(f"t_{index}")
                formula = isinstance(value, str) and value.strip()[:1] in ("=", "+", "-", "@")
                rejected.append({"line": row["line"], "column": _header(partner_file, index), "value": value,
                                 "reason": t("import.reason.formula" if formula else "import.reason.not_a_number")})
    result.rejected = pd.DataFrame(rejected, columns=["line", "column", "value", "reason"])
    result.totals_rows = pd.DataFrame(totals, columns=["line", "text"])


def _is_nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check_totals_rows(groups, flags, accepted, result: Preview) -> None:
    """Say that totals rows were left out, and whether they agree with the sum of the rows."""
    totals = groups[flags["total"]]
    if totals.empty:
        return
    agreeing, differing = [], []
    for column in [f"s_{m}" for m in settings.METRIC_ROLES if f"s_{m}" in groups.columns]:
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


def _build_facts(store, accepted: pd.DataFrame, partner_file, by_index, result: Preview, channel, peso, platform):
    roles = set(by_index.values())
    preset = settings.PRESETS.get(result.preset or "", {})
    campaigns = _resolve_campaigns(store, accepted, roles, result)
    if result.errors:
        return
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
    rates = {}
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
    keys = [c for c in FACT_COLUMNS if c != "value"]
    facts = facts.groupby(keys, dropna=False, as_index=False, sort=True)["value"].sum()[FACT_COLUMNS]
    result.facts = facts
    result.totals = {m: float(v) for m, v in facts.groupby("metric")["value"].sum().items()}
    if rates:
        parts = [frame.assign(rate=rate, value=series, rows_behind=accepted[f"n_{rate}"]) for rate, series in rates.items()]
        reported = pd.concat(parts, ignore_index=True)
        result.reported_rates = reported[reported["value"].notna()][
            ["campaign", "partner", "platform", "period_start", "period_end", "rate", "value", "rows_behind"]]
        result.notes["rates_as_reported"] = sorted(rates)
    if "partner" in roles and not result.partner:
        with store.read() as con:
            names = sorted({p for p in facts["partner"].dropna().unique()})
            result.new_partners = [p for p in names if find_partner(con, p) is None]


def _resolve_campaigns(store, accepted: pd.DataFrame, roles, result: Preview) -> pd.Series:
    if result.campaign:
        return pd.Series(result.campaign, index=accepted.index)
    if "campaign" not in roles:
        result.errors.append(t("import.error.no_campaign", file=result.file_name))
        return pd.Series(dtype=object)
    with store.read() as con:
        known = {name_key(n): n for (n,) in con.execute("select name from campaign").fetchall()}
        aliases = queries.run(con, "import_campaign_aliases")
    alias_map = dict(zip(aliases["alias_key"], aliases["campaign"], strict=True))
    given = {name_key(k): v.strip() for k, v in result.campaign_map.items()}
    resolved, unknown = {}, []
    for raw in accepted["d_campaign"].dropna().unique():
        key = name_key(raw)
        if key in given:
            resolved[raw] = known.get(name_key(given[key]), given[key])
        elif key in known:
            resolved[raw] = known[key]
        elif key in alias_map:
            resolved[raw] = alias_map[key]
        else:
            unknown.append(raw)
    if unknown:
        result.unknown_campaigns = sorted(unknown)
        hints = " ".join(f'--map-campaign "{u}=…"' for u in result.unknown_campaigns[:5])
        result.errors.append(t("import.error.unknown_campaigns", file=result.file_name,
                               names=", ".join(f"« {u} »" for u in result.unknown_campaigns), hints=hints))
    return accepted["d_campaign"].map(resolved)


def _warn(store, result: Preview) -> None:
    """Suspicious values the manager must confirm (the command line refuses them unless --accept-warnings)."""
    facts = result.facts
    if facts.empty:
        return
    lang = language()
    # grouped by the keys that occur (a pivot with dropna=False built every start × end × platform: quadratic)
    wide = facts.groupby(["campaign", "period_start", "period_end", "platform", "metric"], sort=False,
                         dropna=False)["value"].sum().unstack("metric").reset_index()

    def first_day(rows) -> str:
        return fmt.day(rows["period_start"].iloc[0], lang)

    if {"clicks", "impressions"} <= set(wide.columns):
        over = wide[wide["clicks"] > wide["impressions"]]
        if len(over):
            result.warnings.append(t("import.warning.clicks_over_impressions", file=result.file_name,
                                     count=len(over), day=first_day(over)))
    base = "delivered" if "delivered" in wide.columns else "sends" if "sends" in wide.columns else None
    if base and "unique_opens" in wide.columns:
        over = wide[wide["unique_opens"] > wide[base]]
        if len(over):
            result.warnings.append(t("import.warning.open_rate_over_100", file=result.file_name, count=len(over),
                                     day=first_day(over)))
    if not result.reported_rates.empty:
        over = result.reported_rates[result.reported_rates["value"] > 1]
        if len(over):
            result.warnings.append(t("import.warning.rate_over_100", file=result.file_name, count=len(over),
                                     day=first_day(over)))
    negative = facts[facts["value"] < 0]
    for metric, rows in negative.groupby("metric"):
        result.warnings.append(t("import.warning.negative", file=result.file_name, metric=t(f"metric.{metric}"),
                                 count=len(rows), day=first_day(rows)))
    with store.read() as con:
        bounds = queries.run(con, "import_campaign_dates")
    bounds["key"] = bounds["name"].map(name_key)
    for campaign, rows in facts.groupby("campaign"):
        known = bounds[bounds["key"] == name_key(campaign)]
        if known.empty:
            continue
        start, end = known["start_date"].iloc[0], known["end_date"].iloc[0]
        outside = pd.Series(False, index=rows.index)
        if not fmt.is_missing(start) and start is not None:
            outside |= pd.to_datetime(rows["period_end"]) < pd.Timestamp(start)
        if not fmt.is_missing(end) and end is not None:
            outside |= pd.to_datetime(rows["period_start"]) > pd.Timestamp(end)
        if outside.any():
            days = rows[outside]
            result.warnings.append(t("import.warning.outside_campaign", file=result.file_name, campaign=campaign,
                                     count=int(days[["period_start", "period_end"]].drop_duplicates().shape[0]),
                                     day=first_day(days), start=fmt.day(start, lang), end=fmt.day(end, lang)))
    if result.new_partners:
        result.warnings.append(t("import.warning.new_partners", file=result.file_name,
                                 names=", ".join(f"« {p} »" for p in result.new_partners)))


def _ids(con, facts: pd.DataFrame, create: bool) -> pd.DataFrame | None:
    """Facts with campaign and partner ids (created when `create`), or None when one is not in the store yet."""
    out = facts.copy()
    campaign_ids, partner_ids = {}, {}
    for name in out["campaign"].dropna().unique():
        campaign_ids[name] = ensure_campaign(con, name) if create else find_campaign(con, name)
    for name in out["partner"].dropna().unique():
        partner_ids[name] = ensure_partner(con, name) if create else find_partner(con, name)
    if None in campaign_ids.values() or None in partner_ids.values():
        return None
    out["campaign_id"] = out["campaign"].map(campaign_ids).astype("int64")
    out["partner_id"] = out["partner"].map(partner_ids).astype("Int64")
    return out


def _scope(facts: pd.DataFrame) -> tuple[str | None, str | None]:
    campaigns = facts["campaign"].dropna().unique()
    partners = facts["partner"].dropna().unique() if "partner" in facts else []
    return (campaigns[0] if len(campaigns) == 1 else None,
            partners[0] if len(partners) == 1 else None)


def _compare_with_store(store, result: Preview) -> None:
    """Whether this very file is loaded already, and how many stored figures it would replace."""
    rows = result.facts if not result.facts.empty else result.press
    if rows.empty or result.errors:
        return
    with store.read() as con:
        if result.campaign and find_campaign(con, result.campaign) is None:
            result.infos.append(t("import.info.new_campaign", name=result.campaign))
        if result.partner and find_partner(con, result.partner) is None:
            result.infos.append(t("import.info.new_partner", name=result.partner))
    campaign, partner = _scope(rows) if "campaign" in rows else (result.campaign, result.partner)
    with store.read() as con:
        campaign_id = find_campaign(con, campaign) if campaign else None
        partner_id = find_partner(con, partner) if partner else None
        if (campaign is None or campaign_id is not None) and (partner is None or partner_id is not None):
            result.already_loaded_as = ingest.find_same_file(con, result.sha256, campaign_id, partner_id)
        if result.already_loaded_as is not None:
            result.infos.insert(0, t("import.info.already_loaded", file=result.file_name, id=result.already_loaded_as))
        if result.facts.empty:
            return
        with_ids = _ids(con, result.facts, create=False)
        if with_ids is None:
            return
        _settle(con)
        con.register("incoming_facts", with_ids)
        try:
            overlap = queries.run(con, "import_overlap", {})
        finally:
            con.unregister("incoming_facts")
    result.replaces = len(overlap)
    if len(overlap) and result.already_loaded_as is None:
        earlier = ", ".join(f"n°{i}" for i in sorted(overlap["ingestion_id"].unique()))
        result.infos.append(t("import.info.replaces", count=len(overlap), ingestions=earlier))


# -- press ------------------------------------------------------------------------------------------------
def _sentiment(text) -> str | None:
    key = header_key(text) if isinstance(text, str) else ""
    if isinstance(text, str) and text.strip() in ("+", "-", "="):
        key = text.strip()
    for sentiment, words in settings.SENTIMENTS.items():
        if key in words:
            return sentiment
    return None


def _preview_press(store, partner_file: PartnerFile, result: Preview) -> None:
    result.sha256 = partner_file.sha256
    by_index = _by_index(partner_file, result.mapping)
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
    con = engine.connect()
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
        if _is_total(values.get("outlet")) or _is_total(values.get("title")) or _is_total(values.get("date")):
            continue
        if all(_is_nan(v) or v == "" for v in values.values()):
            continue
        problem = None
        for role in ("date", "outlet", "title"):
            if _is_nan(values.get(role)):
                problem = (role, None, "import.reason.missing")
                break
        period = parsed_dates.get(values.get("date")) if not problem else None
        if not problem and period is None:
            problem = ("date", values.get("date"), "import.reason.bad_date")
        audience = values.get("audience")
        audience_value = None if _is_nan(audience) else _number(audience, partner_file.shape.decimal)
        if not problem and not _is_nan(audience) and str(audience).strip().lower() not in settings.BLANKS \
                and audience_value is None:
            problem = ("audience", audience, "import.reason.not_a_number")
        if problem:
            role, value, reason = problem
            rejected.append({"line": line, "column": _header(partner_file, roles[role]), "value": value,
                             "reason": t(reason)})
            continue
        campaign = result.campaign or values.get("campaign")
        rows.append({"campaign": campaign, "partner": result.partner, "published_on": period[0],
                     "outlet": str(values["outlet"]), "title": str(values["title"]),
                     "url": None if _is_nan(values.get("url")) else str(values.get("url")).strip() or None,
                     "audience": audience_value, "sentiment": _sentiment(values.get("sentiment"))})
    result.rejected = pd.DataFrame(rejected, columns=["line", "column", "value", "reason"])
    result.rows_rejected = len(rejected)
    press = pd.DataFrame(rows, columns=["campaign", "partner", "published_on", "outlet", "title", "url", "audience",
                                        "sentiment"])
    if not result.campaign and len(press):
        resolved = _resolve_campaigns(store, press.rename(columns={"campaign": "d_campaign"}), {"campaign"}, result)
        press["campaign"] = resolved.to_numpy()
    result.press = press
    if press.empty and not result.errors:
        result.errors.append(t("import.error.nothing_left", file=result.file_name, rejected=result.rows_rejected))
    result.totals = {"press_mentions": float(len(press))}
    duplicates = int(press["url"].dropna().duplicated().sum())
    if duplicates:
        result.infos.append(t("import.info.press_duplicates", count=duplicates))
    _compare_with_store(store, result)


# -- load -------------------------------------------------------------------------------------------------
def refusal(result: Preview, *, accept_warnings: bool = False, skip_rejected: bool = False) -> str | None:
    """Why this preview cannot be loaded as it stands (None when it can)."""
    if result.errors:
        return "\n".join(result.errors)
    if result.rows_rejected and not skip_rejected:
        first = result.rejected.head(3)
        detail = "; ".join(f"{t('import.line')} {r.line}, « {r.column} » : {r.reason}" for r in first.itertuples())
        return t("import.refused.rejected", file=result.file_name, count=result.rows_rejected, detail=detail or "—")
    if result.warnings and not accept_warnings:
        return t("import.refused.warnings", file=result.file_name, warnings=" ".join(result.warnings))
    return None


def load(store: Store, result: Preview, *, created_by: str = "system", accept_warnings: bool = False,
         skip_rejected: bool = False, source: str = SOURCE) -> Loaded:
    """Load a previewed file in one transaction: every accepted row with its ingestion record, or nothing."""
    reason = refusal(result, accept_warnings=accept_warnings, skip_rejected=skip_rejected)
    if reason:
        raise ImportRefused(reason)
    outcome = Loaded(file_name=result.file_name, ingestion_id=None, rows_rejected=result.rows_rejected)
    rows = result.press if result.kind == "press" else result.facts
    with store.transaction() as con:
        campaign, partner = _scope(rows)
        campaign_id = find_campaign(con, campaign) if campaign else None
        partner_id = find_partner(con, partner) if partner else None
        if (campaign is None or campaign_id is not None) and (partner is None or partner_id is not None):
            earlier = ingest.find_same_file(con, result.sha256, campaign_id, partner_id)
            if earlier is not None:
                outcome.already_loaded_as = earlier
                return outcome
        with_ids = _ids(con, rows, create=True)
        campaign_id = find_campaign(con, campaign) if campaign else None
        partner_id = find_partner(con, partner) if partner else None
        for campaign_name, partner_name in with_ids[["campaign", "partner"]].drop_duplicates().itertuples(index=False):
            if isinstance(partner_name, str):
                ensure_partnership(con, find_campaign(con, campaign_name), find_partner(con, partner_name))
        _remember(con, result, partner_id)
        notes = dict(result.notes)
        if result.warnings:
            notes["warnings_accepted"] = result.warnings
        notes["format"] = _format_note(result)
        _settle(con)
        loaded = ingest.load(
            store, source=source, con=con, file_name=result.file_name, sha256=result.sha256,
            facts=with_ids if result.kind == "facts" else None, press=with_ids if result.kind == "press" else None,
            campaign_id=campaign_id, partner_id=partner_id, rows_rejected=result.rows_rejected,
            mapping={h: r for h, r in result.mapping.items() if r != settings.IGNORE}, notes=notes,
            created_by=created_by)
        if loaded.already_loaded:
            outcome.already_loaded_as = loaded.already_loaded_as
            return outcome
        if not result.reported_rates.empty:
            rates = _ids(con, result.reported_rates, create=True)
            _settle(con)
            con.register("incoming_rates", rates)
            try:
                queries.execute(con, "import_insert_reported_rates", {"ingestion_id": loaded.ingestion_id})
            finally:
                con.unregister("incoming_rates")
    outcome.ingestion_id = loaded.ingestion_id
    outcome.rows_loaded = loaded.rows_loaded + loaded.press_loaded
    outcome.rows_replaced = loaded.rows_replaced
    outcome.press_duplicates = loaded.press_duplicates
    outcome.totals = loaded.totals
    return outcome


def _settle(con) -> None:
    """DuckDB 2 keeps a fetchone() result open; finish it before registering a frame on the connection."""
    con.execute("select 1").fetchall()


def _format_note(result: Preview) -> dict:
    shape = result.shape
    return {"kind": shape.kind, "encoding": shape.encoding, "separator": shape.separator, "decimal": shape.decimal,
            "title_lines": len(shape.title_lines), "sheet": shape.sheet, "preset": result.preset,
            "rows_read": result.rows_read}


def _remember(con, result: Preview, partner_id: int | None) -> None:
    """Save the mapping for the partner and the campaign names the manager resolved, for next time."""
    if result.kind == "facts" and result.mapping:
        saved = pd.DataFrame([{"header_key": header_key(h), "header": h, "role": r} for h, r in result.mapping.items()
                              if header_key(h)]).drop_duplicates("header_key", keep="last")
        _settle(con)
        con.register("incoming_mapping", saved)
        try:
            queries.execute(con, "import_save_mapping", {"partner_id": partner_id or 0})
        finally:
            con.unregister("incoming_mapping")
    for alias, campaign in result.campaign_map.items():
        if name_key(alias) == name_key(campaign):
            continue
        campaign_id = ensure_campaign(con, campaign)
        queries.execute(con, "import_save_alias", {"alias_key": name_key(alias), "alias": alias.strip(),
                                                   "campaign_id": campaign_id})


def import_file(store: Store, source: bytes | str | Path, file_name: str | None = None, *, created_by: str = "system",
                accept_warnings: bool = False, skip_rejected: bool = False, **options) -> tuple[Preview, Loaded]:
    """Preview and load in one call (for other sources that hand over a file); raises ImportRefused."""
    result = preview(store, source, file_name, **options)
    return result, load(store, result, created_by=created_by, accept_warnings=accept_warnings,
                        skip_rejected=skip_rejected)


# -- history, undo, pictures --------------------------------------------------------------------------------
def history(store: Store) -> pd.DataFrame:
    """Every ingestion, newest first, with what it brought and what it replaced."""
    with store.read() as con:
        return queries.run(con, "import_history")


def ingestion_totals(store: Store) -> dict[int, dict[str, float]]:
    with store.read() as con:
        rows = queries.run(con, "import_ingestion_totals")
    totals: dict[int, dict[str, float]] = {}
    for row in rows.itertuples(index=False):
        totals.setdefault(int(row.ingestion_id), {})[row.metric] = float(row.value)
    return totals


def undo(store: Store, ingestion_id: int, by: str = "system") -> dict[str, int]:
    """Remove exactly what an ingestion brought and put back what it replaced (raises IngestError)."""
    return ingest.undo(store, ingestion_id, by=by)


def add_picture(store: Store, data: bytes, file_name: str, *, campaign: str, partner: str | None = None,
                caption: str | None = None, taken_on: date | None = None, created_by: str = "system") -> int:
    """Store a picture of the deployment for a campaign (and partner); raises assets.AssetError with the reason.

    Without a date, the picture is dated the day it is added (the gallery shows every picture with its date).
    """
    assets.inspect(data, file_name)          # refuse before touching the store
    taken_on = taken_on or date.today()
    with store.transaction() as con:
        campaign_id = ensure_campaign(con, campaign)
        partner_id = ensure_partner(con, partner) if partner else None
        return assets.add_picture(con, data, file_name, campaign_id=campaign_id, partner_id=partner_id,
                                  caption=_clean(caption), taken_on=taken_on, created_by=created_by)


def as_json(result: Preview, outcome: Loaded | None) -> dict:
    """One file as the command line prints it with --json."""
    infos = list(result.infos) if outcome and outcome.already_loaded else []
    return {
        "id": (outcome.ingestion_id or outcome.already_loaded_as) if outcome else None,
        "file": result.file_name,
        "rows_loaded": outcome.rows_loaded if outcome else 0,
        "rows_rejected": result.rows_rejected,
        "totals": (outcome.totals if outcome and outcome.ingestion_id else {}) or {},
        "warnings": [*result.warnings, *infos],
        "errors": list(result.errors),
    }


def dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def choices(store: Store) -> tuple[list[str], list[str]]:
    """Campaign names (newest first) and partner names, for the page's pickers."""
    with store.read() as con:
        campaigns = queries.run(con, "campaign_list")["name"].tolist()
        partners = queries.run(con, "import_partners")["name"].tolist()
    return campaigns, partners


def pictures_of(store: Store, campaign: str) -> pd.DataFrame:
    """The campaign's pictures, as the gallery shows them."""
    with store.read() as con:
        campaign_id = find_campaign(con, campaign)
        if campaign_id is None:
            return pd.DataFrame(columns=["asset_id", "sha256", "mime", "caption", "partner", "taken_on"])
        pictures = queries.run(con, "campaign_assets", {"campaign_id": campaign_id})
    # a picture without a date: None, which the gallery writes "—" (formatting.day cannot read NaT)
    pictures["taken_on"] = pictures["taken_on"].astype(object).where(pictures["taken_on"].notna(), None)
    return pictures


def role_label(role: str) -> str:
    return t(f"import.role.{role}")


def column_label(column: str) -> str:
    """A preview table's column heading in the manager's language."""
    for key in (f"import.column.{column}", f"import.role.{column}"):
        if key in TABLE:
            return t(key)
    return column


def preset_name(preset: str) -> str:
    return settings.PRESETS[preset]["platform"]


def describe(history_rows: pd.DataFrame, ingestion_id: int) -> str:
    """One ingestion in a picker: "n°12 · rapport juin.csv · Match avec ton futur · 27/11/2026"."""
    row = history_rows[history_rows["id"] == ingestion_id].iloc[0]
    bits = [f"n°{ingestion_id}", row["file_name"] or row["source"]]
    if isinstance(row["campaign"], str):
        bits.append(row["campaign"])
    if isinstance(row["partner"], str):
        bits.append(row["partner"])
    bits.append(str(row["created_at"])[:16])
    return " · ".join(str(b) for b in bits)
