"""From column headers to roles: the vocabulary data file (platform line, channel line, generic line), then content."""
from __future__ import annotations

from collections import Counter

from connectors.partner_file import settings, vocabulary
from connectors.partner_file.vocabulary import header_key

__all__ = ["header_key", "role_of", "detect_preset", "is_percent_header", "looks_like_press", "propose", "entry_of",
           "file_channel"]

_DATE_ROLES = ("date", "period_start", "period_end")


def entry_of(header, preset: str | None = None, channel: str | None = None, press: bool = False):
    """The vocabulary line (`vocabulary.Entry`) a header means, or None."""
    return vocabulary.lookup(header, platform=preset, channel=channel, press=press)


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


def looks_like_press(headers: list[str]) -> bool:
    roles = {role_of(h, press=True) for h in headers}
    fact_roles = {role_of(h) for h in headers} & set(settings.METRIC_ROLES)
    return {"title", "outlet"} <= roles and ("date" in roles or not fact_roles) and \
        not fact_roles & {"impressions", "clicks", "sends", "spend", "landing_visits"}


def _date_share(index: int, sample) -> float:
    from connectors.partner_file import dates

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
    from connectors.partner_file import dates

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
