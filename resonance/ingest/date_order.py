"""Day/month or month/day: which reading a file's numeric dates get, chosen by evidence, said in the preview, the manager's to change."""
from __future__ import annotations

import pandas as pd

import queries
from connectors.partner_file import dates
from connectors.partner_file.reader import PartnerFile
from resonance import formatting as fmt
from resonance.domain.names import name_key
from resonance.i18n import language, t
from resonance.ingest.outcome import Preview

ORDER_KEYS = {"dmy": "import.date_order.dmy", "mdy": "import.date_order.mdy"}
BECAUSE_KEYS = {"conflict": "import.date_because.conflict", "campaign": "import.date_because.campaign",
                "title": "import.date_because.title", "language_dmy": "import.date_because.language_dmy",
                "language_mdy": "import.date_because.language_mdy", "series": "import.date_because.series",
                "default": "import.date_because.default", "manager": "import.date_because.manager"}


def _campaign_period(store, result: Preview, names) -> dates.Period | None:
    """The dates of the campaign(s) the rows go to: the one given, else those the file's campaign column names."""
    wanted = [result.campaign] if result.campaign else [result.campaign_map.get(n, n) for n in names]
    keys = {name_key(n) for n in wanted if isinstance(n, str) and n}
    if not keys:
        return None
    with store.read() as con:
        bounds = queries.run(con, "import_campaign_dates")
    known = bounds[bounds["name"].map(name_key).isin(keys)].dropna(subset=["start_date", "end_date"])
    if known.empty:
        return None
    return pd.Timestamp(known["start_date"].min()).date(), pd.Timestamp(known["end_date"].max()).date()


def _plain_title(partner_file: PartnerFile) -> dates.Period | None:
    """The title's period, unless its own numeric dates could be read both ways (then it proves nothing)."""
    lines = partner_file.shape.title_lines
    if partner_file.shape.period is None or dates.choose_order(
            [token for line in lines for token in dates.numeric_tokens(line)]).ambiguous:
        return None
    return partner_file.shape.period


def meaning(text: str, dayfirst: bool, lang: str) -> str:
    """What a date's text means in one reading: "2 juin 2026", or "pas une date"."""
    period = dates.parse_one(text, dayfirst)
    if period is None:
        return t("import.date_order.not_a_date")
    day = fmt.day(period[0], lang)
    return day if period[0] == period[1] else f"{day} – {fmt.day(period[1], lang)}"


def read(store, texts, partner_file: PartnerFile, result: Preview, names=()) -> bool:
    """Whether to read the file's numeric dates day first; when both readings differ, the preview says which it took."""
    shape = partner_file.shape
    texts = [v for v in texts if v is not None]
    reading = dates.choose_order(
        texts, campaign=_campaign_period(store, result, names) if not result.date_order else None,
        title=_plain_title(partner_file), lines=[*shape.title_lines, *(h for h in shape.headers if h)],
        chosen=result.date_order)
    if not reading.ambiguous:
        return reading.dayfirst
    lang = language()
    other = "mdy" if reading.dayfirst else "dmy"
    example = reading.example
    because = f"language_{reading.order}" if reading.because == "language" else reading.because
    result.date_reading = {"order": reading.order, "because": reading.because, "example": example,
                           "shown": dates.as_written(example), "weak": reading.weak}
    result.infos.append(t("import.info.date_order", file=result.file_name, order=t(ORDER_KEYS[reading.order]),
                          example=dates.as_written(example), meaning=meaning(example, reading.dayfirst, lang),
                          because=t(BECAUSE_KEYS[because]), other=t(ORDER_KEYS[other]),
                          other_meaning=meaning(example, not reading.dayfirst, lang), other_code=other))
    return reading.dayfirst
