"""Names compared as people mean them: case, accents and surrounding spaces ignored."""
from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """A name compared without regard to case, accents or surrounding spaces ("Écoles " == "ecoles")."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())
