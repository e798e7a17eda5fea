"""Drops through a partner's link: checked, previewed like an upload, kept "à valider" until the manager decides.

    receipt = drops.drop(store, token, address, reports=[("bilan.csv", data)], pictures=[("a.jpg", data, "Légende")])
    drops.previews(store, drop_id)            # the same previews as the Importer page (importing.preview)
    drops.validate(store, drop_id, by="marie")   # figures load as any import (source "partner_link"), pictures join
    drops.refuse(store, drop_id, "Le fichier couvre mai, pas juin", by="marie")   # the partner reads the reason

The link is re-checked at the drop itself (links.check), the campaign and the partner come from the
link and never from the file: a file that names another campaign or partner is refused, so a link
can only ever bring figures to its own partnership. Nothing is written unless the whole drop is
acceptable; a drop is one transaction (its files, the use it counts, its audit event).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

import pandas as pd

import queries
from resonance import formatting as fmt
from resonance.domain.metrics import FACT_METRICS
from resonance.domain.names import name_key
from resonance.errors import InputError
from resonance.i18n import has, t
from resonance.ingest import importing
from resonance.services import assets, audit, links
from resonance.store import Store

SOURCE = "partner_link"                  # the ingestion's source: "déposé par le partenaire via son lien"
SOURCE_LABEL = "deck.source.partner_link"
REPORT_TYPES = ("csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods")
PICTURE_TYPES = ("png", "jpg", "jpeg", "webp")
MAX_REPORT_MB = 20
MAX_FILES = 12
MAX_CAPTION = 300


class DropRefused(InputError):
    """A drop that cannot be accepted; one sentence per problem for the partner. Nothing was written."""


@dataclass
class Receipt:
    drop_id: int
    dropped_at: object
    lines: list[str] = field(default_factory=list)      # "Nous avons lu 26 850 impressions du 2 au 13 juin"
    warnings: list[str] = field(default_factory=list)
    pictures: int = 0


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _preview(store: Store, link: dict, name: str, data: bytes) -> importing.Preview:
    # The link decides the campaign and the partner; the file cannot choose them.
    return importing.preview(store, data, name, campaign=link["campaign"], partner=link["partner"])


def _outside(store: Store, result: importing.Preview, link: dict, data: bytes) -> bool:
    """Whether the file names another known campaign or partner than the link's in its own columns.

    The link's campaign and partner are forced on every row, so a file can never bring figures elsewhere;
    but rows another campaign's or partner's would be mislabelled: such a file is refused, not relabelled.
    The file's own names come from the same preview, run without the link's names."""
    roles = set(result.mapping.values())
    known = importing.choices(store)
    others: set[str] = set()
    for column, forced, names in (("campaign", {"partner": link["partner"]}, known[0]),
                                  ("partner", {"campaign": link["campaign"]}, known[1])):
        if column not in roles:
            continue
        free = importing.preview(store, data, result.file_name, **forced)
        rows = free.press if free.kind == "press" else free.facts
        named = {name_key(v) for v in rows[column].dropna()} if column in rows else set()
        others |= (named - {name_key(link[column])}) & {name_key(n) for n in names}
    return bool(others)


def read_lines(result: importing.Preview, lang: str) -> list[str]:
    """What the product read, in the partner's words: "Nous avons lu 26 850 impressions du 2 au 13 juin"."""
    if result.kind == "press":
        return [t("links.read.press", lang, count=len(result.press), file=result.file_name)]
    order = {metric: index for index, metric in enumerate(FACT_METRICS)}
    shown = sorted(((m, v) for m, v in result.totals.items() if not fmt.is_missing(v)), key=lambda m: order.get(m[0], 99))
    # A partner-defined metric (branch import) has no catalogue entry: its own label is shown as it is.
    figures = ", ".join(f"{fmt.number(value, lang)} "
                        f"{t(f'metric.{metric}', lang).lower() if has(f'metric.{metric}') else metric}"
                        for metric, value in shown)
    if not figures:
        return [t("links.read.nothing", lang, file=result.file_name)]
    facts = result.facts
    start, end = pd.to_datetime(facts["period_start"]).min(), pd.to_datetime(facts["period_end"]).max()
    return [t("links.read.figures", lang, figures=figures, period=fmt.period(start.date(), end.date(), lang),
              file=result.file_name)]


