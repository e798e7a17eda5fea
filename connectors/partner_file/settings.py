"""Constants of the partner-file reader: header synonyms (FR/EN), platform presets, totals markers, month names."""
from __future__ import annotations

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

# -- header synonyms, compared after `header_key` (lower case, no accents, no punctuation) ----------
SYNONYMS: dict[str, str] = {}


def _add(role: str, *headers: str) -> None:
    for header in headers:
        SYNONYMS[header] = role


_add("date", "date", "jour", "day", "by day", "date d envoi", "send date", "sent date", "date de l envoi",
     "periode", "period", "time period", "date range", "dates", "mois", "month", "semaine du", "date de diffusion")
_add("period_start", "debut", "date de debut", "debut des rapports", "reporting starts", "start date",
     "start date in utc", "report start", "du", "debut de periode")
_add("period_end", "fin", "date de fin", "fin des rapports", "reporting ends", "end date", "end date in utc",
     "report end", "au", "fin de periode")
_add("campaign", "campagne", "campaign", "nom de la campagne", "campaign name", "nom de campagne", "operation")
_add("partner", "partenaire", "partner", "relais", "nom du partenaire")
_add("platform", "plateforme", "platform", "reseau", "reseau social", "support", "canal", "media", "placement")
_add("label", "annonce", "ad name", "nom de l annonce", "ensemble de publicites", "ad set name",
     "nom de l ensemble de publicites", "publicite", "visuel", "creative", "creative name", "ad group",
     "groupe d annonces", "titre", "title", "objet", "subject", "campaign id", "ad group name", "liste", "list")
_add("impressions", "impressions", "impr", "affichages", "vues", "nombre d affichages", "impressions totales",
     "nb impressions", "expositions")
_add("reach", "couverture", "portee", "reach", "personnes touchees", "audience touchee")
_add("clicks", "clics", "clicks", "clics sur un lien", "link clicks", "clics sur le lien", "clicks destination",
     "clics destination", "nombre de clics", "nb clics", "clics vers le site")
_add("engagements", "engagements", "interactions", "total engagements", "engagement", "post engagements",
     "interactions avec la publication")
_add("video_views", "vues de video", "video views", "thruplays", "lectures de video", "vues de la video",
     "video plays", "media views")
_add("sends", "envois", "emails envoyes", "sent", "destinataires", "total recipients", "recipients",
     "nombre d envois", "envoyes", "emails sent", "nb envois")
_add("delivered", "delivres", "delivered", "successful deliveries", "emails delivres", "remis", "nb delivres")
_add("unique_opens", "ouvertures uniques", "unique opens", "ouvreurs", "ouvreurs uniques", "unique openers",
     "openers")
_add("email_clicks", "cliqueurs uniques", "unique clicks", "cliqueurs", "clics uniques", "unique clickers")
_add("landing_visits", "visites", "visits", "nb visits", "sessions", "visites du site", "visites sur le site")
_add("conversions", "conversions", "objectifs", "conv", "candidatures", "inscriptions")
_add("spend", "montant depense", "cout", "cost", "amount spent", "depenses", "total spent", "spend",
     "budget depense", "montant")
_add("ctr", "ctr", "taux de clic", "taux de clics", "ctr taux de clics sur le lien", "ctr link click through rate",
     "average ctr", "ctr destination", "click through rate", "tx de clic", "taux de clic ctr")
_add("open_rate", "taux d ouverture", "open rate", "taux d ouvertures", "tx d ouverture", "taux d ouverture unique")
_add("email_click_rate", "click rate", "taux de clic email", "taux de clics uniques")
_add("click_to_open", "taux de reactivite", "click to open rate", "cto", "ctor", "taux de clic a l ouverture")
_add("engagement_rate", "taux d engagement", "engagement rate")
_add(IGNORE, "cpc moy", "avg cpc", "cpc", "cpm", "cout par resultat", "resultats", "indicateur de resultats",
     "frequence", "frequency", "soft bounces", "hard bounces", "total bounces", "desinscriptions", "unsubscribes",
     "total opens", "total clicks", "send weekday", "times forwarded", "forwarded opens", "abuse complaints",
     "ouvertures", "clics totaux", "conv rate", "taux de conv", "cout conv", "cost conv", "campaign status",
     "statut", "status", "currency", "devise", "objective", "objectif")

