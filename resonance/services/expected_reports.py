"""What each partnership owes and when: expected reports, the chasing list at a date, punctuality, the ready-to-send mail.

    expected_reports.add(store, partnership_id, what="impressions et clics", due_on=date(2026, 7, 15))
    expected_reports.suggest(start, end)          # defaults from the campaign's dates: weekly, then a final report
    expected_reports.due(store, today)            # late, due in the next 7 days, campaigns ended with no final report
    expected_reports.mail("fr", partner=…, campaign=…, what=…, due_on=…, link=…)  # subject and body; .eml; mailto:
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import quote

import pandas as pd

import queries
from resonance import formatting as fmt
from resonance.errors import InputError
from resonance.i18n import t
from resonance.services import audit
from resonance.store import Store

HORIZON_DAYS = 7                 # "due in the next 7 days"
ENDED_WITHIN_DAYS = 180          # older campaigns without a final report are history, not chasing
FINAL_AFTER_DAYS = 15            # the final report's default delay after the campaign's end


class ExpectedInputError(InputError):
    """An expected report that cannot be saved as typed."""


@dataclass(frozen=True)
class Suggestion:
    what_key: str
    is_final: bool
    period_start: date
    period_end: date
    due_on: date


def suggest(start: date | None, end: date | None, *, weekly: bool = False,
            final_after_days: int = FINAL_AFTER_DAYS) -> list[Suggestion]:
    """The defaults drawn from the campaign's dates: a report per week while it runs (if asked), then the final one."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return []
    start, end = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    found = []
    if weekly:
        week_start = start
        while week_start <= end:
            week_end = min(week_start + timedelta(days=6), end)
            found.append(Suggestion("links.expected.default_weekly", False, week_start, week_end,
                                    week_end + timedelta(days=3)))
            week_start = week_end + timedelta(days=1)
    found.append(Suggestion("links.expected.default_final", True, start, end, end + timedelta(days=final_after_days)))
    return found


def add(store: Store, partnership_id: int, *, what: str, due_on: date, is_final: bool = False,
        period_start: date | None = None, period_end: date | None = None, created_by: str = "system") -> int:
    what = (what or "").strip()
    problems = []
    if not what:
        problems.append(t("links.expected.error_what"))
    if due_on is None:
        problems.append(t("links.expected.error_due"))
    if period_start and period_end and period_end < period_start:
        problems.append(t("links.expected.error_period"))
    if problems:
        raise ExpectedInputError(problems)
    with store.transaction() as con:
        expected_id = int(queries.run(con, "expected_insert", {
            "partnership_id": int(partnership_id), "what": what[:500], "is_final": bool(is_final),
            "period_start": period_start, "period_end": period_end, "due_on": due_on,
            "created_by": created_by}).iloc[0, 0])
        audit.record(con, created_by, "expected_report.add", f"partnership {partnership_id}",
                     {"what": what, "due_on": due_on, "is_final": is_final})
    return expected_id


def add_defaults(store: Store, partnership_id: int, start, end, *, weekly: bool, created_by: str = "system") -> int:
    """Add the suggested reports (texts in the current language); returns how many."""
    added = 0
    for one in suggest(start, end, weekly=weekly):
        add(store, partnership_id, what=t(one.what_key), due_on=one.due_on, is_final=one.is_final,
            period_start=one.period_start, period_end=one.period_end, created_by=created_by)
        added += 1
    return added


def delete(store: Store, expected_id: int, *, by: str = "system") -> None:
    with store.transaction() as con:
        queries.execute(con, "expected_delete", {"expected_id": int(expected_id)})
        audit.record(con, by, "expected_report.delete", f"expected report {expected_id}")


def of_partnership(store: Store, partnership_id: int | None) -> pd.DataFrame:
    with store.read() as con:
        return queries.run(con, "expected_list", {"partnership_id": partnership_id})


def due(store: Store, today: date) -> pd.DataFrame:
    """Reports to chase at `today`: state late, due_soon or no_final, with days_late for the late ones."""
    with store.read() as con:
        return queries.run(con, "reports_due", {"today": today, "horizon_days": HORIZON_DAYS,
                                                "ended_within_days": ENDED_WITHIN_DAYS})


def punctuality(store: Store, today: date, partner_id: int | None = None) -> pd.DataFrame:
    """Per partner: reports delivered on time, late, and missing (due before `today`, never delivered)."""
    with store.read() as con:
        return queries.run(con, "partner_punctuality", {"today": today, "partner_id": partner_id})


def as_json(rows: pd.DataFrame) -> list[dict]:
    """The chasing list as `reports due --json` prints it: ISO dates, no NaN."""
    out = []
    for row in rows.to_dict("records"):
        out.append({k: (None if fmt.is_missing(v) else pd.Timestamp(v).date().isoformat()
                        if isinstance(v, date | pd.Timestamp)
                        else int(v) if k in ("expected_id", "partnership_id", "campaign_id", "partner_id", "days_late")
                        else bool(v) if k == "is_final" else v) for k, v in row.items()})
    return out


# -- the mail ------------------------------------------------------------------------------------------
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
MAIL_KEYS = {False: ("links.mail.invite.subject", "links.mail.invite.body"),
             True: ("links.mail.reminder.subject", "links.mail.reminder.body")}


def mail(lang: str, *, partner: str, campaign: str, what: str | None, due_on, link: str,
         reminder: bool = False) -> tuple[str, str]:
    """(subject, body) of the mail that sends the link, or of the reminder, in `lang`."""
    due_text = fmt.day(due_on, lang) if not fmt.is_missing(due_on) else t("links.mail.no_due", lang)
    subject_key, body_key = MAIL_KEYS[reminder]
    subject = t(subject_key, lang, campaign=campaign)
    body = t(body_key, lang, partner=partner, campaign=campaign,
             what=what or t("links.mail.what_default", lang), due=due_text, link=link)
    return subject, body


def address_in(contact: str | None) -> str | None:
    """The e-mail address inside a partner's contact ("Partenariats — partenariats@exemple.fr"), if any."""
    found = EMAIL.search(contact or "")
    return found.group(0) if found else None


def eml(subject: str, body: str, *, to: str | None = None) -> bytes:
    """A draft the manager opens in their mail program (X-Unsent: Outlook opens it ready to send)."""
    message = EmailMessage()
    message["Subject"] = subject
    if address_in(to):
        message["To"] = address_in(to)
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    message.set_content(body)
    return bytes(message)


def mailto(subject: str, body: str, *, to: str | None = None) -> str:
    recipient = quote(address_in(to) or "")
    return f"mailto:{recipient}?subject={quote(subject)}&body={quote(body)}"
