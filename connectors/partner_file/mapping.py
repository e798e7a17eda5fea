"""From column headers to roles: the vocabulary data file (platform line, channel line, generic line), then content."""
from __future__ import annotations

import re
from collections import Counter

from connectors.partner_file import dates, settings, vocabulary
from connectors.partner_file.vocabulary import header_key, is_total_text

__all__ = ["header_key", "role_of", "detect_preset", "is_percent_header", "is_derived_ratio", "ratio_sign", "looks_like_press",
           "propose", "entry_of", "file_channel", "candidates", "GROUP_JOINER", "DERIVED"]

_DATE_ROLES = ("date", "period_start", "period_end")


GROUP_JOINER = " · "      # "Facebook · Impressions": a two-row header's group and name (see layout)


def entry_of(header, preset: str | None = None, channel: str | None = None, press: bool = False):
    """The vocabulary line (`vocabulary.Entry`) a header means, or None; a grouped name is read by its own part."""
    found = vocabulary.lookup(header, platform=preset, channel=channel, press=press)
    if found is None and GROUP_JOINER in str(header or ""):
        found = vocabulary.lookup(str(header).split(GROUP_JOINER, 1)[1], platform=preset, channel=channel, press=press)
    return found


def _total_group(header) -> bool:

    return GROUP_JOINER in str(header or "") and is_total_text(str(header).split(GROUP_JOINER, 1)[0])


def role_of(header, preset: str | None = None, press: bool = False, channel: str | None = None) -> str | None:
    """The role a header suggests, or None when it says nothing known."""
    return vocabulary.role(entry_of(header, preset, channel, press), press=press)


def detect_preset(headers: list[str]) -> str | None:
    """The tool whose export this is: only on a strong signature (several headers unique to that tool)."""
    return vocabulary.detect_platform(headers)


def file_channel(headers: list[str], preset: str | None = None) -> str | None:
    """The vocabulary channel of the file: its platform's, else the one most of its recognised metrics belong to."""
    if preset:
        return vocabulary.platform_channel(preset)
    channels = Counter()
    for header in headers:
        entry = entry_of(header)
        if entry is not None and entry.channel not in ("", "any") and entry.kind != "dimension":
            channels[entry.channel] += 1
    return channels.most_common(1)[0][0] if channels else None


def is_percent_header(header) -> bool:
    return "%" in str(header or "")


# Ratios a platform computes from its own sums (METRICS.md: a ratio is never stored, it is computed from the sums
# kept), told by the header in either language: a code (CPC, eCPM, CTR, VTR, SOV), a rate or share ("View rate",
# "Taux de …", "Share of voice", "Part de voix", "Pourcentage …"), a cost or a figure per something ("Cost per
# result", "Coût par clic", "Clicks per 1,000 impressions", "Vues pour 1 000"), an average ("Durée moyenne"), a "%"
# or "‰" sign ("% of impressions viewable", "Video Completion %"); or by cells written in %. Such a column is left
# out, never offered as a figure of the partner. A "%" after a number is a milestone ("… at 100%", "Vues à 100 %"):
# a count when the header names what is counted (views, plays, listens…) and the cells are whole numbers, else the
# share of people who got that far — a ratio.
DERIVED = "derived"                 # the origin of such a column in the proposed mapping
_RATIO_CODES = frozenset({"cpm", "ecpm", "vcpm", "cpc", "ecpc", "cpv", "ecpv", "cpa", "ecpa", "cpl", "cpi", "cpsu",
                          "ecpsu", "cpe", "cpcv", "ecpcv", "cpp", "ctr", "vtr", "vcr", "cvr", "roas", "sov", "pdv",
                          "pct"})
