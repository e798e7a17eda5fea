"""Connectors: each turns one source (a partner's file format, an API, a press feed) into canonical rows; none touches the store.

The built-in kinds register themselves with `connectors.registry.register`, the door a plugin uses too:
importing this package imports them, so `kinds()` and `build()` know every built-in.
"""
from __future__ import annotations

from connectors import brevo, mailchimp, matomo, press_feed, url_report  # noqa: F401 - built-ins register on import
from connectors.registry import (  # noqa: F401 - the package's public names
    REGISTRY,
    Connector,
    ConnectorError,
    Kind,
    MetricRow,
    PressRow,
    SourceNote,
    build,
    kind,
    kinds,
    label,
    register,
)
