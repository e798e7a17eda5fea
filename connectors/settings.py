"""Constants of the API connectors: base URLs, page sizes, look-back windows, field → metric maps, HTTP tunables."""
from __future__ import annotations

from resonance.settings import settings

# -- HTTP (timeouts and retry pacing are RESONANCE_HTTP_* settings; tests make the backoff tiny) ------------
USER_AGENT = "Resonance/0.1 (bilans de campagnes partenaires)"
MAX_BYTES = 50_000_000           # any answer, counted after decompression (a gzip bomb stops here)
MAX_REDIRECTS = 5                # followed by the client itself, each hop checked like the first request
# Headers that carry a credential: dropped when a redirect leads to another host (with any header holding a secret).
SECRET_HEADERS = {"authorization", "proxy-authorization", "cookie", "api-key", "x-api-key", "x-api-token",
                  "x-auth-token", "private-token"}


def http_tunables() -> dict[str, float]:
    """Timeouts, retry pacing and the download cap (RESONANCE_HTTP_*), so that a deployment (or a test) can tune them."""
    current = settings()
    return {"connect_timeout_s": current.http_connect_timeout_s, "read_timeout_s": current.http_timeout_s,
            "attempts": current.http_attempts, "backoff_s": current.http_backoff_s,
            "max_wait_s": current.http_max_wait_s, "max_bytes": current.http_max_bytes}


def allow_hosts() -> set[str]:
    """Hosts an admin allows although they resolve to an internal address (RESONANCE_ALLOW_HOSTS, comma-separated
    `host` or `host:port`): an intranet Matomo, a proxy. Everything else must be a public address."""
    return set(settings().allow_hosts)


# -- incremental cursor (each kind's look-back is its own setting, given when it registers) -------------------------
FIRST_SYNC_DAYS = 30             # how far back a source with no `since` and nothing loaded starts
