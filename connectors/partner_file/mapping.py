"""From column headers to roles: platform presets first, then French/English synonyms (METRICS.md)."""
from __future__ import annotations

import re
import unicodedata

from connectors.partner_file import settings


def header_key(text) -> str:
    """A header compared without case, accents, punctuation or units in brackets' punctuation ("Coût (€)" -> "cout")."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _lookup(key: str, table: dict[str, str]) -> str | None:
    if key in table:
        return table[key]
    words = key.split()
    while words and words[-1] in settings.UNIT_WORDS:       # "montant depense eur" -> "montant depense"
        words.pop()
        if " ".join(words) in table:
            return table[" ".join(words)]
    return None


def role_of(header, preset: str | None = None, press: bool = False) -> str | None:
    """The role a header suggests, or None when it says nothing known."""
    key = header_key(header)
    if not key:
        return None
    if press:
        return _lookup(key, settings.PRESS_SYNONYMS)
    if preset:
        found = _lookup(key, settings.PRESETS[preset]["roles"])
        if found:
            return found
    return _lookup(key, settings.SYNONYMS)


def detect_preset(headers: list[str]) -> str | None:
    """The ad platform or e-mail tool whose export this looks like (most distinctive headers found)."""
    keys = {header_key(h) for h in headers}
    best, best_hits = None, 0
    for name, preset in settings.PRESETS.items():
        hits = len(keys & set(preset["signature"]))
        if hits > best_hits:
            best, best_hits = name, hits
    return best if best_hits >= settings.MIN_SIGNATURE_HITS else None


def is_percent_header(header) -> bool:
    return "%" in str(header or "")


def looks_like_press(headers: list[str]) -> bool:
    roles = {role_of(h, press=True) for h in headers}
    fact_roles = {role_of(h) for h in headers} & set(settings.METRIC_ROLES)
    return {"title", "outlet"} <= roles and not fact_roles


def propose(headers: list[str], *, preset: str | None = None, saved: dict[str, str] | None = None,
            press: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    """A role per header and where it came from (saved | preset | synonym | none); one column per role."""
    mapping: dict[str, str] = {}
    origin: dict[str, str] = {}
    taken: set[str] = set()
    saved = {header_key(k): v for k, v in (saved or {}).items()}
    for header in headers:
        if not header:
            continue
        key = header_key(header)
        if key in saved:
            role, came_from = saved[key], "saved"
        else:
            role = role_of(header, preset, press)
            came_from = ("preset" if preset and _lookup(key, settings.PRESETS[preset]["roles"]) else "synonym") \
                if role else "none"
        if role is None or (role != settings.IGNORE and role != "label" and role in taken):
            role, came_from = settings.IGNORE, "none" if role is None else "duplicate"
        taken.add(role)
        mapping[header] = role
        origin[header] = came_from
    return mapping, origin
