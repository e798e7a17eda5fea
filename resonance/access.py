"""Who is using the app and what they may do: lecteur (view, download), éditeur (import, edit, undo, connectors), admin.

Pages call `require(role)` before showing or running anything that changes data; the check runs
on the server at every rerun, so a crafted request cannot reach a write action.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from resonance.i18n import t

ROLES = ("lecteur", "editeur", "admin")


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


# Until sign-in lands (issue 7), the app runs as a local demonstration user.
_DEMO_USER = User("démonstration", "admin")


def current_user() -> User | None:
    return st.session_state.get("user", _DEMO_USER)


def allowed(role: str) -> bool:
    user = current_user()
    return user is not None and user.can(role)


def require(role: str) -> User:
    """Stop the page with a clear message unless the signed-in user has at least `role`."""
    user = current_user()
    if user is None or not user.can(role):
        st.error(t("access.denied", role=t(f"access.role.{role}")))
        st.stop()
    return user


def actor() -> str:
    """The name recorded as `created_by` for what this session writes."""
    user = current_user()
    return user.name if user else "inconnu"
