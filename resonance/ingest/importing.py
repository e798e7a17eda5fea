"""Importing partner reports: detect the file, propose a mapping, preview every problem, load in one transaction.

The page **Importer**, the command line (`python -m resonance import`) and other sources that
hand over a file (the "generic URL" connector) share this service:

    preview = importing.preview(store, data_or_path, "rapport juin.csv",
                                campaign="Match avec ton futur", partner="Tinder")
    preview.errors, preview.rejected, preview.warnings, preview.totals, preview.facts   # what the manager checks
    outcome = importing.load(store, preview, created_by="marie", accept_warnings=True, skip_rejected=True)
    outcome.ingestion_id, outcome.already_loaded, outcome.rows_loaded

- `preview(store, source, file_name, *, campaign=, partner=, campaign_map=, mapping=, sheet=, kind=,
  channel=, peso=, platform=, period=, progress=, date_column=, skip_campaigns=, partner_metrics=,
  outside_dates=, date_order=)` reads `source` (bytes of an upload, or a path: large files are streamed, never held in
  memory) and writes nothing; the store is only read, briefly, before and after the parse. `mapping`
  ({header: role}) overrides the proposal; `campaign_map` ({name in the file: campaign}) resolves campaign
  names and is remembered as aliases when loaded; `skip_campaigns` leaves labels of the file out (with
  `campaign`, a file of several labels is refused until they are decided: `preview.labels` lists them with
  their totals); `period` is what a file without dates covers (default: a title line's, else the
  campaign's dates, and the preview says so); `partner_metrics` ({header: PartnerMetric}) keeps numbers
  the vocabulary does not know as the partner's own metrics; `outside_dates` ("drop" | "extend") says
  what to do with days outside the campaign's dates (refused until chosen); `date_order` ("dmy" | "mdy")
  reads numeric dates day or month first (default: chosen by evidence, and said). `progress(fraction, label)`
  is called as the file is read.
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
from datetime import date
from pathlib import Path

import pandas as pd

import queries
from connectors.partner_file import mapping as column_mapping
from connectors.partner_file import settings
from connectors.partner_file.mapping import header_key
from connectors.partner_file.reader import PartnerFile, PartnerFileError, open_file
from resonance.domain.names import name_key
from resonance.i18n import quoted, t
from resonance.ingest import load as ingest
from resonance.ingest import partner_metrics, sandbox
from resonance.ingest.campaigns import attach_ids, scope_of, settle
from resonance.ingest.cells import clean
from resonance.ingest.facts import file_period, preview_facts
from resonance.ingest.history import (  # noqa: F401 - part of the import API (pages, CLI)
    add_picture,
    choices,
    column_label,
    describe,
    history,
    ingestion_totals,
    pictures_of,
    preset_name,
    role_label,
    undo,
)
from resonance.ingest.outcome import (  # noqa: F401 - the page's choices
    DATE_ORDERS,
    OUTSIDE_CHOICES,
    PRESS_ROLE_CHOICES,
    ROLE_CHOICES,
    SOURCE,
    ImportRefused,
    Loaded,
    Preview,
    Progress,
    said_after_load,
)
from resonance.ingest.outside import extend_campaigns
from resonance.ingest.partner_metrics import PartnerMetric
from resonance.ingest.press import preview_press
from resonance.services.partnership import campaign_id as find_campaign
from resonance.services.partnership import ensure_campaign, figures_landed
from resonance.services.partnership import partner_id as find_partner
from resonance.store import Store


# -- preview ----------------------------------------------------------------------------------------------
@sandbox.bounded(lambda name, sentence: Preview(file_name=name, errors=[sentence]))   # a bounded child process
def preview(store: Store, source: bytes | str | Path, file_name: str | None = None, *, campaign: str | None = None,
            partner: str | None = None, campaign_map: dict[str, str] | None = None,
            mapping: dict[str, str] | None = None, sheet: str | None = None, kind: str | None = None,
            channel: str | None = None, peso: str | None = None, platform: str | None = None,
            period: tuple[date, date] | None = None, progress: Progress | None = None,
            date_column: str | None = None, skip_campaigns: list[str] | None = None,
            partner_metrics: dict[str, PartnerMetric] | None = None, outside_dates: str | None = None,
            date_order: str | None = None) -> Preview:
    """Read a partner file and say what it would bring; nothing is written."""
    name = file_name or (Path(source).name if isinstance(source, str | Path) else "fichier")
    result = Preview(file_name=name, campaign=clean(campaign), partner=clean(partner),
                     campaign_map={k: v for k, v in (campaign_map or {}).items() if clean(k) and clean(v)},
                     skip_campaigns=[s for s in (skip_campaigns or []) if clean(s)], outside_dates=outside_dates,
                     date_order=date_order if date_order in DATE_ORDERS else None)
    mapping = dict(mapping or {})
    if date_column:          # the manager's date column: the only one that says when
        mapping = {h: r for h, r in mapping.items() if r not in ("date", "period_start", "period_end")}
        mapping[date_column] = "date"
    try:
        partner_file = open_file(source, name, sheet=sheet, press=kind == "press",
                                 progress=(lambda f, _: progress(0.4 * f, "read")) if progress else None)
    except PartnerFileError as error:
        result.errors.append(str(error))
        return result
    # Not inside store.hold(): the store stays free for pages and other imports while the file is parsed.
    _preview_file(store, partner_file, result, mapping=mapping, kind=kind, channel=channel, peso=peso,
                  platform=platform, period=period, progress=progress, given=partner_metrics or {})
    found = {header_key(h) for h in result.mapping}
    if date_column and header_key(date_column) not in found:
        result.errors.insert(0, t("import.error.no_such_column", file=name, column=date_column,
                                  columns=", ".join(h for h in result.mapping) or "—"))
    missing = [h for h in [*(k for k in mapping if k != date_column), *(partner_metrics or {})]
               if header_key(h) not in found]
    if missing and result.mapping:      # a header the manager named that the file does not have: a typo
        result.errors.insert(0, t("import.error.no_such_columns", file=name,
                                  names=", ".join(quoted(h) for h in missing),
                                  columns=", ".join(h for h in result.mapping) or "—"))
    return result


def _preview_file(store, partner_file: PartnerFile, result: Preview, *, mapping, kind, channel, peso, platform, period,
                  progress, given) -> None:
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
        by_key = {header_key(h): h for h in proposed}        # "Paid impressions" = "paid impressions"
        for header, role in (mapping or {}).items():
            if header_key(header) in by_key:
                proposed[by_key[header_key(header)]] = role
                origin[by_key[header_key(header)]] = "manager"
        if not press:
            _roles_the_cells_refuse(partner_file, result, proposed, origin)
            result.partner_metrics = partner_metrics.propose(
                partner_file, proposed, origin, remembered=partner_metrics.saved(store, result.partner),
                given=given, peso=peso or ("shared" if result.partner else "owned"), notes=result.infos,
                dated=period is not None or file_period(partner_file) is not None
                or any(r in ("date", "period_start", "period_end") for r in proposed.values()))
        # a ratio the partner's tool computed (eCPM, CPC, "… rate", "… %") is left out and said so: ours are
        # computed from the sums (METRICS.md); the manager can still keep one as a metric of the partner
        derived = [h for h, o in origin.items() if o == column_mapping.DERIVED]
        if derived:
            result.infos.append(t("import.info.derived_left_out", columns=", ".join(quoted(h) for h in derived)))
        # a column the tools' table knows and leaves out (Meta's "Clicks (all)" beside its link clicks, Pinterest's
        # "Pin clicks" beside its outbound clicks), or a second column for a role already taken: said, so that nothing
        # the file holds disappears unseen
        known_aside = [h for h, o in origin.items()
                       if o in ("preset", "synonym", "duplicate") and proposed.get(h) == settings.IGNORE]
        if known_aside:
            result.infos.append(t("import.info.known_left_out", columns=", ".join(quoted(h) for h in known_aside)))
        # amounts in another currency: never euros, and never gone without a word
        # (a ratio the tool computed is already named above, whatever its currency); a spend the vocabulary knows
        # ("Amount Spent" of Snapchat) written in dollars is not a spend in euros either: left out, unless the
        # manager chose its role
        foreign = {h: code for i, h in enumerate(partner_file.shape.headers)
                   if h and origin.get(h) not in (column_mapping.DERIVED, "manager")
                   and proposed.get(h) in (settings.IGNORE, "spend")
                   and (code := column_mapping.foreign_currency(
                       h, column_mapping.column_cells(i, partner_file.shape.sample)))}
        for header in foreign:
            proposed[header] = settings.IGNORE
        if foreign:
            result.infos.append(t("import.info.foreign_currency", first=next(iter(foreign)), columns=", ".join(
                quoted(h) if code.lower() in header_key(h).split() else f"{quoted(h)} ({code})"
                for h, code in foreign.items())))
        guessed = [h for h, o in origin.items() if o == "partner"]
        if guessed:
            result.infos.append(t("import.info.partner_metrics", names=", ".join(
                quoted(result.partner_metrics[h].label) for h in guessed)))
        result.mapping = proposed
        result.columns = _columns_table(partner_file, proposed, origin)
        twice = sorted({r for r in proposed.values() if r not in ("label", settings.IGNORE, partner_metrics.ROLE)
                        and list(proposed.values()).count(r) > 1})
        if twice:
            result.errors.append(t("import.error.role_twice", file=result.file_name,
                                   roles=", ".join(t(f"import.role.{r}") for r in twice)))
            return
        if press:
            preview_press(store, partner_file, result)
        else:
            if period is None and not partner_file.shape.dated:
                period = partner_file.shape.period      # a file without dates: the period its title line states
            preview_facts(store, partner_file, result, channel=channel, peso=peso, platform=platform,
                           period=period, progress=progress)
        if progress:
            progress(1.0, "done")
    finally:
        result.sha256 = partner_file.sha256
        partner_file.close()


def _roles_the_cells_refuse(partner_file: PartnerFile, result: Preview, proposed: dict, origin: dict) -> None:
    """A ratio is never a count (METRICS.md): mapped to one by hand or by last month's mapping, the file is refused
    (nothing is written) and the sentence says what to do. Nor is a spend in dollars one in euros, mapped by hand."""
    for index, header in enumerate(partner_file.shape.headers):
        role = proposed.get(header)
        if role in settings.METRIC_ROLES and origin.get(header) in ("manager", "saved"):
            cells = column_mapping.column_cells(index, partner_file.shape.sample)
            if column_mapping.is_derived_ratio(header, cells):
                result.errors.append(t("import.error.ratio_as_count", file=quoted(result.file_name),
                                       column=quoted(header), role=t(f"import.role.{role}")))
            elif role == "spend" and origin[header] == "manager" and (
                    code := column_mapping.foreign_currency(header, cells)):     # (saved: left out below, and said)
                result.errors.append(t("import.error.foreign_spend", file=quoted(result.file_name),
                                       column=quoted(header), currency=code, header=header))


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


# -- load -------------------------------------------------------------------------------------------------
def refusal(result: Preview, *, accept_warnings: bool = False, skip_rejected: bool = False) -> str | None:
    """Why this preview cannot be loaded as it stands (None when it can)."""
    if result.errors:
        return "\n".join(result.errors)
    if result.rows_rejected and not skip_rejected:
        first = result.rejected.head(3)
        detail = "; ".join(t("import.row_detail", line=r.line, column=quoted(r.column), reason=r.reason) for r in first.itertuples())
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
        campaign, partner = scope_of(rows)
        campaign_id = find_campaign(con, campaign) if campaign else None
        partner_id = find_partner(con, partner) if partner else None
        if (campaign is None or campaign_id is not None) and (partner is None or partner_id is not None):
            earlier = ingest.find_same_file(con, result.sha256, campaign_id, partner_id)
            if earlier is not None:
                outcome.already_loaded_as = earlier
                return outcome
        with_ids = attach_ids(con, rows, create=True)
        campaign_id = find_campaign(con, campaign) if campaign else None
        partner_id = find_partner(con, partner) if partner else None
        for campaign_name, partner_name in with_ids[["campaign", "partner"]].drop_duplicates().itertuples(index=False):
            if isinstance(partner_name, str):
                figures_landed(con, find_campaign(con, campaign_name), find_partner(con, partner_name))
        _remember(con, result, partner_id)
        extend_campaigns(con, result, find_campaign)
        notes = dict(result.notes)
        if result.warnings:
            notes["warnings_accepted"] = said_after_load(result.warnings)
        notes["format"] = _format_note(result)
        settle(con)
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
            rates = attach_ids(con, result.reported_rates, create=True)
            settle(con)
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
        settle(con)
        con.register("incoming_mapping", saved)
        try:
            queries.execute(con, "import_save_mapping", {"partner_id": partner_id or 0})
        finally:
            con.unregister("incoming_mapping")
    if result.kind == "facts" and result.partner_metrics:
        settle(con)
        con.register("incoming_partner_metrics", partner_metrics.definitions_frame(result.partner_metrics))
        try:
            for owner in _metric_owners(con, result, partner_id):
                queries.execute(con, "import_save_partner_metrics", {"partner_id": owner})
        finally:
            con.unregister("incoming_partner_metrics")
    for alias, campaign in result.campaign_map.items():
        if name_key(alias) == name_key(campaign):
            continue
        campaign_id = ensure_campaign(con, campaign)
        queries.execute(con, "import_save_alias", {"alias_key": name_key(alias), "alias": alias.strip(),
                                                   "campaign_id": campaign_id})


def _metric_owners(con, result: Preview, partner_id: int | None) -> list[int]:
    """Whom the partner metrics' definitions are saved for: the partner given, else each partner of the file's
    partner column (the review finds their labels by the figures' partner) and "no partner" (0), for next time."""
    if partner_id:
        return [partner_id]
    named = set()
    for frame in (result.facts, result.reported_rates):
        if not frame.empty and "partner" in frame:
            named |= {p for p in frame["partner"].dropna().unique() if isinstance(p, str)}
    return [0, *sorted(i for i in (find_partner(con, p) for p in named) if i)]


def as_json(result: Preview, outcome: Loaded | None) -> dict:
    """One file as the command line prints it with --json."""
    loaded = outcome is not None and outcome.ingestion_id is not None
    infos = list(result.infos) if outcome and outcome.already_loaded else []
    return {
        "id": (outcome.ingestion_id or outcome.already_loaded_as) if outcome else None,
        "file": result.file_name,
        "rows_loaded": outcome.rows_loaded if outcome else 0,
        "rows_rejected": result.rows_rejected,
        "totals": (outcome.totals if outcome and outcome.ingestion_id else {}) or {},
        "warnings": [*(said_after_load(result.warnings) if loaded else result.warnings), *infos],
        "errors": list(result.errors),
    }


def dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)
