"""The audit trail in words for the Administration page: actions, targets and details, never a code or a JSON key."""
from __future__ import annotations

import json
import re

import pandas as pd

from resonance import formatting as fmt
from resonance import i18n

# Every action recorded (services/audit.record and queries/audit_trail.sql) and its words.
ACTION_KEYS = {
    "account.add": "audit.action.account.add",
    "account.disable": "audit.action.account.disable",
    "account.enable": "audit.action.account.enable",
    "account.password": "audit.action.account.password",
    "account.role": "audit.action.account.role",
    "annotation.add": "audit.action.annotation.add",
    "annotation.remove": "audit.action.annotation.remove",
    "asset.add": "audit.action.asset.add",
    "campaign.create": "audit.action.campaign.create",
    "campaign.edit": "audit.action.campaign.edit",
    "campaign.series": "audit.action.campaign.series",
    "campaign.texts": "audit.action.campaign.texts",
    "demo.reset": "audit.action.demo.reset",
    "expected_report.add": "audit.action.expected_report.add",
    "expected_report.delete": "audit.action.expected_report.delete",
    "ingestion.load": "audit.action.ingestion.load",
    "ingestion.undo": "audit.action.ingestion.undo",
    "link.create": "audit.action.link.create",
    "link.drop": "audit.action.link.drop",
    "link.drop.refuse": "audit.action.link.drop.refuse",
    "link.drop.validate": "audit.action.link.drop.validate",
    "link.rate_limited": "audit.action.link.rate_limited",
    "link.revoke": "audit.action.link.revoke",
    "meeting.add": "audit.action.meeting.add",
    "partner.create": "audit.action.partner.create",
    "partner.edit": "audit.action.partner.edit",
    "partnership.create": "audit.action.partnership.create",
    "partnership.edit": "audit.action.partnership.edit",
    "partnership.peso": "audit.action.partnership.peso",
    "peso.remembered": "audit.action.peso.remembered",
    "setting.months_without_meeting": "audit.action.setting.months_without_meeting",
    "sign_in.failed": "audit.action.sign_in.failed",
    "sign_in.ok": "audit.action.sign_in.ok",
    "sign_in.refused": "audit.action.sign_in.refused",
    "sign_in.sso": "audit.action.sign_in.sso",
    "sign_in.sso_refused": "audit.action.sign_in.sso_refused",
    "source.delete": "audit.action.source.delete",
    "source.disable": "audit.action.source.disable",
    "source.enable": "audit.action.source.enable",
    "source.map_label": "audit.action.source.map_label",
    "source.save": "audit.action.source.save",
    "source.secret_declare": "audit.action.source.secret_declare",
    "source.secret_withdraw": "audit.action.source.secret_withdraw",
    "target.remove": "audit.action.target.remove",
    "target.set": "audit.action.target.set",
}

# The words of a target's noun, by the noun's code below.
TARGET_KEYS = {
    "account": "audit.target.account",
    "asset": "audit.target.asset",
    "campaign": "audit.target.campaign",
    "drop": "audit.target.drop",
    "expected_report": "audit.target.expected_report",
    "ingestion": "audit.target.ingestion",
    "link": "audit.target.link",
    "partner": "audit.target.partner",
    "partnership": "audit.target.partnership",
    "secret": "audit.target.secret",
    "source": "audit.target.source",
}

# The label of each key a detail holds.
DETAIL_KEYS = {
    "address": "audit.detail.address",
    "annotation_id": "audit.detail.annotation_id",
    "campaign": "audit.detail.campaign",
    "campaign_id": "audit.detail.campaign_id",
    "disabled": "audit.detail.disabled",
    "due_on": "audit.detail.due_on",
    "email": "audit.detail.email",
    "env": "audit.detail.env",
    "expires_on": "audit.detail.expires_on",
    "facts": "audit.detail.facts",
    "failures": "audit.detail.failures",
    "files": "audit.detail.files",
    "from": "audit.detail.from",
    "hosts": "audit.detail.hosts",
    "ingestions": "audit.detail.ingestions",
    "is_final": "audit.detail.is_final",
    "key": "audit.detail.key",
    "kind": "audit.detail.kind",
    "known": "audit.detail.known",
    "label": "audit.detail.label",
    "lessons": "audit.detail.lessons",
    "locked": "audit.detail.locked",
    "max_uses": "audit.detail.max_uses",
    "met_on": "audit.detail.met_on",
    "metric": "audit.detail.metric",
    "months": "audit.detail.months",
    "on_date": "audit.detail.on_date",
    "origin": "audit.detail.origin",
    "partner": "audit.detail.partner",
    "partner_id": "audit.detail.partner_id",
    "peso": "audit.detail.peso",
    "press": "audit.detail.press",
    "reason": "audit.detail.reason",
    "restored": "audit.detail.restored",
    "role": "audit.detail.role",
    "rows_loaded": "audit.detail.rows_loaded",
    "rows_replaced": "audit.detail.rows_replaced",
    "series": "audit.detail.series",
    "source": "audit.detail.source",
    "status": "audit.detail.status",
    "step": "audit.detail.step",
    "summary": "audit.detail.summary",
    "to": "audit.detail.to",
    "value": "audit.detail.value",
    "wait_s": "audit.detail.wait_s",
    "what": "audit.detail.what",
}

