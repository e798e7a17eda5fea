"""Accounts of the team: scrypt password hashes, roles, disabling, sign-in with a slowdown, sessions that expire.

A session is a random token kept in the browser session's server-side state; the store keeps only
its SHA-256, with an expiry. Every page render checks the token against the store again, so a
disabled account or a changed role takes effect at the next click, and a copy of the store does
not let anyone in.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

import queries
from resonance.domain.names import name_key
from resonance.errors import InputError, ResonanceError
from resonance.i18n import t
from resonance.services import audit
from resonance.settings import settings
from resonance.store import Store

ROLES = ("lecteur", "editeur", "admin")
MIN_PASSWORD = 12
MAX_PASSWORD = 1024          # scrypt reads the whole password: no megabyte passwords
# scrypt with N=2^15, r=8 uses 32 MiB and about 0.1 s per check: cheap for one sign-in, costly for guessing.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
FREE_FAILURES = 3            # failed attempts allowed before the wait starts

log = logging.getLogger("resonance.sign_in")


class AccountError(InputError):
    """A refused account operation; the message says what to do."""


class SignInRefused(ResonanceError):
    """Wrong name or password, disabled account, or too many attempts; the message is safe to show."""

    def __init__(self, message: str, wait_s: int = 0):
        super().__init__(message)
        self.wait_s = wait_s


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


def failure_delay_s() -> float:
    """Pause after each wrong password, growing with the failures (RESONANCE_SIGNIN_DELAY_S per failure)."""
    return settings().signin_delay_s


def lockout_s(failures: int) -> int:
    """How long a name must wait after `failures` failed attempts: nothing for the first three, then 30 s doubling, at most 15 min."""
    if failures < FREE_FAILURES:
        return 0
    return int(min(30 * 2 ** (failures - FREE_FAILURES), 900))


# -- passwords -------------------------------------------------------------------------------------
def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=128 * 1024 * 1024, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored or len(password) > MAX_PASSWORD:
        return False
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                maxmem=128 * 1024 * 1024, dklen=32)
    except ValueError:
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


_DUMMY_HASH: str | None = None


def _burn_time(password: str) -> None:
    """Spend what a real check costs, so that an unknown name answers as slowly as a known one."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_hex(16))
    verify_password(password, _DUMMY_HASH)


def check_password_strength(password: str, name: str = "") -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(t("trust.password_short", n=MIN_PASSWORD))
    if len(password) > MAX_PASSWORD:
        raise AccountError(t("trust.password_long", n=MAX_PASSWORD))
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
        queries.execute(con, "sign_in_throttle_clear", {"name_key": name_key(found["name"])})
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
    """Check a name and password; a new session, or SignInRefused (slowed down, logged in the audit trail)."""
    now = _now(now)
    key = name_key(name or "")[:200]
    with store.read() as con:
        throttle = list(queries.run(con, "sign_in_throttle_of", {"name_key": key}).itertuples(index=False, name=None))
        found = _find(con, name or "") if key else None
    failures = int(throttle[0][0]) if throttle else 0
    if throttle:
        wait = lockout_s(failures) - int((now - throttle[0][1]).total_seconds())
        if wait > 0:
            log.warning("sign-in refused, name %r is waiting %s s after %s failures", key, wait, failures)
            raise SignInRefused(t("trust.wait", seconds=wait), wait)
    good = (found is not None and not found["disabled"] and found["password_hash"] is not None
            and verify_password(password or "", found["password_hash"]))
    if found is None or found["password_hash"] is None:
        _burn_time(password or "")
    if not good:
        failures += 1
        with store.transaction() as con:
            queries.execute(con, "sign_in_throttle_record", {"name_key": key, "failures": failures, "failed_at": now})
            audit.record(con, key or "?", "sign_in.failed", f"account {key}",
                         {"failures": failures, "known": found is not None, "origin": origin,
                          "disabled": bool(found and found["disabled"])})
        log.warning("failed sign-in for %r (%s in a row) from %s", key, failures, origin or "?")
        time.sleep(min(failures, 6) * failure_delay_s())
        wait = lockout_s(failures)
        message = t("trust.wrong") if not wait else f"{t('trust.wrong')} {t('trust.wait', seconds=wait)}"
        raise SignInRefused(message, wait)
    with store.transaction() as con:
        queries.execute(con, "sign_in_throttle_clear", {"name_key": key})
        session = _open_session(con, found, "password", now)
        audit.record(con, found["name"], "sign_in.ok", f"account {found['name']}", {"origin": origin})
    return session


def sso_sign_in(store: Store, email: str, *, now: datetime | None = None) -> Session:
    """A session for an identity the SSO provider vouched for: the account with that e-mail (or name), if enabled."""
    now = _now(now)
    with store.read() as con:
        found = _find(con, email or "") if (email or "").strip() else None
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
    with store.read() as con:
        rows = queries.run(con, "account_session_user", {"token_sha256": _token_hash(token), "now": _now(now)})
    if rows.empty:
        return None
    return str(rows.iloc[0]["name"]), str(rows.iloc[0]["role"])


def sign_out(store: Store, token: str | None) -> None:
    if not token:
        return
    with store.transaction() as con:
        queries.execute(con, "account_session_revoke", {"token_sha256": _token_hash(token)})
