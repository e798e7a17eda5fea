"""Issue 13, access half: the connector attacks replayed against real local listeners, each asserting the defence."""
from __future__ import annotations

import gzip
import io
import tracemalloc
from datetime import date

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Response

from connectors import guard
from connectors.http import Client
from resonance.ingest import sync
from resonance.services import sources
from tests.recordings.kit import TOKEN, fast_http, seed

SERVER_KEY = "xkeysib-real-server-key-0123456789abcdef"


@pytest.fixture
def listener(httpserver):
    """A listener that answers anything (and records it): the attacker's or an internal service."""
    httpserver.expect_request("", method="GET").respond_with_data("internal-admin: root password is hunter2")
    return httpserver


def declare(tmp_path, monkeypatch, text: str):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("RESONANCE_SOURCES", str(path))


def closed_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- finding 3: secret theft by an editor -------------------------------------------------------------------
def test_finding_3_an_editor_cannot_send_the_servers_keys_to_their_listener(store, tmp_path, monkeypatch, listener):
    fast_http(monkeypatch, tmp_path)
    monkeypatch.setenv("BREVO_API_KEY", SERVER_KEY)
    declare(tmp_path, monkeypatch, '[secrets.brevo]\nenv = "BREVO_API_KEY"\nhosts = ["api.brevo.com"]\n')
    url = listener.url_for("/collect")
    # 1. Naming a server variable from the page is refused outright.
    with pytest.raises(sources.SourcesError, match="jamais une variable d'environnement"):
        sources.save(store, sources.from_mapping({"name": "vol", "kind": "url", "url": url, "token_env": "BREVO_API_KEY"}))
    # 2. Choosing the declared Brevo secret for a URL source on the listener: saved, but never sent there.
    sources.save(store, sources.from_mapping({"name": "vol", "kind": "url", "url": url, "secret": "brevo",
                                              "campaign": "Match avec ton futur"}), by="editeur")
    [stolen] = [s for s in sources.all_sources(store) if s.name == "vol"]
    state, message = sync.check_source(stolen)
    assert state == "refused" and "n'est lié qu'à api.brevo.com" in message
    seed(store)
    assert sync.sync_source(store, stolen, today=date(2025, 6, 10)).status == "error"
    # 3. A Brevo source of the admin's file with a custom url: the real key does not follow the url.
    declare(tmp_path, monkeypatch, f'[[source]]\nname = "brevo"\nkind = "brevo"\nurl = "{listener.url_for("/v3")}"\n'
                                   'token_env = "BREVO_API_KEY"\n')
    brevo = sources.find(store, "brevo")
    assert sync.check_source(brevo)[0] == "refused"
    assert listener.log == [], "the listener received a request"


def test_finding_3_a_bound_host_gets_its_secret_and_only_it(store, tmp_path, monkeypatch, httpserver):
    fast_http(monkeypatch, tmp_path)
    monkeypatch.setenv("PARTNER_TOKEN", TOKEN)
    declare(tmp_path, monkeypatch, '[secrets.partner]\nenv = "PARTNER_TOKEN"\nhosts = ["localhost"]\n')
    httpserver.expect_request("/report.csv", headers={"Authorization": f"Bearer {TOKEN}"}).respond_with_data("a,b\n1,2\n")
    source = sources.from_mapping({"name": "rapport", "kind": "url", "url": httpserver.url_for("/report.csv"),
                                   "secret": "partner"})
    assert sync.check_source(source)[0] == "reachable"
    assert len(httpserver.log) == 1