def check_files(store: Store, link: dict, reports: list[tuple[str, bytes]],
                pictures: list[tuple[str, bytes, str | None]], lang: str) -> tuple[list, list[str], list[str]]:
    """Previews of the reports, lines read and warnings; raises DropRefused naming each problem."""
    problems: list[str] = []
    if not reports and not pictures:
        raise DropRefused(t("links.drop.empty", lang))
    if len(reports) + len(pictures) > MAX_FILES:
        raise DropRefused(t("links.drop.too_many", lang, count=MAX_FILES))
    previews, lines, warnings = [], [], []
    for name, data in reports:
        if _extension(name) not in REPORT_TYPES:
            problems.append(t("links.drop.report_type", lang, file=name, types=", ".join(REPORT_TYPES)))
            continue
        if len(data) > MAX_REPORT_MB * 1024 * 1024:
            problems.append(t("links.drop.too_big", lang, file=name, mb=MAX_REPORT_MB))
            continue
        result = _preview(store, link, name, data)
        if result.errors:
            problems.extend(result.errors)
            continue
        if _outside(store, result, link, data):
            problems.append(t("links.drop.other_partnership", lang, file=name, campaign=link["campaign"],
                              partner=link["partner"]))
            continue
        if not result.rows_loaded:
            problems.append(t("links.read.nothing", lang, file=name))
            continue
        previews.append(result)
        lines.extend(read_lines(result, lang))
        warnings.extend(result.warnings)
    for name, data, _caption in pictures:
        if _extension(name) not in PICTURE_TYPES:
            problems.append(t("links.drop.picture_type", lang, file=name, types=", ".join(PICTURE_TYPES)))
            continue
        try:
            assets.inspect(data, name)          # the type comes from the content, not the name
        except assets.AssetError as refusal:
            problems.append(str(refusal))
    if problems:
        raise DropRefused(problems)
    return previews, lines, warnings


def drop(store: Store, token: str, address: str | None, *, reports: list[tuple[str, bytes]],
         pictures: list[tuple[str, bytes, str | None]], lang: str = "fr", at=None) -> Receipt:
    """Accept a partner's files through their link; they wait "à valider". Raises DropRefused; writes nothing then."""
    at = at or links.now()
    access = links.check(store, token, address, at=at)
    if not access.ok:
        raise DropRefused(t("links.page.rate_limited" if access.status == "rate_limited" else "links.page.invalid",
                            lang))
    link = access.link
    if _recent_drops(store, link["link_id"], at) >= links.MAX_DROPS_PER_WINDOW:
        raise DropRefused(t("links.page.rate_limited", lang))
    previews, lines, warnings = check_files(store, link, reports, pictures, lang)
    summary = {"lines": lines, "warnings": warnings, "pictures": len(pictures), "reports": len(reports)}
    with store.transaction() as con:
        if queries.run(con, "link_use", {"link_id": int(link["link_id"])}).empty:
            raise DropRefused(t("links.page.invalid", lang))       # used up meanwhile (another tab, another drop)
        drop_id = int(queries.run(con, "drop_insert", {
            "link_id": int(link["link_id"]), "partnership_id": int(link["partnership_id"]), "now": at,
            "client_address": (address or "")[:64] or None,
            "summary": json.dumps(summary, ensure_ascii=False)}).iloc[0, 0])
        files = [("report", name, None, data) for name, data in reports]
        files += [("picture", name, (caption or "").strip()[:MAX_CAPTION] or None, data) for name, data, caption in pictures]
        for position, (kind, name, caption, data) in enumerate(files):
            queries.execute(con, "drop_file_insert", {
                "drop_id": drop_id, "position": position, "kind": kind, "file_name": PurePath(name).name[:200],
                "caption": caption, "sha256": hashlib.sha256(data).hexdigest(), "content": data})
        audit.record(con, f"lien {link['link_id']}", "link.drop", f"drop {drop_id}", {
            "campaign": link["campaign"], "partner": link["partner"], "address": address,
            "files": [{"kind": k, "name": n, "bytes": len(d)} for k, n, _, d in files]})
    return Receipt(drop_id, at, lines, warnings, len(pictures))


