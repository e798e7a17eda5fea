"""The demo set: the real "Match avec ton futur" case with its public figures, and a believable portfolio around it.

What the set holds is data (resonance/demo/data/, read by dataset.py); this module spreads each campaign's totals
over its days, writes its press coverage and pictures, and loads it all in one transaction.
"""
from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

import queries
from resonance.demo import dataset
from resonance.demo import pictures as demo_pictures
from resonance.demo.dataset import DemoCampaign
from resonance.domain.names import name_key
from resonance.ingest import load as ingest
from resonance.services import assets, audit
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership
from resonance.store import Store, transfer


def _split(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to weights that add up exactly to total (largest remainder)."""
    raw = weights / weights.sum() * total
    counts = np.floor(raw).astype(np.int64)
    remainder = total - counts.sum()
    counts[np.argsort(-(raw - counts))[:remainder]] += 1
    return counts


def _profile(days: int, rng: np.random.Generator, launch_peak: float = 2.6) -> np.ndarray:
    """Daily weights: a launch peak that fades, a relaunch bump, weekday rhythm and noise."""
    t = np.arange(days)
    decay = 1 + launch_peak * np.exp(-t / 6)
    bump = 0.8 * np.exp(-((t - days * 0.6) ** 2) / 8)
    weekday = 1 - 0.15 * ((t % 7) >= 5)
    return np.maximum(decay + bump, 0.05) * weekday * rng.uniform(0.85, 1.15, days)


def _facts(spec: DemoCampaign, ids: dict, rng: np.random.Generator) -> pd.DataFrame:
    days = (spec.end - spec.start).days + 1
    dates = [spec.start + timedelta(days=d) for d in range(days)]
    frames = []
    for stream in spec.streams:
        base = _profile(days, rng)
        partner = ids.get(stream.partner)
        for metric, total in stream.totals.items():
            values = _split(total, base * rng.uniform(0.92, 1.08, days))
            frames.append(pd.DataFrame({"period_start": dates, "period_end": dates, "metric": metric, "value": values,
                                        "campaign_id": ids[spec.name], "partner_id": partner, "channel": stream.channel,
                                        "peso": stream.peso, "platform": stream.platform}))
        if stream.weekly_reach:
            weeks = [dates[i:i + 7] for i in range(0, days, 7)]
            frames.append(pd.DataFrame({
                "period_start": [w[0] for w in weeks], "period_end": [w[-1] for w in weeks], "metric": "reach",
                "value": _split(stream.weekly_reach, np.ones(len(weeks))), "campaign_id": ids[spec.name],
                "partner_id": partner, "channel": stream.channel, "peso": stream.peso, "platform": stream.platform}))
    facts = pd.concat(frames, ignore_index=True)
    facts["partner_id"] = facts["partner_id"].astype("Int64")
    return facts


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name_key(text)).strip("-")


def _press(spec: DemoCampaign, ids: dict, rng: np.random.Generator) -> pd.DataFrame:
    outlets, headlines = dataset.outlets(), {"fr": dataset.headlines("fr"), "en": dataset.headlines("en")}
    days = (spec.end - spec.start).days + 1
    main_partner = next(iter(spec.partnerships), None)
    weights = np.exp(-np.arange(days + 10) / 5.0)
    offsets = rng.choice(days + 10, size=spec.press, p=weights / weights.sum())
    rows = []
    for k in range(spec.press):
        outlet, audience, language = outlets[k % len(outlets)] if k < len(outlets) else outlets[rng.integers(len(outlets))]
        templates = headlines[language]
        title = templates[k % len(templates)].format(campaign=spec.name, partner=main_partner or "ses partenaires")
        if k >= len(templates):
            title += f" ({outlet}, édition {1 + k // len(templates)})" if language == "fr" else f" ({outlet})"
        slug = f"{ids[spec.name]}-{k + 1:03d}"
        rows.append({"campaign_id": ids[spec.name], "partner_id": ids.get(main_partner),
                     "published_on": spec.start + timedelta(days=int(offsets[k]) - 2),
                     "outlet": outlet, "title": title,
                     "url": f"https://presse.exemple.fr/{_slug(outlet)}/{slug}",
                     "audience": int(audience * rng.uniform(0.05, 0.3)),
                     "sentiment": rng.choice(["positive", "neutral", "positive", "negative"], p=[0.45, 0.35, 0.15, 0.05])})
    return pd.DataFrame(rows)


def _picture(kind: str, arguments: tuple) -> bytes:
    draw = {"phone": demo_pictures.phone_screen, "poster": demo_pictures.poster, "shop": demo_pictures.shop_display,
            "radio": demo_pictures.radio_studio, "newsletter": demo_pictures.newsletter,
            "clipping": demo_pictures.press_clipping, "street": demo_pictures.street_display}[kind]
    return draw(*arguments)


def is_empty(store: Store) -> bool:
    with store.read() as con:
        return queries.run(con, "campaign_names").empty


# What `demo --reset` erases: the campaign data. Accounts, sessions, the audit trail, configured
# sources and settings are kept.
# children first: a table is emptied before the tables it points to
DATA_TABLES = ("link_drop_file", "link_drop", "link_throttle", "upload_link", "expected_report", "partnership_peso",
               "metric_fact", "fact_replaced", "reported_rate", "press_mention", "asset", "meeting", "target",
               "annotation", "sync_run", "source_label", "campaign_alias", "column_mapping", "partnership",
               "ingestion", "campaign", "partner")


def load(store: Store, progress=None, reset: bool = False, by: str = "system") -> dict[str, int]:
    """Load the demo set in one transaction (after erasing the data when `reset`), so that nobody ever sees
    a half-loaded or empty store; `progress(fraction, label)` is told as campaigns are loaded."""

    rng = np.random.default_rng(2025)
    counts = {"campaigns": 0, "facts": 0, "press": 0, "pictures": 0}
    with store.transaction() as con:
        if reset:
            transfer.empty(con, DATA_TABLES)
            audit.record(con, by, "demo.reset", None, None)
        ids: dict[str | None, int | None] = {None: None}
        campaigns = dataset.campaigns()
        for name, fields in dataset.partners().items():
            ids[name] = ensure_partner(con, name, **fields)
        for index, spec in enumerate(campaigns):
            if progress:
                progress(index / len(campaigns), spec.name)
            ids[spec.name] = ensure_campaign(
                con, spec.name, theme=spec.theme, series=spec.series, objective=spec.objective,
                target_public=spec.target_public, start_date=spec.start, end_date=spec.end,
                landing_url=spec.landing_url, budget_eur=spec.budget_eur)
            for partner, fields in spec.partnerships.items():
                ensure_partnership(con, ids[spec.name], ids[partner], start_date=spec.start, end_date=spec.end, **fields)
            facts = _facts(spec, ids, rng)
            for partner, partner_facts in facts.groupby(facts["partner_id"].fillna(-1)):
                ingest.load(store, source="demo", facts=partner_facts, con=con, campaign_id=ids[spec.name],
                            partner_id=None if partner == -1 else int(partner),
                            file_name=f"demo-{spec.series}-{'propres' if partner == -1 else int(partner)}.csv")
            press = _press(spec, ids, rng)
            ingest.load(store, source="demo", press=press, con=con, campaign_id=ids[spec.name],
                        file_name=f"demo-revue-de-presse-{spec.series}.csv")
            for metric, value in spec.targets.items():
                queries.execute(con, "compare_target_save", {"campaign_id": ids[spec.name], "metric": metric, "value": value})
            for offset, label in spec.moments:
                queries.execute(con, "compare_annotation_insert", {
                    "campaign_id": ids[spec.name], "on_date": spec.start + timedelta(days=offset), "label": label})
            for number, (kind, partner, caption, arguments, metric) in enumerate(spec.pictures):
                assets.add_picture(con, _picture(kind, arguments), f"{kind}.png", campaign_id=ids[spec.name],
                                   partner_id=ids.get(partner), caption=caption,
                                   taken_on=spec.start + timedelta(days=2 * number), illustrates_metric=metric,
                                   kind="clipping" if kind == "clipping" else "screenshot" if kind in ("phone", "newsletter") else "photo")
            counts["campaigns"] += 1
            counts["facts"] += len(facts)
            counts["press"] += len(press)
            counts["pictures"] += len(spec.pictures)
        spend = pd.DataFrame([{"campaign_id": ids[c], "partner_id": ids[p], "channel": ch, "peso": peso, "platform": pf,
                               "period_start": next(x.start for x in campaigns if x.name == c),
                               "period_end": next(x.end for x in campaigns if x.name == c),
                               "metric": "spend", "value": float(eur)} for c, p, ch, peso, pf, eur in dataset.spend()])
        spend["partner_id"] = spend["partner_id"].astype("Int64")
        ingest.load(store, source="demo", facts=spend, con=con, file_name="demo-depenses-partenariats.csv")
        counts["facts"] += len(spend)
        for partner, met_on, kind, notes, next_step, next_date in dataset.meetings():
            queries.execute(con, "relationship_meeting_insert", {
                "partner_id": ids[partner], "met_on": met_on, "kind": kind, "notes": notes, "next_step": next_step,
                "next_date": next_date, "created_by": "system"})
    if progress:
        progress(1.0, "")
    return counts