# -- finding 4: server-side request forgery, the answer shown -------------------------------------------------
def test_finding_4_tester_refuses_loopback_before_connecting_and_open_and_closed_ports_answer_alike(store, monkeypatch,
                                                                                                   listener):
    monkeypatch.delenv("RESONANCE_ALLOW_HOSTS")              # without the tests' setting, the listener is internal
    answers = []
    for port in (listener.port, closed_port()):
        source = sources.from_mapping({"name": "interne", "kind": "url",
                                       "url": f"http://127.0.0.1:{port}/internal-admin/secret"})
        state, message = sync.check_source(source)
        answers.append((state, message.replace(str(port), "PORT")))
    assert answers[0] == answers[1]
    assert answers[0][0] == "refused" and "bouclage" in answers[0][1] and "hunter2" not in answers[0][1]
    assert listener.log == []


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"), ("64:ff9b::7f00:1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.10", "private"), ("fd12:3456::1", "private"),
    ("0.0.0.0", "private"), ("169.254.169.254", "metadata"), ("fd00:ec2::254", "metadata"),
    ("169.254.10.1", "link_local"), ("fe80::1", "link_local"), ("100.64.0.1", "cgnat"), ("100.100.100.200", "metadata"),
    ("224.0.0.251", "multicast"), ("ff02::1", "multicast"), ("2002:7f00:1::", "loopback"),
    ("8.8.8.8", None), ("2001:4860:4860::8888", None), ("145.242.11.10", None),
])
def test_finding_4_internal_addresses_by_kind(address, kind):
    assert guard.address_problem(address) == kind


def test_finding_4_every_redirect_hop_is_checked_and_the_connection_itself_too(monkeypatch, httpserver):
    # The allowed listener redirects to the loopback address by number: that hop is refused, nothing reaches it.
    internal = HTTPServer(host="127.0.0.1")
    internal.expect_request("/secret").respond_with_data("hunter2")
    internal.start()
    try:
        httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": internal.url_for("/secret")})
        with Client(attempts=1) as http, pytest.raises(guard.RequestRefused, match="bouclage"):
            http.request("s", "URL", "GET", httpserver.url_for("/go"))
        assert internal.log == []
        # Below the URL check, the connection checks the address it really reached (DNS rebinding).
        monkeypatch.delenv("RESONANCE_ALLOW_HOSTS")
        session = requests.Session()
        session.mount("http://", guard.GuardedAdapter())
        with pytest.raises(guard.RequestRefused):
            session.get(internal.url_for("/secret"), timeout=2)
        assert internal.log == []
    finally:
        internal.stop()


def test_finding_4_more_than_five_redirects_are_refused(httpserver):
    for hop in range(7):
        httpserver.expect_request(f"/r{hop}").respond_with_data("", status=302, headers={"Location": f"/r{hop + 1}"})
    with Client(attempts=1) as http, pytest.raises(guard.RequestRefused, match="plus de 5 fois"):
        http.request("s", "URL", "GET", httpserver.url_for("/r0"))
    assert len(httpserver.log) == 6


