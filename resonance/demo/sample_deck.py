"""A synthetic campaign of any size (partners with long names, a year of days, many pictures) for the deck's benchmark and tests."""
from __future__ import annotations

import io
from datetime import date, timedelta

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw

import queries
from resonance.ingest import load as ingest
from resonance.services import assets
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership
from resonance.store import Store

LONG_NAMES = (
    "Fédération nationale des associations de prévention et d'information de la jeunesse",
    "Union régionale des caisses d'allocations et des services publics de proximité d'Auvergne-Rhône-Alpes",
    "Compagnie générale des plateformes numériques de mise en relation étudiante",
    "Association des maires des communes rurales et des intercommunalités de montagne",
)
CHANNELS = ("social", "email", "app", "display", "radio", "retail")
SIZES = ((1400, 900), (800, 1300), (1000, 1000), (1600, 900), (900, 1270))


def _picture(number: int) -> bytes:
    width, height = SIZES[number % len(SIZES)]
    image = Image.new("RGB", (width, height), (0, 0, 145) if number % 2 else (225, 0, 15))
    draw = ImageDraw.Draw(image)
    draw.rectangle((width * 0.1, height * 0.1, width * 0.9, height * 0.9), outline="white", width=12)
    draw.ellipse((width * 0.35, height * 0.35, width * 0.65, height * 0.65), fill=(238, 238, 238))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=1)
    return out.getvalue()


def partner_name(index: int) -> str:
    base = LONG_NAMES[index % len(LONG_NAMES)]
    return f"{base} ({index + 1})" if index >= len(LONG_NAMES) or index % 3 == 0 else f"Partenaire {index + 1}"


def seed(store: Store, name: str = "Campagne d'essai", partners: int = 12, days: int = 60, pictures: int = 6,
         press: int = 120, start: date = date(2026, 1, 5), seed_value: int = 7) -> int:
    """Create the campaign with its partners, daily figures, press, pictures, targets and moments; returns its id."""
    rng = np.random.default_rng(seed_value)
    dates = [start + timedelta(days=d) for d in range(days)]
    with store.transaction() as con:
        campaign = ensure_campaign(con, name, theme="Essai", objective="Mesurer la tenue de la présentation "
                                   "quand les partenaires sont nombreux et leurs noms longs",
                                   target_public="tous publics", start_date=dates[0], end_date=dates[-1])
        partner_ids = []
        for index in range(partners):
            partner = ensure_partner(con, partner_name(index), kind="association" if index % 2 else "company")
            partner_ids.append(partner)
            ensure_partnership(con, campaign, partner, role="relay", channel=CHANNELS[index % len(CHANNELS)], step=5,
                               sig_informed=True, legal_frame_signed=index % 3 != 0,
                               activations="Publications, bannières, lettre d'information et relais en magasin "
                                           "pendant toute la durée de la campagne, avec une relance à mi-parcours",
                               counterparts="Logo sur le site de la campagne, citation dans le communiqué de presse "
                                            "et invitation à l'événement de lancement")
        for index, partner in enumerate(partner_ids):
            frames = []
            scale = 10 ** rng.uniform(3.5, 5)
            for metric, factor in (("impressions", 1.0), ("clicks", 0.03), ("landing_visits", 0.012)):
                frames.append(pd.DataFrame({
                    "campaign_id": campaign, "partner_id": partner, "channel": CHANNELS[index % len(CHANNELS)],
                    "peso": "shared", "platform": "essai", "period_start": dates, "period_end": dates,
                    "metric": metric, "value": np.round(rng.uniform(0.5, 1.5, days) * scale * factor)}))
            facts = pd.concat(frames, ignore_index=True)
            facts["partner_id"] = facts["partner_id"].astype("Int64")
            ingest.load(store, source="file", facts=facts, con=con, campaign_id=campaign, partner_id=partner,
                        file_name=f"rapport-partenaire-{index + 1}.csv", rows_rejected=index % 4)
        articles = pd.DataFrame({
            "campaign_id": campaign, "partner_id": pd.array([partner_ids[k % len(partner_ids)] for k in range(press)], "Int64"),
            "published_on": [dates[int(k * days / max(press, 1))] for k in range(press)],
            "outlet": [f"Média {k % 15 + 1}" for k in range(press)],
            "title": [f"Article {k + 1} sur la campagne et ses partenaires, un titre de longueur ordinaire" for k in range(press)],
            "url": [f"https://presse.exemple.fr/{k}" for k in range(press)],
            "audience": [int(rng.integers(10_000, 2_000_000)) for _ in range(press)],
            "sentiment": "neutral"})
        ingest.load(store, source="file", press=articles, con=con, campaign_id=campaign, file_name="revue-de-presse.csv")
        for number in range(pictures):
            assets.add_picture(con, _picture(number), f"photo-{number}.png", campaign_id=campaign,
                               partner_id=partner_ids[number % len(partner_ids)],
                               caption=f"Photo {number + 1} du déploiement chez le partenaire, légende assez longue "
                                       f"pour passer sur deux lignes",
                               taken_on=dates[min(number, days - 1)],
                               illustrates_metric=("impressions", "clicks", None)[number % 3])
        for metric, value in (("impressions", 1_000_000), ("clicks", 50_000)):
            queries.execute(con, "compare_target_save", {"campaign_id": campaign, "metric": metric, "value": value})
        for offset, label in ((0, "Lancement"), (days // 3, "Communiqué de presse"), (2 * days // 3, "Relance")):
            queries.execute(con, "compare_annotation_insert", {"campaign_id": campaign, "on_date": dates[offset],
                                                               "label": label})
    return campaign
