"""Constants of the Mailchimp connector (dlt style: a source's own settings beside it)."""
from __future__ import annotations

BASE_URL = "https://{dc}.api.mailchimp.com/3.0"
PAGE_SIZE = 100
# `opens.open_rate` and `clicks.click_rate` are 0–1 fractions: never stored, recomputed from the counts.
METRICS = {"sends": ("emails_sent",), "unique_opens": ("opens", "unique_opens"),
           "email_clicks": ("clicks", "unique_subscriber_clicks")}

# what its figures are, proposed for a new source of this kind (the source may say otherwise): channel, PESO, platform
CHANNEL = ("email", "owned", "Mailchimp")
# the last days already loaded are asked again: the platform corrects its figures for a few days (opens that keep coming in)
LOOKBACK_DAYS = 7
