"""PESO proposed from where figures come from: a partner's file is shared, an ad platform's export paid, press earned, the government's own analytics owned."""
from __future__ import annotations

from resonance.domain.metrics import PESO

# Declared sources (connectors) by kind: a press feed brings earned media; a partner's report fetched by its
# address is the partner's channel; the government's analytics and newsletters are its own.
PRESS_SOURCES = frozenset({"feed"})
PARTNER_SOURCES = frozenset({"url"})
OWN_SOURCES = frozenset({"matomo", "brevo", "mailchimp"})

# Why a kind is proposed, in the order a proposal looks: the manager's last choice wins over the rule.
REASONS = ("source", "partner", "rule")


def propose(*, partner: bool = False, paid_platform: bool = False, press: bool = False,
            source_kind: str | None = None) -> str:
    """The PESO kind the rule proposes for figures that come from a file or a source.

    press (a press list, a press feed) → earned; a partner's file or channel → shared; an ad platform's export
    without a partner → paid; anything else — the government's own analytics, site, newsletters — → owned.
    """
    if press or source_kind in PRESS_SOURCES:
        return "earned"
    if partner or source_kind in PARTNER_SOURCES:
        return "shared"
    if paid_platform:
        return "paid"
    return "owned"


def checked(peso: str | None) -> str | None:
    """A kind as chosen (None: none chosen); anything else than the four kinds is refused."""
    if peso is None or peso in PESO:
        return peso
    raise ValueError(peso)
