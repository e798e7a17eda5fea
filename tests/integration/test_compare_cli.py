"""`python -m resonance compare`: normalised figures and percentiles of named partnerships, as text or JSON."""
import json

import pytest

from resonance import cli
from tests.helpers import seed_punctuality


def test_compare_json_gives_ratios_volumes_and_percentiles(demo_store, capsys):
    code = cli.main(["compare", "--partnership", "Match avec ton futur/Tinder",
                     "--partnership", "jobs d'ete 2024/appli campus+", "--json"])
    assert code == 0
    units = json.loads(capsys.readouterr().out)["units"]
    tinder, campus = units
    assert tinder["unit"] == "Match avec ton futur — Tinder" and tinder["year"] == 2025
    assert tinder["volumes"]["impressions"] == 2_104_350 and tinder["volumes"]["press_mentions"] == 213
    assert round(tinder["ratios"]["ctr"], 4) == 0.1401
    assert tinder["ratios"]["cost_per_visit_eur"] is None         # relayed free of charge: no spend, no cost
    assert tinder["percentiles"]["ctr"]["percentile"] == 100 and tinder["percentiles"]["ctr"]["peers"] == 4
    assert round(campus["ratios"]["cpc_eur"], 2) == 0.48
    # 2 peers: too few for a percentile sentence (issue 14); the figure stays in the JSON.
    assert campus["percentiles"]["ctr"]["text"].startswith("Taux de clic : trop peu de partenariats comparables (2 autres")


def test_compare_text_and_whole_campaigns(demo_store, capsys):
    assert cli.main(["compare", "--partnership", "Jobs d'été 2026", "--partnership", "Match avec ton futur"]) == 0
    out = capsys.readouterr().out
    assert "Jobs d'été 2026 (2026)" in out and "Match avec ton futur (2025)" in out
    assert "3\u202f180\u202f000" in out


def test_compare_names_what_it_cannot_find(demo_store, capsys):
    assert cli.main(["compare", "--partnership", "Match avec ton futur/Brico Centre",
                     "--partnership", "Match avec ton futur/Tinder"]) == 2
    assert "«\u202fBrico Centre\u202f» n'a pas de partenariat sur «\u202fMatch avec ton futur\u202f»" in capsys.readouterr().err
    assert cli.main(["compare", "--partnership", "Campagne inconnue/Tinder", "--partnership", "x/y"]) == 2
    assert "Aucune campagne ne s'appelle «\u202fCampagne inconnue\u202f»" in capsys.readouterr().err
    assert cli.main(["compare", "--partnership", "Match avec ton futur/Tinder"]) == 2
    assert "de 2 à 6" in capsys.readouterr().err


def test_compare_json_gives_each_partners_punctuality_at_the_date_asked(demo_store, capsys):
    seed_punctuality(demo_store)
    asked = ["compare", "--partnership", "Match avec ton futur/Tinder", "--partnership", "jobs d'ete 2024/appli campus+",
             "--json", "--date", "2026-08-01"]
    assert cli.main(asked) == 0
    tinder, campus = json.loads(capsys.readouterr().out)["units"]
    assert tinder["punctuality"] == {"on_time": 1, "late": 1, "missing": 1,
                                     "text": "à l'heure : 1 · en retard : 1 · manquants : 1"}
    assert campus["punctuality"] is None                    # nothing was expected of Appli Campus+
    assert cli.main([*asked[:-1], "2026-07-01"]) == 0        # the June report was not yet due on 1 July
    assert json.loads(capsys.readouterr().out)["units"][0]["punctuality"]["missing"] == 0
    assert cli.main(asked[:-2] + ["--date", "2026-12-01"]) == 0
    assert json.loads(capsys.readouterr().out)["units"][0]["punctuality"]["missing"] == 2
    assert cli.main(asked[:5] + ["--date", "2026-08-01"]) == 0
    assert "Ponctualité des bilans du partenaire" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="Date illisible «\u202f1er août\u202f»"):
        cli.main(asked[:5] + ["--date", "1er août"])