def _recent_drops(store: Store, link_id: int, at) -> int:
    with store.read() as con:
        found = queries.run(con, "drop_list", {"partnership_id": None, "link_id": int(link_id), "status": None})
    since = pd.Timestamp(at) - pd.Timedelta(seconds=links.WINDOW_S)
    return int((pd.to_datetime(found["dropped_at"]) > since).sum())


# -- the manager's side -----------------------------------------------------------------------------------
def listing(store: Store, *, partnership_id: int | None = None, link_id: int | None = None,
            status: str | None = None) -> pd.DataFrame:
    with store.read() as con:
        found = queries.run(con, "drop_list", {"partnership_id": partnership_id, "link_id": link_id, "status": status})
    found["summary"] = [json.loads(s) if isinstance(s, str) else {} for s in found["summary"]]
    return found


def files_of(store: Store, drop_id: int) -> pd.DataFrame:
    with store.read() as con:
        return queries.run(con, "drop_files", {"drop_id": int(drop_id)})


def _drop(store: Store, drop_id: int) -> dict:
    found = listing(store)
    row = found[found["drop_id"] == int(drop_id)]
    if row.empty:
        raise DropRefused(t("links.review.unknown_drop", id=drop_id))
    return row.iloc[0].to_dict()


def previews(store: Store, drop_id: int) -> list[importing.Preview]:
    """The dropped reports previewed exactly as the Importer page previews an upload."""
    one = _drop(store, drop_id)
    link = {"campaign": one["campaign"], "partner": one["partner"]}
    files = files_of(store, drop_id)
    return [_preview(store, link, row.file_name, bytes(row.content))
            for row in files.itertuples() if row.kind == "report"]


def validate(store: Store, drop_id: int, *, by: str) -> list[int]:
    """Load the drop's reports as imports (source partner_link) and add its pictures; returns the ingestion ids."""
    one = _drop(store, drop_id)
    if one["status"] != "pending":
        raise DropRefused(t("links.review.already_decided", id=drop_id))
    ingestions = []
    for result in previews(store, drop_id):
        outcome = importing.load(store, result, created_by=by, accept_warnings=True, skip_rejected=True, source=SOURCE)
        ingestions.append(outcome.ingestion_id or outcome.already_loaded_as)
    dropped_on = pd.Timestamp(one["dropped_at"]).date()
    for row in files_of(store, drop_id).itertuples():
        if row.kind == "picture" and not _picture_known(store, drop_id, row.sha256):
            importing.add_picture(store, bytes(row.content), row.file_name, campaign=one["campaign"],
                                  partner=one["partner"], caption=row.caption, taken_on=dropped_on, created_by=by)
    with store.transaction() as con:
        queries.run(con, "drop_decide", {"drop_id": int(drop_id), "status": "validated", "reason": None, "by": by,
                                         "now": links.now(), "ingestion_ids": json.dumps(ingestions)})
        queries.run(con, "expected_deliver", {"partnership_id": int(one["partnership_id"]), "delivered_on": dropped_on})
        audit.record(con, by, "link.drop.validate", f"drop {drop_id}", {"ingestions": ingestions})
    return ingestions


def _picture_known(store: Store, drop_id: int, sha256: str) -> bool:
    # Validation is several transactions (each import, each picture): a retry after a failure adds nothing twice.
    with store.read() as con:
        return int(queries.run(con, "drop_picture_known", {"drop_id": int(drop_id), "sha256": sha256}).iloc[0, 0]) > 0


def refuse(store: Store, drop_id: int, reason: str, *, by: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise DropRefused(t("links.review.reason_needed"))
    one = _drop(store, drop_id)
    if one["status"] != "pending":
        raise DropRefused(t("links.review.already_decided", id=drop_id))
    with store.transaction() as con:
        queries.run(con, "drop_decide", {"drop_id": int(drop_id), "status": "refused", "reason": reason[:1000],
                                         "by": by, "now": links.now(), "ingestion_ids": None})
        audit.record(con, by, "link.drop.refuse", f"drop {drop_id}", {"reason": reason})


def provenance(row: dict, lang: str) -> str:
    """ "Déposé par le partenaire via son lien, le 12/06/2026" for a drop's row."""
    return t("links.provenance", lang, day=fmt.day(pd.Timestamp(row["dropped_at"]).date(), lang))


def delivered_on(row: dict) -> date:
    return pd.Timestamp(row["dropped_at"]).date()
