"""The connectors' shared vocabulary: canonical rows, ConnectorError, and the registry every kind goes through."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from resonance.errors import ResonanceError
from resonance.i18n import t


@dataclass(frozen=True)
class MetricRow:
    """One canonical figure, before the ingest layer resolves names to ids (METRICS.md metric names).

    For an API, `campaign` is the label as the source knows it (an `mtm_campaign`, an e-mail campaign's
    name): the sync resolves it to a Résonance campaign, or reports it as unmapped.
    """

    campaign: str
    partner: str | None
    channel: str
    peso: str
    platform: str
    period_start: date
    period_end: date
    metric: str
    value: float


@dataclass(frozen=True)
class PressRow:
    """One press article found by a feed; `campaign` is the keyword (or label) that matched it."""

    campaign: str
    partner: str | None
    published_on: date
    outlet: str
    title: str
    url: str | None
    audience: int | None = None


@dataclass(frozen=True)
class SourceNote:
    """Something the source says that is not an additive figure but belongs in the ingestion's notes.

    Brevo's Apple Mail privacy opens are one: machine opens, noted and shown, never added to opens.
    """

    label: str
    key: str
    value: float | str


class ConnectorError(ResonanceError):
    """A source that failed; the message names the source and says what to do (never a secret)."""

    def __init__(self, source: str, message: str, reason: str = "answer"):
        super().__init__(message)
        self.source = source
        self.reason = reason    # timeout | unreachable | status | auth | answer: what "Tester" may say without the body


class SourceConnector:
    """What every built-in connector keeps: its declared source, the shared HTTP client, the secret its caller read
    (dlt style: credentials are arguments, never looked up by the connector). A plugin may start from it too."""

    def __init__(self, source, client, token: str | None = None):
        self.source, self.client, self.token = source, client, token
        self.name = source.name


class Connector(Protocol):
    name: str                                    # the `source` recorded in ingestion

    def fetch(self, since: date | None) -> Iterator[MetricRow | PressRow | SourceNote]: ...


# -- the registry: built-in and added connectors go through the same door -------------------------------
# kind -> Kind(factory(source, client, token) returning a Connector, and what a source of that kind must give).
# `source` is resonance.services.sources.Source, `client` the shared connectors.http.Client, `token` the secret
# read by the caller (dlt style: credentials are arguments, never looked up by the connector).
@dataclass(frozen=True)
class Kind:
    factory: Callable
    needs_url: bool = False
    needs_token: bool = False
    channel: tuple[str, str, str] = ("web", "owned", "")   # proposed channel, PESO kind and platform of its figures
    lookback_days: int = 0        # the last days loaded that a sync asks again (a platform correcting its figures)
    label: str | None = None      # the catalogue key of its name; a plugin without one is shown by its kind


REGISTRY: dict[str, Kind] = {}


def register(kind: str, *, needs_url: bool = False, needs_token: bool = False,
             channel: tuple[str, str, str] = ("web", "owned", ""), lookback_days: int = 0,
             label: str | None = None) -> Callable[[Callable], Callable]:
    """Declare a connector kind and what a source of it proposes; a plugin adds its own with the same decorator the
    built-ins use (each passes its own settings.py values)."""
    def decorator(factory: Callable) -> Callable:
        if kind in REGISTRY and REGISTRY[kind].factory is not factory:
            raise ValueError(f"connector kind {kind!r} registered twice")
        REGISTRY[kind] = Kind(factory, needs_url, needs_token, tuple(channel), lookback_days, label)
        return factory
    return decorator


def kinds() -> list[str]:
    return sorted(REGISTRY)


def kind(name: str) -> Kind | None:
    return REGISTRY.get(name)


def label(name: str) -> str:
    """A kind's name as the reader's language says it ("Flux de presse", "Press feed"); a plugin's kind as it is."""
    found = REGISTRY.get(name)
    return t(found.label) if found is not None and found.label else name


def build(source, client, token: str | None = None) -> Connector:
    """The connector for a declared or configured source."""
    return REGISTRY[source.kind].factory(source, client, token)
