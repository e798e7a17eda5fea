"""The audit trail: imports, pictures, account changes and refused sign-ins, with who and when; only what really happened."""
from __future__ import annotations

import pytest

from resonance.ingest import importing
from resonance.services import accounts, audit

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)

REPORT = b"Date;Affichages;Clics\n02/06/2025;1000;10\n03/06/2025;2000;20\n"


def test_imports_and_pictures_appear_with_who_and_which_file(store):
    result = importing.preview(store, REPORT, "bilan juin.csv", campaign="Match avec ton futur", partner="Tinder")
    loaded = importing.load(store, result, created_by="Marie Dupont", accept_warnings=True)
    trail = audit.trail(store, action_prefix="ingestion.")
    row = trail.iloc[0]
    assert (row["actor"], row["action"]) == ("Marie Dupont", "ingestion.load")
    assert row["target"] == f"ingestion {loaded.ingestion_id} · bilan juin.csv"
    assert '"rows_loaded": 4' in row["details"]
    assert audit.trail(store, actor="Quelqu'un d'autre").empty


def test_an_event_recorded_in_a_transaction_that_fails_leaves_no_trace(store):
    with pytest.raises(RuntimeError), store.transaction() as con:
        audit.record(con, "Marie", "campaign.edit", "campaign 1", {"field": "lessons"})
        raise RuntimeError("the edit failed")
    assert audit.trail(store).empty
    with store.transaction() as con:
        audit.record(con, "Marie", "campaign.edit", "campaign 1", {"field": "lessons"})
    assert audit.trail(store)[["actor", "action", "target"]].values.tolist() == [["Marie", "campaign.edit", "campaign 1"]]


def test_account_changes_and_refused_sign_ins_are_in_the_trail_newest_first(store, monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")
    accounts.add(store, "Alice", "admin", "une phrase de passe solide", by="cli:root")
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(store, "Alice", "mauvais mot de passe")
    actions = audit.trail(store)["action"].tolist()
    assert actions == ["sign_in.failed", "account.add"]