_RATIO_WORDS = re.compile(
    r"\b(cost|costs|cout|couts|prix|price) (per|par|pour)\b"
    r"|\bper (\d|mille|thousand|hundred|million|\w+)"            # English "per" always divides: "views per user"
    r"|\b(par|pour) (\d|mille|cent|millier|million)"               # French "par" is also "by": only "par 1 000"
    r"|\b(rate|rates|ratio|ratios|taux|percent|percentage|pourcentage|pourcent|proportion|share of|part de|part des"
    r"|part du|part d|average|avg|mean|moyen|moyenne|moyennes|viewability|completion|completude|frequency|frequence"
    r"|index|indice|affinity|affinite)\b"
    r"|\b(audience|market|voice|view|viewer|impression) share\b")     # "Audience share"; "Shares" is a count
_PER_NUMBER = re.compile(r"\b(per|par|pour) (\d|mille|thousand|hundred|cent|millier|million)")
_PER_SLASH = re.compile(r"/\s*(1|10|100|1[\s.,\u00a0\u202f]?000|k|mille)\b", re.IGNORECASE)   # "Clics/1000 impr."
_MILESTONE = re.compile(r"\d\s*%")             # "at 100%", "à 75 %": a point reached in a video or a listen
_COUNTED = re.compile(r"\b(views?|vues?|watches|watched|plays?|played|lectures?|ecoutes?|listens?|visionnages?"
                      r"|completions|starts|impressions|contacts|people|personnes)\b")
_PERCENT_SIGNS = ("%", "\u2030")      # % and ‰


def is_derived_ratio(header, cells=()) -> bool:
    """Whether a column holds a ratio computed from sums (by its header, or cells written in %), not a figure."""
    text = str(header or "")
    key = header_key(text)
    if _RATIO_CODES & set(key.split()) or _RATIO_WORDS.search(key) or ratio_sign(text):
        return True
    rest = _MILESTONE.sub("", text)
    written = [str(c).strip() for c in cells if str(c).strip().lower() not in settings.BLANKS][:50]
    if written and sum(c.endswith("%") for c in written) / len(written) >= 0.8:
        return True
    if rest != text:                # a milestone: a count only of something counted, in whole numbers
        return not _COUNTED.search(key) or (bool(written) and not all(_whole(c) for c in written))
    return False


_CURRENCY_WORDS = {"usd": "USD", "dollar": "USD", "dollars": "USD", "gbp": "GBP", "chf": "CHF", "cad": "CAD",
                   "aud": "AUD", "jpy": "JPY", "sek": "SEK", "dkk": "DKK", "nok": "NOK", "pln": "PLN"}
_CURRENCY_SIGNS = {"$": "USD", "£": "GBP", "¥": "JPY"}


def foreign_currency(header, cells=()) -> str | None:
    """The currency other than the euro a column's amounts are in ("Amount Spent (USD)", cells "$209.87"), if any:
    such a column is never taken as euros, and the manager is told so."""
    for word in header_key(header).split():
        if word in _CURRENCY_WORDS:
            return _CURRENCY_WORDS[word]
    written = [str(c).strip() for c in cells if str(c).strip().lower() not in settings.BLANKS][:50]
    for sign, code in _CURRENCY_SIGNS.items():
        if written and sum(sign in c for c in written) / len(written) >= 0.8:
            return code
    return None


def ratio_sign(header) -> bool:
    """A header that divides whatever it names: "Clics (%)", "Vues ‰", "Clicks per 1,000" — even a word the
    vocabulary knows as a count is then a ratio, never added up."""
    text = str(header or "")
    rest = _MILESTONE.sub("", text)
    return any(sign in rest for sign in _PERCENT_SIGNS) or bool(_PER_NUMBER.search(header_key(text))) \
        or bool(_PER_SLASH.search(text))


def _whole(cell: str) -> bool:
    """A count as partners write it: "12 345", "12,345", "12.345", "1 234 567" — no decimal part."""
    return re.fullmatch(r"\d{1,3}([\s\u00a0\u202f.,']\d{3})*|\d+", cell.strip()) is not None


def column_cells(index: int, sample) -> list:
    """The written cells of one column among the sample rows (a short row or an empty cell gives none)."""
    return [row[index] for row in sample or () if index < len(row) and row[index]]


