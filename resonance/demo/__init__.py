"""The demo set: the real "Match avec ton futur" case with its public figures, and a believable portfolio around it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from resonance.demo import pictures as demo_pictures
from resonance.domain.names import name_key
from resonance.ingest import load as ingest
from resonance.services import assets, audit
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership
from resonance.store import Store

MATCH = "Match avec ton futur"


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
    pictures: list[tuple]              # (kind of picture, partner or None, caption, arguments, metric illustrated)
    targets: dict[str, float] = field(default_factory=dict)
    moments: list[tuple[int, str]] = field(default_factory=list)   # (day offset, label)
    budget_eur: float | None = None


PARTNERS = {
    "Tinder": dict(kind="company", sector="Application de rencontre", audiences="18-25 ans, étudiants",
                   declared_audience=3_000_000, contact="Partenariats France — partenariats@exemple.fr"),
    "Appli Campus+": dict(kind="company", sector="Application étudiante", audiences="étudiants",
                          declared_audience=900_000, contact="Léa Martin — lea.martin@campusplus.exemple"),
    "Réseau Info Jeunes": dict(kind="association", sector="Information jeunesse", audiences="16-25 ans",
                               declared_audience=400_000, contact="Direction — contact@infojeunes.exemple"),
    "Radio Ondes Jeunes": dict(kind="media", sector="Radio", audiences="15-34 ans", declared_audience=1_800_000,
                               contact="Régie — regie@ondesjeunes.exemple"),
    "Brico Centre": dict(kind="company", sector="Distribution bricolage", audiences="propriétaires",
                         declared_audience=2_500_000, contact="Marc Petit — m.petit@bricocentre.exemple"),
    "Maison Pratique": dict(kind="company", sector="Distribution bricolage", audiences="propriétaires, seniors",
                            declared_audience=1_600_000, contact="Service RSE — rse@maisonpratique.exemple"),
    "Banque Solidaire": dict(kind="company", sector="Banque", audiences="propriétaires, seniors",
                             declared_audience=1_200_000, contact="Communication — com@banquesolidaire.exemple"),
    "Livr'Eat": dict(kind="company", sector="Livraison de repas", audiences="étudiants, 18-30 ans",
                     declared_audience=2_200_000, contact="Impact — impact@livreat.exemple"),
    "Fédération Étudiante Solidaire": dict(kind="association", sector="Vie étudiante", audiences="étudiants",
                                           declared_audience=300_000, contact="Bureau national — bureau@fes.exemple"),
    "Réseau des œuvres universitaires": dict(kind="public_body", sector="Service public étudiant",
                                             audiences="étudiants", declared_audience=700_000,
                                             contact="Communication nationale — com@oeuvres-u.exemple"),
    "Groupe Radio Horizon": dict(kind="media", sector="Radio", audiences="automobilistes, 25-60 ans",
                                 declared_audience=4_500_000, contact="Régie — regie@radiohorizon.exemple"),
    "CovoitEnsemble": dict(kind="company", sector="Covoiturage", audiences="18-35 ans, automobilistes",
                           declared_audience=1_400_000, contact="Partenariats — hello@covoitensemble.exemple"),
    "Aires & Routes": dict(kind="company", sector="Réseau autoroutier", audiences="automobilistes",
                           declared_audience=3_200_000, contact="Communication — com@airesetroutes.exemple"),
}
# Candidates never partnered yet (step 1, map of actors).
CANDIDATES = {
    "Ligue des Clubs Sportifs": dict(kind="association", sector="Sport amateur", audiences="15-25 ans",
                                     declared_audience=650_000, is_candidate=True),
    "StreamJeunes": dict(kind="media", sector="Plateforme vidéo", audiences="15-24 ans", declared_audience=2_800_000,
                         is_candidate=True),
}


def _social(partner, platform, impressions, ctr, peso="shared"):
    return Stream(partner, "social", peso, platform, {
        "impressions": impressions, "clicks": round(impressions * ctr),
        "engagements": round(impressions * 0.021), "video_views": round(impressions * 0.18)},
        weekly_reach=round(impressions * 0.09))


def _email(partner, platform, sends, open_rate, cto, peso="shared"):
    delivered = round(sends * 0.978)
    opens = round(delivered * open_rate)
    return Stream(partner, "email", peso, platform, {
        "sends": sends, "delivered": delivered, "unique_opens": opens, "email_clicks": round(opens * cto)})


def _web(partner, visits, conversion):
    return Stream(partner, "web", "owned", "Matomo", {"landing_visits": visits, "conversions": round(visits * conversion)})


CAMPAIGNS = [
    DemoCampaign(
        name=MATCH, theme="Emploi des jeunes", series="jobs-ete",
        objective="Faire connaître les offres de jobs d'été de 1jeune1solution aux 18-25 ans",
        target_public="étudiants, 18-25 ans", start=date(2025, 5, 12), end=date(2025, 6, 15),
        landing_url="https://www.1jeune1solution.gouv.fr/emplois", budget_eur=0,
        streams=[
            Stream("Tinder", "app", "shared", "Tinder", {"impressions": 2_104_350, "clicks": 294_870}),
            _web("Tinder", 236_420, 0.09),
            _email(None, "Brevo", 850_000, 0.34, 0.14, peso="owned"),
            _web(None, 35_200, 0.07),
        ],
        partnerships={"Tinder": dict(role="relay", channel="app", step=6, supervisor_informed=False, sig_informed=True,
                                     legal_frame_signed=True, message_validated=True,
                                     activations="Cartes « Match avec ton futur » dans le fil des profils ; lien vers les offres de jobs d'été",
                                     counterparts="Relais gracieux ; visibilité presse et citation dans le communiqué du ministère")},
        press=213,
        pictures=[
            ("phone", "Tinder", "La carte de la campagne dans le fil de Tinder", ("Tinder", MATCH, "Trouve ton job d'été sur 1jeune1solution.gouv.fr"), "impressions"),
            ("poster", None, "L'affiche de lancement", (MATCH, "Des milliers de jobs d'été t'attendent sur 1jeune1solution.gouv.fr"), None),
            ("phone", "Tinder", "Écran de redirection vers les offres", ("Tinder", "Ton futur job te plaît ?", "Clique et découvre les offres près de chez toi"), "clicks"),
            ("clipping", None, "Article du Times sur l'opération", ("The Times", "Dating app Tinder helps French youngsters find summer jobs", "The French government has teamed up with the dating app to match students with seasonal work."), "press_mentions"),
            ("newsletter", None, "La lettre d'information 1jeune1solution", ("1jeune1solution", "Jobs d'été : ton match t'attend", "Découvre les offres publiées cette semaine dans ta région."), "unique_opens"),
        ],
        targets={"impressions": 2_000_000, "clicks": 250_000, "press_mentions": 150, "landing_visits": 250_000},
        moments=[(0, "Lancement et communiqué de presse"), (4, "Article du Times"), (21, "Relance dans l'application")],
    ),
    DemoCampaign(
        name="Jobs d'été 2024", theme="Emploi des jeunes", series="jobs-ete",
        objective="Orienter les 16-25 ans vers les offres de jobs d'été", target_public="16-25 ans",
        start=date(2024, 5, 13), end=date(2024, 6, 16), landing_url="https://www.1jeune1solution.gouv.fr/emplois",
        streams=[
            _social("Appli Campus+", "Appli Campus+", 640_000, 0.031),
            _email("Réseau Info Jeunes", "Mailchimp", 180_000, 0.41, 0.12),
            Stream("Radio Ondes Jeunes", "radio", "shared", "Radio Ondes Jeunes", {"impressions": 1_150_000}),
            _web("Appli Campus+", 17_900, 0.08), _web("Réseau Info Jeunes", 8_400, 0.10),
        ],
        partnerships={
            "Appli Campus+": dict(role="relay", channel="social", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                  activations="Bannière et notification", counterparts="Logo sur la page partenaires"),
            "Réseau Info Jeunes": dict(role="co_signed", channel="email", step=6, supervisor_informed=True, legal_frame_signed=True, message_validated=True,
                                       activations="Lettre d'information", counterparts="Co-signature du communiqué"),
            "Radio Ondes Jeunes": dict(role="media", channel="radio", step=5, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                       activations="Spots et chronique", counterparts="Interview du ministre"),
        },
        press=64,
        pictures=[
            ("phone", "Appli Campus+", "Bannière dans l'Appli Campus+", ("Appli Campus+", "Jobs d'été 2024", "Les offres près de ton campus"), "impressions"),
            ("radio", "Radio Ondes Jeunes", "Chronique emploi sur Radio Ondes Jeunes", ("Radio Ondes Jeunes", "Jobs d'été : les bons plans pour postuler"), None),
            ("newsletter", "Réseau Info Jeunes", "Lettre du Réseau Info Jeunes", ("Réseau Info Jeunes", "Ton job d'été commence ici", "Les conseillers Info Jeunes t'aident à préparer ta candidature."), "unique_opens"),
        ],
        targets={"clicks": 25_000},
        moments=[(0, "Lancement"), (14, "Chronique radio")],
    ),
    DemoCampaign(
        name="Jobs d'été 2026", theme="Emploi des jeunes", series="jobs-ete",
        objective="Renouveler l'opération avec Tinder et élargir aux applications étudiantes", target_public="étudiants, 18-25 ans",
        start=date(2026, 5, 11), end=date(2026, 6, 21), landing_url="https://www.1jeune1solution.gouv.fr/emplois",
        streams=[
            Stream("Tinder", "app", "shared", "Tinder", {"impressions": 2_460_000, "clicks": 301_500}),
            _social("Appli Campus+", "Appli Campus+", 720_000, 0.036),
            _web("Tinder", 244_800, 0.095), _web("Appli Campus+", 21_300, 0.085),
        ],
        partnerships={
            "Tinder": dict(role="relay", channel="app", step=5, sig_informed=True, legal_frame_signed=True, message_validated=True,
                           activations="Cartes dans le fil et notification", counterparts="Relais gracieux ; citation dans le communiqué"),
            "Appli Campus+": dict(role="relay", channel="social", step=5, sig_informed=True, legal_frame_signed=False, message_validated=True,
                                  activations="Bannière et story", counterparts="Logo sur la page partenaires"),
        },
        press=121,
        pictures=[
            ("phone", "Tinder", "Nouvelle carte 2026 dans Tinder", ("Tinder", "Ton été, ton job", "Des offres près de chez toi sur 1jeune1solution.gouv.fr"), "impressions"),
            ("phone", "Appli Campus+", "Story dans l'Appli Campus+", ("Appli Campus+", "Ton été, ton job", "Candidate en deux minutes"), "clicks"),
            ("poster", None, "Affiche de la campagne 2026", ("Ton été, ton job", "Jobs d'été 2026 sur 1jeune1solution.gouv.fr"), None),
        ],
        targets={"impressions": 3_000_000, "clicks": 320_000},
        moments=[(0, "Lancement"), (7, "Communiqué de presse")],
    ),
    DemoCampaign(
        name="Rénover, c'est gagné", theme="Rénovation énergétique", series="renovation",
        objective="Faire connaître MaPrimeRénov' aux propriétaires en magasin", target_public="propriétaires",
        start=date(2025, 9, 15), end=date(2025, 11, 16), landing_url="https://www.maprimerenov.gouv.fr", budget_eur=48_000,
        streams=[
            Stream("Brico Centre", "retail", "shared", "Magasins", {"impressions": 3_400_000, "clicks": 41_800}),
            Stream("Maison Pratique", "retail", "shared", "Magasins", {"impressions": 1_900_000, "clicks": 19_700}),
            _email("Banque Solidaire", "Brevo", 620_000, 0.29, 0.11),
            _social(None, "Meta", 2_800_000, 0.0105, peso="paid"),
            _web("Brico Centre", 30_100, 0.12), _web("Maison Pratique", 14_800, 0.11), _web("Banque Solidaire", 16_900, 0.14),
        ],
        partnerships={
            "Brico Centre": dict(role="relay", channel="retail", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                 activations="Affiches et kakemonos dans 180 magasins, QR codes", counterparts="Mention dans le dossier de presse"),
            "Maison Pratique": dict(role="relay", channel="retail", step=5, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                    activations="Présentoirs en caisse", counterparts="Visite ministérielle d'un magasin"),
            "Banque Solidaire": dict(role="relay", channel="email", step=4, sig_informed=False, legal_frame_signed=True, message_validated=False,
                                     activations="E-mail aux clients propriétaires", counterparts="Logo sur le site de la campagne"),
        },
        press=57,
        pictures=[
            ("shop", "Brico Centre", "Kakemono à l'entrée d'un magasin Brico Centre", ("Brico Centre", "Rénover, c'est gagné avec MaPrimeRénov'", (0, 122, 80)), "impressions"),
            ("shop", "Maison Pratique", "Présentoir en caisse chez Maison Pratique", ("Maison Pratique", "Vos travaux aidés : MaPrimeRénov'", (200, 90, 20)), "clicks"),
            ("newsletter", "Banque Solidaire", "E-mail de Banque Solidaire à ses clients", ("Banque Solidaire", "Rénovez et faites baisser vos factures", "MaPrimeRénov' finance une partie de vos travaux : vérifiez votre éligibilité."), "unique_opens"),
            ("street", None, "Affichage urbain de la campagne", ("Rénover, c'est gagné", "MaPrimeRénov' : faites le point sur vos travaux"), None),
        ],
        targets={"impressions": 6_000_000, "landing_visits": 70_000},
        moments=[(0, "Lancement en magasin"), (30, "Relance e-mail")],
    ),
    DemoCampaign(
        name="Rénovation énergétique 2024", theme="Rénovation énergétique", series="renovation",
        objective="Premier test en magasins", target_public="propriétaires",
        start=date(2024, 10, 1), end=date(2024, 11, 10), landing_url="https://www.maprimerenov.gouv.fr", budget_eur=30_000,
        streams=[
            Stream("Brico Centre", "retail", "shared", "Magasins", {"impressions": 2_100_000, "clicks": 19_200}),
            _social(None, "Meta", 1_900_000, 0.0092, peso="paid"),
            _web("Brico Centre", 13_600, 0.10),
        ],
        partnerships={"Brico Centre": dict(role="relay", channel="retail", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                           activations="Affiches dans 90 magasins", counterparts="Mention dans le communiqué")},
        press=22,
        pictures=[("shop", "Brico Centre", "Affiche en rayon isolation", ("Brico Centre", "Isoler, c'est aidé", (0, 122, 80)), "impressions")],
    ),
    DemoCampaign(
        name="Bien manger au campus", theme="Vie étudiante", series="repas-etudiants",
        objective="Faire connaître le repas à 1 € aux étudiants", target_public="étudiants",
        start=date(2024, 9, 2), end=date(2024, 10, 13), landing_url="https://www.etudiant.gouv.fr",
        streams=[
            Stream("Livr'Eat", "push", "shared", "Livr'Eat", {"sends": 1_250_000, "clicks": 48_700}),
            Stream("Livr'Eat", "app", "shared", "Livr'Eat", {"impressions": 3_900_000, "clicks": 62_400}),
            _social("Fédération Étudiante Solidaire", "Instagram", 410_000, 0.024),
            _email("Réseau des œuvres universitaires", "Brevo", 560_000, 0.46, 0.17),
            _web("Livr'Eat", 71_200, 0.21), _web("Fédération Étudiante Solidaire", 6_900, 0.25),
        ],
        partnerships={
            "Livr'Eat": dict(role="relay", channel="app", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                             activations="Notification et bannière dans l'application", counterparts="Citation dans le communiqué"),
            "Fédération Étudiante Solidaire": dict(role="co_signed", channel="social", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                                   activations="Publications et stories", counterparts="Invitation au lancement"),
            "Réseau des œuvres universitaires": dict(role="co_signed", channel="email", step=6, supervisor_informed=True, legal_frame_signed=True, message_validated=True,
                                                     activations="E-mail à tous les boursiers", counterparts="Co-signature"),
        },
        press=38,
        pictures=[
            ("phone", "Livr'Eat", "Bannière dans l'application Livr'Eat", ("Livr'Eat", "Le repas à 1 €, c'est pour toi", "Tous les étudiants y ont droit au restaurant universitaire"), "impressions"),
            ("poster", "Fédération Étudiante Solidaire", "Affiche dans les halls d'université", ("Bien manger au campus", "Le repas à 1 € pour tous les étudiants"), None),
        ],
        targets={"clicks": 100_000},
        moments=[(0, "Rentrée universitaire")],
    ),
    DemoCampaign(
        name="Sur la route, tous prudents", theme="Sécurité routière", series="route-fetes",
        objective="Réduire l'alcool au volant pendant les fêtes", target_public="18-35 ans, automobilistes",
        start=date(2023, 12, 1), end=date(2024, 1, 7), landing_url="https://www.securite-routiere.gouv.fr",
        streams=[
            Stream("Groupe Radio Horizon", "radio", "shared", "Radio Horizon", {"impressions": 6_800_000}),
            Stream("CovoitEnsemble", "app", "shared", "CovoitEnsemble", {"impressions": 1_300_000, "clicks": 24_100}),
            Stream("Aires & Routes", "display", "shared", "Écrans d'aires", {"impressions": 2_600_000}),
            _web("CovoitEnsemble", 9_800, 0.05),
        ],
        partnerships={
            "Groupe Radio Horizon": dict(role="media", channel="radio", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                         activations="Messages à l'antenne pendant les départs", counterparts="Interview de la déléguée"),
            "CovoitEnsemble": dict(role="relay", channel="app", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                   activations="Message avant chaque trajet de nuit", counterparts="Label « partenaire prévention »"),
            "Aires & Routes": dict(role="relay", channel="display", step=5, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                   activations="Écrans sur 120 aires", counterparts="Mention dans le dossier de presse"),
        },
        press=45,
        pictures=[
            ("radio", "Groupe Radio Horizon", "Message de prévention à l'antenne", ("Radio Horizon", "Les fêtes, c'est mieux quand on rentre"), "impressions"),
            ("street", "Aires & Routes", "Écran sur une aire d'autoroute", ("Sur la route, tous prudents", "Un conducteur sobre, c'est tout le monde qui rentre"), "impressions"),
            ("phone", "CovoitEnsemble", "Message avant un trajet CovoitEnsemble", ("CovoitEnsemble", "Ce soir, qui conduit ?", "Désigne ton conducteur sobre avant de partir"), "clicks"),
        ],
        moments=[(0, "Lancement"), (22, "Départs de Noël")],
    ),
    DemoCampaign(
        name="Sur la route, tous prudents 2024", theme="Sécurité routière", series="route-fetes",
        objective="Réduire l'alcool au volant pendant les fêtes", target_public="18-35 ans, automobilistes",
        start=date(2024, 12, 2), end=date(2025, 1, 5), landing_url="https://www.securite-routiere.gouv.fr",
        streams=[
            Stream("Groupe Radio Horizon", "radio", "shared", "Radio Horizon", {"impressions": 7_100_000}),
            Stream("CovoitEnsemble", "app", "shared", "CovoitEnsemble", {"impressions": 1_650_000, "clicks": 33_900}),
            _web("CovoitEnsemble", 13_400, 0.05),
        ],
        partnerships={
            "Groupe Radio Horizon": dict(role="media", channel="radio", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                         activations="Messages à l'antenne", counterparts="Interview"),
            "CovoitEnsemble": dict(role="relay", channel="app", step=6, sig_informed=True, legal_frame_signed=True, message_validated=True,
                                   activations="Message avant chaque trajet de nuit", counterparts="Label « partenaire prévention »"),
        },
        press=31,
        pictures=[("phone", "CovoitEnsemble", "Message 2024 dans CovoitEnsemble", ("CovoitEnsemble", "Fêtes : qui conduit ?", "Un conducteur désigné, sobre, pour tout le trajet"), "clicks")],
    ),
]

MEETINGS = [
    ("Tinder", date(2026, 9, 18), "review", "Bilan de l'édition 2026 ; envie de renouveler", "Proposer un format rentrée étudiante", date(2026, 12, 15)),
    ("Brico Centre", date(2025, 12, 4), "review", "Très satisfaits de la visibilité presse", "Préparer une édition printemps", date(2026, 3, 1)),
    ("Livr'Eat", date(2024, 11, 20), "review", "Bons résultats sur la notification", "Relancer pour la rentrée", date(2025, 6, 15)),
    ("Groupe Radio Horizon", date(2026, 10, 2), "committee", "Calendrier des fêtes 2026 validé", "Envoyer les messages définitifs", date(2026, 11, 20)),
    ("Réseau Info Jeunes", date(2025, 2, 12), "meeting", "Point annuel", None, None),
    ("Appli Campus+", date(2026, 7, 3), "review", "Story plus efficace que la bannière", "Tester une notification", date(2027, 1, 20)),
]

# Later history (comparison and follow-up): what each partnership cost, and more meetings. Loaded after the rest
# so that the figures above stay exactly as they were.
SPEND = [  # (campaign, partner, channel, peso, platform, EUR); Tinder relays free of charge: no spend, no cost ratio
    ("Jobs d'été 2024", "Appli Campus+", "social", "shared", "Appli Campus+", 9_500),
    ("Jobs d'été 2026", "Appli Campus+", "social", "shared", "Appli Campus+", 11_000),
    ("Jobs d'été 2024", "Radio Ondes Jeunes", "radio", "shared", "Radio Ondes Jeunes", 7_000),
    ("Bien manger au campus", "Livr'Eat", "app", "shared", "Livr'Eat", 18_000),
    ("Bien manger au campus", "Fédération Étudiante Solidaire", "social", "shared", "Instagram", 2_400),
    ("Rénovation énergétique 2024", "Brico Centre", "retail", "shared", "Magasins", 14_000),
    ("Rénover, c'est gagné", "Brico Centre", "retail", "shared", "Magasins", 21_000),
    ("Rénover, c'est gagné", "Maison Pratique", "retail", "shared", "Magasins", 12_000),
    ("Sur la route, tous prudents", "CovoitEnsemble", "app", "shared", "CovoitEnsemble", 5_000),
    ("Sur la route, tous prudents 2024", "CovoitEnsemble", "app", "shared", "CovoitEnsemble", 6_500),
]
MORE_MEETINGS = [
    ("Tinder", date(2025, 7, 10), "review", "Bilan de Match avec ton futur : 213 articles de presse", "Proposer l'édition 2026", date(2026, 1, 15)),
    ("Maison Pratique", date(2026, 1, 15), "review", "Les présentoirs en caisse ont bien fonctionné", "Envoyer le bilan chiffré", date(2026, 3, 31)),
    ("CovoitEnsemble", date(2026, 6, 10), "meeting", "Prêts pour les fêtes 2026", "Valider le calendrier des messages", date(2026, 12, 5)),
    ("Fédération Étudiante Solidaire", date(2025, 10, 1), "call", "Intéressés par une opération de rentrée", None, None),
    ("Réseau des œuvres universitaires", date(2026, 9, 8), "committee", "Rentrée : relais du repas à 1 €", "Partager les chiffres de fréquentation", date(2026, 11, 10)),
    ("StreamJeunes", date(2026, 10, 20), "meeting", "Premier contact : audience 15-24 ans, formats vidéo courts", "Envoyer une proposition de partenariat", date(2026, 12, 1)),
]

OUTLETS = [  # (outlet, audience, language)
    ("The Times", 1_100_000, "en"), ("Le Parisien", 2_400_000, "fr"), ("Le Monde", 2_900_000, "fr"),
    ("20 Minutes", 3_600_000, "fr"), ("Ouest-France", 2_300_000, "fr"), ("BFMTV", 4_100_000, "fr"),
    ("Le Figaro", 2_700_000, "fr"), ("Libération", 900_000, "fr"), ("L'Étudiant", 1_300_000, "fr"),
    ("Franceinfo", 3_900_000, "fr"), ("La Dépêche du Midi", 1_200_000, "fr"), ("Sud Ouest", 1_100_000, "fr"),
    ("Konbini", 2_000_000, "fr"), ("Le HuffPost", 1_500_000, "fr"), ("The Guardian", 2_500_000, "en"),
    ("Les Échos", 800_000, "fr"), ("Midi Libre", 600_000, "fr"), ("Brut", 2_200_000, "fr"),
]
HEADLINES_FR = [
    "{campaign} : le gouvernement mise sur {partner} pour toucher les jeunes",
    "Avec « {campaign} », {partner} relaie une campagne publique",
    "{partner} et l'État s'associent : ce qu'il faut savoir sur « {campaign} »",
    "« {campaign} » : une opération inédite qui fait parler",
    "Pourquoi {partner} relaie « {campaign} »",
    "« {campaign} » : premiers résultats encourageants",
]
HEADLINES_EN = ["France teams up with {partner} for '{campaign}'", "Dating app {partner} helps French youngsters find summer jobs"]


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
    days = (spec.end - spec.start).days + 1
    main_partner = next(iter(spec.partnerships), None)
    weights = np.exp(-np.arange(days + 10) / 5.0)
    offsets = rng.choice(days + 10, size=spec.press, p=weights / weights.sum())
    rows = []
    for k in range(spec.press):
        outlet, audience, language = OUTLETS[k % len(OUTLETS)] if k < len(OUTLETS) else OUTLETS[rng.integers(len(OUTLETS))]
        templates = HEADLINES_EN if language == "en" else HEADLINES_FR
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
        return con.execute("select count(*) from campaign").fetchone()[0] == 0


# What `demo --reset` erases: the campaign data. Accounts, sessions, the audit trail, configured
# sources and settings are kept.
DATA_TABLES = ("metric_fact", "fact_replaced", "reported_rate", "press_mention", "asset", "meeting", "target",
               "annotation", "sync_run", "source_label", "campaign_alias", "column_mapping", "partnership",
               "ingestion", "campaign", "partner")


def _erase(con) -> None:
    existing = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    for table in DATA_TABLES:
        if table in existing:
            con.execute(f"delete from {table}")  # noqa: S608 - table names are constants


def load(store: Store, progress=None, reset: bool = False, by: str = "system") -> dict[str, int]:
    """Load the demo set in one transaction (after erasing the data when `reset`), so that nobody ever sees
    a half-loaded or empty store; `progress(fraction, label)` is told as campaigns are loaded."""

    rng = np.random.default_rng(2025)
    counts = {"campaigns": 0, "facts": 0, "press": 0, "pictures": 0}
    with store.transaction() as con:
        if reset:
            _erase(con)
            audit.record(con, by, "demo.reset", None, None)
        ids: dict[str | None, int | None] = {None: None}
        for name, fields in {**PARTNERS, **CANDIDATES}.items():
            ids[name] = ensure_partner(con, name, **fields)
        for index, spec in enumerate(CAMPAIGNS):
            if progress:
                progress(index / len(CAMPAIGNS), spec.name)
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
                con.execute("insert into target values ($c, $m, $v)", {"c": ids[spec.name], "m": metric, "v": value})
            for offset, label in spec.moments:
                con.execute("insert into annotation (campaign_id, on_date, label) values ($c, $d, $l)",
                            {"c": ids[spec.name], "d": spec.start + timedelta(days=offset), "l": label})
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
                               "period_start": next(x.start for x in CAMPAIGNS if x.name == c),
                               "period_end": next(x.end for x in CAMPAIGNS if x.name == c),
                               "metric": "spend", "value": float(eur)} for c, p, ch, peso, pf, eur in SPEND])
        spend["partner_id"] = spend["partner_id"].astype("Int64")
        ingest.load(store, source="demo", facts=spend, con=con, file_name="demo-depenses-partenariats.csv")
        counts["facts"] += len(spend)
        for partner, met_on, kind, notes, next_step, next_date in MEETINGS + MORE_MEETINGS:
            con.execute("insert into meeting (partner_id, met_on, kind, notes, next_step, next_date)"
                        " values ($p, $d, $k, $n, $s, $nd)",
                        {"p": ids[partner], "d": met_on, "k": kind, "n": notes, "s": next_step, "nd": next_date})
    if progress:
        progress(1.0, "")
    return counts
