"""`link create|revoke` and `reports due --json` on the demo store: the link printed once, revocation, the chasing list."""
import json
from datetime import date

from resonance import cli
from resonance.services import expected_reports, links


def test_link_create_prints_a_working_link_once_and_revoke_closes_it(demo_store, capsys):
    assert cli.main(["link", "create", "--partnership", "Jobs d'été 2026/Tinder", "--expires", "2099-12-31",
                     "--base-url", "https://resonance.example.gouv.fr"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Jobs d'été 2026 / Tinder" in out[0] and "31 décembre 2099" in out[0]
    assert out[1].startswith("https://resonance.example.gouv.fr/?depot=")
    token = out[1].split("depot=")[1]
    assert links.check(demo_store, token, "192.0.2.1").ok
    listed = links.links_of(demo_store)
    assert listed[["campaign", "partner", "state"]].values.tolist() == [["Jobs d'été 2026", "Tinder", "active"]]
    assert cli.main(["link", "revoke", "--partnership", "Jobs d'été 2026/Tinder"]) == 0
    assert "Révoqué : n° 1" in capsys.readouterr().out
    assert links.check(demo_store, token, "192.0.2.1").status == "invalid"
    assert cli.main(["link", "revoke", "--id", "1"]) == 1          # already revoked: nothing to do


def test_link_create_names_an_unknown_partnership_and_a_bad_date(demo_store, capsys):
    assert cli.main(["link", "create", "--partnership", "Jobs d'été 2026/Personne", "--expires", "2099-12-31"]) == 2
    assert "CAMPAGNE/PARTENAIRE" in capsys.readouterr().err
    try:
        cli.main(["link", "create", "--partnership", "Jobs d'été 2026/Tinder", "--expires", "31/12/2099"])
    except SystemExit as stop:
        assert "AAAA-MM-JJ" in str(stop)
    else:
        raise AssertionError("a date not written YYYY-MM-DD must be refused")


def test_reports_due_json_at_a_fixed_date(demo_store, capsys):
    tinder = links.find_partnership(demo_store, "Jobs d'été 2026/Tinder")[0]
    expected_reports.add(demo_store, tinder, what="Bilan final", due_on=date(2026, 7, 6), is_final=True)
    assert cli.main(["reports", "due", "--date", "2026-07-10", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["date"] == "2026-07-10"
    late = [r for r in payload["reports"] if r["state"] == "late"]
    assert late == [{**late[0], "campaign": "Jobs d'été 2026", "partner": "Tinder", "what": "Bilan final",
                     "due_on": "2026-07-06", "days_late": 4, "is_final": True}]
    no_final = {(r["campaign"], r["partner"]) for r in payload["reports"] if r["state"] == "no_final"}
    assert ("Jobs d'été 2026", "Tinder") not in no_final and ("Jobs d'été 2026", "Appli Campus+") in no_final
    assert cli.main(["reports", "due", "--date", "2026-07-10"]) == 0
    assert "en retard · Jobs d'été 2026 / Tinder · Bilan final · 6 juillet 2026" in capsys.readouterr().out
