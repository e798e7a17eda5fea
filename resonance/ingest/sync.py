"""Sync: runs the connectors of the declared and configured sources and hands their rows to the ingest layer.

For each source: decide `since` from what is already loaded (re-asking the last days, which
platforms still correct), fetch every row over HTTP with the store closed, resolve the source's
labels to campaigns and partners, then load everything in one transaction together with the run's
record — all of it lands or none of it does. Labels that match no campaign are reported with their
volumes, not dropped silently. One failing source never stops the others; every run is recorded.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

import connectors
import queries
from connectors import ConnectorError, guard
from connectors import settings as connector_settings
from connectors.http import Client, scrub
from resonance.errors import ResonanceError
from resonance.i18n import t
from resonance.ingest import importing, labels
from resonance.ingest import load as ingest
from resonance.services import secrets, sources
from resonance.services.sources import Source
from resonance.store import Store

log = logging.getLogger("resonance.sync")
Progress = Callable[[float, str], None]


@dataclass
class SourceResult:
    """What one source's sync did, as the page and the command line show it."""

    name: str
    kind: str
    status: str = "ok"                       # ok | error
    rows: int = 0                            # figures + articles loaded
    rows_replaced: int = 0
    press_duplicates: int = 0
    totals: dict[str, float] = field(default_factory=dict)
    unmapped_labels: list[dict] = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    error: str | None = None
    since: date | None = None
    until: date | None = None
    run_id: int | None = None
    ingestion_id: int | None = None

    def as_json(self) -> dict:
        return {"name": self.name, "status": self.status, "rows": self.rows, "totals": self.totals,
                "unmapped_labels": self.unmapped_labels, "error": self.error,
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "notes": self.notes, "ingestion_id": self.ingestion_id}


# -- the cursor -----------------------------------------------------------------------------------------------
def decide_since(store: Store, source: Source, today: date) -> date:
    """The first day to ask: the last day loaded minus the look-back, or the source's `since` the first time."""
    with store.read() as con:
        cursor = queries.run(con, "sync_cursor", {"source": source.name}).iloc[0]
    loaded = _day(cursor["last_loaded_day"])
    if loaded is None:
        return source.since or today - timedelta(days=connector_settings.FIRST_SYNC_DAYS)
    synced = _day(cursor["last_synced_day"])
    last = max(d for d in (loaded, synced) if d is not None)
    start = last - timedelta(days=source.lookback)
    return max(start, source.since) if source.since else start


def _day(value) -> date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


# -- one source ---------------------------------------------------------------------------------------------------
def _token(source: Source, client: Client | None = None, store: Store | None = None) -> str | None:
    """The source's secret, bound in the client to the hosts an admin allowed for it (sent nowhere else)."""
    found = secrets.credential(source, store=store)
    if found is None:
        return None
    name, token, hosts = found
    if not token and connectors.kind(source.kind).needs_token:
        if source.secret:
            raise ConnectorError(source.name, t("sources.no_secret_value", source=source.name, secret=name), "secret")
        raise ConnectorError(source.name, t("sync.no_token", source=source.name, token_env=name), "secret")
    if client is not None:
        client.bind(name, token, hosts)
    return token


def check_source(source: Source, client: Client | None = None, store: Store | None = None) -> tuple[str, str]:
    """("reachable" | "unreachable" | "refused", a French sentence): what "Tester" says — never the answer's body.

    A refused address is refused before any connection, so an open and a closed port answer the same.
    """
    own = client is None
    client = client or Client()
    host = guard.safe_host(source.url) if source.url else source.platform_name
    try:
        token = _token(source, client, store)
        connector = connectors.build(source, client, token)
        connector.ping()                             # its answer is not shown: only that it came
        host = _first_host(source, connector) or host
        return "reachable", t("connectors.test.reachable", source=source.name, host=host)
    except guard.RequestRefused as refused:
        return "refused", t("connectors.test.refused", source=source.name, host=host, why=refused.why)
    except sources.SourcesError:
        return "refused", t("connectors.test.refused", source=source.name, host=host, why=t("connectors.test.why.config"))
    except ConnectorError as error:
        key = f"connectors.test.why.{error.reason}"
        key = key if key in _WHY else "connectors.test.why.answer"
        return "unreachable", t("connectors.test.unreachable", source=source.name, host=host, why=t(key))
    except Exception:  # noqa: BLE001 - a broken source must say so, not crash the page (and not show what it got)
        log.exception("%s: test failed", source.name)
        return "unreachable", t("connectors.test.unreachable", source=source.name, host=host,
                                why=t("connectors.test.why.answer"))
    finally:
        if own:
            client.close()


_WHY = {f"connectors.test.why.{k}" for k in ("timeout", "unreachable", "status", "auth", "answer", "secret", "config")}


