"""Loading partner files: one transaction, same file twice, newer file replaces, undo, remembered mappings and aliases."""
from __future__ import annotations

from pathlib import Path

import pytest

from resonance.ingest import importing
from resonance.ingest.load import IngestError

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "partner_files"
CAMPAIGN = "Match avec ton futur"
JUNE = "Date;Affichages;Clics\n02/06/2025;1000;10\n03/06/2025;2000;20\n"
JUNE_CORRECTED = "Date;Affichages;Clics\n03/06/2025;2500;25\n04/06/2025;3000;30\n"


def _figures(store, campaign=CAMPAIGN):
    with store.read() as con:
        rows = con.execute(
            "select f.period_start::varchar, f.metric, f.value from metric_fact f join campaign c on c.id = f.campaign_id"
            " where c.name = $c order by 1, 2", {"c": campaign}).fetchall()
    return {(d, m): v for d, m, v in rows}


def _load(store, text: str, name: str, **options):
    result = importing.preview(store, text.encode("utf-8"), name, **options)
    return result, importing.load(store, result, created_by="marie")


def test_same_file_twice_changes_nothing_and_says_so(store):
    first, loaded = _load(store, JUNE, "juin.csv", campaign=CAMPAIGN, partner="Tinder")
    before = _figures(store)
    again = importing.preview(store, JUNE.encode(), "juin (1).csv", campaign=CAMPAIGN, partner="Tinder")
    assert again.already_loaded_as == loaded.ingestion_id
    assert any("déjà été chargé" in info for info in again.infos)
    outcome = importing.load(store, again)
    assert outcome.already_loaded and outcome.ingestion_id is None
    assert _figures(store) == before
    assert len(importing.history(store)) == 1


def test_newer_file_replaces_its_dates_keeps_the_others_and_undo_restores(store):
    _, first = _load(store, JUNE, "juin.csv", campaign=CAMPAIGN, partner="Tinder")
    preview = importing.preview(store, JUNE_CORRECTED.encode(), "juin corrigé.csv", campaign=CAMPAIGN, partner="Tinder")
    assert preview.replaces == 2 and any("remplacera 2 chiffres déjà enregistrés" in i for i in preview.infos)
    second = importing.load(store, preview, created_by="marie")
    assert second.rows_replaced == 2
    assert _figures(store) == {
        ("2025-06-02", "clicks"): 10, ("2025-06-02", "impressions"): 1000,      # not in the new file: kept
        ("2025-06-03", "clicks"): 25, ("2025-06-03", "impressions"): 2500,      # replaced
        ("2025-06-04", "clicks"): 30, ("2025-06-04", "impressions"): 3000,
    }
    history = importing.history(store).set_index("id")
    assert history.loc[second.ingestion_id, "rows_replaced"] == 2
    assert history.loc[first.ingestion_id, "replaced_by"] == str(second.ingestion_id)
    counts = importing.undo(store, second.ingestion_id)
    assert counts == {"facts": 4, "press": 0, "restored": 2}
    assert _figures(store) == {("2025-06-02", "clicks"): 10, ("2025-06-02", "impressions"): 1000,
                               ("2025-06-03", "clicks"): 20, ("2025-06-03", "impressions"): 2000}
    with pytest.raises(IngestError, match="déjà été annulé"):
        importing.undo(store, second.ingestion_id)


def test_undo_removes_exactly_what_the_ingestion_brought(demo_store):
    before = _figures(demo_store)
    _, loaded = _load(demo_store, JUNE, "juin.csv", campaign=CAMPAIGN, partner="Nouveau relais")
    assert _figures(demo_store) != before
    importing.undo(demo_store, loaded.ingestion_id)
    assert _figures(demo_store) == before


def test_load_is_one_transaction(store):
    result = importing.preview(store, JUNE.encode(), "juin.csv", campaign="Campagne neuve", partner="Partenaire neuf")
    result.facts.loc[result.facts.index[-1], "metric"] = "likes"        # a row the ingest layer refuses
    with pytest.raises(IngestError):
        importing.load(store, result)
    with store.read() as con:
        assert con.execute("select count(*) from campaign").fetchone()[0] == 0
        assert con.execute("select count(*) from partner").fetchone()[0] == 0
        assert con.execute("select count(*) from ingestion").fetchone()[0] == 0
        assert con.execute("select count(*) from column_mapping").fetchone()[0] == 0


def test_ingestion_records_who_what_and_the_mapping(store):
    _, loaded = _load(store, JUNE, "juin.csv", campaign=CAMPAIGN, partner="Tinder")
    with store.read() as con:
        row = con.execute("select file_name, sha256, created_by, rows_loaded, rows_rejected, mapping, status"
                          " from ingestion where id = $id", {"id": loaded.ingestion_id}).fetchone()
    assert row[0] == "juin.csv" and len(row[1]) == 64 and row[2] == "marie"
    assert row[3] == 4 and row[4] == 0 and row[6] == "loaded"
    assert '"Affichages": "impressions"' in row[5]


