"""The one translation table: every string that reaches a screen, a deck or a message goes through t()."""
from __future__ import annotations

import contextvars
from contextlib import contextmanager

from resonance import config
from resonance.locales import TABLE

LANGUAGES = ("fr", "en")
_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("language", default=None)


def language() -> str:
    return _language.get() or config.default_language()


def set_language(lang: str) -> None:
    """Set for the current thread of work (a Streamlit script run, a CLI call)."""
    _language.set(lang if lang in LANGUAGES else "fr")


@contextmanager
def using(lang: str):
    token = _language.set(lang if lang in LANGUAGES else "fr")
    try:
        yield
    finally:
        _language.reset(token)


def t(key: str, lang: str | None = None, **values) -> str:
    """Translate `key`; unknown keys raise so that a missing string is caught by the tests, not by a user."""
    fr, en = TABLE[key]
    text = en if (lang or language()) == "en" and en else fr
    return text.format(**values) if values else text
