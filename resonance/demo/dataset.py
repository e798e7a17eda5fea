"""The demo set read from its data files (resonance/demo/data/): partners, campaigns, meetings, spend, press outlets."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Stream:
    """One partner's figures on one channel, as totals to spread over the days of the campaign."""

    partner: str | None
    channel: str
    peso: str
    platform: str
    totals: dict[str, int]
    weekly_reach: int | None = None


@dataclass
class DemoCampaign:
    name: str
    theme: str
    series: str
    objective: str
    target_public: str
    start: date
    end: date
    landing_url: str
    streams: list[Stream]
    partnerships: dict[str, dict]
    press: int
    pictures: list[tuple]              # (kind of picture, partner or None, caption, what is drawn, metric illustrated)
    targets: dict[str, float] = field(default_factory=dict)
    moments: list[tuple[int, str]] = field(default_factory=list)   # (day offset, label)
    budget_eur: float | None = None


def _rows(name: str) -> list[dict[str, str | None]]:
    """A CSV of the demo set, an empty cell read as None."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [{key: value or None for key, value in row.items()} for row in csv.DictReader(handle)]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _drawn(arguments: list) -> tuple:
    """What a picture shows: texts, and colours as (red, green, blue) tuples as Pillow takes them."""
    return tuple(tuple(a) if isinstance(a, list) else a for a in arguments)


def partners() -> dict[str, dict]:
    """Partners by name with their sheet (candidates, never partnered yet, marked is_candidate)."""
    found = {}
    for row in _rows("partners.csv"):
        sheet = {k: v for k, v in row.items() if k not in ("name", "is_candidate") and v is not None}
        sheet["declared_audience"] = int(sheet["declared_audience"])
        if row["is_candidate"] == "true":
            sheet["is_candidate"] = True
        found[row["name"]] = sheet
    return found


def campaigns() -> list[DemoCampaign]:
    found = []
    for entry in json.loads((DATA / "campaigns.json").read_text(encoding="utf-8")):
        found.append(DemoCampaign(
            name=entry["name"], theme=entry["theme"], series=entry["series"], objective=entry["objective"],
            target_public=entry["target_public"], start=_day(entry["start"]), end=_day(entry["end"]),
            landing_url=entry["landing_url"], budget_eur=entry.get("budget_eur"), press=entry["press"],
            streams=[Stream(**stream) for stream in entry["streams"]], partnerships=entry["partnerships"],
            pictures=[(p["kind"], p["partner"], p["caption"], _drawn(p["drawn"]), p["metric"]) for p in entry["pictures"]],
            targets=entry.get("targets", {}), moments=[(m["day"], m["label"]) for m in entry.get("moments", [])]))
    return found


def meetings() -> list[tuple]:
    """(partner, met on, kind code, notes, next step, next date), in the order they are logged."""
    return [(r["partner"], _day(r["met_on"]), r["kind"], r["notes"], r["next_step"], _day(r["next_date"]))
            for r in _rows("meetings.csv")]


def spend() -> list[tuple]:
    """(campaign, partner, channel, peso, platform, euros): what each paid partnership cost."""
    return [(r["campaign"], r["partner"], r["channel"], r["peso"], r["platform"], int(r["eur"])) for r in _rows("spend.csv")]


def outlets() -> list[tuple[str, int, str]]:
    """(outlet, audience, language) of the press that wrote about the campaigns."""
    return [(r["outlet"], int(r["audience"]), r["language"]) for r in _rows("outlets.csv")]


def headlines(language: str) -> list[str]:
    """Headline templates ({campaign}, {partner}) in one language."""
    return [r["template"] for r in _rows("headlines.csv") if r["language"] == language]
