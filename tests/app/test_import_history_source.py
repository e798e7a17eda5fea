"""AppTest of the Importer's history: a load's source in words, never its code (issue 17: partners' drops)."""
from datetime import date, timedelta

from resonance.ingest import drops
from resonance.services import links
from tests.helpers import page

SHEET = b"Date;Impressions;Clics\n02/06/2026;12 500;300\n09/06/2026;14 350;410\n"


def test_the_history_says_a_partners_drop_and_a_demo_load_in_words(demo_store, monkeypatch):
    created = links.create(demo_store, "Jobs d'été 2026/Tinder", expires_on=date.today() + timedelta(days=30))
    receipt = drops.drop(demo_store, created.token, "192.0.2.20", reports=[("bilan.csv", SHEET)], pictures=[])
    drops.validate(demo_store, receipt.drop_id, by="marie")
    app = page("pages/import_reports.py")
    app.run()
    assert not app.exception
    history = app.dataframe[-1].value
    sources = history["Source"].tolist()
    assert sources[0] == "Déposé par le partenaire via son lien"           # newest first: the validated drop
    assert "Démonstration" in sources
    assert not {"partner_link", "demo", "file", "api"} & set(sources)
    monkeypatch.setenv("RESONANCE_LANG", "en")
    english = page("pages/import_reports.py")
    english.run()
    assert english.dataframe[-1].value.iloc[:, 2].tolist()[0] == "Dropped by the partner through their link"
