"""Sync across sources: declared TOML sources, one failure never stops the others, runs recorded, mappings, CLI."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from resonance import cli
from resonance.ingest import sync
from resonance.services import secrets, sources
from tests.recordings.kit import (
    TOKEN,
    assert_all_served,
    counts,
    expect,
    facts,
    fast_http,
    recording,
    runs,
    seed,
)

MATCH = "Match avec ton futur"
TODAY = date.today()


def declare(tmp_path, monkeypatch, text: str):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("RESONANCE_SOURCES", str(path))
    return path


def issue_example(url: str, since: date = date(2025, 5, 1), brevo_url: str | None = None) -> str:
    text = f'''
[[source]]
name = "matomo-1j1s"
kind = "matomo"                      # matomo | brevo | mailchimp | feed | url
url = "{url}"
site_id = 12
token_env = "MATOMO_TOKEN"           # the token is read from this environment variable (or secrets.toml)
since = {since.isoformat()}
[source.campaigns]                   # label in the source -> Résonance campaign
"mtf_2025_tinder" = "Match avec ton futur"
'''
    if brevo_url:
        text += f'''
[[source]]
name = "brevo-lettres"
kind = "brevo"
url = "{brevo_url}"
secret = "BREVO_KEY"                 # a custom url gets the key only because the admin bound it to that host
since = "{since.isoformat()}"

[secrets.BREVO_KEY]
env = "BREVO_KEY"
hosts = ["localhost"]
'''
    return text


@pytest.fixture
def ready(store, monkeypatch, tmp_path):
    fast_http(monkeypatch, tmp_path)
    seed(store)
    return store


def test_the_issue_example_declares_a_matomo_source(ready, tmp_path, monkeypatch):
    declare(tmp_path, monkeypatch, issue_example("https://stats.example.gouv.fr/"))
    [source] = sources.all_sources(ready)
    assert (source.name, source.kind, source.site_id, source.token_env, source.since, source.origin) == (
        "matomo-1j1s", "matomo", 12, "MATOMO_TOKEN", date(2025, 5, 1), "file")
    assert source.campaigns == {"mtf_2025_tinder": MATCH}


@pytest.mark.parametrize(("snippet", "expected"), [
    ('token = "abc"', "un jeton ne s'écrit jamais dans la déclaration"),
    ('colour = "blue"', "clés inconnues colour"),
    ('site_id = "douze"', "site_id «\u202fdouze\u202f» n'est pas un numéro de site Matomo"),
    ('since = "01/05/2025"', "since = «\u202f01/05/2025\u202f» n'est pas une date AAAA-MM-JJ"),
])
def test_a_bad_declaration_names_the_file_the_source_and_the_key(ready, tmp_path, monkeypatch, snippet, expected):
    text = issue_example("https://stats.example.gouv.fr/").replace("[source.campaigns]", f"{snippet}\n[source.campaigns]")
    if snippet.startswith(("site_id", "since")):
        key = snippet.split(" ")[0]
        text = "\n".join(line for line in text.splitlines() if not line.startswith(f"{key} =")).replace(
            "[source.campaigns]", f"{snippet}\n[source.campaigns]")
    declare(tmp_path, monkeypatch, text)
    with pytest.raises(sources.SourcesError) as error:
        sources.all_sources(ready)
    assert "sources.toml, source n°1 «\u202fmatomo-1j1s\u202f»" in str(error.value) and expected in str(error.value)


def test_one_failing_source_does_not_stop_the_others_and_every_run_is_recorded(ready, tmp_path, monkeypatch, httpserver):
    declare(tmp_path, monkeypatch, issue_example(httpserver.url_for("/"), since=date(2025, 5, 1),
                                                 brevo_url=httpserver.url_for("/v3")))
    expect(httpserver, "/index.php", "POST").respond_with_data(recording("matomo_getname_may.json"), content_type="application/json")
    for _ in range(3):
        expect(httpserver, "/v3/emailCampaigns").respond_with_data("", status=503)
    seen = []
    results = sync.sync_all(ready, today=date(2025, 5, 3), progress=lambda f, label: seen.append((f, label)))
    assert_all_served(httpserver)
    assert [(r.name, r.status) for r in results] == [("matomo-1j1s", "ok"), ("brevo-lettres", "error")]
    assert results[0].totals["landing_visits"] == 2752 and "indisponible" in results[1].error
    assert [(r["source"], r["status"]) for r in runs(ready)] == [("matomo-1j1s", "ok"), ("brevo-lettres", "error")]
    assert seen[0] == (0.0, "Synchronisation de «\u202fmatomo-1j1s\u202f» (1/2)…") and seen[-1][0] == 1.0
    last = sync.last_runs(ready)
    assert dict(zip(last["source"], last["status"], strict=True)) == {"brevo-lettres": "error", "matomo-1j1s": "ok"}


def test_a_label_mapped_in_the_page_loads_at_the_next_sync(ready, tmp_path, monkeypatch, httpserver):
    declare(tmp_path, monkeypatch, issue_example(httpserver.url_for("/")))
    for _ in range(2):
        expect(httpserver, "/index.php", "POST").respond_with_data(recording("matomo_getname_may.json"),
                                                                   content_type="application/json")
    [first] = sync.sync_all(ready, today=date(2025, 5, 3))
    assert [u["label"] for u in first.unmapped_labels] == ["newsletter_mai"]
    with ready.read() as con:
        renover = con.execute("select id from campaign where name = 'Rénover c''est gagné'").fetchone()[0]
    sources.map_label(ready, "matomo-1j1s", "newsletter_mai", renover, by="marie")
    [second] = sync.sync_all(ready, since=date(2025, 5, 1), today=date(2025, 5, 3))
    assert_all_served(httpserver)
    assert second.unmapped_labels == []
    assert facts(ready)[("Rénover c'est gagné", None, "2025-05-01", "landing_visits")] == 102


def test_a_switched_off_source_is_skipped_unless_named(ready, tmp_path, monkeypatch, httpserver):
    declare(tmp_path, monkeypatch, issue_example(httpserver.url_for("/")))
    sources.set_enabled(ready, "matomo-1j1s", False, by="marie")
    assert sync.sync_all(ready, today=date(2025, 5, 3)) == []
    expect(httpserver, "/index.php", "POST").respond_with_data(recording("matomo_getname_may.json"),
                                                               content_type="application/json")
    [named] = sync.sync_all(ready, names=["matomo-1j1s"], today=date(2025, 5, 3))
    assert_all_served(httpserver)
    assert named.status == "ok"
    with pytest.raises(sources.SourcesError, match="Sources inconnues : inconnue"):
        sync.sync_all(ready, names=["inconnue"])


def test_the_token_can_come_from_streamlit_secrets(ready, tmp_path, monkeypatch, httpserver):
    secrets_toml = tmp_path / "secrets.toml"
    secrets_toml.write_text(f'MATOMO_TOKEN = "{TOKEN}"\n', encoding="utf-8")
    monkeypatch.delenv("MATOMO_TOKEN")
    monkeypatch.setattr(secrets, "secrets_files", lambda: [secrets_toml])
    assert secrets.secret("MATOMO_TOKEN") == TOKEN
    declare(tmp_path, monkeypatch, issue_example(httpserver.url_for("/")))
    expect(httpserver, "/index.php", "POST", form={"token_auth": TOKEN}).respond_with_data(
        recording("matomo_getname_may.json"), content_type="application/json")
    [result] = sync.sync_all(ready, today=date(2025, 5, 3))
    assert_all_served(httpserver)
    assert result.status == "ok"


def test_a_source_configured_in_the_page_is_kept_without_its_secret(ready, tmp_path, monkeypatch):
    declare(tmp_path, monkeypatch, issue_example("https://stats.example.gouv.fr/"))
    page_source = sources.from_mapping({"name": "presse", "kind": "feed", "url": "https://alertes.exemple/rss",
                                        "keywords": ["jobs d'été"], "campaign": MATCH})
    sources.save(ready, page_source, by="marie")
    names = [(s.name, s.origin) for s in sources.all_sources(ready)]
    assert names == [("matomo-1j1s", "file"), ("presse", "page")]
    with pytest.raises(sources.SourcesError, match="déclarée dans sources.toml"):
        sources.save(ready, sources.from_mapping({"name": "matomo-1j1s", "kind": "feed", "url": "https://x.exemple"}))
    with pytest.raises(sources.SourcesError, match="un jeton ne s'écrit jamais"):
        sources.from_mapping({"name": "b", "kind": "brevo", "token_env": "BREVO_KEY", "api_key": "xkeysib-123"})


def test_cli_sync_exit_codes_and_json(ready, tmp_path, monkeypatch, httpserver, capsys):
    since = TODAY - timedelta(days=1)
    declare(tmp_path, monkeypatch, issue_example(httpserver.url_for("/"), since=since, brevo_url=httpserver.url_for("/v3")))
    day = since.isoformat()
    httpserver.expect_request("/index.php", method="POST").respond_with_json(
        {day: [{"label": "mtf_2025_tinder", "nb_visits": 40, "nb_conversions": 3}, {"label": "inconnu", "nb_visits": 7}],
         TODAY.isoformat(): []})
    httpserver.expect_request("/v3/emailCampaigns").respond_with_json({"code": "unauthorized", "message": "Key not found"},
                                                                      status=401)
    code = cli.main(["sync", "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    payload = json.loads(out)
    by_name = {s["name"]: s for s in payload["sources"]}
    assert by_name["matomo-1j1s"] | {} == by_name["matomo-1j1s"]
    assert {k: by_name["matomo-1j1s"][k] for k in ("status", "rows", "totals", "error")} == {
        "status": "ok", "rows": 2, "totals": {"landing_visits": 40.0, "conversions": 3.0}, "error": None}
    assert by_name["matomo-1j1s"]["unmapped_labels"][0]["label"] == "inconnu"
    assert by_name["brevo-lettres"]["status"] == "error" and by_name["brevo-lettres"]["rows"] == 0
    assert "Brevo a refusé le jeton" in by_name["brevo-lettres"]["error"]
    assert TOKEN not in out + err

    code = cli.main(["sync", "--source", "matomo-1j1s"])
    out, err = capsys.readouterr()
    assert code == 0 and "✓ matomo-1j1s" in out and "libellé non associé «\u202finconnu\u202f»" in out
    assert cli.main(["sync", "--source", "nulle-part"]) == 2
    capsys.readouterr()
    assert cli.main(["sync", "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[:3] for line in listed] == [["matomo-1j1s", "matomo", "active"], ["brevo-lettres", "brevo", "active"]]
    assert counts(ready)["ingestion"] == 2


def test_test_connection_says_reachable_or_not_and_never_the_body_or_the_token(ready, httpserver):
    matomo = sources.from_mapping({"name": "matomo-1j1s", "kind": "matomo", "url": httpserver.url_for("/"), "site_id": 12,
                                   "token_env": "MATOMO_TOKEN"}, origin="file")
    host = f"localhost:{httpserver.port}"
    expect(httpserver, "/index.php", "POST", form={"method": "API.getMatomoVersion", "token_auth": TOKEN}
           ).respond_with_json({"value": "5.1.2"})
    expect(httpserver, "/index.php", "POST", form={"method": "SitesManager.getSiteFromId", "idSite": "12"}
           ).respond_with_json({"idsite": "12", "name": "1jeune1solution", "main_url": "https://www.1jeune1solution.gouv.fr"})
    assert sync.test_connection(matomo) == (True, f"Joignable : {host} a répondu à la source «\u202fmatomo-1j1s\u202f» et accepté sa demande.")
    brevo = sources.from_mapping({"name": "brevo-lettres", "kind": "brevo", "url": httpserver.url_for("/v3"),
                                  "secret": "BREVO_KEY"})
    expect(httpserver, "/v3/account", headers={"api-key": TOKEN}).respond_with_json(
        {"email": "sig@gouv.exemple", "firstName": "Service", "lastName": "Information", "companyName": "SIG",
         "plan": [{"type": "free", "credits": 300, "creditsType": "sendLimit"}]})
    ok, message = sync.test_connection(brevo)
    assert ok and "SIG" not in message
    expect(httpserver, "/v3/account").respond_with_json({"code": "unauthorized", "message": "Key not found"}, status=401)
    ok, message = sync.test_connection(brevo)
    assert not ok and message == f"Injoignable : la source «\u202fbrevo-lettres\u202f» n'a pas obtenu de réponse utilisable de {host} (le jeton a été refusé)."
    assert "Key not found" not in message and TOKEN not in message
    assert_all_served(httpserver)
    assert counts(ready)["ingestion"] == 0 and runs(ready) == []
