"""Connectors: each turns one source (a partner's file format, an API, a press feed) into canonical rows; none touches the store."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol


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


class ConnectorError(Exception):
    """A source that failed; the message names the source and says what to do (never a secret)."""

    def __init__(self, source: str, message: str, reason: str = "answer"):
        super().__init__(message)
        self.source = source
        self.reason = reason    # timeout | unreachable | status | auth | answer: what "Tester" may say without the body


class Connector(Protocol):
    name: str                                    # the `source` recorded in ingestion

    def fetch(self, since: date | None) -> Iterator[MetricRow | PressRow | SourceNote]: ...


# -- the registry: built-in and added connectors go through the same door -------------------------------
# kind -> factory(source, client, token) returning a Connector; `source` is resonance.sources.Source,
# `client` the shared connectors.http.Client, `token` the secret read by the caller (dlt style:
# credentials are arguments, never looked up by the connector). A plugin adds its own kind with `register`.
REGISTRY: dict[str, Callable] = {}


def register(kind: str) -> Callable[[Callable], Callable]:
    def decorator(factory: Callable) -> Callable:
        if kind in REGISTRY and REGISTRY[kind] is not factory:
            raise ValueError(f"connector kind {kind!r} registered twice")
        REGISTRY[kind] = factory
        return factory
    return decorator


def kinds() -> list[str]:
    _load_builtins()
    return sorted(REGISTRY)


def build(source, client, token: str | None = None) -> Connector:
    """The connector for a declared or configured source."""
    _load_builtins()
    return REGISTRY[source.kind](source, client, token)


def _load_builtins() -> None:
    # Imported on first use so that `import connectors` stays light and free of import cycles.
    from connectors import brevo, mailchimp, matomo, press_feed, url_report  # noqa: F401