def _first_host(source: Source, connector) -> str | None:
    base = getattr(connector, "base", None) or getattr(connector, "endpoint", None) or source.url
    return guard.safe_host(base) if base else None


def test_connection(source: Source, client: Client | None = None, store: Store | None = None) -> tuple[bool, str]:
    """Ask the source something small and say whether it is reachable (see check_source)."""
    state, message = check_source(source, client, store)
    return state == "reachable", message


def sync_source(store: Store, source: Source, *, since: date | None = None, today: date | None = None,
                client: Client | None = None, by: str = "system") -> SourceResult:
    """Sync one source; never raises for a source problem: the result (and the run record) say what failed."""
    today = today or date.today()
    result = SourceResult(source.name, source.kind, until=today)
    own = client is None
    client = client or Client()
    token = None
    requests_before = client.requests_made
    try:
        result.since = since or decide_since(store, source, today)
        with store.transaction() as con:
            result.run_id = _start(con, source, result.since, today, by)
        token = _token(source, client, store)
        connector = connectors.build(source, client, token)
        if hasattr(connector, "file"):
            _sync_file(store, source, connector, result, by)
            with store.transaction() as con:
                _finish(con, result, client.requests_made - requests_before)
            return result
        items = list(connector.fetch(result.since, today))
        with store.transaction() as con:
            facts, press, result.unmapped_labels, result.notes = labels.frames(con, source, items)
            result.notes.update({"since": result.since.isoformat(), "until": today.isoformat()})
            if len(facts) or len(press):
                loaded = ingest.load(store, source=source.name, facts=facts, press=press,
                                     campaign_id=_single(facts, press, "campaign_id"),
                                     partner_id=_single(facts, press, "partner_id"),
                                     notes={"sync": result.notes, "unmapped_labels": result.unmapped_labels},
                                     created_by=by, con=con)
                result.rows = loaded.rows_loaded + loaded.press_loaded
                result.rows_replaced = loaded.rows_replaced
                result.press_duplicates = loaded.press_duplicates
                result.totals = loaded.totals
                result.ingestion_id = loaded.ingestion_id
            _finish(con, result, client.requests_made - requests_before)
        log.info("%s: %d rows loaded", source.name, result.rows)
    except Exception as error:  # noqa: BLE001 - one failing source never stops the others
        result.status = "error"
        result.rows, result.totals, result.ingestion_id = 0, {}, None
        if isinstance(error, ResonanceError):
            result.error = scrub(str(error), [token])
        else:
            log.exception("%s: unexpected failure", source.name)
            result.error = scrub(t("sync.unexpected", source=source.name, error=type(error).__name__), [token])
        log.info("%s: %s", source.name, result.error)     # the summary says it; no second copy on stderr
        try:
            with store.transaction() as con:
                if result.run_id is None:
                    result.run_id = _start(con, source, result.since, today, by)
                _finish(con, result, client.requests_made - requests_before)
        except Exception:  # noqa: BLE001 - the store itself is unavailable; the result still says what failed
            log.exception("%s: the run could not be recorded", source.name)
    finally:
        if own:
            client.close()
    return result


def _sync_file(store: Store, source: Source, connector, result: SourceResult, by: str) -> None:
    """A report published at a URL goes through the import engine, exactly like an uploaded file."""

    data, file_name = connector.file()
    mapped = sources.label_mappings(store, source.name)
    campaign_map = {**source.campaigns, **{r.label: r.campaign for r in mapped.itertuples() if isinstance(r.campaign, str)}}
    preview = importing.preview(store, data, file_name, campaign=source.campaign, partner=source.partner,
                                campaign_map=campaign_map, channel=source.channel, peso=source.peso,
                                platform=source.platform)
    result.unmapped_labels = [{"label": name, "volumes": {}, "reason": t("sync.no_campaign")}
                              for name in preview.unknown_campaigns]
    reason = importing.refusal(preview, accept_warnings=True)
    if reason:
        raise ConnectorError(source.name, reason)
    loaded = importing.load(store, preview, created_by=by, accept_warnings=True, source=source.name)
    result.notes = {"file_name": file_name, "sha256": preview.sha256, "warnings_accepted": importing.said_after_load(preview.warnings),
                    "since": result.since.isoformat() if result.since else None}
    if loaded.already_loaded:
        result.notes["already_loaded_as"] = loaded.already_loaded_as
        return
    result.rows, result.rows_replaced = loaded.rows_loaded, loaded.rows_replaced
    result.press_duplicates, result.totals, result.ingestion_id = loaded.press_duplicates, loaded.totals, loaded.ingestion_id


def _start(con, source: Source, since: date | None, until: date, by: str) -> int:
    started = queries.run(con, "sync_run_start", {"source": source.name, "kind": source.kind, "since": since,
                                                  "until": until, "triggered_by": by})
    return int(started["id"].iloc[0])


