"""Connectors: each turns one source (a partner's file format, an API, a press feed) into canonical rows; none touches the store."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class MetricRow:
    """One canonical figure, before the ingest layer resolves names to ids (METRICS.md metric names)."""

    campaign: str
    partner: str | None
    channel: str
    peso: str
    platform: str
    period_start: date
    period_end: date
    metric: str
    value: float


class ConnectorError(Exception):
    """A source that failed; the message names the source and says what to do (never a secret)."""

    def __init__(self, source: str, message: str):
        super().__init__(message)
        self.source = source


class Connector(Protocol):
    name: str                                    # the `source` recorded in ingestion

    def fetch(self, since: date | None) -> Iterator[MetricRow]: ...
