"""The sign-in guard: scrypt password hashes, checks capped in number, every try counted per address and per name.

A name or an address that keeps failing waits longer and longer (lockout_s); an unknown name costs
the same scrypt check as a known one, so the answer's time says nothing about who exists.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from datetime import datetime

import queries
from resonance.errors import ResonanceError
from resonance.i18n import t
from resonance.settings import settings

MAX_PASSWORD = 1024          # scrypt reads the whole password: no megabyte passwords
# scrypt with N=2^15, r=8 uses 32 MiB and about 0.1 s per check: cheap for one sign-in, costly for guessing.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
FREE_FAILURES = 3            # failed attempts allowed before the wait starts


class SignInRefused(ResonanceError):
    """Wrong name or password, disabled account, or too many attempts; the message is safe to show."""

    def __init__(self, message: str, wait_s: int = 0):
        super().__init__(message)
        self.wait_s = wait_s


def failure_delay_s() -> float:
    """Pause after each wrong password, growing with the failures (RESONANCE_SIGNIN_DELAY_S per failure)."""
    return settings().signin_delay_s


def max_concurrent_checks() -> int:
    """Password checks running at once (scrypt takes 32 MiB each): RESONANCE_SIGNIN_CONCURRENCY."""
    return settings().signin_concurrency


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


# Password checks are capped: thirty parallel tries must not take a gigabyte (scrypt's 32 MiB each).
_checks_guard = threading.Lock()
_checks: threading.BoundedSemaphore | None = None
CHECKS = {"running": 0, "peak": 0, "done": 0}     # seen by the log and the tests: how many ran at once


def _check_slot() -> threading.BoundedSemaphore:
    global _checks
    with _checks_guard:
        if _checks is None:
            _checks = threading.BoundedSemaphore(max_concurrent_checks())
        return _checks


def checked(password: str, stored: str | None) -> bool:
    """verify_password under the concurrency cap; an unknown account is checked against a dummy hash (same cost)."""
    slot = _check_slot()
    if not slot.acquire(timeout=settings().signin_queue_s):
        raise SignInRefused(t("trust.busy"), 5)
    try:
        with _checks_guard:
            CHECKS["running"] += 1
            CHECKS["peak"] = max(CHECKS["peak"], CHECKS["running"])
        if stored is None:
            _burn_time(password)
            return False
        return verify_password(password, stored)
    finally:
        with _checks_guard:
            CHECKS["running"] -= 1
            CHECKS["done"] += 1
        slot.release()


def _wait_s(row, now: datetime) -> int:
    """Seconds still to wait given a throttle row (failures, attempts, last_failed_at), 0 when free."""
    if row is None:
        return 0
    return max(0, lockout_s(int(row["failures"])) - int((now - row["last_failed_at"]).total_seconds()))


def count_try(con, key: str, address: str, now: datetime) -> tuple[int, str | None, int]:
    """Count this try, the client's address first, then the name: (seconds to wait, what is locked, name's failures).

    One transaction: parallel tries are counted one after the other, each seeing the ones before it.
    A locked address never touches the name's counter, so guessing from one address cannot lock a name.
    """
    address_row = queries.run(con, "sign_in_address_state", {"address": address})
    wait = _wait_s(None if address_row.empty else address_row.iloc[0], now)
    queries.execute(con, "sign_in_address_count", {"address": address, "checked": wait == 0, "now": now})
    if wait:
        return wait, "address", 0
    name_row = queries.run(con, "sign_in_name_state", {"name_key": key})
    wait = _wait_s(None if name_row.empty else name_row.iloc[0], now)
    if wait and address != "?" and bool(queries.run(con, "sign_in_known_check",
                                                    {"name_key": key, "address": address}).iloc[0]["known"]):
        wait = 0                                     # the owner's usual address: guesses from elsewhere do not lock it out
    queries.execute(con, "sign_in_name_count", {"name_key": key, "checked": wait == 0, "now": now})
    counted = queries.run(con, "sign_in_name_state", {"name_key": key})      # read back in the same transaction
    return wait, "name" if wait else None, int(counted.iloc[0]["failures"])


