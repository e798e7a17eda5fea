"""The account queries, each run by name on a real store and its effect read back."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

import queries

NOW = datetime(2026, 5, 4, 9, 30)


def _account(con, name="Élodie", role="editeur") -> int:
    return int(queries.run(con, "account_insert", {
        "name": name, "name_key": name.lower(), "email": None, "role": role, "password_hash": "h",
        "created_by": "test", "password_changed_at": NOW}).iloc[0, 0])


def _row(con, account_id):
    return con.execute("select role, disabled, password_hash, last_sign_in_at from account where id = $id",
                       {"id": account_id}).fetchone()


def _sessions(con):
    return con.execute("select token_sha256, revoked from account_session order by token_sha256").fetchall()


@pytest.fixture
def con(store):
    with store.transaction() as connection:
        yield connection


def test_account_insert_returns_the_new_id_and_the_updates_change_that_account_only(con):
    first, other = _account(con), _account(con, "Alain", "admin")
    assert first != other
    queries.execute(con, "account_set_role", {"role": "admin", "account_id": first})
    queries.execute(con, "account_set_disabled", {"disabled": True, "account_id": first})
    queries.execute(con, "account_set_password", {"password_hash": "h2", "changed_at": NOW, "account_id": first})
    queries.execute(con, "account_signed_in", {"now": NOW, "account_id": first})
    assert _row(con, first) == ("admin", True, "h2", NOW)
    assert _row(con, other) == ("admin", False, "h", None)


def test_sessions_are_opened_revoked_by_account_or_token_and_purged_when_expired(con):
    mine, theirs = _account(con), _account(con, "Alain")
    for token, owner, expires in [("a", mine, NOW + timedelta(hours=10)), ("b", mine, NOW - timedelta(days=8)),
                                  ("c", theirs, NOW + timedelta(hours=10))]:
        queries.execute(con, "account_session_insert", {"token_sha256": token, "account_id": owner,
                                                        "created_at": NOW, "expires_at": expires, "method": "password"})
    queries.execute(con, "account_sessions_purge", {"cutoff": NOW - timedelta(days=7)})
    assert _sessions(con) == [("a", False), ("c", False)]
    queries.execute(con, "account_session_revoke", {"token_sha256": "c"})
    assert _sessions(con) == [("a", False), ("c", True)]
    queries.execute(con, "account_sessions_revoke", {"account_id": mine})
    assert _sessions(con) == [("a", True), ("c", True)]