# -- finding 10: no download size limit ---------------------------------------------------------------------
def _bomb(megabytes: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
        block = b"<item><title>x</title></item>" * 35_000             # ~1 MB of text
        for _ in range(megabytes):
            packed.write(block)
    return out.getvalue()


def test_finding_10_a_gzip_bomb_stops_at_the_cap_counted_after_decompression(httpserver):
    bomb = _bomb(400)                                                    # ~400 MB once inflated
    assert len(bomb) < 3_000_000
    httpserver.expect_request("/big").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with Client(attempts=1, max_bytes=10_000_000) as http, pytest.raises(guard.RequestRefused, match="dépasse 10 Mo"):
            http.request("s", "URL", "GET", httpserver.url_for("/big"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000, f"{peak / 1e6:.0f} MB held for a 10 MB cap"


def test_finding_10_the_feed_cap_is_checked_while_reading(store, tmp_path, monkeypatch, httpserver):
    fast_http(monkeypatch, tmp_path)

    def streamed(_request):                      # chunked, no Content-Length: only counting while reading can stop it
        return Response((b"<rss><channel>" + b"<item><title>x</title></item>" * 10_000 for _ in range(200)),
                        content_type="application/rss+xml")
    httpserver.expect_request("/rss").respond_with_handler(streamed)
    feed = sources.from_mapping({"name": "presse", "kind": "feed", "url": httpserver.url_for("/rss"),
                                 "keywords": ["x"], "campaign": "Match avec ton futur"})
    tracemalloc.start()
    try:
        state, message = sync.check_source(feed)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert state == "refused" and "dépasse 5 Mo" in message
    assert peak < 20_000_000


# -- finding 11: token headers following a redirect to another host ---------------------------------------------
def test_finding_11_token_headers_are_dropped_on_a_redirect_to_another_host(monkeypatch, httpserver):
    monkeypatch.setenv("RESONANCE_ALLOW_HOSTS", "localhost,127.0.0.1")
    other = HTTPServer(host="127.0.0.1")
    other.expect_request("/landing").respond_with_data("ok")
    other.expect_request("/form", method="POST").respond_with_data("ok")
    other.start()
    try:
        httpserver.expect_request("/start").respond_with_data("", status=302, headers={"Location": other.url_for("/landing")})
        headers = {"Authorization": f"Bearer {TOKEN}", "X-Api-Key": TOKEN, "api-key": TOKEN, "X-Partner-Token": TOKEN,
                   "Accept": "text/csv"}
        with Client(attempts=1) as http:
            assert http.request("s", "URL", "GET", httpserver.url_for("/start"), headers=headers,
                                secrets=[TOKEN]).text == "ok"
        [(arrived, _)] = other.log
        assert TOKEN not in str(arrived.headers) and arrived.headers.get("Accept") == "text/csv"
        # A 307 would replay a POST body holding the token (Matomo's token_auth) to the other host: refused.
        httpserver.expect_request("/api", method="POST").respond_with_data(
            "", status=307, headers={"Location": other.url_for("/form")})
        with Client(attempts=1) as http, pytest.raises(guard.RequestRefused, match="aurait emporté le jeton"):
            http.request("s", "Matomo", "POST", httpserver.url_for("/api"), data={"token_auth": TOKEN}, secrets=[TOKEN])
        assert len(other.log) == 1
    finally:
        other.stop()


# -- finding 15 (connectors): a password inside a URL -----------------------------------------------------------
def test_finding_15_a_password_in_a_source_url_is_never_repeated(store, tmp_path, monkeypatch):
    fast_http(monkeypatch, tmp_path)
    monkeypatch.setenv("RESONANCE_ALLOW_HOSTS", "127.0.0.1")
    url = f"http://partenaire:Mot-De-Passe-7731@127.0.0.1:{closed_port()}/export.csv"
    source = sources.from_mapping({"name": "rapport", "kind": "url", "url": url, "campaign": "Match avec ton futur"})
    sources.save(store, source)
    seed(store)
    result = sync.sync_source(store, source, today=date(2025, 6, 10))
    state, message = sync.check_source(source)
    overview, _ = sync.sources_overview(store)
    shown = " ".join([result.error or "", message, overview.to_csv()])
    assert result.status == "error" and state == "unreachable"
    assert "Mot-De-Passe-7731" not in shown and "•••@127.0.0.1" in overview.to_csv()
    with pytest.raises(sources.SourcesError) as refused:
        sources.from_mapping({"name": "x", "kind": "url", "url": "ftp://partenaire:Mot-De-Passe-7731@h/x"})
    assert "Mot-De-Passe-7731" not in str(refused.value) and "•••@h" in str(refused.value)


def test_finding_4_a_name_is_judged_by_the_addresses_it_resolves_to(monkeypatch):
    monkeypatch.delenv("RESONANCE_ALLOW_HOSTS")
    for url in ("http://localhost:8080/admin", "http://0x7f000001/", "http://2130706433/"):
        with pytest.raises(guard.RequestRefused):
            guard.check_url("s", url)
    monkeypatch.setenv("RESONANCE_ALLOW_HOSTS", "localhost:8080")
    guard.check_url("s", "http://localhost:8080/admin")               # allowed by an admin, host and port
    with pytest.raises(guard.RequestRefused):
        guard.check_url("s", "http://localhost:9090/admin")
    with pytest.raises(guard.RequestRefused, match="http:// ou https://"):
        guard.check_url("s", "file:///etc/passwd")
