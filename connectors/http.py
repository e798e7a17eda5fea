"""The one HTTP client of the connectors: a shared requests.Session with timeouts, retries and backoff honouring Retry-After.

Every error becomes a ConnectorError whose message names the source and what to do, in the
manager's language, and never carries a token: URLs with a query string are not quoted and any
secret the caller names is masked.
"""
from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta

import requests

from connectors import settings
from connectors.registry import ConnectorError
from resonance import formatting
from resonance.i18n import language, t

log = logging.getLogger("resonance.connectors")
RETRY_STATUSES = {429, 500, 502, 503, 504}
AUTH_STATUSES = {401, 403}


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    """The text with every secret replaced by a mask (defence in depth: messages are built without them)."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "•••")
    return text


def retry_after_s(response: requests.Response) -> float | None:
    """Seconds the server asks us to wait (Retry-After as seconds or as an HTTP date)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class Client:
    """One requests.Session shared by every connector of a sync."""

    def __init__(self, session: requests.Session | None = None, **tunables):
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = settings.USER_AGENT     # requests sets its own by default
        self.tunables = {**settings.http_tunables(), **tunables}
        self.requests_made = 0
        self.sleeper = time.sleep

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the request loop ------------------------------------------------------------------------------
    def request(self, source: str, platform: str, method: str, url: str, *, token_env: str | None = None,
                secrets: Iterable[str | None] = (), **kwargs) -> requests.Response:
        """Send a request, retrying 429/5xx/timeouts with backoff; raise ConnectorError with an actionable message."""
        secrets = list(secrets)
        attempts = max(1, int(self.tunables["attempts"]))
        timeout = (self.tunables["connect_timeout_s"], self.tunables["read_timeout_s"])
        where = _host(url)
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            pause = self.tunables["backoff_s"] * 2 ** (attempt - 1)
            try:
                self.requests_made += 1
                response = self.session.request(method, url, timeout=timeout, **kwargs)
            except requests.Timeout as error:
                log.warning("%s: %s did not answer in time (attempt %d/%d)", source, where, attempt, attempts)
                if last:
                    raise ConnectorError(source, t("connectors.error.timeout", platform=platform, source=source,
                                                   host=where, seconds=number_text(timeout[1]), attempts=attempts)) from error
                self.sleeper(pause)
                continue
            except requests.ConnectionError as error:
                log.warning("%s: cannot reach %s (attempt %d/%d)", source, where, attempt, attempts)
                if last:
                    raise ConnectorError(source, t("connectors.error.unreachable", platform=platform, source=source,
                                                   host=where)) from error
                self.sleeper(pause)
                continue
            except requests.RequestException as error:
                raise ConnectorError(source, t("connectors.error.request", platform=platform, source=source,
                                               host=where, error=scrub(type(error).__name__, secrets))) from error
            status = response.status_code
            if status in RETRY_STATUSES:
                waited = retry_after_s(response)
                log.warning("%s: %s answered %d (attempt %d/%d)", source, where, status, attempt, attempts)
                if last:
                    key = "connectors.error.rate_limited" if status == 429 else "connectors.error.down"
                    raise ConnectorError(source, t(key, platform=platform, source=source, host=where,
                                                   status=status, attempts=attempts))
                self.sleeper(min(waited if waited is not None else pause, self.tunables["max_wait_s"]))
                continue
            if status in AUTH_STATUSES:
                raise ConnectorError(source, t("connectors.error.auth", platform=platform, source=source,
                                               token_env=token_env or "?"))
            if status == 404:
                raise ConnectorError(source, t("connectors.error.not_found", platform=platform, source=source,
                                               host=where, path=_path(url)))
            if status >= 400:
                raise ConnectorError(source, t("connectors.error.status", platform=platform, source=source,
                                               host=where, status=status))
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def json(self, source: str, platform: str, method: str, url: str, **kwargs):
        """The decoded JSON body of a successful request."""
        response = self.request(source, platform, method, url, **kwargs)
        try:
            return response.json()
        except (ValueError, json.JSONDecodeError) as error:
            raise ConnectorError(source, t("connectors.error.not_json", platform=platform, source=source,
                                           host=_host(url))) from error


def number_text(value: float) -> str:
    return formatting.number(value, language(), 0 if float(value).is_integer() else 1)


def _host(url: str) -> str:
    return requests.utils.urlparse(url).netloc or url.split("?")[0]


def _path(url: str) -> str:
    return requests.utils.urlparse(url).path or "/"


def day_windows(start: date, end: date, days: int) -> Iterator[tuple[date, date]]:
    """[start, end] cut into consecutive windows of at most `days` days."""
    current = start
    while current <= end:
        stop = min(end, current + timedelta(days=days - 1))
        yield current, stop
        current = stop + timedelta(days=1)


def field(source: str, platform: str, record: dict, *path: str, what: str):
    """record[path…], or a ConnectorError naming the field that the response lacks."""
    value = record
    for key in path:
        if not isinstance(value, dict) or key not in value:
            raise ConnectorError(source, t("connectors.error.missing_field", platform=platform, source=source,
                                           field=".".join(path), what=what))
        value = value[key]
    return value


def number(source: str, platform: str, record: dict, *path: str, what: str) -> float:
    value = field(source, platform, record, *path, what=what)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ConnectorError(source, t("connectors.error.not_number", platform=platform, source=source,
                                       field=".".join(path), what=what))
    try:
        return float(value)
    except ValueError as error:
        raise ConnectorError(source, t("connectors.error.not_number", platform=platform, source=source,
                                       field=".".join(path), what=what)) from error