def _single(facts: pd.DataFrame, press: pd.DataFrame, column: str):
    values = set()
    for frame in (facts, press):
        if len(frame):
            values |= set(frame[column].dropna().astype(int))
            if frame[column].isna().any():
                values.add(None)
    return next(iter(values)) if len(values) == 1 else None


def _finish(con, result: SourceResult, requests: int) -> None:
    queries.execute(con, "sync_run_finish", {
        "run_id": result.run_id, "status": result.status, "rows_loaded": result.rows,
        "rows_replaced": result.rows_replaced, "press_loaded": int(result.totals.get("press_mentions", 0)),
        "press_duplicates": result.press_duplicates, "requests": requests, "ingestion_id": result.ingestion_id,
        "totals": json.dumps(result.totals, ensure_ascii=False) if result.totals else None,
        "unmapped": json.dumps(result.unmapped_labels, ensure_ascii=False) if result.unmapped_labels else None,
        "notes": json.dumps(result.notes, ensure_ascii=False, default=str) if result.notes else None,
        "error": result.error})


# -- every source --------------------------------------------------------------------------------------------------
def sync_all(store: Store, *, names: list[str] | None = None, since: date | None = None, today: date | None = None,
             progress: Progress | None = None, by: str = "system", client: Client | None = None) -> list[SourceResult]:
    """Sync every enabled source (or the named ones, even if switched off), one after the other."""
    chosen = [s for s in sources.all_sources(store) if (s.name in names if names else s.enabled)]
    missing = sorted(set(names or []) - {s.name for s in chosen})
    if missing:
        raise sources.SourcesError(t("sync.unknown_sources", names=", ".join(missing)))
    own = client is None
    client = client or Client()
    results = []
    try:
        for index, source in enumerate(chosen):
            if progress:
                progress(index / max(1, len(chosen)), t("sync.progress", source=source.name, n=index + 1, total=len(chosen)))
            results.append(sync_source(store, source, since=since, today=today, client=client, by=by))
        if progress:
            progress(1.0, t("sync.progress_done", count=len(chosen)))
    finally:
        if own:
            client.close()
    return results


# -- what the page shows --------------------------------------------------------------------------------------------
def runs(store: Store, source: str = "", limit: int = 50) -> pd.DataFrame:
    with store.read() as con:
        return queries.run(con, "sync_runs", {"source": source, "limit": limit})


def last_runs(store: Store) -> pd.DataFrame:
    with store.read() as con:
        return queries.run(con, "sync_last_runs")


def sources_overview(store: Store, file_stamp: tuple | None = None) -> tuple[pd.DataFrame, str | None]:
    """Every source with its switch and its latest run, and the problem with the sources file if any.

    `file_stamp` (sources.file_stamp()) is only there so that a cached result changes when the file does.
    """
    problem = None
    try:
        listed = sources.all_sources(store)
    except sources.SourcesError as error:
        problem = str(error)
        listed = sources.configured(store)
    latest = last_runs(store).set_index("source") if listed else pd.DataFrame()
    rows = []
    for source in listed:
        run = latest.loc[source.name] if source.name in latest.index else None
        rows.append({
            "name": source.name, "kind": source.kind, "origin": source.origin, "enabled": source.enabled,
            "target": guard.mask_url(source.url), "campaign": source.campaign, "partner": source.partner,
            "token_env": source.secret or source.token_env,
            "status": run["status"] if run is not None else None,
            "last_run_at": run["finished_at"] if run is not None else None,
            "rows": int(run["rows_loaded"]) if run is not None else None,
            "error": run["error"] if run is not None and isinstance(run["error"], str) else None,
            "last_ok_at": run["last_ok_at"] if run is not None else None,
        })
    columns = ["name", "kind", "origin", "enabled", "target", "campaign", "partner", "token_env", "status",
               "last_run_at", "rows", "error", "last_ok_at"]
    return pd.DataFrame(rows, columns=columns), problem


def run_details(run: dict) -> dict:
    """The JSON columns of a run, decoded: totals, unmapped labels, notes (Apple privacy opens…)."""
    decoded = {}
    for key in ("totals", "unmapped", "notes"):
        value = run.get(key)
        decoded[key] = json.loads(value) if isinstance(value, str) and value else ({} if key != "unmapped" else [])
    return decoded


def campaign_choices(store: Store) -> dict[str, int]:
    with store.read() as con:
        rows = queries.run(con, "source_campaign_choices")
    return {str(r.name): int(r.id) for r in rows.itertuples()}


def partner_choices(store: Store) -> list[str]:
    with store.read() as con:
        return queries.run(con, "partner_names")["name"].tolist()
