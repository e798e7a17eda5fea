"""Kept for resonance/i18n.py only (branch i18n rewrites it): the settings live in resonance/settings.py."""
from __future__ import annotations

from resonance.settings import settings


def default_language() -> str:
    return settings().language
