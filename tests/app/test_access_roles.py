"""The sign-in gate and roles, through the whole app in AppTest: the demo mode, the real sign-in form, each role.

Tests sign in the way a person does (typing into the form) or hold a session token that the
gate checks against the store; nothing here sets a user directly, and a test below shows that
doing so does not work.
"""
from __future__ import annotations

import re

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from resonance.services import accounts, audit
from resonance.ui.access import User
from tests.helpers import APP, ROOT, texts

GOOD = "une phrase de passe solide"
WRITE_LABEL = re.compile(r"import|annuler|undo|synchron|supprimer|delete|charger|enregistrer|save|créer", re.I)
VIEWS = "pages"
DATA_PAGES = [f"{VIEWS}/{name}.py" for name in
              ("overview", "campaign_review", "compare", "partners", "import_reports", "connectors", "export")]


@pytest.fixture(autouse=True)
def _no_pause(monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")


@pytest.fixture
def listening_on_network():
    """The server bound to every interface, as `streamlit run` does without --server.address."""
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    yield
    st_config.set_option("server.address", before)


@pytest.fixture
def team(demo_store):
    for name, role in (("Alice Admin", "admin"), ("Élodie Éditrice", "editeur"), ("Léo Lecteur", "lecteur")):
        accounts.add(demo_store, name, role, GOOD)
    return demo_store


def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def sign_in(name: str, password: str = GOOD) -> AppTest:
    """Open the app and sign in through the real form."""
    at = app().run()
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button(key="FormSubmitter:sign_in-Se connecter").click().run()
    assert not at.exception, at.exception
    return at


def registered(at: AppTest) -> set[str]:
    return {str(info.get("script_path")) for info in at._registered_pages.values()}


def test_without_any_account_on_localhost_the_app_opens_in_demo_mode(demo_store):
    at = app().run()
    assert not at.exception
    assert "Mode démonstration" in texts(at)
    assert not at.text_input                      # no sign-in form
    at.switch_page(f"{VIEWS}/campaign_review.py")
    at.query_params["campagne"] = "Match avec ton futur"
    at.run()
    assert {m.label: m.value for m in at.metric}["Impressions"] == "2\u202f104\u202f350"


def test_without_any_account_on_the_network_data_stays_closed_and_says_how_to_start(demo_store, listening_on_network):
    at = app().run()
    assert not at.exception
    shown = texts(at)
    assert "Aucun compte n'existe encore" in shown and "Mode démonstration" not in shown
    assert "python -m resonance user add VOTRE_NOM --role admin" in [c.value for c in at.code]
    assert not at.metric
    assert str(ROOT / VIEWS / "overview.py") not in registered(at)


def test_once_an_account_exists_the_sign_in_form_comes_first_even_on_localhost(team):
    at = app().run()
    assert "Connexion" in [t.value for t in at.title]
    assert not at.metric and "Mode démonstration" not in texts(at)
    assert registered(at) and all(f"{VIEWS}/" not in p for p in registered(at))
    with pytest.raises(ValueError):
        at.switch_page(f"{VIEWS}/import_reports.py")


def test_a_wrong_password_is_refused_and_logged(team):
    at = sign_in("Léo Lecteur", "pas le bon mot de passe")
    assert "Nom ou mot de passe incorrect." in [e.value for e in at.error]
    assert not at.metric
    assert audit.trail(team, action_prefix="sign_in.failed").iloc[0]["target"] == "account leo lecteur"


def test_a_lecteur_sees_the_figures_but_no_write_action_on_any_page(team):
    at = sign_in("Léo Lecteur")
    assert "Connecté : Léo Lecteur (lecteur)" in [c.value for c in at.sidebar.caption]
    assert at.metric                                     # the overview's figures
    assert str(ROOT / VIEWS / "admin.py") not in registered(at)
    for path in DATA_PAGES:
        at.switch_page(path).run()
        # (a page's own errors are for the smoke tests; here: whatever renders offers no write action)
        assert not at.main.get("file_uploader"), path
        labels = [b.label for b in at.main.button]
        assert not [label for label in labels if WRITE_LABEL.search(label)], (path, labels)
    with pytest.raises(ValueError):
        at.switch_page(f"{VIEWS}/admin.py")


def test_a_lecteur_on_the_import_page_is_told_the_role_it_needs(team):
    at = sign_in("Léo Lecteur")
    at.switch_page(f"{VIEWS}/import_reports.py").run()
    assert "Cette action demande le rôle «\u202féditeur\u202f»" in texts(at)


def test_an_editeur_reaches_the_import_page_but_not_the_administration(team):
    at = sign_in("Élodie Éditrice")
    at.switch_page(f"{VIEWS}/import_reports.py").run()
    assert not at.exception
    assert "demande le rôle" not in texts(at)
    assert str(ROOT / VIEWS / "admin.py") not in registered(at)


def test_an_admin_sees_the_accounts_and_the_audit_trail_and_adds_a_colleague(team):
    at = sign_in("Alice Admin")
    at.switch_page(f"{VIEWS}/admin.py").run()
    assert not at.exception
    names = at.dataframe[0].value["name"].tolist()
    assert {"Alice Admin", "Élodie Éditrice", "Léo Lecteur"} <= set(names)
    form = at.main
    form.text_input[0].input("Nadia Nouvelle")
    form.text_input[2].input("une autre phrase de passe")
    form.selectbox[0].set_value("editeur")
    at.button(key="FormSubmitter:account_add-Créer le compte").click().run()
    assert "Compte «\u202fNadia Nouvelle\u202f» créé." in [s.value for s in at.success]
    trail = audit.trail(team, action_prefix="account.add")
    assert trail.iloc[0]["actor"] == "Alice Admin" and trail.iloc[0]["target"] == "account Nadia Nouvelle"


def test_setting_a_user_in_session_state_does_not_sign_anyone_in(team):
    at = app()
    at.session_state["_resonance_user"] = User("Intrus", "admin")
    at.session_state["_resonance_session_token"] = "un jeton inventé"
    at.run()
    assert "Connexion" in [t.value for t in at.title] and not at.metric


def test_a_valid_session_token_is_checked_at_every_rerun(team):
    session = accounts.sign_in(team, "Élodie Éditrice", GOOD)
    at = app()
    at.session_state["_resonance_session_token"] = session.token
    at.run()
    assert "Connecté : Élodie Éditrice (éditeur)" in [c.value for c in at.sidebar.caption]
    accounts.set_disabled(team, "Élodie Éditrice", by="Alice Admin")
    at.run()
    assert "Connexion" in [t.value for t in at.title] and not at.metric


def test_signing_out_ends_the_session(team):
    at = sign_in("Léo Lecteur")
    token = at.session_state["_resonance_session_token"]
    at.run()   # AppTest re-runs the pages/ folder compatibility first: let widget ids settle before clicking
    at.sidebar.button(key="sign_out").click().run()
    assert "Connexion" in [t.value for t in at.title]
    assert accounts.session_account(team, token) is None


def test_a_page_asked_for_by_its_file_name_before_anyone_signed_in_still_shows_no_figures(team):
    at = app()
    at.switch_page(f"{VIEWS}/overview.py")      # what a browser asking for /overview right after a restart gets
    at.run()
    assert not at.metric


def test_an_undo_click_sent_after_the_role_was_lowered_to_lecteur_undoes_nothing(team):
    """A crafted request: the undo button's widget id, clicked by a session whose account is now a reader."""
    at = sign_in("Élodie Éditrice")
    at.switch_page(f"{VIEWS}/import_reports.py").run()
    undo = at.button(key="undo_button")              # seen while still an editor
    target = at.selectbox(key="undo_pick").value
    accounts.set_role(team, "Élodie Éditrice", "lecteur", by="Alice Admin")
    undo.click().run()
    assert "Cette action demande le rôle «\u202féditeur\u202f»" in texts(at)
    with team.read() as con:
        assert con.execute("select status from ingestion where id = $i", {"i": int(target)}).fetchall() == [("loaded",)]


def test_the_same_undo_click_from_an_editor_does_undo(team):
    at = sign_in("Élodie Éditrice")
    at.switch_page(f"{VIEWS}/import_reports.py").run()
    target = at.selectbox(key="undo_pick").value
    at.button(key="undo_button").click().run()
    with team.read() as con:
        assert con.execute("select status from ingestion where id = $i", {"i": int(target)}).fetchall() == [("undone",)]
