"""Internal codes kept in the store (owned, file, positive, social…) written as words, for screens, decks and annexes."""
from __future__ import annotations

from resonance import formatting as fmt
from resonance import i18n

# The column a code sits in, and the translation key pattern of its words.
PATTERNS = {
    "peso": "display.peso.{}",
    "channel_kind": "display.peso.{}",
    "channel": "deck.channel.{}",
    "origin": "display.origin.{}",
    "source": "display.origin.{}",
    "sentiment": "display.sentiment.{}",
    "role": "access.role.{}",
}


def words(column: str, value, lang: str | None = None, patterns: dict[str, str] | None = None) -> str | None:
    """The code in words ("owned" -> "Médias propres"); a value that is no known code is left as it is (a connector's
    own name, a platform); a missing one is None."""
    if fmt.is_missing(value):
        return None
    pattern = {**PATTERNS, **(patterns or {})}.get(column)
    key = pattern.format(value) if pattern else None
    return i18n.t(key, lang) if key and i18n.has(key) else value
