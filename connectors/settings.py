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


# -- incremental cursor -----------------------------------------------------------------------------------
# The last days already loaded are asked again: analytics and e-mail platforms correct
# their figures for a few days (late hits, opens that keep coming in).
LOOKBACK_DAYS = {"matomo": 3, "brevo": 7, "mailchimp": 7, "feed": 2, "url": 0}
FIRST_SYNC_DAYS = 30             # how far back a source with no `since` and nothing loaded starts

# -- Matomo -------------------------------------------------------------------------------------------------
MATOMO_DAYS_PER_REQUEST = 31     # a long range is asked in windows of this many days
MATOMO_CAMPAIGN_METHODS = ("MarketingCampaignsReporting.getName", "Referrers.getCampaigns")
MATOMO_METRICS = {"landing_visits": ("nb_visits",), "conversions": ("nb_conversions", "nb_visits_converted")}
MATOMO_SEGMENT_SOURCE = "campaignSource"      # segments of the MarketingCampaignsReporting plugin: mtm_source
MATOMO_SEGMENT_CONTENT = "campaignContent"    # … and mtm_content

# -- Brevo --------------------------------------------------------------------------------------------------
BREVO_BASE_URL = "https://api.brevo.com/v3"
BREVO_PAGE_SIZE = 50             # the list endpoint's maximum with statistics
BREVO_METRICS = {"sends": "sent", "delivered": "delivered", "unique_opens": "uniqueViews", "email_clicks": "uniqueClicks"}
BREVO_NOTES = ("appleMppOpens",)

# -- Mailchimp ------------------------------------------------------------------------------------------------
MAILCHIMP_BASE_URL = "https://{dc}.api.mailchimp.com/3.0"
MAILCHIMP_PAGE_SIZE = 100
# `opens.open_rate` and `clicks.click_rate` are 0–1 fractions: never stored, recomputed from the counts.
MAILCHIMP_METRICS = {"sends": ("emails_sent",), "unique_opens": ("opens", "unique_opens"),
                     "email_clicks": ("clicks", "unique_subscriber_clicks")}

# -- press feeds ----------------------------------------------------------------------------------------------
FEED_MAX_BYTES = 5_000_000

# -- channel defaults per kind: (channel, peso, platform) -------------------------------------------------------
DEFAULT_CHANNEL = {
    "matomo": ("web", "owned", "Matomo"),
    "brevo": ("email", "owned", "Brevo"),
    "mailchimp": ("email", "owned", "Mailchimp"),
    "feed": ("press", "earned", ""),
    "url": ("web", "shared", ""),
}
PLATFORM_NAME = {"matomo": "Matomo", "brevo": "Brevo", "mailchimp": "Mailchimp", "feed": "Flux de presse", "url": "URL"}
