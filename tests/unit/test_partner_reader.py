"""The partner-file reader on its own: dates from content, the vocabulary as data, layouts, formats, candidates."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from connectors.partner_file import dates, layout, mapping, vocabulary
from connectors.partner_file.reader import PartnerFileError, open_file

D = date
FILES = Path(__file__).resolve().parents[1] / "fixtures" / "partner_reports" / "files"


@pytest.mark.parametrize(("text", "period"), [
    ("20250903", (D(2025, 9, 3), D(2025, 9, 3))),
    ("lun. 2 juin 2025", (D(2025, 6, 2), D(2025, 6, 2))),
    ("04/11/2025 à 10:00", (D(2025, 11, 4), D(2025, 11, 4))),
    ("2025-06-02T00:00:00.000+02:00", (D(2025, 6, 2), D(2025, 6, 2))),
    ("Thu 12 Jun 2025 9:00 AM", (D(2025, 6, 12), D(2025, 6, 12))),
    ("02-Jun-2025 09:30AM", (D(2025, 6, 2), D(2025, 6, 2))),
    ("Jun 2 - Jun 8, 2025", (D(2025, 6, 2), D(2025, 6, 8))),
    ("02/06/2025 - 22/06/2025", (D(2025, 6, 2), D(2025, 6, 22))),
    ("Semaine du 02/06/2025", (D(2025, 6, 2), D(2025, 6, 8))),
    ("semaine du Jun 2 - Jun 8, 2025", (D(2025, 6, 2), D(2025, 6, 8))),
    # a month column's cells (the engine writes "mois de " before them): the whole month, whatever the day
    ("mois de 01/06/2025", (D(2025, 6, 1), D(2025, 6, 30))),
    ("Mois de 15/02/2024", (D(2024, 2, 1), D(2024, 2, 29))),
    ("month of Jun 1, 2025", (D(2025, 6, 1), D(2025, 6, 30))),
    ("mois de juin 2025", (D(2025, 6, 1), D(2025, 6, 30))),
    ("mois de 02/06/2025 - 22/06/2025", (D(2025, 6, 2), D(2025, 6, 22))),     # a range stays as written
    ("Monthly", None),
])
def test_dates_as_partners_write_them(text, period):
    assert dates.parse_one(text) == period


@pytest.mark.parametrize(("texts", "monthly"), [
    (["01/06/2025", "01/07/2025", "01/08/2025"], True),
    (["01/06/2025", "01/09/2025"], True),                 # a month without figures left out
    (["01/06/2025", "01/07/2025", "Total", None], True),  # a total row reads as no date
    (["01/06/2025"], False),                              # one day: nothing says it is a month
    (["01/06/2025", "02/06/2025"], False),                # days
    (["01/06/2025", "01/07/2025", "15/07/2025"], False),  # one row on another day: days
    (["juin 2025", "juillet 2025"], False),               # already months
])
def test_a_monthly_file_is_days_on_the_first_of_several_months_only(texts, monthly):
    assert dates.monthly(dates.parse_many(texts, True).values()) is monthly


@pytest.mark.parametrize(("lines", "period"), [
    (["Bilan", "Période : du 02/06/2025 au 13/07/2025"], (D(2025, 6, 2), D(2025, 7, 13))),
    (["Campaign recap — Jobs d'été 2025", "May 12, 2025 - September 28, 2025"], (D(2025, 5, 12), D(2025, 9, 28))),
    (["Vague : du 02/06/2025 au 29/06/2025 — Source : Médiamétrie 126 000, cible 15-24 ans"],
     (D(2025, 6, 2), D(2025, 6, 29))),
    (["Rapport de campagne", "Partenaire : Réseau Jeunes"], None),
])
def test_a_title_line_states_the_period(lines, period):
    assert dates.find_period(lines) == period


def test_the_vocabulary_is_the_data_file_and_platform_lines_come_first():
    assert vocabulary.entries(), "vocabulary.csv is read"
    # X's "Clicks" counts likes and profile clicks: ignored on X, a click anywhere else
    assert mapping.role_of("Clicks", preset="x") == "ignore"
    assert mapping.role_of("Clicks") == "clicks"
    # a press export's "Reach" is the outlet's audience; in an ad report it is reach
    assert mapping.role_of("Reach", press=True) == "audience"
    assert mapping.role_of("Reach") == "reach"
    assert mapping.role_of("Dépense HT (€)") == "spend"
    assert mapping.entry_of("Dépense HT (€)").money_note == "HT"
    assert mapping.entry_of("Contacts (000)").scale == 1000


def test_a_platform_needs_a_strong_signature():
    # Ouvreurs/Cliqueurs/Envoyés are shared by Sarbacane and Message Business: no platform from them alone
    assert mapping.detect_preset(["Campagne", "Date d'envoi", "Envoyés", "Ouvreurs", "Cliqueurs"]) is None
    assert mapping.detect_preset(["Nom de l'opération", "Envoyés", "Reçus", "Ouvreurs", "Cliqueurs"]) \
        == "message_business"
    assert mapping.detect_preset(["Date", "Campaign name", "Paid impressions", "Outbound clicks", "Pin clicks"]) \
        == "pinterest"


def test_a_column_of_dates_is_the_date_whatever_its_header():
    headers = ["Jour J", "Affichages", "Clics"]
    sample = [["20250602", "10", "1"], ["20250603", "12", "2"]]
    proposed, origin = mapping.propose(headers, sample=sample)
    assert proposed["Jour J"] == "date" and origin["Jour J"] == "content"


def test_two_row_header_is_unpivoted_and_the_total_group_checked():
    grid = [["Bilan hebdomadaire", None, None, None, None, None, None],
            [None, "Facebook", None, "Instagram", None, "TOTAL", None],
            ["Semaine", "Impressions", "Clics", "Impressions", "Clics", "Impressions", "Clics"],
            ["Semaine du 02/06/2025", "100", "5", "200", "7", "300", "12"],
            ["Semaine du 09/06/2025", "50", "1", "20", "2", "70", "3"]]
    found = layout.shape(grid)
    assert found.headers[:3] == ["Semaine", "Facebook · Impressions", "Facebook · Clics"]
    headers, rows, lines, checks = layout.unpivot(found, grid, list(range(1, 6)), "Plateforme")
    assert headers == ["Semaine", "Plateforme", "Impressions", "Clics"]
    assert [r[1] for r in rows] == ["Facebook", "Instagram", "Facebook", "Instagram"]
    assert sum(int(r[2]) for r in rows) == 370
    assert checks == {"Impressions": True, "Clics": True}


def test_repeated_names_keep_one_role_each():
    assert layout.unique(["Clics", "Clics", "Impressions", "Clics"]) == ["Clics", "Clics (2)", "Impressions", "Clics (3)"]


def _text_file(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_quoted_line_breaks_sep_line_and_footer_notes(tmp_path):
    text = ('sep=;\n"Date";"Commentaire";"Affichages";"Clics"\n'
            '02/06/2025;"Bonne semaine,\nbeaucoup de monde";1 200;12\n'
            '03/06/2025;"RAS";800;8\n'
            '© 2025 Partenaire\n')
    opened = open_file(_text_file(tmp_path, "rapport.csv", text, "cp1252"))
    assert opened.shape.headers == ["Date", "Commentaire", "Affichages", "Clics"]
    assert opened.shape.separator == ";" and opened.shape.encoding == "cp1252"
    assert len(opened.rows) == 2 and opened.rows.iloc[0]["c1"] == "Bonne semaine, beaucoup de monde"
    assert opened.shape.notes == ["© 2025 Partenaire"]
    assert opened.line_of(2) == 5         # the second row starts after the quoted line break


def test_a_file_without_dates_is_marked_and_its_title_period_read(tmp_path):
    text = "Bilan JCDecaux\nPériode : du 02/06/2025 au 13/07/2025\n\nVille;Faces;Contacts (000);GRP\nParis;318;3806;49,5\n" \
           "Lyon;120;1275;22,1\nTOTAL;438;5081;71,6\n"
    opened = open_file(_text_file(tmp_path, "bilan.csv", text))
    assert opened.shape.dated is False
    assert opened.shape.period == (D(2025, 6, 2), D(2025, 7, 13))
    # the TOTAL row's word is in a column without a role: the reader leaves it out and checks it
    assert [r["text"] for r in opened.shape.totals_rows] == ["TOTAL"]
    assert opened.shape.totals_rows[0]["agrees"]["Faces"] is True
    assert opened.shape.totals_rows[0]["values"]["GRP"] == pytest.approx(71.6)
    assert len(opened.rows) == 2
    kinds = {c["header"]: (c["kind"], c["key"], c["scale"]) for c in opened.shape.candidates}
    assert kinds["Faces"] == ("partner", "partner:ooh_faces", 1.0)
    assert kinds["Contacts (000)"] == ("partner", "partner:gross_contacts", 1000.0)
    assert kinds["GRP"][0] == "as_reported"


def test_an_unknown_column_of_numbers_is_a_partner_metric_candidate(tmp_path):
    text = "Date;Lieu;Kakémonos installés;Clics\n02/06/2025;Lycée;4;10\n03/06/2025;Mairie;2;7\n"
    opened = open_file(_text_file(tmp_path, "actions.csv", text))
    found = [c for c in opened.shape.candidates if c["header"] == "Kakémonos installés"]
    assert found and found[0]["kind"] == "partner" and found[0]["origin"] == "content" and found[0]["additive"]
    assert not [c for c in opened.shape.candidates if c["header"] in ("Lieu", "Date")]


def test_a_feed_saved_as_a_file_is_read_by_the_feed_parser(tmp_path):
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Presse</title>'
            '<item><title>Jobs d\'été : le forum</title><link>https://presse.example.fr/1</link>'
            '<pubDate>Mon, 02 Jun 2025 12:00:00 +0200</pubDate><source url="https://x.fr">La Voix du Nord</source></item>'
            '</channel></rss>')
    opened = open_file(_text_file(tmp_path, "flux.xml", feed))
    assert opened.shape.kind == "feed"
    assert mapping.looks_like_press(opened.shape.headers)
    assert opened.rows.iloc[0].tolist() == ["2025-06-02", "Jobs d'été : le forum", "La Voix du Nord",
                                            "https://presse.example.fr/1"]


def test_a_pdf_with_a_table_and_a_scanned_pdf():
    opened = open_file(FILES / "deezer_bilan.pdf")
    assert opened.shape.kind == "pdf"
    assert opened.shape.headers == ["Format", "Impressions", "Écoutes complètes", "Clics", "Taux de clic"]
    assert opened.shape.period == (D(2025, 6, 2), D(2025, 7, 13))
    with pytest.raises(PartnerFileError, match="galerie"):
        open_file(FILES / "bilan_scanne.pdf")


def test_an_empty_or_binary_file_says_why():
    with pytest.raises(PartnerFileError):
        open_file(b"", "vide.csv")
    with pytest.raises(PartnerFileError):
        open_file(io.BytesIO(b"\x00\x01\x02" * 100).getvalue(), "binaire.csv")


def test_large_text_files_take_the_streaming_path_with_the_same_reading(monkeypatch, store):
    """Above SMALL_TEXT_BYTES DuckDB reads the file in place: quoted line breaks and column groups still work."""
    from connectors.partner_file import settings
    from resonance.ingest import importing

    monkeypatch.setattr(settings, "SMALL_TEXT_BYTES", 0)
    quoted = ('Date;Commentaire;Affichages;Clics\n02/06/2025;"deux\nlignes";1 200;12\n03/06/2025;"RAS";800;8\n')
    result = importing.preview(store, quoted.encode("utf-8"), "gros.csv", campaign="C", partner="P")
    assert result.ok, result.errors
    assert result.totals == {"impressions": 2000.0, "clicks": 20.0}
    grouped = ('Rapport\n;Facebook;;TOTAL;\nSemaine;Impressions;Clics;Impressions;Clics\n'
               '02/06/2025;100;5;100;5\n09/06/2025;50;1;50;1\n')
    opened = open_file(grouped.encode("utf-8"), "groupes.csv")
    assert opened.shape.headers == ["Semaine", "Plateforme", "Impressions", "Clics"]
    assert opened.shape.checks == {"Impressions": True, "Clics": True}


def test_each_column_carries_its_vocabulary_hints(tmp_path):
    text = "Date début;Date fin;Support;Impressions;Dépense TTC (€)\n02/06/2025;15/06/2025;Écran;1000;120,50\n"
    opened = open_file(_text_file(tmp_path, "ttc.csv", text))
    hints = opened.shape.hints
    assert hints[4]["metric"] == "spend" and hints[4]["money_note"] == "TTC" and hints[4]["unit"] == "EUR"
    assert hints[3]["amec_stage"] == "output" and hints[3]["additive"] is True
    assert {hints[0]["metric"], hints[1]["metric"]} == {"period_start", "period_end"}


def test_a_cover_sheet_first_is_passed_over():
    import openpyxl

    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Résumé"
    cover.append(["Bilan de la campagne"])
    cover.append(["Voir l'onglet Données"])
    data = book.create_sheet("Données")
    data.append(["Date", "Impressions", "Clics"])
    data.append(["02/06/2025", 100, 5])
    buffer = io.BytesIO()
    book.save(buffer)
    opened = open_file(buffer.getvalue(), "bilan.xlsx")
    assert opened.shape.sheet == "Données" and opened.shape.headers == ["Date", "Impressions", "Clics"]
    assert open_file(buffer.getvalue(), "bilan.xlsx", sheet="Résumé").shape.sheet == "Résumé"


# header, cells, whether it is a ratio computed from sums (never summed, never a count)
RATIO_HEADERS = [
    ("View rate", ("12,5",), True), ("Taux de visibilité", ("71",), True), ("Taux d'achèvement", ("64",), True),
    ("% of impressions viewable", ("70",), True), ("% vues complètes", ("40",), True), ("CTR", ("1,2",), True),
    ("VTR", ("35",), True), ("Share of voice", ("12",), True), ("Part de voix", ("12",), True),
    ("Clicks per 1,000 impressions", ("4,1",), True), ("Vues pour 1 000 impressions", ("310",), True),
    ("Engagements per user", ("1,3",), True), ("Coût par affiche (€)", ("2,10",), True), ("Clics ‰", ("3",), True),
    ("Average watch time", ("12",), True), ("Durée moyenne de visionnage", ("12",), True),
    ("Viewability", ("0,71",), True), ("Pourcentage de complétion", ("52",), True),
    ("Completion at 100%", ("41",), True), ("Complétion à 100 %", ("41",), True), ("Video at 75%", ("55",), True),
    ("Clics/1000 impr.", ("4,1",), True), ("Fréquence de contact", ("2,4",), True), ("Indice d'affinité", ("130",), True),
    ("Audience share", ("12",), True), ("Part des 18-25 ans", ("41",), True),
    ("Vues à 100 %", ("41,5", "38,2"), True),          # a milestone given as a share of the viewers
    ("Anything", ("12,5 %", "13 %"), True),               # cells written in %
    # counts: a milestone of something counted in whole numbers, and plain figures
    ("Video Watches at 100%", ("12,345", "301"), False), ("Vues à 100 %", ("1 204", "987"), False),
    ("Écoutes à 75 %", ("3000",), False), ("Kakémonos installés", ("4",), False), ("Shares", ("12",), False),
    ("Partages", ("12",), False), ("Contacts (000)", ("3806",), False), ("Passages en caisse", ("12000",), False),
    ("Moyens mis en œuvre", ("3",), False), ("Vues par pays", ("120",), False),
]


@pytest.mark.parametrize(("header", "cells", "ratio"), RATIO_HEADERS)
def test_a_ratio_or_a_share_is_told_by_its_name_in_french_or_english(header, cells, ratio):
    assert mapping.is_derived_ratio(header, cells) is ratio


def test_a_count_header_with_a_percent_sign_is_a_share_not_the_count_it_names():
    """"Clics (%)" names clicks, but as a share: never mapped as clicks, never offered as a figure to add up."""
    headers = ["Date", "Impressions", "Clics", "Clics (%)", "Impressions ‰", "Vues à 100 %"]
    sample = [["02/06/2025", "1000", "12", "1,2", "3", "40"], ["03/06/2025", "900", "9", "1,0", "2", "35"]]
    roles, origin = mapping.propose(headers, sample=sample)
    assert roles["Clics"] == "clicks" and roles["Impressions"] == "impressions"
    assert origin["Clics (%)"] == origin["Impressions ‰"] == mapping.DERIVED
    offered = {c["header"]: c for c in mapping.candidates(headers, sample, mapping=roles)}
    assert set(offered) == {"Vues à 100 %"}
    assert offered["Vues à 100 %"]["kind"] == "partner" and offered["Vues à 100 %"]["additive"]
    assert offered["Vues à 100 %"]["unit"] != "%"


@pytest.mark.parametrize(("header", "cells", "currency"), [
    ("Amount Spent (USD)", ["$209.87", "$214.22"], "USD"),      # Reddit Ads' export
    ("Spend", ["$1,204.50", "$980.00", "$1,010.10"], "USD"),     # the sign alone
    ("Coût (GBP)", ["12,40"], "GBP"),
    ("Cost", ["£12.40", "£3.10"], "GBP"),
    ("Montant dépensé (EUR)", ["209,87 €"], None),
    ("Coût (€)", ["12,40"], None),
    ("Clics", ["512", "498"], None),
    ("Spend", ["$1.20", "0.90", "1.10", "0.80", "2.00"], None),   # one cell in five is not a currency
])
def test_a_column_of_another_currency_is_named_with_its_currency(header, cells, currency):
    assert mapping.foreign_currency(header, cells) == currency


@pytest.mark.parametrize(("index", "sample", "cells"), [
    (1, [["a", "$1"], ["b", "$2"]], ["$1", "$2"]),
    (1, [["a"], ["b", "$2"]], ["$2"]),                 # a short row has no cell there
    (1, [["a", ""], ["b", None], ["c", "3"]], ["3"]),  # empty and missing cells are not written ones
    (0, [], []),
    (0, None, []),
])
def test_a_columns_written_cells_among_the_sample_rows(index, sample, cells):
    assert mapping.column_cells(index, sample) == cells
