"""From column headers to roles: the vocabulary data file (platform line, channel line, generic line), then content."""
from __future__ import annotations

import re
from collections import Counter

from connectors.partner_file import dates, settings, vocabulary
from connectors.partner_file.vocabulary import header_key, is_total_text

__all__ = ["header_key", "role_of", "detect_preset", "is_percent_header", "is_derived_ratio", "looks_like_press",
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
# kept): a cost per something (CPC, eCPM, "Cost per result", "Coût par clic"), a rate ("CTR", "Completion rate",
# "Taux de …"), a share written in % ("Video Completion %", cells "31.2%"). Such a column is left out, never offered
# as a figure of the partner. A "%" after a number is a video quartile ("Vues à 100 %"): a count, not a ratio.
DERIVED = "derived"                 # the origin of such a column in the proposed mapping
_RATIO_CODES = frozenset({"cpm", "ecpm", "vcpm", "cpc", "ecpc", "cpv", "ecpv", "cpa", "ecpa", "cpl", "cpi", "cpsu",
                          "ecpsu", "ctr", "vtr", "cvr", "roas"})
_RATIO_WORDS = re.compile(r"\b(cost|cout|couts|prix) (per|par)\b|\b(rate|rates|ratio|taux|percent|percentage|pourcentage|pct)\b")
_QUARTILE = re.compile(r"\d\s*%")


def is_derived_ratio(header, cells=()) -> bool:
    """Whether a column holds a ratio computed from sums (by its header, or cells written in %), not a figure."""
    text = str(header or "")
    key = header_key(text)
    if _RATIO_CODES & set(key.split()) or _RATIO_WORDS.search(key) or "%" in _QUARTILE.sub("", text):
        return True
    written = [str(c).strip() for c in cells if str(c).strip().lower() not in settings.BLANKS][:50]
    return bool(written) and sum(c.endswith("%") for c in written) / len(written) >= 0.8


def _cells(index: int, sample) -> list:
    return [row[index] for row in sample or () if index < len(row) and row[index]]


def looks_like_press(headers: list[str]) -> bool:
    roles = {role_of(h, press=True) for h in headers}
    fact_roles = {role_of(h) for h in headers} & set(settings.METRIC_ROLES)
    return {"title", "outlet"} <= roles and ("date" in roles or not fact_roles) and \
        not fact_roles & {"impressions", "clicks", "sends", "spend", "landing_visits"}


def _date_share(index: int, sample) -> float:

    cells = [row[index] for row in sample or () if index < len(row) and row[index]]
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
            if not press and (entry is None or entry.kind == "ignore") \
                    and is_derived_ratio(header, _cells(headers.index(header), sample)):
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

    cells = [row[index] for row in sample or () if index < len(row) and row[index]]
    cells = [c for c in cells if str(c).strip().lower() not in settings.BLANKS][:50]
    if not cells:
        return 0.0
    plain = re.compile(r"[-+]?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*\s*[%€]?")
    return sum(1 for c in cells if plain.fullmatch(str(c).strip())) / len(cells)


def _unit_guess(header: str) -> str:
    key = str(header).casefold()
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
                and not is_derived_ratio(header, _cells(index, sample)):
            percent = "%" in header
            found.append({"index": index, "header": header, "key": f"partner:{header_key(header).replace(' ', '_')}",
                          "kind": "as_reported" if percent else "partner", "label": header,
                          "unit": _unit_guess(header), "scale": 1000.0 if "(000)" in header else 1.0,
                          "money_note": "TTC" if "ttc" in header_key(header).split() else
                          "HT" if "ht" in header_key(header).split() else "", "additive": not percent,
                          "peso": None, "amec_stage": None, "origin": "content"})
    return found