def looks_like_press(headers: list[str]) -> bool:
    roles = {role_of(h, press=True) for h in headers}
    fact_roles = {role_of(h) for h in headers} & set(settings.METRIC_ROLES)
    return {"title", "outlet"} <= roles and ("date" in roles or not fact_roles) and \
        not fact_roles & {"impressions", "clicks", "sends", "spend", "landing_visits"}


def _date_share(index: int, sample) -> float:

    cells = column_cells(index, sample)
    cells = [c for c in cells if str(c).strip().lower() not in settings.BLANKS][:50]
    if len(cells) < 1:
        return 0.0
    dayfirst = dates.day_first(cells)
    return sum(1 for c in cells if dates.parse_one(c, dayfirst) is not None) / len(cells)


def propose(headers: list[str], *, preset: str | None = None, saved: dict[str, str] | None = None,
            press: bool = False, sample=None) -> tuple[dict[str, str], dict[str, str]]:
    """A role per header and where it came from (saved | preset | synonym | content | none | duplicate).

    One column per role: a second campaign column describes rows (`label`), any other role met twice
    is ignored. Without a date header, a column whose sampled cells read as dates is the date (`content`);
    a date column makes start/end columns redundant (they are the campaign's dates, not the row's).
    """
    mapping: dict[str, str] = {}
    origin: dict[str, str] = {}
    taken: set[str] = set()
    saved = {header_key(k): v for k, v in (saved or {}).items()}
    channel = None if press else file_channel(headers, preset)
    for header in headers:
        if not header:
            continue
        key = header_key(header)
        if key in saved:
            role, came_from = saved[key], "saved"
        else:
            entry = entry_of(header, preset, channel, press)
            role = vocabulary.role(entry, press=press)
            came_from = ("preset" if entry is not None and preset and entry.platform == preset else "synonym") \
                if role else "none"
            counted = entry is not None and entry.kind not in ("ignore", "rate", "as_reported", "dimension")
            if not press and ((entry is None or entry.kind == "ignore")
                              and is_derived_ratio(header, column_cells(headers.index(header), sample))
                              or counted and ratio_sign(header)):
                role, came_from = settings.IGNORE, DERIVED
        if _total_group(header):            # a TOTAL column group: compared, never added
            role, came_from = settings.IGNORE, "total_column"
        if role == "campaign" and "campaign" in taken:
            role = "label"
        if role is None or (role != settings.IGNORE and role != "label" and role in taken):
            role, came_from = settings.IGNORE, "none" if role is None else "duplicate"
        taken.add(role)
        mapping[header] = role
        origin[header] = came_from
    dated = [h for h, r in mapping.items() if r in _DATE_ROLES]
    if not dated and sample:
        for index, header in enumerate(headers):
            if header and (origin[header] == "none" or mapping.get(header) == "label") and origin[header] != "saved" \
                    and _date_share(index, sample) >= 0.8:
                mapping[header], origin[header] = "date", "content"
                break
    if "date" in mapping.values() and not press:
        for header, role in mapping.items():
            if role in ("period_start", "period_end") and origin[header] != "saved":
                mapping[header], origin[header] = settings.IGNORE, "duplicate"
    if "reach" in mapping.values() and sample and not _daily(headers, mapping, sample):
        # reach over several days is de-duplicated: it does not add up, it is kept as reported
        for header, role in mapping.items():
            if role == "reach" and origin[header] != "saved":
                mapping[header], origin[header] = settings.IGNORE, "as_reported"
    return mapping, origin


