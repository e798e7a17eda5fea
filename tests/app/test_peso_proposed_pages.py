"""PESO proposed at import and on the source form (issue 15): shown, editable, remembered for the partner or the source."""
from __future__ import annotations

from pathlib import Path

from resonance.i18n import t
from resonance.services import peso, sources
from tests.helpers import page, texts

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "partner_files"
NAME = "partenaire_fait_main.csv"


def _preview(partner: str = "Tinder"):
    app = page("pages/import_reports.py", timeout=60)
    app.run()
    app.file_uploader(key="import_upload").set_value([(NAME, (FILES / NAME).read_bytes(), "text/csv")]).run()
    app.selectbox(key="import_campaign").set_value("Match avec ton futur").run()
    app.selectbox(key="import_partner").set_value(partner).run()
    assert not app.exception, app.exception
    return app


def _loaded_peso(store) -> list[str]:
    with store.read() as con:
        return [r[0] for r in con.execute(
            "select distinct f.peso from metric_fact as f join ingestion as i on i.id = f.ingestion_id "
            "where i.file_name = ?", [NAME]).fetchall()]


def test_the_importer_proposes_shared_for_a_partner_s_file_and_remembers_a_change(demo_store):
    app = _preview()
    choice = app.selectbox(key=f"peso-{NAME}-shared")
    assert choice.value == "shared"                                   # a partner's file: its own channels
    assert any(c.value == peso.propose(demo_store, partner="Tinder").text() for c in app.caption)
    choice.set_value("paid").run()
    assert not app.exception, app.exception
    assert app.selectbox(key=f"peso-{NAME}-paid").value == "paid"
    app.button(key=f"load-{NAME}").click().run()
    assert not app.exception, app.exception
    assert _loaded_peso(demo_store) == ["paid"]
    # the next file of this partner comes with the kind chosen last time, said so
    proposal = peso.propose(demo_store, partner="Tinder")
    assert (proposal.peso, proposal.reason) == ("paid", "partner")
    again = _preview()
    assert again.selectbox(key=f"peso-{NAME}-paid").value == "paid"
    assert "choisi la dernière fois pour ce partenaire" in texts(again)


def test_the_source_form_offers_the_kind_and_keeps_the_choice_with_the_source(demo_store):
    app = page("pages/connectors.py", timeout=60)
    app.run()
    assert not app.exception, app.exception
    form = app.selectbox(key="connectors_add_peso")
    assert form.value == "" and form.options[0] == t("peso.source.proposed", "fr", kind=t("peso.owned", "fr"))
    app.radio(key="connectors_add_kind").set_value("feed").run()
    assert app.selectbox(key="connectors_add_peso").options[0] == t("peso.source.proposed", "fr",
                                                                     kind=t("peso.earned", "fr"))
    app.text_input(key="connectors_add_name").input("Flux de la radio")
    app.text_input(key="connectors_add_url").input("https://radio.example/flux.xml")
    app.selectbox(key="connectors_add_peso").set_value("shared")
    app.button[[b.label for b in app.button].index(t("connectors.page.save", "fr"))].click().run()
    assert not app.exception, app.exception
    saved = sources.find(demo_store, "Flux de la radio")
    assert saved.peso == "shared" and saved.defaults[1] == "shared"     # what every sync of it will load
