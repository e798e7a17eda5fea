"""Subcommands of `python -m resonance`: each module defines register(subparsers) and sets `run` on its parser."""
from __future__ import annotations

from datetime import date

from resonance.i18n import t


def day(text: str) -> date:
    """A date given on the command line (YYYY-MM-DD), or a French sentence saying which word is not one."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise SystemExit(t("links.cli.bad_date", value=text)) from error
