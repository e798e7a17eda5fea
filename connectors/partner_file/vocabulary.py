"""The partner-file vocabulary read from `vocabulary.csv`: header synonyms, units, scales, channel, PESO, AMEC stage.

One `Entry` per line of the data file; `lookup(header, platform=, channel=, press=)` gives the entry a
header means, in the order of VOCABULARY.md: the detected platform's line, then a line of the file's
channel, then the generic French/English line. `detect_platform(headers)` names a tool only on a strong
signature: at least `MIN_UNIQUE_HITS` headers that are on that tool's lines and on no other tool's.
`role(entry, press=)` turns a vocabulary name into a role of the engine (`settings.FACT_ROLES` or
`settings.PRESS_ROLES`), or None for the kinds the engine does not add up (`partner:…`, `as_reported:…`).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("vocabulary.csv")
MIN_UNIQUE_HITS = 2
# trailing words that only say a unit: "Montant dépensé (EUR)" is found as "montant depense" when not as such
UNIT_WORDS = ("eur", "euros", "euro", "ht", "ttc", "in utc", "utc", "pct", "en", "total", "totales", "totaux")
_RATES = {"rate:ctr": "ctr", "rate:open_rate": "open_rate", "rate:click_rate": "email_click_rate",
          "rate:click_to_open": "click_to_open", "rate:engagement_rate": "engagement_rate"}
_PRESS = {"press_outlet": "outlet", "press_title": "title", "press_url": "url", "press_date": "date",
          "press_audience": "audience", "press_sentiment": "sentiment", "campaign": "campaign"}
_DIMENSIONS = {"date": "date", "week": "date", "month": "date", "period_range": "date", "period_start": "period_start",
               "period_end": "period_end", "campaign": "campaign", "platform": "platform", "partner": "partner",
               "label": "label"}
_CANONICAL = ("impressions", "reach", "clicks", "engagements", "video_views", "sends", "delivered", "unique_opens",
              "email_clicks", "landing_visits", "conversions", "spend")


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")      # a word starting inside a name; the vocabulary is keyed alike


def header_key(text) -> str:
    """A header compared without case, accents or punctuation ("Coût (€)" -> "cout"); an API's camelCase name is
    words too ("campaignName" -> "campaign name", as "campaign_name" is)."""
    decomposed = unicodedata.normalize("NFKD", _CAMEL.sub(" ", str(text or "")).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


@dataclass(frozen=True)
class Entry:
    """One line of vocabulary.csv."""

    metric: str
    synonym: str
    language: str
    platform: str
    unit: str
    scale: float
    money_note: str
    channel: str
    peso: str
    amec_stage: str
    additive: bool

    @property
    def kind(self) -> str:
        """canonical | rate | dimension | press | partner | as_reported | ignore."""
        if self.metric == "_ignore":
            return "ignore"
        if self.metric.startswith("partner:"):
            return "partner"
        if self.metric.startswith("as_reported:"):
            return "as_reported"
        if self.metric.startswith("rate:"):
            return "rate"
        if self.metric.startswith("press_"):
            return "press"
        if self.metric in _DIMENSIONS:
            return "dimension"
        return "canonical"


@cache
def entries() -> tuple[Entry, ...]:
    with open(DATA, encoding="utf-8", newline="") as stream:
        return tuple(Entry(metric=r["metric"].strip(), synonym=r["synonym"].strip(), language=r["language"].strip(),
                           platform=r["platform"].strip(), unit=r["unit"].strip(),
                           scale=float(r["scale"]) if (r["scale"] or "").strip() else 1.0,
                           money_note=r["money_note"].strip(), channel=r["channel"].strip() or "any",
                           peso=r["peso"].strip(), amec_stage=r["amec_stage"].strip(),
                           additive=r["additive"].strip().lower() == "true")
                     for r in csv.DictReader(stream) if (r.get("metric") or "").strip())


@cache
def _index() -> dict[str, tuple[Entry, ...]]:
    found: dict[str, list[Entry]] = {}
    for entry in entries():
        found.setdefault(header_key(entry.synonym), []).append(entry)
    return {k: tuple(v) for k, v in found.items()}


def preload() -> None:
    """Build the lookup tables now: the parsing sandbox's fork server does, once for every child it starts."""
    _index()
    signatures()


