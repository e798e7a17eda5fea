"""Constants of the partner-file reader: header synonyms (FR/EN), platform presets, totals markers, month names."""
from __future__ import annotations

from connectors.partner_file import vocabulary
from connectors.partner_file.vocabulary import TOTAL_WORDS  # noqa: F401 - part of the settings others read

# -- roles a column can play ------------------------------------------------------------------------
DIMENSIONS = ("date", "period_start", "period_end", "campaign", "partner", "platform", "label")
METRIC_ROLES = ("impressions", "reach", "clicks", "engagements", "video_views", "sends", "delivered",
                "unique_opens", "email_clicks", "landing_visits", "conversions", "spend")
# rate -> (the count it turns into, the bases it can be multiplied by, in order of preference)
RATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ctr": ("clicks", ("impressions",)),
    "open_rate": ("unique_opens", ("delivered", "sends")),
    "email_click_rate": ("email_clicks", ("delivered", "sends")),
    "click_to_open": ("email_clicks", ("unique_opens",)),
    "engagement_rate": ("engagements", ("impressions",)),
}
PRESS_ROLES = ("date", "outlet", "title", "url", "audience", "sentiment")
IGNORE = "ignore"
FACT_ROLES = (*DIMENSIONS, *METRIC_ROLES, *RATES, IGNORE)
ALL_ROLES = tuple(dict.fromkeys((*FACT_ROLES, *PRESS_ROLES)))

# -- header synonyms: the data file `vocabulary.csv` (see `vocabulary.py`); nothing hard-coded here ------------
# Trailing words that say a unit, dropped when a header is not found as such ("Coût (EUR)" = "Coût").
UNIT_WORDS = ("eur", "euros", "euro", "ht", "ttc", "in utc", "utc", "pct", "en", "total", "totales", "totaux")

SENTIMENTS = {
    "positive": ("positif", "positive", "favorable", "pos", "+"),
    "neutral": ("neutre", "neutral", "neu", "0", "="),
    "negative": ("negatif", "negative", "defavorable", "neg", "-"),
}

# -- platform presets: recognised on a strong signature of their own headers in vocabulary.csv -------------
PLATFORM_NAMES = {
    "meta": "Meta", "meta_business_suite": "Meta", "tiktok": "TikTok", "snapchat": "Snapchat", "linkedin": "LinkedIn",
    "x": "X", "pinterest": "Pinterest", "google_ads": "Google Ads", "microsoft_ads": "Microsoft Advertising",
    "youtube_studio": "YouTube", "spotify": "Spotify", "acast": "Acast", "brevo": "Brevo", "mailchimp": "Mailchimp",
    "sarbacane": "Sarbacane", "message_business": "Message Business", "mailjet": "Mailjet", "splio": "Splio",
    "campaign_monitor": "Campaign Monitor", "matomo": "Matomo", "ga4": "Google Analytics", "piano": "Piano Analytics",
    "plausible": "Plausible", "meltwater": "Meltwater", "cision": "Cision", "talkwalker": "Talkwalker",
    "argus": "Argus", "dating_app": "",
}
# the product's channels (resonance.domain.metrics.CHANNELS) for the vocabulary's finer ones
CHANNEL_OF = {"audio": "radio", "radio_tv": "radio", "radio_tv_ooh": "radio", "ooh": "display",
              "retail_ooh": "retail", "hand_made": None, "any": None}


def _presets() -> dict[str, dict]:
    presets = {}
    for slug, unique in vocabulary.signatures().items():
        channel = vocabulary.platform_channel(slug)
        presets[slug] = {"platform": PLATFORM_NAMES.get(slug, slug.replace("_", " ").title()),
                         "channel": CHANNEL_OF.get(channel, channel), "paid": vocabulary.platform_paid(slug),
                         "signature": tuple(sorted(unique)), "roles": {}}
    return presets


PRESETS: dict[str, dict] = _presets()
MIN_SIGNATURE_HITS = 2

# -- cells that say "this row is a total" --------------------------------------------------------------
# cells that mean "no value"
BLANKS = ("", "-", "--", "—", "–", "n/a", "na", "nc", "n.c.", "nan", "null", "none", "(not set)", "s/o")

MONTHS = {
    # French and English month names and their usual abbreviations (lower case, without accents)
    1: ("janvier", "janv", "jan", "january"), 2: ("fevrier", "fevr", "fev", "feb", "february"),
    3: ("mars", "mar", "march"), 4: ("avril", "avr", "apr", "april"), 5: ("mai", "may"),
    6: ("juin", "jun", "june"), 7: ("juillet", "juil", "jul", "july"), 8: ("aout", "aug", "august"),
    9: ("septembre", "sept", "sep", "september"), 10: ("octobre", "oct", "october"),
    11: ("novembre", "nov", "november"), 12: ("decembre", "dec", "december"),
}
MONTH_NUMBER = {name: number for number, names in MONTHS.items() for name in names}

SEPARATORS = (";", ",", "\t", "|")
HEAD_BYTES = 256 * 1024          # how much of the file is read in Python to sniff its shape
GROUPED_TEXT_BYTES = 64 * 1024 * 1024  # a text file with column groups is read whole up to this size
SMALL_TEXT_BYTES = 2 * 1024 * 1024   # text files up to this size are read whole in Python (quoted line breaks, layouts)
HEAD_LINES = 400
MAX_TITLE_LINES = 30
CHUNK_BYTES = 8 * 1024 * 1024    # copy/transcode/hash step
PARSER_MEMORY_LIMIT = "700MB"    # the in-memory DuckDB that parses a file spills to disk beyond this
