"""Accounts of the team: scrypt password hashes, roles, disabling, sign-in with a slowdown, sessions that expire.

A session is a random token kept in the browser session's server-side state; the store keeps only
its SHA-256, with an expiry. Every page render checks the token against the store again, so a
disabled account or a changed role takes effect at the next click, and a copy of the store does
not let anyone in.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

import queries
from resonance.domain import passwords
from resonance.domain.names import name_key
from resonance.errors import InputError
from resonance.i18n import t
from resonance.services import audit, rollups
from resonance.services.sign_in_guard import (
    MAX_PASSWORD,
    SignInRefused,
    checked,
    count_try,
    failure_delay_s,
    hash_password,
    lockout_s,
)
from resonance.settings import settings
from resonance.store import Store

ROLES = ("lecteur", "editeur", "admin")
MIN_PASSWORD = 12

log = logging.getLogger("resonance.sign_in")


class AccountError(InputError):
    """A refused account operation; the message says what to do."""


@dataclass(frozen=True)
class Session:
    token: str
    account_id: int
    name: str
    role: str
    expires_at: datetime


# -- tunables --------------------------------------------------------------------------------------
def session_hours() -> float:
    return settings().session_hours


def idle_minutes() -> float:
    """A session unused for this long ends (RESONANCE_IDLE_MINUTES; 0 turns the idle timeout off)."""
    return settings().idle_minutes


def check_password_strength(password: str, name: str = "") -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(t("trust.password_short", n=MIN_PASSWORD))
    if len(password) > MAX_PASSWORD:
        raise AccountError(t("trust.password_long", n=MAX_PASSWORD))
    if passwords.weakness(password):
        raise AccountError(t("trust.password_common"))
    if name and name_key(name) and name_key(name) in name_key(password):
        raise AccountError(t("trust.password_has_name"))


def _check_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned or len(cleaned) > 80 or any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise AccountError(t("trust.bad_name"))
    return cleaned


def _check_role(role: str) -> str:
    role = (role or "").replace("é", "e")
    if role not in ROLES:
        raise AccountError(t("trust.bad_role", role=role, roles=", ".join(ROLES)))
    return role


def _now(now: datetime | None) -> datetime:
    return now or audit.now()


# -- accounts --------------------------------------------------------------------------------------
def _find(con, name: str) -> dict | None:
    rows = queries.run(con, "account_by_name", {"name_key": name_key(name)})
    return None if rows.empty else rows.iloc[0].to_dict()


def has_accounts(store: Store) -> bool:
    """Whether anyone can sign in: from then on, sign-in is required."""
    with store.read() as con:
        return int(queries.run(con, "account_active_count", {}).iloc[0]["accounts"]) > 0


def accounts(store: Store) -> pd.DataFrame:
    with store.read() as con:
        return queries.run(con, "account_list", {})


def add(store: Store, name: str, role: str, password: str | None, *, email: str | None = None, by: str = "system") -> int:
    """Create an account; `password=None` makes an account that signs in by single sign-on only (needs `email`)."""
    name, role = _check_name(name), _check_role(role)
    email = (email or "").strip().lower() or None
    if password is None and not email:
        raise AccountError(t("trust.sso_needs_email"))
    if password is not None:
        check_password_strength(password, name)
    hashed = hash_password(password) if password is not None else None
    with store.transaction() as con:
        if _find(con, name) is not None or (email and _find(con, email) is not None):
            raise AccountError(t("trust.exists", name=name))
        account_id = int(queries.run(con, "account_insert", {
            "name": name, "name_key": name_key(name), "email": email, "role": role, "password_hash": hashed,
            "created_by": by, "password_changed_at": audit.now() if hashed else None}).iloc[0, 0])
        audit.record(con, by, "account.add", f"account {name}", {"role": role, "email": email})
    return account_id


def _account_or_fail(con, name: str) -> dict:
    found = _find(con, name)
    if found is None:
        raise AccountError(t("trust.no_such_account", name=name))
    return found


def _active_admins(con) -> int:
    return int(queries.run(con, "account_active_count", {}).iloc[0]["admins"])


def set_disabled(store: Store, name: str, disabled: bool = True, *, by: str = "system") -> None:
    """Disable (or enable again) an account; its open sessions end at once. The last admin cannot be disabled."""
    with store.transaction() as con:
        found = _account_or_fail(con, name)
        if disabled and found["role"] == "admin" and not found["disabled"] and _active_admins(con) <= 1:
            raise AccountError(t("trust.last_admin"))
        queries.execute(con, "account_set_disabled", {"disabled": disabled, "account_id": int(found["id"])})
        if disabled:
            queries.execute(con, "account_sessions_revoke", {"account_id": int(found["id"])})
        audit.record(con, by, "account.disable" if disabled else "account.enable", f"account {found['name']}")


def set_role(store: Store, name: str, role: str, *, by: str = "system") -> None:
    role = _check_role(role)
    with store.transaction() as con:
        found = _account_or_fail(con, name)
        if found["role"] == "admin" and role != "admin" and not found["disabled"] and _active_admins(con) <= 1:
            raise AccountError(t("trust.last_admin"))
        queries.execute(con, "account_set_role", {"role": role, "account_id": int(found["id"])})
        audit.record(con, by, "account.role", f"account {found['name']}", {"from": found["role"], "to": role})


def set_password(store: Store, name: str, password: str, *, by: str = "system") -> None:
    """Change a password; every open session of the account ends (whoever had it must sign in again)."""
    with store.read() as con:
        found = _account_or_fail(con, name)
    check_password_strength(password, found["name"])
    hashed = hash_password(password)
    with store.transaction() as con:
        queries.execute(con, "account_set_password",
                        {"password_hash": hashed, "changed_at": audit.now(), "account_id": int(found["id"])})
        queries.execute(con, "account_sessions_revoke", {"account_id": int(found["id"])})
        queries.execute(con, "sign_in_name_clear", {"name_key": name_key(found["name"])})
        audit.record(con, by, "account.password", f"account {found['name']}")


# -- signing in ------------------------------------------------------------------------------------
def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _open_session(con, account: dict, method: str, now: datetime) -> Session:
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=session_hours())
    queries.execute(con, "account_session_insert", {"token_sha256": _token_hash(token), "account_id": int(account["id"]),
                                                    "created_at": now, "expires_at": expires, "method": method})
    queries.execute(con, "account_signed_in", {"now": now, "account_id": int(account["id"])})
    # Expired sessions are of no use to anyone: clear them as we go.
    queries.execute(con, "account_sessions_purge", {"cutoff": now - timedelta(days=7)})
    return Session(token, int(account["id"]), account["name"], account["role"], expires)


def sign_in(store: Store, name: str, password: str, *, now: datetime | None = None, origin: str | None = None) -> Session:
    """Check a name and password; a new session, or SignInRefused (slowed down, logged in the audit trail).

    Every try is counted before the password is checked; unknown, disabled and wrong-password
    accounts cost the same scrypt check and answer the same sentence.
    """
    now = _now(now)
    key = name_key(name or "")[:200]
    address = (origin or "?")[:64]
    with store.transaction() as con:
        wait, locked, failures = count_try(con, key, address, now)
        found = _find(con, name or "") if key else None
        if wait:
            audit.record(con, key or "?", "sign_in.refused", f"account {key}",
                         {"origin": origin, "locked": locked, "wait_s": wait})
    if wait:
        log.warning("sign-in refused, %s %r is waiting %s s", locked, address if locked == "address" else key, wait)
        raise SignInRefused(t("trust.wait", seconds=wait), wait)
    usable = found is not None and found["password_hash"] is not None
    matches = checked(password or "", found["password_hash"] if usable else None)
    good = matches and not found["disabled"]
    if not good:
        with store.transaction() as con:
            audit.record(con, key or "?", "sign_in.failed", f"account {key}",
                         {"failures": failures, "known": found is not None, "origin": origin,
                          "disabled": bool(found and found["disabled"])})
        log.warning("failed sign-in for %r (%s in a row) from %s", key, failures, origin or "?")
        time.sleep(min(failures, 6) * failure_delay_s())
        wait = lockout_s(failures)
        message = t("trust.wrong") if not wait else f"{t('trust.wrong')} {t('trust.wait', seconds=wait)}"
        raise SignInRefused(message, wait)
    with store.transaction() as con:
        queries.execute(con, "sign_in_name_clear", {"name_key": key})
        queries.execute(con, "sign_in_address_release", {"address": address})
        if address != "?":
            queries.execute(con, "sign_in_known_save", {"name_key": key, "address": address, "now": now})
        session = _open_session(con, found, "password", now)
        audit.record(con, found["name"], "sign_in.ok", f"account {found['name']}", {"origin": origin})
    return session


def sso_sign_in(store: Store, email: str, *, now: datetime | None = None) -> Session:
    """A session for an identity the SSO provider vouched for: the enabled account whose e-mail is exactly this one.

    Only the e-mail column is compared (never the account's name): the caller passes a claim the
    provider marked as verified (see resonance.ui.access.sso_email).
    """
    now = _now(now)
    email = (email or "").strip().lower()
    with store.read() as con:
        rows = queries.run(con, "account_by_email", {"email": email}) if "@" in email else None
    found = None if rows is None or rows.empty else rows.iloc[0].to_dict()
    if found is None or found["disabled"]:
        with store.transaction() as con:
            audit.record(con, email or "?", "sign_in.sso_refused", f"account {email}", {"known": found is not None})
        raise SignInRefused(t("trust.sso_unknown", email=email))
    with store.transaction() as con:
        session = _open_session(con, found, "sso", now)
        audit.record(con, found["name"], "sign_in.sso", f"account {found['name']}")
    return session


def session_account(store: Store, token: str | None, *, now: datetime | None = None) -> tuple[str, str] | None:
    """(name, role) behind a session token, or None when it is unknown, expired, revoked or its account disabled."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return None
    now = _now(now)
    with store.read() as con:
        rows = queries.run(con, "account_session_user", {"token_sha256": _token_hash(token), "now": now})
        seen = queries.run(con, "account_session_seen", {"token_sha256": _token_hash(token)})
    if rows.empty:
        return None
    idle = idle_minutes()
    seen_at = seen.iloc[0]["seen_at"] if not seen.empty else now
    if idle > 0 and now - seen_at > timedelta(minutes=idle):
        with store.transaction() as con:             # idle too long: the session ends, sign in again
            queries.execute(con, "account_session_touch", {"token_sha256": _token_hash(token), "now": now, "idle": True})
            rollups.keep_checked(con)                # no figure changed: the next page need not check the rollups
        return None
    if now - seen_at > timedelta(seconds=30):      # one write per half minute of use, not one per click
        with store.transaction() as con:
            queries.execute(con, "account_session_touch", {"token_sha256": _token_hash(token), "now": now, "idle": False})
            rollups.keep_checked(con)
    return str(rows.iloc[0]["name"]), str(rows.iloc[0]["role"])


def sign_out(store: Store, token: str | None) -> None:
    if not token:
        return
    with store.transaction() as con:
        queries.execute(con, "account_session_revoke", {"token_sha256": _token_hash(token)})
