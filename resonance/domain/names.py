"""Names compared as people mean them: case, accents and surrounding spaces ignored."""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Text without case or accents ("Été Œuvre" → "ete œuvre"): the one accent folding of the code base."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """A name compared without regard to case, accents or surrounding spaces ("Écoles " == "ecoles")."""
    return " ".join(fold(name).split())
