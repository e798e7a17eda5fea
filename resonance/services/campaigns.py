"""A campaign's sheet (name, theme, dates, objective, public, landing site, budget): checked, created and edited in the app."""
from __future__ import annotations

from datetime import date

from resonance.formatting import parse_number
from resonance.i18n import t
from resonance.services.partnership import PartnershipInputError, _save_sheet, _text
from resonance.store import Store

FIELDS = ("name", "theme", "series", "objective", "target_public", "start_date", "end_date", "landing_url", "budget_eur")


def _amount(value) -> float | None:
    """What a French manager types for money: "48 000", "1 234,50", "48000" — None when left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = parse_number(value, "fr")
    if number is None:
        raise ValueError(value)
    return number


def campaign_fields(fields: dict) -> dict:
    """The sheet checked and cleaned, or PartnershipInputError with one sentence per field to correct."""
    problems = []
    name = _text(fields.get("name"))
    if not name:
        problems.append(t("campaign.error.name_missing"))
    start, end = fields.get("start_date"), fields.get("end_date")
    for value, label in ((start, "start"), (end, "end")):
        if value is not None and not isinstance(value, date):
            problems.append(t(f"campaign.error.{label}_date", value=value))
    if isinstance(start, date) and isinstance(end, date) and end < start:
        problems.append(t("campaign.error.dates", start=start.strftime("%d/%m/%Y"), end=end.strftime("%d/%m/%Y")))
    url = _text(fields.get("landing_url"))
    if url and not url.lower().startswith(("https://", "http://")):
        problems.append(t("campaign.error.url", value=url))
    try:
        budget = _amount(fields.get("budget_eur"))
        if budget is not None and (budget < 0 or budget != budget):
            raise ValueError
    except ValueError:
        budget = None
        problems.append(t("campaign.error.budget", value=fields.get("budget_eur")))
    if problems:
        raise PartnershipInputError(problems)
    return {"name": name, "theme": _text(fields.get("theme")), "series": _text(fields.get("series")),
            "objective": _text(fields.get("objective")), "target_public": _text(fields.get("target_public")),
            "start_date": start, "end_date": end, "landing_url": url, "budget_eur": budget}


def save_campaign(store: Store, fields: dict, campaign_id: int | None = None, by: str = "system") -> int:
    """Create a campaign, or edit one's sheet; a name another campaign already has is refused."""
    return _save_sheet(store, "campaign", campaign_fields(fields), campaign_id, by, "campaign.error.name_taken")