# The codes some details hold, and the words of each (the same words as everywhere else on screen).
STATUS_KEYS = {"loaded": "audit.status.loaded", "undone": "audit.status.undone"}
LOCKED_KEYS = {"address": "audit.locked.address", "name": "audit.locked.name"}
DETAIL_CODES = {"role": "access.role.{}", "from": "access.role.{}", "to": "access.role.{}", "peso": "display.peso.{}",
                "kind": "connectors.kind.{}", "metric": "metric.{}", "source": "display.origin.{}"}
# The nouns a target starts with as recorded ("account Marie", "campagne 12", "ingestion 3 · f.csv").
TARGET_NOUNS = {"account": "account", "asset": "asset", "campagne": "campaign", "chargement": "ingestion",
                "drop": "drop", "expected report": "expected_report", "ingestion": "ingestion", "link": "link",
                "partenaire": "partner", "partenariat": "partnership", "partner": "partner",
                "partnership": "partnership", "secret": "secret", "source": "source"}
_TARGET = re.compile(r"^(" + "|".join(sorted(map(re.escape, TARGET_NOUNS), key=len, reverse=True)) + r") (.+)$")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def in_words(events: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The trail as a reader reads it: the action in words ("link.create" -> "Lien de dépôt créé"), the target's
    noun in words ("link 3" -> "Lien n° 3"), the details as "label : value" — never a code, a JSON key, an ISO date."""
    lang = lang or i18n.language()
    shown = events.copy()
    shown["action"] = [_word(ACTION_KEYS.get(a), a, lang) for a in shown["action"]]
    shown["target"] = [_target(v, lang) for v in shown["target"]]
    shown["details"] = [_details(v, lang) for v in shown["details"]]
    return shown


def _word(key: str | None, fallback, lang: str):
    """The words of a code; a code with none (a newer action, a connector's own name) stays as it is."""
    return i18n.t(key, lang) if key and i18n.has(key) else fallback


def _target(target, lang: str):
    if fmt.is_missing(target):
        return None
    parts = []
    for part in str(target).split(", "):                 # "source Matomo, partner tinder" (peso.remembered)
        found = _TARGET.match(part)
        parts.append(i18n.t(TARGET_KEYS[TARGET_NOUNS[found.group(1)]], lang, ref=found.group(2)) if found else part)
    return ", ".join(parts)


def _details(details, lang: str):
    if fmt.is_missing(details):
        return None
    try:
        values = json.loads(details)
    except (TypeError, ValueError):
        return str(details)
    if not isinstance(values, dict):
        return fmt.cell(values, lang)
    return " · ".join(i18n.t("audit.detail_line", lang, label=_word(DETAIL_KEYS.get(k), k, lang),
                             value=_value(k, v, lang)) for k, v in values.items())


def _value(key: str, value, lang: str) -> str:
    if isinstance(value, list):
        return ", ".join(_value(key, v, lang) for v in value) or fmt.MISSING
    if isinstance(value, dict):                           # a dropped file: its name
        return str(value.get("name") or fmt.MISSING)
    if isinstance(value, str) and key == "status":
        return _word(STATUS_KEYS.get(value), value, lang)
    if isinstance(value, str) and key == "locked":
        return _word(LOCKED_KEYS.get(value), value, lang)
    if isinstance(value, str) and key in DETAIL_CODES:
        return _word(DETAIL_CODES[key].format(value), value, lang)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return fmt.day(value, lang)
    return fmt.cell(value, lang)
