"""A source's labels placed on campaigns and partners, and its fetched items split into facts, press, unknown labels and notes.

A label is placed by what an editor mapped on the page, then what the sources file declares, then a
campaign of that name, then the source's own campaign; what cannot be placed is reported with its volumes.
"""
from __future__ import annotations

from collections import defaultdict

import pandas as pd

import queries
from connectors import MetricRow, PressRow, SourceNote
from resonance.domain.names import name_key
from resonance.i18n import t
from resonance.services.sources import Source


class Resolver:
    """Label of the source → (campaign_id, partner_id), or the reason it cannot be placed."""

    def __init__(self, con, source: Source):
        self.source = source
        self.campaigns = {name_key(r.name): int(r.id) for r in queries.run(con, "campaign_names").itertuples()}
        self.partners = {name_key(r.name): int(r.id) for r in queries.run(con, "partner_names").itertuples()}
        mapped = queries.run(con, "source_labels", {"source": source.name})
        self.mapped = {r.label_key: (int(r.campaign_id), None if pd.isna(r.partner_id) else int(r.partner_id))
                       for r in mapped.itertuples()}
        self.declared = {name_key(k): v for k, v in source.campaigns.items()}
        self.declared_partners = {name_key(k): v for k, v in source.partners.items()}

    def partner(self, label_key: str, row_partner: str | None, mapped_partner: int | None) -> tuple[int | None, str | None]:
        if mapped_partner is not None:
            return mapped_partner, None
        for wanted in (row_partner, self.declared_partners.get(label_key), self.source.partner):
            if wanted:
                found = self.partners.get(name_key(wanted))
                if found is None:
                    return None, t("sync.unknown_partner", partner=wanted)
                return found, None
        return None, None

    def resolve(self, label: str | None, row_partner: str | None = None) -> tuple[int | None, int | None, str | None]:
        key = name_key(label or "")
        if key in self.mapped:
            campaign_id, mapped_partner = self.mapped[key]
        elif key in self.declared:
            campaign_id = self.campaigns.get(name_key(self.declared[key]))
            mapped_partner = None
            if campaign_id is None:
                return None, None, t("sync.unknown_campaign", campaign=self.declared[key])
        elif key and key in self.campaigns:
            campaign_id, mapped_partner = self.campaigns[key], None
        elif self.source.campaign:
            campaign_id, mapped_partner = self.campaigns.get(name_key(self.source.campaign)), None
            if campaign_id is None:
                return None, None, t("sync.unknown_campaign", campaign=self.source.campaign)
        else:
            return None, None, t("sync.no_campaign")
        partner_id, problem = self.partner(key, row_partner, mapped_partner)
        if problem:
            return None, None, problem
        return campaign_id, partner_id, None


def frames(con, source: Source, items: list) -> tuple[pd.DataFrame, pd.DataFrame, list[dict], dict]:
    resolver = Resolver(con, source)
    facts, press, notes = [], [], defaultdict(dict)
    unmapped: dict[str, dict] = {}
    resolved: dict[tuple, tuple] = {}
    for item in items:
        if isinstance(item, SourceNote):
            if item.key == "unmatched_articles":
                entry = unmapped.setdefault(item.label, {"label": item.label, "volumes": defaultdict(float),
                                                         "reason": t("sync.no_keyword")})
                entry["volumes"]["press_mentions"] += float(item.value)
            elif item.label:
                notes[item.key][item.label] = item.value
            else:
                notes[item.key] = item.value
            continue
        key = (item.campaign, item.partner)
        if key not in resolved:                      # thousands of rows share a few labels: resolve each once
            resolved[key] = resolver.resolve(item.campaign, item.partner)
        campaign_id, partner_id, reason = resolved[key]
        if campaign_id is None:
            entry = unmapped.setdefault(item.campaign or "", {"label": item.campaign or "", "volumes": defaultdict(float),
                                                              "reason": reason})
            if isinstance(item, MetricRow):
                entry["volumes"][item.metric] += item.value
            else:
                entry["volumes"]["press_mentions"] += 1
            continue
        if isinstance(item, MetricRow):
            facts.append({"campaign_id": campaign_id, "partner_id": partner_id, "channel": item.channel,
                          "peso": item.peso, "platform": item.platform, "period_start": item.period_start,
                          "period_end": item.period_end, "metric": item.metric, "value": item.value})
        elif isinstance(item, PressRow):
            press.append({"campaign_id": campaign_id, "partner_id": partner_id, "published_on": item.published_on,
                          "outlet": item.outlet, "title": item.title, "url": item.url, "audience": item.audience,
                          "sentiment": None})
    report = sorted(({**u, "volumes": dict(u["volumes"])} for u in unmapped.values()),
                    key=lambda u: -sum(u["volumes"].values()))
    return pd.DataFrame(facts), pd.DataFrame(press), report, dict(notes)
