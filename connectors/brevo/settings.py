"""Constants of the Brevo connector (dlt style: a source's own settings beside it)."""
from __future__ import annotations

BASE_URL = "https://api.brevo.com/v3"
PAGE_SIZE = 50             # the list endpoint's maximum with statistics
METRICS = {"sends": "sent", "delivered": "delivered", "unique_opens": "uniqueViews", "email_clicks": "uniqueClicks"}
NOTES = ("appleMppOpens",)

# what its figures are, proposed for a new source of this kind (the source may say otherwise): channel, PESO, platform
CHANNEL = ("email", "owned", "Brevo")
# the last days already loaded are asked again: the platform corrects its figures for a few days (opens that keep coming in)
LOOKBACK_DAYS = 7
