"""Relationship follow-up (step 6): the meetings log, partners not met for N months and overdue next steps."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

import queries
from resonance import formatting as fmt
from resonance.i18n import language, t
from resonance.services import audit
from resonance.services.partnership import PartnershipInputError
from resonance.store import Store

MONTHS_SETTING = "months_without_meeting"
DEFAULT_MONTHS = 6
MEETING_KINDS = ("meeting", "review", "committee", "call", "event")   # stored codes; migration 007 converted the old words
MEETING_KIND_KEYS = {"meeting": "relationship.kind.meeting", "review": "relationship.kind.review",
                     "committee": "relationship.kind.committee", "call": "relationship.kind.call",
                     "event": "relationship.kind.event"}


@dataclass
class Alerts:
    today: date
    months: int
    not_met: pd.DataFrame        # partners without a meeting for more than `months` months (or never met)
    overdue: pd.DataFrame        # partners whose latest meeting planned a next step now past

    @property
    def count(self) -> int:
        return len(set(self.not_met["partner_id"]) | set(self.overdue["partner_id"]))


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Dates as datetime.date, missing ones as None, so that pages can write them without care."""
    for column in columns:
        frame[column] = pd.Series([None if pd.isna(v) else pd.Timestamp(v).date() for v in frame[column]],
                                  index=frame.index, dtype=object)
    return frame


def months_without_meeting(store: Store) -> int:
    with store.read() as con:
        settings = dict(queries.run(con, "relationship_settings").itertuples(index=False, name=None))
    try:
        return int(settings.get(MONTHS_SETTING, DEFAULT_MONTHS))
    except ValueError:
        return DEFAULT_MONTHS


def set_months_without_meeting(store: Store, months: int, by: str = "system") -> None:
    if not isinstance(months, int) or not 1 <= months <= 36:
        raise PartnershipInputError([t("relationship.error.months", months=months)])
    with store.transaction() as con:
        queries.execute(con, "relationship_setting_save", {"key": MONTHS_SETTING, "value": str(months)})
        audit.record(con, by, "setting.months_without_meeting", None, {"months": months})


def alerts(store: Store, today: date | None = None, months: int | None = None) -> Alerts:
    """Who needs a meeting on `today` (date.today() by default), with the months setting unless given."""
    today = today or date.today()
    months = months if months is not None else months_without_meeting(store)
    with store.read() as con:
        rows = _dates(queries.run(con, "relationship_alerts", {"today": today, "months": months}),
                      "last_met_on", "next_date", "last_partnership_end")
    return Alerts(today, months, rows[rows["not_met"]].reset_index(drop=True),
                  rows[rows["overdue"]].reset_index(drop=True))


def meetings(store: Store, partner_id: int | None = None) -> pd.DataFrame:
    with store.read() as con:
        return _dates(queries.run(con, "relationship_meetings", {"partner_id": partner_id}), "met_on", "next_date")


def add_meeting(store: Store, partner_id: int, met_on: date, kind: str = "meeting", notes: str | None = None,
                next_step: str | None = None, next_date: date | None = None, created_by: str = "system",
                today: date | None = None) -> int:
    """Log a meeting; it supersedes the next step planned at the previous one."""
    today = today or date.today()
    problems = []
    if partner_id is None:
        problems.append(t("relationship.error.partner"))
    if met_on is None:
        problems.append(t("relationship.error.met_on_missing"))
    elif met_on > today:
        problems.append(t("relationship.error.met_on_future", day=fmt.day(met_on, language())))
    if next_date is not None and met_on is not None and next_date < met_on:
        problems.append(t("relationship.error.next_before", next=fmt.day(next_date, language()),
                                  met=fmt.day(met_on, language())))
    if next_date is not None and not (next_step or "").strip():
        problems.append(t("relationship.error.next_step_missing"))
    if (kind or "meeting") not in MEETING_KINDS:
        problems.append(t("relationship.error.kind", kind=kind))
    if problems:
        raise PartnershipInputError(problems)
    clean = {"partner_id": partner_id, "met_on": met_on, "kind": kind or "meeting",
             "notes": (notes or "").strip() or None, "next_step": (next_step or "").strip() or None,
             "next_date": next_date, "created_by": created_by}
    with store.transaction() as con:
        new_id = int(queries.run(con, "relationship_meeting_insert", clean).iloc[0, 0])
        audit.record(con, created_by, "meeting.add", f"partenaire {partner_id}", {"met_on": met_on.isoformat()})
        return new_id
