"""The Importer page in AppTest on the demo store: preview with totals and problems, load, history, undo, pictures.

Files go through the page's real file uploaders (AppTest's FileUploader.set_value).
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from tests.helpers import page, texts

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "partner_files"
PAGE = "pages/import_reports.py"


def _app(files: dict[str, bytes], campaign: str | None = "Match avec ton futur", partner: str | None = "Tinder"):
    app = page(PAGE, timeout=60)
    app.run()
    app.file_uploader(key="import_upload").set_value(
        [(name, content, "application/octet-stream") for name, content in files.items()]).run()
    assert not app.exception, app.exception
    if campaign:
        app.selectbox(key="import_campaign").set_value(campaign).run()
    if partner:
        app.selectbox(key="import_partner").set_value(partner).run()
    assert not app.exception, app.exception
    return app


def _figures(store) -> dict:
    with store.read() as con:
        return dict(con.execute("select metric, sum(value) from metric_fact group by metric").fetchall())


def test_preview_load_history_and_undo(demo_store):
    name = "partenaire_fait_main.csv"
    before = _figures(demo_store)
    app = _app({name: (FILES / name).read_bytes()})
    shown = texts(app)
    # the last line ";;;" holds no cell: not a row read
    assert "CSV · UTF-8 · séparateur «\u202f;\u202f» · 2 lignes de titre · 4 lignes lues" in shown
    assert "1 ligne de total ou de synthèse reconnue et non comptée (ligne 8)." in shown
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Impressions"] == "26\u202f850" and metrics["Clics"] == "640"
    assert _figures(demo_store) == before                       # a preview writes nothing
    app.button(key=f"load-{name}").click().run()
    assert not app.exception, app.exception
    assert any("chargé (n°" in s.value for s in app.success)
    after = _figures(demo_store)
    assert after["impressions"] == before["impressions"] + 26_850
    history = app.dataframe[-1].value
    assert name in history["Fichier"].tolist()
    app.selectbox(key="undo_pick").set_value(int(history.iloc[0]["N°"])).run()
    app.button(key="undo_button").click().run()
    assert any("annulé" in s.value for s in app.success)
    assert _figures(demo_store) == before


def test_rejected_rows_and_warnings_must_be_confirmed(demo_store):
    name = "valeurs_impossibles.csv"
    app = _app({name: (FILES / name).read_bytes()}, partner=None)
    rejected = next(d.value for d in app.dataframe if "Raison" in d.value.columns)
    assert rejected[["Ligne", "Colonne du fichier"]].values.tolist() == [[3, "Date"], [4, "Affichages"],
                                                                         [5, "Affichages"], [5, "Clics"]]
    assert "Lignes refusées : 3" in texts(app)
    load = app.button(key=f"load-{name}")
    assert load.disabled
    app.checkbox(key=f"skip-{name}").check().run()
    # the demo campaign ran in 2025 but not on these June days? it did: no date warning, only rejected rows
    assert not app.button(key=f"load-{name}").disabled


def test_unknown_campaign_names_are_matched_on_the_page(demo_store):
    name = "meta_ads_fr.csv"
    app = _app({name: (FILES / name).read_bytes()}, campaign=None, partner=None)
    assert "cite des campagnes inconnues" in texts(app)
    app.selectbox(key=f"alias-{name}-JobsEte25_Etudiants").set_value("Match avec ton futur").run()
    app.button(key=f"apply-{name}").click().run()
    assert not app.exception, app.exception
    assert "cite des campagnes inconnues" not in texts(app)
    assert {m.label: m.value for m in app.metric}["Clics"] == "1\u202f530"


def test_refused_file_shows_why_and_offers_no_load(demo_store):
    name = "stock.csv"
    app = _app({name: (FILES / name).read_bytes()})
    assert any("ne ressemble pas à un rapport" in e.value for e in app.error)
    assert not [b for b in app.button if b.key == f"load-{name}"]


def test_pictures_are_added_and_bad_ones_refused(demo_store):
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (225, 0, 15)).save(buffer, "JPEG")
    app = page(PAGE, timeout=60)
    app.run()
    app.file_uploader(key="import_pictures").set_value([
        ("stand.jpg", buffer.getvalue(), "image/jpeg"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")]).run()
    app.selectbox(key="picture_campaign").set_value("Sur la route, tous prudents")
    app.text_input(key="picture_caption").input("Stand sur l'aire de repos")
    app.button(key="FormSubmitter:picture_form-Ajouter les photos").click().run()
    assert not app.exception, app.exception
    assert any("1 photo ajoutée" in s.value for s in app.success)
    assert any("«\u202flogo.svg\u202f» est un SVG" in e.value for e in app.error)
    with demo_store.read() as con:
        caption = con.execute("select caption from asset order by id desc limit 1").fetchone()[0]
    assert caption == "Stand sur l'aire de repos"
