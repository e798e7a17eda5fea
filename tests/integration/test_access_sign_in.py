"""Issue 13, access half: sign-in attacks replayed with real threads on a real store, each asserting the defence."""
from __future__ import annotations

import statistics
import threading
import time
from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

import queries
from resonance.services import accounts, audit, sign_in_guard
from resonance.ui import access
from tests.helpers import APP

GOOD = "une phrase de passe solide"


@pytest.fixture(autouse=True)
def _no_pause(monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")


def in_parallel(count: int, attempt) -> list:
    """Run attempt(i) in `count` threads released at the same instant; what each returned or raised."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(i):
        barrier.wait()
        try:
            outcomes[i] = attempt(i)
        except Exception as error:  # noqa: BLE001 - the outcome is what is checked
            outcomes[i] = error
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def counters(store, table: str, key: str) -> tuple[int, int]:
    column = "address" if table == "sign_in_address" else "name_key"
    with store.read() as con:
        row = con.execute(f"select failures, coalesce(attempts, 0) from {table} where {column} = $k",  # noqa: S608
                          {"k": key}).fetchall()
    return tuple(row[0]) if row else (0, 0)


# -- finding 5: throttling beaten by parallel tries ------------------------------------------------------------
@pytest.mark.slow     # fifteen threads at once: concurrency: the full run only
def test_finding_5_fifteen_parallel_tries_from_one_address_count_fifteen_and_the_right_password_then_waits(store):
    accounts.add(store, "Paul", "admin", GOOD)
    start = audit.now()
    checks_before = sign_in_guard.CHECKS["done"]
    outcomes = in_parallel(15, lambda i: accounts.sign_in(store, "Paul", f"devine {i}", now=start, origin="203.0.113.9"))
    assert all(isinstance(o, accounts.SignInRefused) for o in outcomes)
    assert counters(store, "sign_in_address", "203.0.113.9") == (3, 15)      # every try counted, 3 checked
    assert counters(store, "sign_in_throttle", "paul") == (3, 3)             # the locked address never reached the name
    assert sign_in_guard.CHECKS["done"] - checks_before == 3
    trail = audit.trail(store, action_prefix="sign_in.")
    assert (trail["action"] == "sign_in.failed").sum() == 3 and (trail["action"] == "sign_in.refused").sum() == 12
    with pytest.raises(accounts.SignInRefused, match="réessayez"):          # the guesser's right password waits too
        accounts.sign_in(store, "Paul", GOOD, now=start + timedelta(seconds=1), origin="203.0.113.9")


@pytest.mark.slow     # fifteen threads at once: concurrency: the full run only
def test_finding_5_parallel_tries_from_fifteen_addresses_count_fifteen_on_the_name(store):
    accounts.add(store, "Paul", "admin", GOOD)
    start = audit.now()
    in_parallel(15, lambda i: accounts.sign_in(store, "Paul", f"devine {i}", now=start, origin=f"198.51.100.{i}"))
    assert counters(store, "sign_in_throttle", "paul") == (3, 15)
    with pytest.raises(accounts.SignInRefused, match="réessayez"):
        accounts.sign_in(store, "Paul", GOOD, now=start + timedelta(seconds=1), origin="198.51.100.200")


@pytest.mark.slow     # thirty threads queueing for scrypt: concurrency: the full run only
@pytest.mark.real_scrypt
def test_finding_5_concurrent_password_checks_are_capped(store, monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_CONCURRENCY", "2")
    monkeypatch.setattr(sign_in_guard, "_checks", None)
    monkeypatch.setitem(sign_in_guard.CHECKS, "peak", 0)
    accounts.add(store, "Paul", "lecteur", GOOD)
    start = audit.now()
    outcomes = in_parallel(30, lambda i: accounts.sign_in(store, f"nom {i}", GOOD, now=start, origin=f"192.0.2.{i}"))
    assert all(isinstance(o, accounts.SignInRefused) for o in outcomes)
    assert 1 <= sign_in_guard.CHECKS["peak"] <= 2                                 # 2 × 32 MiB at most, not 30 × 32 MiB
    assert (audit.trail(store, action_prefix="sign_in.failed")["action"]).size == 30


# -- finding 15: enumeration by timing, lockout of an admin, weak passwords, idle sessions --------------------------
@pytest.mark.slow     # timings compared over many scrypt checks: the full run only
@pytest.mark.serial   # alone: a parallel worker would take CPU from one timing and not another
@pytest.mark.real_scrypt
def test_finding_15_unknown_disabled_and_wrong_password_accounts_answer_alike_and_in_the_same_time(store):
    accounts.add(store, "Admin", "admin", GOOD)
    accounts.add(store, "Ancien", "editeur", GOOD)
    accounts.set_disabled(store, "Ancien")
    start = audit.now()
    timings, messages = {}, {}
    for kind, name, password in (("wrong", "Admin", "pas le bon mot"), ("disabled", "Ancien", GOOD),
                                 ("unknown", "Personne", GOOD)):
        spent = []
        for round_ in range(3):
            began = time.perf_counter()
            with pytest.raises(accounts.SignInRefused) as refused:
                accounts.sign_in(store, name, password, now=start + timedelta(hours=round_), origin=f"10.9.{round_}.1")
            spent.append(time.perf_counter() - began)
            messages.setdefault(round_, set()).add(str(refused.value))
        timings[kind] = statistics.median(spent)
    assert all(len(said) == 1 for said in messages.values())                 # each round, one sentence for all three
    assert messages[0] == {"Nom ou mot de passe incorrect."}
    assert max(timings.values()) / min(timings.values()) < 2.0, timings       # was 10× faster for a disabled account


@pytest.mark.slow     # thirty scrypt checks, ten of them from parallel threads: the full run only
def test_finding_15_guessing_an_admins_name_from_elsewhere_does_not_lock_the_admin_out(store):
    accounts.add(store, "Admin", "admin", GOOD)
    start = audit.now()
    accounts.sign_in(store, "Admin", GOOD, now=start, origin="192.0.2.10")   # the admin's usual address
    for i in range(20):
        with pytest.raises(accounts.SignInRefused):
            accounts.sign_in(store, "Admin", f"devine {i}", now=start + timedelta(minutes=1), origin="198.51.100.7")
    in_parallel(10, lambda i: accounts.sign_in(store, "Admin", "devine", now=start + timedelta(minutes=2),
                                               origin=f"203.0.113.{i}"))
    assert counters(store, "sign_in_address", "198.51.100.7") == (3, 20)
    later = start + timedelta(minutes=2, seconds=10)                          # the name is locked for a minute now
    with pytest.raises(accounts.SignInRefused, match="réessayez"):           # a new address waits for the name
        accounts.sign_in(store, "Admin", GOOD, now=later, origin="192.0.2.99")
    assert accounts.sign_in(store, "Admin", GOOD, now=later, origin="192.0.2.10").name == "Admin"


@pytest.mark.parametrize("password", ["password1234", "Password1234!", "motdepasse2024", "azertyuiop123",
                                      "123456789012", "P@ssw0rd2025", "azertyazerty"])
def test_finding_15_common_passwords_are_refused(store, password):
    with pytest.raises(accounts.AccountError, match="plus courants"):
        accounts.add(store, "Paul", "lecteur", password)
    accounts.add(store, "Paul", "lecteur", GOOD)
    with pytest.raises(accounts.AccountError, match="plus courants"):
        accounts.set_password(store, "Paul", password)


def test_finding_15_an_idle_session_ends(store, monkeypatch):
    monkeypatch.setenv("RESONANCE_IDLE_MINUTES", "30")
    accounts.add(store, "Paul", "lecteur", GOOD)
    start = audit.now()
    session = accounts.sign_in(store, "Paul", GOOD, now=start)
    assert accounts.session_account(store, session.token, now=start + timedelta(minutes=25))
    assert accounts.session_account(store, session.token, now=start + timedelta(minutes=50))   # used at 25: still on
    assert accounts.session_account(store, session.token, now=start + timedelta(minutes=81)) is None
    assert accounts.session_account(store, session.token, now=start + timedelta(minutes=82)) is None


def test_the_sign_in_queries_count_and_remember(store):
    now = audit.now()
    with store.transaction() as con:
        assert queries.run(con, "sign_in_address_state", {"address": "a"}).empty
        queries.execute(con, "sign_in_address_count", {"address": "a", "checked": True, "now": now})
        queries.execute(con, "sign_in_address_count", {"address": "a", "checked": False, "now": now})
        counted = queries.run(con, "sign_in_address_state", {"address": "a"})
        assert counted.iloc[0][["failures", "attempts"]].tolist() == [1, 2]
        queries.execute(con, "sign_in_address_release", {"address": "a"})
        assert queries.run(con, "sign_in_address_state", {"address": "a"}).iloc[0][["failures", "attempts"]].tolist() == [0, 2]
        queries.execute(con, "sign_in_name_count", {"name_key": "paul", "checked": True, "now": now})
        assert queries.run(con, "sign_in_name_state", {"name_key": "paul"}).iloc[0]["failures"] == 1
        queries.execute(con, "sign_in_name_clear", {"name_key": "paul"})
        assert queries.run(con, "sign_in_name_state", {"name_key": "paul"}).empty
        assert not queries.run(con, "sign_in_known_check", {"name_key": "paul", "address": "a"}).iloc[0]["known"]
        queries.execute(con, "sign_in_known_save", {"name_key": "paul", "address": "a", "now": now})
        assert queries.run(con, "sign_in_known_check", {"name_key": "paul", "address": "a"}).iloc[0]["known"]
        con.execute("insert into account_session (token_sha256, account_id, created_at, expires_at)"
                    " values ('h', 1, $now, $now)", {"now": now})
        queries.execute(con, "account_session_touch", {"token_sha256": "h", "now": now + timedelta(minutes=5), "idle": False})
        assert queries.run(con, "account_session_seen", {"token_sha256": "h"}).iloc[0]["seen_at"] == now + timedelta(minutes=5)


# -- finding 7: single sign-on matched the account name ------------------------------------------------------------
def test_finding_7_single_sign_on_takes_only_a_verified_email_and_matches_only_the_email_column(store):
    accounts.add(store, "Admin", "admin", GOOD, email="admin@sig.gouv.fr")
    chosen_by_user = {"preferred_username": "Admin", "name": "Admin", "email": "x@evil.example", "email_verified": True}
    assert access.sso_email(chosen_by_user) == "x@evil.example"
    with pytest.raises(accounts.SignInRefused):
        accounts.sso_sign_in(store, access.sso_email(chosen_by_user))
    assert access.sso_email({"preferred_username": "Admin"}) is None
    assert access.sso_email({"email": "admin@sig.gouv.fr", "email_verified": False}) is None
    assert access.sso_email({"email": "admin@sig.gouv.fr"}) is None
    with pytest.raises(accounts.SignInRefused):                             # a name is never an identity
        accounts.sso_sign_in(store, "Admin")
    with store.read() as con:
        assert queries.run(con, "account_by_email", {"email": "admin@sig.gouv.fr"}).iloc[0]["name"] == "Admin"
    verified = {"email": "Admin@SIG.gouv.fr", "email_verified": True}
    assert accounts.sso_sign_in(store, access.sso_email(verified)).role == "admin"


# -- finding 6: demo mode through a proxy or a foreign host name --------------------------------------------------
@pytest.mark.parametrize(("headers", "local"), [
    ({"Host": "localhost:8501", "Origin": "http://localhost:8501"}, True),
    ({"Host": "127.0.0.1:8501"}, True),
    ({"Host": "[::1]:8501", "Origin": "http://[::1]:8501"}, True),
    ({"Host": "localhost:8501", "X-Forwarded-For": "203.0.113.5"}, False),
    ({"Host": "localhost:8501", "Forwarded": "for=203.0.113.5"}, False),
    ({"Host": "localhost:8501", "X-Real-IP": "203.0.113.5"}, False),
    ({"Host": "rebind.evil.example:8501", "Origin": "http://rebind.evil.example:8501"}, False),
    ({"Host": "localhost:8501", "Origin": "http://evil.example"}, False),
    ({}, False),
])
def test_finding_6_demo_mode_opens_only_for_loopback_requests_without_relay_headers(headers, local):
    assert access.request_is_local(headers) is local


def test_finding_6_demo_mode_is_an_explicit_choice(demo_store, monkeypatch):
    monkeypatch.delenv("RESONANCE_DEMO")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception and not at.metric
    assert "Mode démonstration" not in " ".join(str(e.value) for e in (*at.markdown, *at.warning, *at.caption))