def test_corrected_mapping_is_remembered_for_the_partner(store):
    text = "Jour;Compteur A;Compteur B\n02/06/2025;1000;10\n"
    first = importing.preview(store, text.encode(), "a.csv", campaign=CAMPAIGN, partner="Tinder")
    # "Compteur A", "Compteur B": not recognised, so only offered as the partner's own metrics
    assert first.ok and set(first.totals) == {"partner:compteur_a", "partner:compteur_b"}
    corrected = importing.preview(store, text.encode(), "a.csv", campaign=CAMPAIGN, partner="Tinder",
                                  mapping={"Compteur A": "impressions", "Compteur B": "clicks"})
    importing.load(store, corrected)
    next_month = "Jour;Compteur A;Compteur B\n02/07/2025;1500;15\n"
    again = importing.preview(store, next_month.encode(), "b.csv", campaign=CAMPAIGN, partner="TINDER")
    assert again.ok and again.totals == {"impressions": 1500, "clicks": 15}
    assert set(again.columns["origin"]) == {"saved"}
    other = importing.preview(store, next_month.encode(), "b.csv", campaign=CAMPAIGN, partner="Autre partenaire")
    # saved for Tinder only: for another partner, the unknown counters are only offered as its own metrics
    assert other.ok and other.totals == {"partner:compteur_a": 1500, "partner:compteur_b": 15}
    assert set(other.columns.loc[other.columns["column"] != "Jour", "origin"]) == {"partner"}


def test_campaign_column_matches_names_without_case_or_accents_and_remembers_aliases(store):
    with store.transaction() as con:
        con.execute("insert into campaign (name) values ('Rénover c''est gagné')")
    text = "Date;Campagne;Affichages\n02/06/2025;RENOVER C'EST GAGNE;100\n02/06/2025;Reno25_FB;50\n"
    refused = importing.preview(store, text.encode(), "mix.csv")
    assert refused.unknown_campaigns == ["Reno25_FB"]
    assert '--map-campaign "Reno25_FB=…"' in refused.errors[0]
    mapped = importing.preview(store, text.encode(), "mix.csv", campaign_map={"Reno25_FB": "Rénover c'est gagné"})
    assert mapped.ok and set(mapped.facts["campaign"]) == {"Rénover c'est gagné"}
    importing.load(store, mapped)
    later = "Date;Campagne;Affichages\n03/06/2025;reno25_fb;70\n"
    remembered = importing.preview(store, later.encode(), "later.csv")
    assert remembered.ok and remembered.totals == {"impressions": 70}


def test_warnings_must_be_accepted(store):
    with store.transaction() as con:
        con.execute("insert into campaign (name, start_date, end_date) values ($n, date '2025-06-01', date '2025-06-30')",
                    {"n": CAMPAIGN})
    text = "Date;Affichages;Clics;Envois;Ouvertures uniques\n02/06/2025;100;150;10;12\n15/08/2025;-5;1;10;1\n"
    undecided = importing.preview(store, text.encode(), "bizarre.csv", campaign=CAMPAIGN)
    # a day outside the campaign's dates is never loaded silently: the manager chooses (issue 11)
    assert any("hors des dates de la campagne" in e and "15 août 2025" in e and "--outside-dates drop" in e
               for e in undecided.errors)
    with pytest.raises(importing.ImportRefused, match="--outside-dates"):
        importing.load(store, undecided, accept_warnings=True)
    result = importing.preview(store, text.encode(), "bizarre.csv", campaign=CAMPAIGN, outside_dates="extend")
    joined = " ".join(result.warnings)
    assert "plus de clics que d'impressions" in joined
    assert "taux d'ouverture > 100 %" in joined
    assert "1 valeur négative en Impressions, le 15 août 2025" in joined
    assert any("passeront de 1er juin 2025 – 30 juin 2025 à 1er juin 2025 – 15 août 2025" in i for i in result.infos)
    with pytest.raises(importing.ImportRefused, match="--accept-warnings"):
        importing.load(store, result)
    assert importing.history(store).empty
    loaded = importing.load(store, result, accept_warnings=True)
    with store.read() as con:
        notes = con.execute("select notes from ingestion where id = $id", {"id": loaded.ingestion_id}).fetchone()[0]
    assert "warnings_accepted" in notes


def test_partner_column_creates_partners_after_confirmation(store):
    text = 'Date;Partenaire;Affichages\n02/06/2025;"Les ""Amis""; du Vélo";100\n02/06/2025;Tinder;50\n'
    result = importing.preview(store, text.encode(), "partenaires.csv", campaign=CAMPAIGN)
    assert result.new_partners == ['Les "Amis"; du Vélo', "Tinder"]
    importing.load(store, result, accept_warnings=True)
    with store.read() as con:
        names = {r[0] for r in con.execute("select name from partner").fetchall()}
        partnerships = con.execute("select count(*) from partnership").fetchone()[0]
    assert names == {'Les "Amis"; du Vélo', "Tinder"} and partnerships == 2


def test_two_columns_mapped_to_one_metric_are_refused(store):
    text = "Date;Affichages;Vues\n02/06/2025;100;90\n"
    result = importing.preview(store, text.encode(), "double.csv", campaign=CAMPAIGN, mapping={"Vues": "impressions"})
    assert result.errors == ["«\u202fdouble.csv\u202f» : plusieurs colonnes correspondent à Impressions. Gardez-en une et mettez "
                             "les autres sur «\u202fignorer\u202f» dans le tableau de correspondance (en ligne de commande : "
                             '--map "En-tête=ignore").']
