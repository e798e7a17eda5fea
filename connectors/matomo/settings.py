"""Constants of the Matomo connector (dlt style: a source's own settings beside it)."""
from __future__ import annotations

DAYS_PER_REQUEST = 31     # a long range is asked in windows of this many days
CAMPAIGN_METHODS = ("MarketingCampaignsReporting.getName", "Referrers.getCampaigns")
METRICS = {"landing_visits": ("nb_visits",), "conversions": ("nb_conversions", "nb_visits_converted")}
SEGMENT_SOURCE = "campaignSource"      # segments of the MarketingCampaignsReporting plugin: mtm_source
SEGMENT_CONTENT = "campaignContent"    # … and mtm_content

# what its figures are, proposed for a new source of this kind (the source may say otherwise): channel, PESO, platform
CHANNEL = ("web", "owned", "Matomo")
# the last days already loaded are asked again: the platform corrects its figures for a few days (late hits)
LOOKBACK_DAYS = 3
