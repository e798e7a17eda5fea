"""The display rules: one cell rule, compact tile figures, codes in words, chart labels that do not collide."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from resonance import formatting as fmt
from resonance import i18n
from resonance.i18n import codes
from resonance.ui import annotation_rows, tile_text
from resonance.ui.display import label_positions, readable, wrap_title

NNBSP = "\u202f"


def test_a_cell_is_never_raw():
    for missing in (None, float("nan"), pd.NA, pd.NaT, np.nan, "", "  "):
        assert fmt.cell(missing) == "—"
    assert fmt.cell(True) == "oui" and fmt.cell(False, "en") == "no"
    assert fmt.cell(np.int64(1234567)) == f"1{NNBSP}234{NNBSP}567"
    assert fmt.cell(221.1) == "221,1" and fmt.cell(221.1, "en") == "221.1" and fmt.cell(3.0) == "3"
    assert fmt.cell(date(2026, 11, 30)) == "30/11/2026"
    assert fmt.cell(pd.Timestamp("2026-11-30 13:05:00", tz="UTC")) == "30/11/2026 14:05"        # Paris time
    assert fmt.cell(pd.Timestamp("2026-11-30")) == "30/11/2026"


def test_tables_are_readable_with_codes_in_words():
    i18n.set_language("fr")
    frame = pd.DataFrame({"peso": ["owned", None], "source": ["file", "matomo-1j1s"], "on": [date(2026, 5, 2), pd.NaT],
                          "value": [221.1, np.nan], "done": [True, False], "url": ["https://x.fr", None]})
    shown = readable(frame, keep=("url",))
    assert shown["url"].iloc[0] == "https://x.fr"                   # kept for a link column
    assert shown.drop(columns="url").to_dict("list") == {"peso": ["Médias propres", "—"], "source": ["Fichier importé", "matomo-1j1s"],
                                     "on": ["02/05/2026", "—"], "value": ["221,1", "—"], "done": ["oui", "non"]}
    assert codes.words("sentiment", "positive", "fr") == "positif"
    assert codes.words("channel", "social", "en") == "social media"


def test_a_tile_shortens_long_counts_and_gives_the_exact_value_in_its_help():
    i18n.set_language("fr")
    # Up to 9 characters ("3 528 812") a count fits a quarter of a laptop's page; beyond, it is shortened.
    assert tile_text("impressions", 3_528_812) == (f"3{NNBSP}528{NNBSP}812", None)
    assert tile_text("impressions", 35_288_120) == (f"35,3{NNBSP}M", f"Valeur exacte : 35{NNBSP}288{NNBSP}120")
    assert tile_text("spend_eur", 1_250_000) == (f"1,25{NNBSP}M{NNBSP}€", f"Valeur exacte : 1{NNBSP}250{NNBSP}000{NNBSP}€")
    assert tile_text("clicks", None) == ("—", None)
    i18n.set_language("en")
    assert tile_text("impressions", 35_288_120) == ("35.3M", "Exact value: 35,288,120")
    i18n.set_language("fr")
    assert fmt.compact_precise(35_288_120) == f"35,3{NNBSP}M" and fmt.compact_precise(1_234_567_890) == f"1,23{NNBSP}Md"


def test_annotations_close_in_time_go_on_different_rows():
    notes = pd.DataFrame({"on_date": [date(2026, 5, 11), date(2026, 5, 12), date(2026, 6, 15)],
                          "label": ["Lancement et communiqué de presse", "Article du Times", "Relance"]})
    placed = annotation_rows(notes, pd.Timestamp("2026-05-11"), pd.Timestamp("2026-06-21"))
    rows = {text: row for _, text, row in placed}
    assert rows["Lancement et communiqué de presse"] != rows["Article du Times"]      # they would overlap
    assert rows["Relance"] == 0                                                      # far away: first row again
    long = annotation_rows(pd.DataFrame({"on_date": [date(2026, 5, 11)], "label": ["x" * 80]}), None, None)
    assert long[0][1].endswith("…") and len(long[0][1]) <= 38


def test_map_labels_avoid_each_other():
    xs = [100_000, 105_000, 110_000, 2_000_000]
    ys = [0.031, 0.031, 0.032, 0.05]
    names = ["Appli Campus+", "Banque Solidaire", "Club Étudiant", "Tinder"]
    where = label_positions(xs, ys, names, log_x=True)
    assert len(set(where[:3])) == 3                  # three neighbours: three different places
    assert label_positions([], [], []) == []


def test_long_titles_wrap_on_words():
    assert wrap_title("Articles de presse par million d'impressions", 26) == \
        "Articles de presse par<br>million d'impressions"
    assert wrap_title("Taux de clic", 26) == "Taux de clic"