# Trailing words that say a unit, dropped when a header is not found as such ("Coût (EUR)" = "Coût").
UNIT_WORDS = ("eur", "euros", "euro", "ht", "ttc", "in utc", "utc", "pct", "en", "total", "totales", "totaux")

PRESS_SYNONYMS: dict[str, str] = {}
for _role, _headers in {
    "date": ("date", "date de publication", "publication date", "published", "published on", "date de parution",
             "parution", "jour"),
    "outlet": ("media", "outlet", "source", "publication", "titre de presse", "support", "nom du media", "site"),
    "title": ("titre", "title", "headline", "titre de l article", "article"),
    "url": ("url", "lien", "link", "adresse", "url de l article"),
    "audience": ("audience", "reach", "audience potentielle", "portee", "visiteurs uniques", "lecteurs", "uvm"),
    "sentiment": ("tonalite", "sentiment", "ton", "tonality", "tone"),
    "campaign": ("campagne", "campaign"),
}.items():
    for _header in _headers:
        PRESS_SYNONYMS[_header] = _role

SENTIMENTS = {
    "positive": ("positif", "positive", "favorable", "pos", "+"),
    "neutral": ("neutre", "neutral", "neu", "0", "="),
    "negative": ("negatif", "negative", "defavorable", "neg", "-"),
}

# -- platform presets: recognised from their distinctive headers --------------------------------------
# name -> (distinctive header keys, platform recorded, channel, role overrides for this platform's headers)
PRESETS: dict[str, dict] = {
    "meta": {
        "platform": "Meta", "channel": "social", "paid": True,
        "signature": ("clics sur un lien", "link clicks", "montant depense eur", "amount spent eur",
                      "debut des rapports", "reporting starts", "ctr taux de clics sur le lien",
                      "ctr link click through rate", "nom de l ensemble de publicites", "ad set name"),
        "roles": {},
    },
    "google_ads": {
        "platform": "Google Ads", "channel": "search", "paid": True,
        "signature": ("impr", "cpc moy", "avg cpc", "conv", "taux de conv", "conv rate", "cout conv", "cost conv"),
        "roles": {"cout": "spend", "cost": "spend"},
    },
    "linkedin": {
        "platform": "LinkedIn", "channel": "social", "paid": True,
        "signature": ("start date in utc", "total spent", "average ctr", "total engagements", "campaign id"),
        "roles": {},
    },
    "tiktok": {
        "platform": "TikTok", "channel": "social", "paid": True,
        "signature": ("clicks destination", "ctr destination", "clics destination", "ctr destination"),
        "roles": {},
    },
    "x_ads": {
        "platform": "X", "channel": "social", "paid": True,
        "signature": ("media views", "media engagements", "time period", "link clicks", "engagements"),
        "roles": {},
    },
    "brevo": {
        "platform": "Brevo", "channel": "email", "paid": False,
        "signature": ("date d envoi", "destinataires", "delivres", "ouvertures uniques", "cliqueurs uniques",
                      "desinscriptions", "taux d ouverture"),
        "roles": {"taux de clic": "email_click_rate", "taux de clics": "email_click_rate", "clics": "email_clicks",
                  "nom de la campagne": "label", "campagne": "label"},
    },
    "mailchimp": {
        "platform": "Mailchimp", "channel": "email", "paid": False,
        "signature": ("send date", "total recipients", "successful deliveries", "unique opens", "open rate",
                      "unique clicks", "click rate", "unsubscribes", "send weekday"),
        "roles": {"title": "label", "subject": "label", "list": "label", "clicks": "email_clicks"},
    },
}
MIN_SIGNATURE_HITS = 2

# -- cells that say "this row is a total" --------------------------------------------------------------
TOTAL_WORDS = ("total", "totaux", "sous-total", "sous total", "grand total", "total general", "summary", "resume",
               "somme", "cumul", "ensemble", "results", "resultats")
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
HEAD_LINES = 400
MAX_TITLE_LINES = 30
CHUNK_BYTES = 8 * 1024 * 1024    # copy/transcode/hash step
PARSER_MEMORY_LIMIT = "700MB"    # the in-memory DuckDB that parses a file spills to disk beyond this
