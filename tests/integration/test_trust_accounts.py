"""Accounts: scrypt hashes, roles, disabling, password change, the sign-in slowdown and log, session expiry, the CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest

from resonance.services import accounts, audit, sign_in_guard
from resonance.store import Store

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOOD = "une phrase de passe solide"


@pytest.fixture(autouse=True)
def _no_pause(monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")


@pytest.mark.real_scrypt
def test_passwords_are_stored_as_salted_scrypt_hashes(store):
    accounts.add(store, "Élise Martin", "admin", GOOD)
    accounts.add(store, "Paul", "lecteur", GOOD)
    with store.read() as con:
        hashes = [h for (h,) in con.execute("select password_hash from account order by id").fetchall()]
    assert all(h.startswith("scrypt$32768$8$1$") for h in hashes)
    assert GOOD not in " ".join(hashes)
    assert hashes[0] != hashes[1]                      # same password, different salt
    assert sign_in_guard.verify_password(GOOD, hashes[0]) and not sign_in_guard.verify_password(GOOD + "!", hashes[0])


def test_sign_in_by_name_without_case_or_accents_and_the_session_holds_the_role(store):
    accounts.add(store, "Élise Martin", "editeur", GOOD)
    session = accounts.sign_in(store, "  elise MARTIN ", GOOD)
    assert session.role == "editeur"
    assert accounts.session_account(store, session.token) == ("Élise Martin", "editeur")
    with store.read() as con:                           # only the token's hash is kept
        stored = con.execute("select token_sha256 from account_session").fetchall()[0][0]
    assert stored != session.token and len(stored) == 64


def test_weak_passwords_bad_roles_and_duplicates_are_refused_with_a_reason(store):
    with pytest.raises(accounts.AccountError, match="au moins 12 caractères"):
        accounts.add(store, "Paul", "lecteur", "court")
    with pytest.raises(accounts.AccountError, match="Rôle «\u202fchef\u202f» inconnu"):
        accounts.add(store, "Paul", "chef", GOOD)
    with pytest.raises(accounts.AccountError, match="nom du compte"):
        accounts.add(store, "Paul", "lecteur", "paul paul paul paul")
    accounts.add(store, "Paul", "lecteur", GOOD)
    with pytest.raises(accounts.AccountError, match="existe déjà"):
        accounts.add(store, "paul", "admin", GOOD)
    assert len(accounts.accounts(store)) == 1


def test_failed_sign_ins_are_logged_then_slowed_down_and_the_right_password_waits_too(store):
    accounts.add(store, "Paul", "lecteur", GOOD)
    start = audit.now()
    for attempt in range(sign_in_guard.FREE_FAILURES):
        with pytest.raises(accounts.SignInRefused, match="incorrect"):
            accounts.sign_in(store, "Paul", f"mauvais {attempt}", now=start, origin="10.0.0.7")
    # Locked for a while: even the right password is refused without being checked.
    with pytest.raises(accounts.SignInRefused, match="réessayez dans 30 s") as refused:
        accounts.sign_in(store, "Paul", GOOD, now=start + timedelta(seconds=0))
    assert refused.value.wait_s == 30
    assert accounts.sign_in(store, "Paul", GOOD, now=start + timedelta(seconds=31)).name == "Paul"
    trail = audit.trail(store, action_prefix="sign_in.")
    failed = trail[trail["action"] == "sign_in.failed"]
    assert len(failed) == 3 and (failed["actor"] == "paul").all()
    assert '"origin": "10.0.0.7"' in failed.iloc[0]["details"]
    assert (trail["action"] == "sign_in.ok").sum() == 1


def test_unknown_names_are_refused_like_wrong_passwords_and_logged(store):
    accounts.add(store, "Paul", "lecteur", GOOD)
    with pytest.raises(accounts.SignInRefused, match="Nom ou mot de passe incorrect"):
        accounts.sign_in(store, "Personne", GOOD)
    assert audit.trail(store, action_prefix="sign_in.failed").iloc[0]["target"] == "account personne"


def test_sessions_expire(store, monkeypatch):
    monkeypatch.setenv("RESONANCE_SESSION_HOURS", "8")
    monkeypatch.setenv("RESONANCE_IDLE_MINUTES", "0")             # the absolute expiry alone (idle: test_access_sign_in)
    accounts.add(store, "Paul", "lecteur", GOOD)
    start = audit.now()
    session = accounts.sign_in(store, "Paul", GOOD, now=start)
    assert accounts.session_account(store, session.token, now=start + timedelta(hours=7, minutes=59))
    assert accounts.session_account(store, session.token, now=start + timedelta(hours=8, minutes=1)) is None
    assert accounts.session_account(store, "un jeton inventé") is None


def test_disabling_or_changing_the_password_ends_open_sessions_and_role_changes_apply_at_once(store):
    accounts.add(store, "Admin", "admin", GOOD)
    accounts.add(store, "Paul", "editeur", GOOD)
    session = accounts.sign_in(store, "Paul", GOOD)
    accounts.set_role(store, "Paul", "lecteur", by="Admin")
    assert accounts.session_account(store, session.token) == ("Paul", "lecteur")
    accounts.set_disabled(store, "Paul", by="Admin")
    assert accounts.session_account(store, session.token) is None
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(store, "Paul", GOOD)
    accounts.set_disabled(store, "Paul", False, by="Admin")
    session = accounts.sign_in(store, "Paul", GOOD)
    accounts.set_password(store, "Paul", "un tout autre secret", by="Paul")
    assert accounts.session_account(store, session.token) is None
    assert accounts.sign_in(store, "Paul", "un tout autre secret").name == "Paul"
    actions = set(audit.trail(store)["action"])
    assert {"account.add", "account.role", "account.disable", "account.enable", "account.password"} <= actions


def test_the_last_admin_cannot_be_disabled_or_demoted(store):
    accounts.add(store, "Admin", "admin", GOOD)
    with pytest.raises(accounts.AccountError, match="dernier administrateur"):
        accounts.set_disabled(store, "Admin")
    with pytest.raises(accounts.AccountError, match="dernier administrateur"):
        accounts.set_role(store, "Admin", "lecteur")
    accounts.add(store, "Seconde", "admin", GOOD)
    accounts.set_disabled(store, "Admin")
    assert accounts.has_accounts(store)


def test_sso_identities_map_to_accounts_by_email_and_unknown_ones_are_refused(store):
    accounts.add(store, "Claire Dupont", "editeur", None, email="Claire.Dupont@sig.gouv.fr")
    session = accounts.sso_sign_in(store, "claire.dupont@sig.gouv.fr")
    assert (session.name, session.role) == ("Claire Dupont", "editeur")
    with pytest.raises(accounts.SignInRefused, match="n'a pas de compte actif"):
        accounts.sso_sign_in(store, "inconnu@example.org")
    with pytest.raises(accounts.SignInRefused):       # an SSO-only account has no password to guess
        accounts.sign_in(store, "Claire Dupont", "")


def _cli(*args, stdin: str = "", db) -> subprocess.CompletedProcess:
    env = {**os.environ, "RESONANCE_DB": str(db), "RESONANCE_LANG": "fr", "RESONANCE_SIGNIN_DELAY_S": "0"}
    return subprocess.run([sys.executable, "-m", "resonance", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


@pytest.mark.slow     # a dozen command-line processes, each paying scrypt: the full run only
def test_cli_creates_the_first_admin_from_stdin_and_manages_accounts(tmp_path):
    db = tmp_path / "r.duckdb"
    done = _cli("user", "add", "Élise Martin", "--role", "admin", "--password-stdin", stdin=GOOD + "\n", db=db)
    assert done.returncode == 0, done.stderr
    assert "Compte «\u202fÉlise Martin\u202f» créé avec le rôle admin." in done.stdout
    assert _cli("user", "add", "Paul", "--role", "lecteur", "--password-stdin", stdin="court\n", db=db).returncode == 2
    assert _cli("user", "add", "Paul", "--role", "lecteur", "--password-stdin", stdin=GOOD + "\n", db=db).returncode == 0
    listed = _cli("user", "list", db=db).stdout
    assert "Élise Martin" in listed and "lecteur" in listed and GOOD not in listed
    assert _cli("user", "disable", "paul", db=db).returncode == 0
    assert "désactivé" in _cli("user", "list", db=db).stdout
    refused = _cli("user", "disable", "Élise Martin", db=db)
    assert refused.returncode == 2 and "dernier administrateur" in refused.stderr
    assert _cli("user", "password", "Élise Martin", "--password-stdin", stdin="nouvelle phrase secrète\n", db=db).returncode == 0
    assert accounts.sign_in(Store(db), "Élise Martin", "nouvelle phrase secrète").role == "admin"


def test_cli_never_takes_the_password_as_an_argument(tmp_path):
    done = _cli("user", "add", "Paul", "--role", "admin", "--password", GOOD, db=tmp_path / "r.duckdb")
    assert done.returncode == 2 and "unrecognized arguments" in done.stderr
