"""Constants of the URL report connector (dlt style: a source's own settings beside it)."""
from __future__ import annotations

# what its figures are, proposed for a new source of this kind (the source may say otherwise): channel, PESO, platform
CHANNEL = ("web", "shared", "")
# a report at an address gives its figures as they stand: nothing is asked again
LOOKBACK_DAYS = 0
