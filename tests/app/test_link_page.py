"""AppTest of the partner's link page through app.py, and of the manager's side (partner file, overview)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from resonance.ingest import drops
from resonance.services import accounts, expected_reports, links
from tests.helpers import APP, page, texts

SHEET = b"Date;Impressions;Clics\n02/06/2026;12 500;300\n09/06/2026;14 350;410\n"


def link_app(token: str, switch_to: str | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params[links.QUERY_KEY] = token
    if switch_to:
        app.switch_page(switch_to)
    return app.run()


def store_counts(store) -> tuple:
    with store.read() as con:
        return tuple(con.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608 - fixed names
                     for t in ("link_drop", "metric_fact", "asset", "ingestion", "audit_event"))


@pytest.fixture
def tinder_link(demo_store):
    created = links.create(demo_store, "Jobs d'été 2026/Tinder", expires_on=date.today() + timedelta(days=30))
    tinder = created.partnership_id
    expected_reports.add(demo_store, tinder, what="Impressions et clics de juin", due_on=date.today() + timedelta(days=3))
    return created


def test_a_valid_link_shows_only_its_partnership_and_no_navigation(demo_store, tinder_link):
    app = link_app(tinder_link.token)
    assert not app.exception
    shown = texts(app)
    assert [t.value for t in app.title] == ["Votre bilan pour «\u202fJobs d'été 2026\u202f»"]
    assert "Lien personnel de Tinder" in shown and "Impressions et clics de juin" in shown
    assert len(app.sidebar) == 0                                          # no sidebar, no navigation, no sign-in
    for elsewhere in ("Appli Campus+", "Match avec ton futur", "Brico Centre", "Connexion", "démonstration"):
        assert elsewhere not in shown
    assert not app.metric and not app.dataframe                           # no figure of the campaign
    assert not app.get("image")                        # the campaign has no visual of its own: no partner's picture


def test_the_campaign_visual_is_shown_and_no_partner_picture(demo_store, tinder_link):
    import io

    from PIL import Image

    from resonance.ingest import importing
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "navy").save(buffer, "PNG")
    asset_id = importing.add_picture(demo_store, buffer.getvalue(), "visuel.png", campaign="Jobs d'été 2026",
                                     caption="Visuel de la campagne")
    with demo_store.transaction() as con:
        con.execute("update asset set kind = 'logo' where id = $id", {"id": asset_id})
    assert links.campaign_visual(demo_store, tinder_link_campaign(demo_store))["caption"] == "Visuel de la campagne"
    app = link_app(tinder_link.token)
    assert not app.exception and len(app.get("image")) == 1


def tinder_link_campaign(store) -> int:
    with store.read() as con:
        return con.execute("select id from campaign where name = 'Jobs d''été 2026'").fetchone()[0]


@pytest.mark.parametrize("target", ["pages/campaign_review.py", "pages/partners.py", "pages/admin.py",
                                    "pages/import_reports.py"])
def test_a_link_cannot_reach_another_page(demo_store, tinder_link, target):
    """A session holding only a link, asking for another page by its script (as a crafted request would): refused.

    (With accounts: without any, the store is in the local demonstration mode, open to whoever runs it.)"""
    accounts.add(demo_store, "Marie Martin", "admin", "une phrase de passe solide")
    app = link_app(tinder_link.token, switch_to=target)
    shown = texts(app)
    assert "Jobs d'été 2026" not in shown and "Tinder" not in shown and "Match avec ton futur" not in shown
    assert not app.metric and not app.dataframe and not app.get("file_uploader")
    assert any("réservé" in e.value or "Accès" in e.value or "rôle" in e.value for e in app.error), shown


@pytest.mark.parametrize("spoil", ["expired", "revoked", "used_up", "altered", "empty"])
def test_a_spoiled_link_shows_the_same_french_page_and_writes_nothing(demo_store, tinder_link, spoil):
    token = tinder_link.token
    if spoil == "revoked":
        links.revoke(demo_store, link_id=tinder_link.link_id)
    elif spoil == "used_up":
        used = links.create(demo_store, "Jobs d'été 2026/Tinder", expires_on=date.today() + timedelta(days=3),
                            max_uses=1)
        drops.drop(demo_store, used.token, "192.0.2.8", reports=[("bilan.csv", SHEET)], pictures=[])
        token = used.token
    elif spoil == "expired":
        with demo_store.transaction() as con:
            con.execute("update upload_link set expires_on = current_date - 1")
    elif spoil == "altered":
        token = token[:10] + ("x" if token[10] != "x" else "y") + token[11:]
    elif spoil == "empty":
        token = ""
    before = store_counts(demo_store)
    app = link_app(token)
    assert not app.exception
    assert [t.value for t in app.title] == ["Dépôt de bilan"]
    assert [i.value for i in app.info] == [links.t("links.page.invalid")]
    shown = texts(app)
    assert "Tinder" not in shown and "Jobs d'été" not in shown and len(app.sidebar) == 0
    assert not app.get("file_uploader")
    assert store_counts(demo_store) == before


def test_the_partner_reads_the_refusal_reason_on_the_link_page(demo_store, tinder_link):
    receipt = drops.drop(demo_store, tinder_link.token, "192.0.2.9", reports=[("bilan.csv", SHEET)], pictures=[])
    drops.refuse(demo_store, receipt.drop_id, "Le fichier ne couvre pas la semaine du 16 juin", by="marie")
    app = link_app(tinder_link.token)
    assert any("Le fichier ne couvre pas la semaine du 16 juin" in w.value for w in app.warning)
    assert any(f"Dépôt n° {receipt.drop_id}" in w.value and "refusé" in w.value for w in app.warning)


def test_the_manager_creates_a_link_and_validates_a_drop_on_the_partner_file(demo_store, tinder_link):
    drops.drop(demo_store, tinder_link.token, "192.0.2.10", reports=[("bilan.csv", SHEET)], pictures=[])
    app = page("pages/partners.py")
    app.run()
    app.selectbox(key="file_partner").set_value("Tinder").run()
    app.selectbox(key="links_partnership").set_value(tinder_link.partnership_id).run()
    assert not app.exception
    shown = texts(app)
    assert "1 dépôt à valider" in shown and "Nous avons lu 26\u202f850 impressions, 710 clics" in shown
    assert "Déposé par le partenaire via son lien, le" in shown
    next(b for b in app.button if b.label == "Créer un lien").click().run()
    assert not app.exception
    assert any("/?" + links.QUERY_KEY + "=" in c.value for c in app.code)
    assert len(links.links_of(demo_store, tinder_link.partnership_id)) == 2
    next(b for b in app.button if b.label == "Valider et importer").click().run()
    assert not app.exception
    assert drops.listing(demo_store, link_id=tinder_link.link_id)["status"].tolist() == ["validated"]
    assert "Aucun dépôt en attente." in texts(app)


def test_the_overview_lists_a_late_report_with_its_reminder(demo_store, tinder_link):
    expected_reports.add(demo_store, tinder_link.partnership_id, what="Bilan de mai", due_on=date.today() - timedelta(days=4))
    app = page("pages/overview.py")
    app.run()
    assert not app.exception
    shown = "\n".join(e.label for e in app.expander)
    assert "Tinder — Jobs d'été 2026 : Bilan de mai" in shown and "4 jours de retard" in shown
    assert "1 bilan en retard" in texts(app) and "1 bilan attendu dans les 7 jours" in texts(app)
    next(b for b in app.button if b.label.startswith("Préparer la relance")).click().run()
    assert not app.exception
    assert any("depot=" in c.value for c in app.code)


def test_the_partner_can_read_the_page_in_english(demo_store, tinder_link):
    app = link_app(tinder_link.token)
    app.segmented_control(key="lang").set_value("en").run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Your report for “Jobs d'été 2026”"]
    assert "Personal link of Tinder" in texts(app) and "Impressions et clics de juin" in texts(app)
