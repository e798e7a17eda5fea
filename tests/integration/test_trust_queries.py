"""The SQL of accounts and the audit trail on a real store seeded with known rows: grain, filters, given → expected."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

import queries
from resonance.services import accounts, audit

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)


def test_account_queries_on_known_accounts(store):
    accounts.add(store, "Zoé Lecture", "lecteur", "une phrase de passe solide")
    accounts.add(store, "Alice Admin", "admin", "une phrase de passe solide")
    accounts.add(store, "Bruno Édition", "editeur", None, email="Bruno@Sig.gouv.fr")
    accounts.add(store, "Ancien", "admin", "une phrase de passe solide")
    accounts.set_disabled(store, "Ancien")
    with store.read() as con:
        listed = queries.run(con, "account_list", {})
        counts = queries.run(con, "account_active_count", {})
        by_email = queries.run(con, "account_by_name", {"name_key": "bruno@sig.gouv.fr"})
        by_name = queries.run(con, "account_by_name", {"name_key": "zoe lecture"})
        nobody = queries.run(con, "account_by_name", {"name_key": "personne"})
    # one row per account: active first, admins then editors then readers
    assert listed["name"].tolist() == ["Alice Admin", "Bruno Édition", "Zoé Lecture", "Ancien"]
    assert listed["has_password"].tolist() == [True, False, True, True]
    assert "password_hash" not in listed.columns
    assert counts.to_dict("records") == [{"accounts": 3, "admins": 1}]
    assert by_email["name"].tolist() == ["Bruno Édition"] and by_name["role"].tolist() == ["lecteur"]
    assert nobody.empty


def test_account_session_user_keeps_only_live_sessions_of_enabled_accounts(store):
    accounts.add(store, "Alice Admin", "admin", "une phrase de passe solide")
    accounts.add(store, "Paul", "lecteur", "une phrase de passe solide")
    now = audit.now()
    live = accounts.sign_in(store, "Paul", "une phrase de passe solide", now=now)
    with store.read() as con:
        def who(token, at):
            return queries.run(con, "account_session_user", {"token_sha256": accounts._token_hash(token), "now": at})
        assert who(live.token, now)[["name", "role", "method"]].values.tolist() == [["Paul", "lecteur", "password"]]
        assert who(live.token, now + timedelta(days=2)).empty          # expired
        assert who("inconnu", now).empty
    accounts.set_disabled(store, "Paul")
    with store.read() as con:
        assert queries.run(con, "account_session_user",
                           {"token_sha256": accounts._token_hash(live.token), "now": now}).empty


def test_audit_insert_and_trail_filter_and_order(store):
    with store.transaction() as con:
        for at, actor, action in [(datetime(2026, 1, 1, 9), "Marie", "campaign.edit"),
                                  (datetime(2026, 1, 2, 9), "Paul", "ingestion.undo"),
                                  (datetime(2026, 1, 3, 9), "Marie", "ingestion.undo")]:
            queries.execute(con, "audit_insert", {"at": at, "actor": actor, "action": action, "target": "x", "details": None})
        con.execute("insert into ingestion (source, file_name, created_by, created_at, rows_loaded)"
                    " values ('file', 'juin.csv', 'Marie', '2026-01-04 09:00', 12)")
    with store.read() as con:
        def trail(actor=None, prefix=None, limit=10):
            return queries.run(con, "audit_trail", {"actor": actor, "action_prefix": prefix, "limit": limit})
        everything = trail()
        assert everything["action"].tolist() == ["ingestion.load", "ingestion.undo", "ingestion.undo", "campaign.edit"]
        assert everything.iloc[0]["target"] == "ingestion 1 · juin.csv"
        assert trail(actor="Marie", prefix="ingestion.")["action"].tolist() == ["ingestion.load", "ingestion.undo"]
        assert len(trail(limit=2)) == 2
