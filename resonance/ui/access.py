"""Who is using the app and what they may do: lecteur (view, download), éditeur (import, edit, undo, connectors), admin.

`app.py` calls `gate()` first at every rerun: it checks the session token kept in the server-side
session state against the store (expiry, disabled account, current role) and decides the mode —
signed in, sign-in required, or the local demonstration mode (no account yet and the server
listening on localhost only). Pages then call `require(role)` before showing or running
anything that changes data; since the user is decided on the server at every rerun, a crafted
request cannot reach a write action.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import streamlit as st

from resonance import ui
from resonance.i18n import t
from resonance.services import accounts
from resonance.settings import settings
from resonance.store import Store

ROLES = ("lecteur", "editeur", "admin")
ROLE_KEYS = {"lecteur": "access.role.lecteur", "editeur": "access.role.editeur", "admin": "access.role.admin"}
LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1", "[::1]"}
# A relay in front of the server adds one of these: the request then comes from elsewhere, whatever the socket says.
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-forwarded-proto", "via")
COMMAND_FIRST_ADMIN = "python -m resonance user add VOTRE_NOM --role admin"

# Server-side session state only: no widget uses these keys, so a browser cannot set them.
_TOKEN = "_resonance_session_token"
_USER = "_resonance_user"


@dataclass(frozen=True)
class User:
    name: str
    role: str
    demo: bool = False

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


DEMO_USER = User("démonstration", "admin", demo=True)


# -- where the server listens ------------------------------------------------------------------
def _web_server_running() -> bool:
    """Whether a Streamlit web server serves this process (not a bare run of the script, not AppTest)."""
    from streamlit import runtime
    from streamlit.runtime import Runtime
    return runtime.exists() and type(runtime.get_instance()) is Runtime


def listens_locally() -> bool:
    """True when nobody but this machine can reach the app: `server.address` is a loopback address.

    Left unset, Streamlit listens on every interface, so sign-in is required — except when no web
    server runs at all (the script run by AppTest or in bare mode), where nothing listens.
    """
    address = (st.get_option("server.address") or "").strip()
    if address:
        return address.lower() in LOCAL_ADDRESSES
    return not _web_server_running()


def demo_chosen() -> bool:
    """Demo mode is an explicit choice (RESONANCE_DEMO=1, set by `make run`), never what a fresh install falls into."""
    return settings().demo


def _local_name(value: str) -> bool:
    host = value.strip().lower()
    if host.startswith("["):                         # [::1]:8501
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:                       # localhost:8501
        host = host.split(":", 1)[0]
    return host in LOCAL_ADDRESSES


def request_is_local(headers) -> bool:
    """Whether a request's Host and Origin are loopback names and no relay header is present (DNS rebinding, proxies)."""
    lowered = {str(k).lower(): str(v) for k, v in dict(headers or {}).items()}
    if any(name in lowered for name in PROXY_HEADERS):
        return False
    if not _local_name(lowered.get("host", "")):
        return False
    origin = lowered.get("origin")
    if origin is not None:
        parsed = urlsplit(origin)
        if parsed.scheme not in ("http", "https") or not _local_name(parsed.netloc):
            return False
    return True


def demo_allowed() -> bool:
    """Demo mode (no account, admin rights for everyone): chosen, bound to loopback, and this very request local."""
    if not demo_chosen() or not listens_locally():
        return False
    if not _web_server_running():
        return True                                  # AppTest or a bare run: no request comes from anywhere
    try:
        headers = st.context.headers
    except Exception:  # noqa: BLE001 - no request to look at means no proof it is local
        return False
    return request_is_local(headers)


# -- single sign-on (st.login, OIDC) ---------------------------------------------------------------
def sso_providers() -> list[str]:
    """Named OIDC providers configured in .streamlit/secrets.toml ([auth.proconnect] …), or [""] for a lone [auth]."""
    try:
        auth = st.secrets.get("auth")
    except Exception:   # no secrets.toml at all
        return []
    if not auth:
        return []
    named = [key for key, value in auth.items() if hasattr(value, "items") and "client_id" in value]
    return named or ([""] if "client_id" in auth else [])


