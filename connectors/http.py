"""The one HTTP client of the connectors: a shared requests.Session with timeouts, and urllib3's Retry honouring Retry-After.

Every error becomes a ConnectorError whose message names the source and what to do, in the
manager's language, and never carries a token: URLs with a query string are not quoted and any
secret the caller names is masked.
"""
from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from urllib.parse import unquote_plus, urlsplit

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, ReadTimeoutError
from urllib3.util.retry import Retry

from connectors import guard, settings
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


class _Retry(Retry):
    """urllib3's Retry whose pauses go through the client: Retry-After when the server says one (seconds or an HTTP
    date, read by urllib3), else a backoff doubling from `backoff_s`; never longer than `max_wait_s`."""

    def __init__(self, *args, pause=None, max_wait_s: float = 0.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.pause, self.max_wait_s = pause, max_wait_s

    def new(self, **changes) -> _Retry:
        made = super().new(**changes)          # urllib3 makes a new Retry after each try
        made.pause, made.max_wait_s = self.pause, self.max_wait_s
        return made

    def sleep(self, response=None) -> None:
        asked = self.get_retry_after(response) if response is not None else None
        backoff = self.backoff_factor * 2 ** max(0, len(self.history) - 1)
        last = self.history[-1] if self.history else None     # its URL may carry a token: never logged
        log.warning("try %d failed (%s): trying again", len(self.history),
                    (last.status or type(last.error).__name__) if last else "?")
        self.pause(min(asked if asked is not None else backoff, self.max_wait_s))


class Client:
    """One requests.Session shared by every connector of a sync; every connection goes through connectors.guard."""

    def __init__(self, session: requests.Session | None = None, **tunables):
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = settings.USER_AGENT     # requests sets its own by default
        self.session.max_redirects = settings.MAX_REDIRECTS
        self.tunables = {**settings.http_tunables(), **tunables}
        self.attempts = max(1, int(self.tunables["attempts"]))
        # Timeouts, refused connections and 429/5xx are tried again by urllib3 (POST too: the platforms' reads
        # are POSTs); redirects are followed by _send, one checked hop at a time, never by urllib3.
        retries = _Retry(total=self.attempts - 1, redirect=False, allowed_methods=None,
                         status_forcelist=RETRY_STATUSES, raise_on_status=False, respect_retry_after_header=True,
                         backoff_factor=self.tunables["backoff_s"], max_wait_s=self.tunables["max_wait_s"],
                         pause=lambda seconds: self.sleeper(seconds))
        for scheme in ("http://", "https://"):
            self.session.mount(scheme, guard.GuardedAdapter(max_retries=retries))
        self.requests_made = 0
        self.sleeper = time.sleep
        self.bound: dict[str, tuple[str, frozenset[str]]] = {}     # secret value -> (its name, hosts it may go to)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def bind(self, name: str, value: str | None, hosts: Iterable[str]) -> None:
        """Declare that a secret may only be sent to these hosts: a request carrying it anywhere else is refused."""
        if value:
            self.bound[value] = (name, frozenset(h.strip().lower().rstrip(".") for h in hosts if h))

    # -- the request loop ------------------------------------------------------------------------------
    def request(self, source: str, platform: str, method: str, url: str, *, token_env: str | None = None,
                secrets: Iterable[str | None] = (), max_bytes: int | None = None, **kwargs) -> requests.Response:
        """Send a request (urllib3 tries 429/5xx/timeouts again); raise ConnectorError with an actionable message."""
        secrets = [s for s in secrets if s] + list(self.bound)
        attempts = self.attempts
        timeout = (self.tunables["connect_timeout_s"], self.tunables["read_timeout_s"])
        cap = int(max_bytes or self.tunables["max_bytes"])
        where = _host(url)
        try:
            response = self._send(source, requests.Request(method, url, **kwargs), timeout, secrets, cap)
        except requests.ConnectionError as error:
            if _timed_out(error):
                log.warning("%s: %s did not answer in time (%d tries)", source, where, attempts)
                raise ConnectorError(source, t("connectors.error.timeout", platform=platform, source=source,
                                               host=where, seconds=number_text(timeout[1]), attempts=attempts),
                                     "timeout") from error
            log.warning("%s: cannot reach %s (%d tries)", source, where, attempts)
            raise ConnectorError(source, t("connectors.error.unreachable", platform=platform, source=source,
                                           host=where), "unreachable") from error
        except requests.Timeout as error:
            log.warning("%s: %s did not answer in time (%d tries)", source, where, attempts)
            raise ConnectorError(source, t("connectors.error.timeout", platform=platform, source=source,
                                           host=where, seconds=number_text(timeout[1]), attempts=attempts),
                                 "timeout") from error
        except requests.RequestException as error:
            raise ConnectorError(source, t("connectors.error.request", platform=platform, source=source,
                                           host=where, error=scrub(type(error).__name__, secrets)),
                                 "unreachable") from error
        status = response.status_code
        if status in RETRY_STATUSES:                     # still refused after every try
            key = "connectors.error.rate_limited" if status == 429 else "connectors.error.down"
            raise ConnectorError(source, t(key, platform=platform, source=source, host=where,
                                           status=status, attempts=attempts), "status")
        if status in AUTH_STATUSES:
            raise ConnectorError(source, t("connectors.error.auth", platform=platform, source=source,
                                           token_env=token_env or "?"), "auth")
        if status == 404:
            raise ConnectorError(source, t("connectors.error.not_found", platform=platform, source=source,
                                           host=where, path=_path(url)), "status")
        if status >= 400:
            raise ConnectorError(source, t("connectors.error.status", platform=platform, source=source,
                                           host=where, status=status), "status")
        return response

    def _send(self, source: str, request: requests.Request, timeout, secrets: list[str], cap: int) -> requests.Response:
        """One try: the request and the redirects it meets (at most MAX_REDIRECTS), each hop checked, the body read under the cap."""
        prepared = self.session.prepare_request(request)
        for _hop in range(settings.MAX_REDIRECTS + 1):
            guard.check_url(source, prepared.url)
            self._check_bound(source, prepared)
            self.requests_made += 1
            try:
                response = self.session.send(prepared, allow_redirects=False, stream=True, timeout=timeout)
            except guard.RequestRefused as refused:       # the socket's real peer was internal (DNS rebinding)
                raise guard.RequestRefused(source, t("connectors.guard.refused", source=source,
                                                     host=_host(prepared.url), why=refused.why), refused.why) from None
            retried = getattr(response.raw, "retries", None)
            self.requests_made += len(retried.history) if retried is not None else 0
            target = response.headers.get("Location") if response.is_redirect else None
            if not target:
                _read_capped(source, response, cap)
                return response
            response.close()
            prepared = _redirected(source, prepared, requests.compat.urljoin(prepared.url, target),
                                   response.status_code, secrets)
        raise guard.RequestRefused(source, t("connectors.guard.redirects", source=source, n=settings.MAX_REDIRECTS),
                                   t("connectors.guard.kind.redirects", n=settings.MAX_REDIRECTS))

    def _check_bound(self, source: str, prepared: requests.PreparedRequest) -> None:
        """A declared secret goes only to the hosts it is bound to (a custom URL does not get the real key)."""
        if not self.bound:
            return
        host = (urlsplit(prepared.url).hostname or "").lower().rstrip(".")
        carried = _carried(prepared)
        for value, (name, hosts) in self.bound.items():
            if _holds(carried, value) and host not in hosts:
                why = t("connectors.guard.kind.secret_host", secret=name, hosts=", ".join(sorted(hosts)) or "—")
                raise guard.RequestRefused(source, t("connectors.guard.refused", source=source,
                                                     host=_host(prepared.url), why=why), why)

    def json(self, source: str, platform: str, method: str, url: str, **kwargs):
        """The decoded JSON body of a successful request."""
        response = self.request(source, platform, method, url, **kwargs)
        try:
            return response.json()
        except (ValueError, json.JSONDecodeError) as error:
            raise ConnectorError(source, t("connectors.error.not_json", platform=platform, source=source,
                                           host=_host(url))) from error


def _timed_out(error: requests.ConnectionError) -> bool:
    """Whether the last try failed for lack of an answer in time (urllib3 reports it inside MaxRetryError)."""
    reason = error.args[0].reason if error.args and isinstance(error.args[0], MaxRetryError) else None
    return isinstance(error, requests.Timeout) or isinstance(reason, ConnectTimeoutError | ReadTimeoutError)


def _carried(prepared: requests.PreparedRequest) -> str:
    """Everything of a request that could carry a secret: URL, header values (Basic auth decoded), body."""
    parts = [unquote_plus(prepared.url or "")]
    for value in prepared.headers.values():
        value = str(value)
        parts.append(value)
        if value[:6].lower() == "basic ":
            try:
                parts.append(base64.b64decode(value[6:].strip()).decode("utf-8", "replace"))
            except ValueError:
                pass
    body = prepared.body
    if isinstance(body, bytes):
        body = body.decode("latin-1")
    if body:
        parts += [body, unquote_plus(body)]
    return "\n".join(parts)


def _holds(carried: str, secret: str) -> bool:
    return bool(secret) and secret in carried


def _origin(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


def _redirected(source: str, prepared: requests.PreparedRequest, url: str, status: int,
                secrets: list[str]) -> requests.PreparedRequest:
    """The next hop of a redirect: method as browsers do it, credentials dropped when the host changes."""
    following = prepared.copy()
    following.prepare_url(url, None)
    if status == 303 and following.method != "HEAD" or status in (301, 302) and following.method == "POST":
        following.method = "GET"
        following.body = None
        for name in ("Content-Type", "Content-Length", "Transfer-Encoding"):
            following.headers.pop(name, None)
    if _origin(url) != _origin(prepared.url):
        for name, value in list(following.headers.items()):
            if name.lower() in settings.SECRET_HEADERS or any(_holds(str(value), s) for s in secrets):
                del following.headers[name]
        if any(_holds(_carried(following), s) for s in secrets):
            # A 307/308 would carry a secret of the body (Matomo's token_auth) or URL to another host.
            why = t("connectors.guard.kind.redirect_secret")
            raise guard.RequestRefused(source, t("connectors.guard.refused", source=source, host=_host(url), why=why), why)
    return following


def _read_capped(source: str, response: requests.Response, cap: int) -> None:
    """Read the body in chunks, counting the bytes after decompression; past the cap, stop and refuse."""
    declared = response.headers.get("Content-Length", "")
    chunks, total = [], 0
    try:
        if declared.isdigit() and int(declared) > cap:
            raise _too_big(source, response.url, cap)
        for chunk in response.iter_content(64 * 1024):
            total += len(chunk)
            if total > cap:
                raise _too_big(source, response.url, cap)
            chunks.append(chunk)
    except BaseException:
        response.close()
        raise
    response._content = b"".join(chunks)
    response._content_consumed = True


def _too_big(source: str, url: str, cap: int) -> guard.RequestRefused:
    size = formatting.number(cap / 1_000_000, language(), 1 if cap % 1_000_000 else 0)
    why = t("connectors.guard.kind.too_big", size=size)
    return guard.RequestRefused(source, t("connectors.error.too_big", source=source, host=_host(url), size=size), why)


def number_text(value: float) -> str:
    return formatting.number(value, language(), 0 if float(value).is_integer() else 1)


def _host(url: str) -> str:
    """host[:port] only: a user and password written in the URL never reach a message."""
    return guard.safe_host(url)


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


def sent_day(source: str, platform: str, record: dict, key: str, what: str) -> date:
    """The day of an ISO timestamp field ("2025-06-03T09:30:00Z"), or a ConnectorError naming the field."""
    text = field(source, platform, record, key, what=what)
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00")).date()
    except ValueError as error:
        raise ConnectorError(source, t("connectors.error.not_date", platform=platform, source=source,
                                       field=key, what=what)) from error


def objects(source: str, platform: str, items: Iterable) -> Iterator[dict]:
    """Each item of what the platform listed, refused with the shape error where one is not an object."""
    for item in items:
        if not isinstance(item, dict):
            raise ConnectorError(source, t("connectors.error.shape", platform=platform, source=source))
        yield item


def offset_pages(source: str, platform: str, page_at: Callable[[int], object], items: str, total: str,
                 what: Callable[[int], str]) -> Iterator:
    """The items of a list served a page at a time from an offset, asked until the page that reaches `total`.

    `page_at(offset)` asks one page; `what(offset)` names it in an error. A page that is not an object with a
    list under `items` and a number under `total` is refused with the field it lacks.
    """
    offset = 0
    while True:
        page = page_at(offset)
        named = what(offset)
        if not isinstance(page, dict):
            raise ConnectorError(source, t("connectors.error.shape", platform=platform, source=source))
        found = field(source, platform, page, items, what=named)
        announced = number(source, platform, page, total, what=named)
        if not isinstance(found, list):
            raise ConnectorError(source, t("connectors.error.shape", platform=platform, source=source))
        yield from found
        offset += len(found)
        if not found or offset >= announced:      # an empty page ends it too: a total that lies loops no more
            return
