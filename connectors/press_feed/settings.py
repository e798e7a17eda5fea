"""Constants of the press feeds connector (dlt style: a source's own settings beside it)."""
from __future__ import annotations

MAX_BYTES = 5_000_000

# what its figures are, proposed for a new source of this kind (the source may say otherwise): channel, PESO, platform
CHANNEL = ("press", "earned", "")
# the last days already loaded are asked again: the platform corrects its figures for a few days (an article published late in the feed)
LOOKBACK_DAYS = 2