def sso_email(claims) -> str | None:
    """The e-mail of an identity only when the provider says it verified it (`email_verified` true); nothing else.

    A name, `preferred_username` or an unverified e-mail can be chosen by the user at many providers.
    """
    try:
        email = claims.get("email")
        verified = claims.get("email_verified")
    except Exception:  # noqa: BLE001 - no claims at all
        return None
    if verified is True or (isinstance(verified, str) and verified.lower() == "true"):
        return email.strip().lower() if isinstance(email, str) and "@" in email else None
    return None


def _sso_email() -> str | None:
    try:
        if st.user.is_logged_in:
            return sso_email(st.user)
    except Exception:
        return None
    return None


# -- the gate --------------------------------------------------------------------------------------
def _origin() -> str | None:
    try:
        address = st.context.ip_address
    except Exception:
        return None
    return address if isinstance(address, str) else None     # the client's address: sign-in limits count per address


def gate(store: Store) -> User | None:
    """Decide who this rerun runs as; None means: show the sign-in page (or how to create the first admin)."""
    st.session_state[_USER] = None
    token = st.session_state.get(_TOKEN)
    if token:
        found = accounts.session_account(store, token)
        if found:
            user = User(*found)
            st.session_state[_USER] = user
            return user
        st.session_state.pop(_TOKEN, None)
    if not accounts.has_accounts(store):
        if demo_allowed():
            st.session_state[_USER] = DEMO_USER
            return DEMO_USER
        return None
    email = _sso_email()
    if email:
        try:
            session = accounts.sso_sign_in(store, email)
        except accounts.SignInRefused as refusal:
            st.session_state["_resonance_sso_refusal"] = str(refusal)
            return None
        st.session_state[_TOKEN] = session.token
        user = User(session.name, session.role)
        st.session_state[_USER] = user
        return user
    return None


def sign_in_page() -> None:
    """The sign-in form (and the SSO button when configured); without any account, how to create the first admin."""
    store_has_accounts = accounts.has_accounts(_store())
    st.title(t("trust.sign_in.title"))
    if not store_has_accounts:
        st.error(t("trust.no_account_exposed"))
        st.code(COMMAND_FIRST_ADMIN, language="bash")
        st.caption(t("trust.no_account_then"))
        return
    refusal = st.session_state.pop("_resonance_sso_refusal", None)
    if refusal:
        st.error(refusal)
    with st.form("sign_in", clear_on_submit=False):
        name = st.text_input(t("trust.sign_in.name"), key="sign_in_name", max_chars=200)
        password = st.text_input(t("trust.sign_in.password"), type="password", key="sign_in_password", max_chars=1024)
        submitted = st.form_submit_button(t("trust.sign_in.submit"), type="primary")
    if submitted:
        try:
            session = accounts.sign_in(_store(), name, password, origin=_origin())
        except accounts.SignInRefused as refusal:
            st.error(str(refusal))
        else:
            st.session_state[_TOKEN] = session.token
            st.session_state.pop("sign_in_password", None)
            st.rerun()
    for provider in sso_providers():
        label = t("trust.sign_in.sso", provider=provider.capitalize() if provider else "SSO")
        if st.button(label, key=f"sso_{provider or 'default'}", icon=":material/badge:"):
            st.login(provider) if provider else st.login()


def sign_out() -> None:
    accounts.sign_out(_store(), st.session_state.pop(_TOKEN, None))
    st.session_state[_USER] = None
    try:
        signed_by_sso = st.user.is_logged_in
    except Exception:  # noqa: BLE001 - no SSO configured
        signed_by_sso = False
    if signed_by_sso:
        st.logout()


def _store() -> Store:
    return ui.store()


# -- what pages call -------------------------------------------------------------------------------
def current_user() -> User | None:
    """The user `gate()` decided for this session, None when nobody is signed in.

    If the gate has not run in this session (a page run without app.py, as Streamlit does for a
    `pages/` folder on its first run), the same decision is taken here, never a default user.
    """
    if _USER not in st.session_state:
        return gate(_store())
    user = st.session_state.get(_USER)
    return user if isinstance(user, User) else None


def allowed(role: str) -> bool:
    user = current_user()
    return user is not None and user.can(role)


def require(role: str) -> User:
    """Stop the page with a clear message unless the signed-in user has at least `role`."""
    user = current_user()
    if user is None or not user.can(role):
        st.error(t("access.denied", role=t(ROLE_KEYS[role])))
        st.stop()
    return user


def actor() -> str:
    """The name recorded as `created_by` (and in the audit trail) for what this session writes."""
    user = current_user()
    return user.name if user else "inconnu"