def _daily(headers, mapping, sample) -> bool:
    """Whether the rows are days (rather than weeks, months or whole flights)."""

    columns = {role: headers.index(h) for h, role in mapping.items() if role in _DATE_ROLES and h in headers}
    if not columns:
        return False
    texts = {role: [row[i] for row in sample[:50] if i < len(row) and row[i]] for role, i in columns.items()}
    if "date" in texts:
        parsed = [dates.parse_one(c, dates.day_first(texts["date"])) for c in texts["date"]]
        return all(p is None or p[0] == p[1] for p in parsed)
    if "period_start" in texts and "period_end" in texts:
        start_i, end_i = columns["period_start"], columns["period_end"]
        for row in sample[:50]:
            start = dates.parse_one(row[start_i]) if start_i < len(row) and row[start_i] else None
            end = dates.parse_one(row[end_i]) if end_i < len(row) and row[end_i] else None
            if start and end and (end[1] - start[0]).days > 1:
                return False
    return True


_UNIT_HINTS = (("€", "EUR"), ("eur", "EUR"), ("%", "%"), ("heure", "heures"), ("hour", "hours"))


def _numeric_share(index: int, sample) -> float:
    import re

    cells = column_cells(index, sample)
    cells = [c for c in cells if str(c).strip().lower() not in settings.BLANKS][:50]
    if not cells:
        return 0.0
    plain = re.compile(r"[-+]?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*\s*[%€]?")
    return sum(1 for c in cells if plain.fullmatch(str(c).strip())) / len(cells)


def _unit_guess(header: str) -> str:
    key = _MILESTONE.sub("", str(header)).casefold()
    for mark, unit in _UNIT_HINTS:
        if mark in key:
            return unit
    return header_key(header).split(" ")[0] if header_key(header) else ""


def candidates(headers: list[str], sample, *, preset: str | None = None,
               mapping: dict[str, str] | None = None) -> list[dict]:
    """Columns with figures the engine does not add up, proposed to the manager instead of a refusal.

    Each is {index, header, key, kind, label, unit, scale, money_note, additive, peso, amec_stage, origin}:
    `kind` "partner" for a partner-defined metric (posters put up, checkout passages, contacts ×1000…)
    or "as_reported" (GRP, coverage %, frequency, de-duplicated reach: never summed). `origin` is
    "vocabulary" when the vocabulary knows the header, "content" for an unknown column of numbers
    (label = the header as written, unit guessed, stage and kind left to the manager).
    """
    roles = mapping if mapping is not None else propose(headers, preset=preset, sample=sample)[0]
    channel = file_channel(headers, preset)
    found = []
    for index, header in enumerate(headers):
        if not header or roles.get(header, settings.IGNORE) != settings.IGNORE:
            continue
        entry = entry_of(header, preset, channel)
        if ratio_sign(header) and (entry is None or entry.kind != "as_reported"):
            continue                # "Clics (%)": a share of something, never a figure of the partner
        if entry is not None and entry.metric == "reach":        # reach over whole flights: as reported
            found.append({"index": index, "header": header, "key": "as_reported:reach_deduplicated",
                          "kind": "as_reported", "label": header, "unit": entry.unit, "scale": entry.scale,
                          "money_note": "", "additive": False, "peso": entry.peso or None,
                          "amec_stage": entry.amec_stage or None, "origin": "vocabulary"})
        elif entry is not None and entry.kind in ("partner", "as_reported"):
            found.append({"index": index, "header": header, "key": entry.metric, "kind": entry.kind, "label": header,
                          "unit": entry.unit, "scale": entry.scale, "money_note": entry.money_note,
                          "additive": entry.additive, "peso": entry.peso or None,
                          "amec_stage": entry.amec_stage or None, "origin": "vocabulary"})
        elif entry is None and _numeric_share(index, sample) >= 0.8 and _date_share(index, sample) < 0.5 \
                and not is_derived_ratio(header, column_cells(index, sample)):
            found.append({"index": index, "header": header, "key": f"partner:{header_key(header).replace(' ', '_')}",
                          "kind": "partner", "label": header,
                          "unit": _unit_guess(header), "scale": 1000.0 if "(000)" in header else 1.0,
                          "money_note": "TTC" if "ttc" in header_key(header).split() else
                          "HT" if "ht" in header_key(header).split() else "", "additive": True,
                          "peso": None, "amec_stage": None, "origin": "content"})
    return found