@cache
def platform_keys() -> dict[str, frozenset[str]]:
    """Each tool's own header keys."""
    keys: dict[str, set[str]] = {}
    for entry in entries():
        if entry.language == "platform" and entry.platform:
            keys.setdefault(entry.platform, set()).add(header_key(entry.synonym))
    return {p: frozenset(k) for p, k in keys.items()}


@cache
def signatures() -> dict[str, frozenset[str]]:
    """Each tool's header keys found on no other tool's lines: what recognises it."""
    keys = platform_keys()
    return {p: frozenset(k for k in own if not any(k in other for q, other in keys.items() if q != p))
            for p, own in keys.items()}


def platform_channel(platform: str) -> str | None:
    channels = [e.channel for e in entries() if e.platform == platform and e.channel not in ("", "any")]
    return max(set(channels), key=channels.count) if channels else None


def platform_paid(platform: str) -> bool:
    pesos = [e.peso for e in entries() if e.platform == platform and e.peso]
    return bool(pesos) and max(set(pesos), key=pesos.count) == "paid"


def detect_platform(headers) -> str | None:
    """The tool whose export this is, only when several headers unique to it are present."""
    keys = {header_key(h) for h in headers if h}
    best, best_hits = None, 0
    for platform, unique in signatures().items():
        hits = len(keys & unique)
        if hits > best_hits:
            best, best_hits = platform, hits
    return best if best_hits >= MIN_UNIQUE_HITS else None


def _candidates(key: str) -> tuple[Entry, ...]:
    table = _index()
    if key in table:
        return table[key]
    words = key.split()
    while words and words[-1] in UNIT_WORDS:
        words.pop()
        if " ".join(words) in table:
            return table[" ".join(words)]
    return ()


def lookup(header, *, platform: str | None = None, channel: str | None = None, press: bool = False) -> Entry | None:
    """The vocabulary line a header means: the platform's line, then the channel's, then the generic one."""
    key = header_key(header)
    if not key:
        return None
    found = _candidates(key)
    if not found:
        return None
    if press:
        press_lines = [e for e in found if e.kind == "press"] or \
            [e for e in found if e.metric == "campaign" and e.language != "platform"]
        return press_lines[0] if press_lines else None
    if platform:
        own = [e for e in found if e.platform == platform]
        if own:
            return own[0]
    generic = [e for e in found if e.language != "platform"]
    if channel:
        same = [e for e in generic if e.channel == channel]
        if same:
            return same[0]
    # generic lines of no press kind first (a "Reach" in an ad report is reach, not a press audience)
    plain = [e for e in generic if e.kind != "press" and e.channel in ("any", "")] or \
        [e for e in generic if e.kind != "press"] or generic
    if plain:
        return plain[0]
    others = [e for e in found if e.kind != "press"]
    return others[0] if others else None


def role(entry: Entry | None, press: bool = False) -> str | None:
    """The engine role of a vocabulary line (None when the engine does not read it as such)."""
    if entry is None:
        return None
    if press:
        return _PRESS.get(entry.metric)
    if entry.kind == "ignore":
        return "ignore"
    if entry.metric in _CANONICAL:
        return entry.metric
    if entry.metric in _RATES:
        return _RATES[entry.metric]
    if entry.metric in _DIMENSIONS:
        return _DIMENSIONS[entry.metric]
    return None


# the words that name a total or sub-total row or column
TOTAL_WORDS = ("total", "totaux", "sous-total", "sous total", "grand total", "total general", "summary", "resume",
               "somme", "cumul", "ensemble", "results", "resultats")


def is_total_text(text) -> bool:
    """A cell that names a total or sub-total ("Total", "TOTAL général", "Sous-total semaine 2")."""
    key = header_key(text)
    return any(key == word or key.startswith(word + " ") for word in TOTAL_WORDS)
