"""Test kit for the connectors: recorded answers, request matchers on form/query subsets, and checks on the store."""
from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from pytest_httpserver import HTTPServer
from pytest_httpserver.httpserver import HandlerType, RequestMatcher

from resonance.ingest import sync
from resonance.services import partnership, sources
from resonance.store import Store

HERE = Path(__file__).resolve().parent


def recording(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def recorded_json(name: str):
    return json.loads(recording(name))


class Expect(RequestMatcher):
    """A request whose form fields, query parameters and headers include the given ones (order-free)."""

    def __init__(self, uri: str, method: str, form: dict | None = None, query: dict | None = None,
                 headers: dict | None = None, absent: tuple[str, ...] = ()):
        super().__init__(uri, method=method, headers=headers)
        self.form = {k: str(v) for k, v in (form or {}).items()}
        self.query = {k: str(v) for k, v in (query or {}).items()}
        self.absent = absent

    def match_data(self, request) -> bool:
        form_ok = all(request.form.get(k) == v for k, v in self.form.items())
        query_ok = all(request.args.get(k) == v for k, v in self.query.items())
        absent_ok = not any(k in request.args or k in request.form for k in self.absent)
        return form_ok and query_ok and absent_ok

    def __repr__(self) -> str:
        return f"<Expect {self.method} {self.uri} form={self.form} query={self.query}>"


def expect(server: HTTPServer, uri: str, method: str = "GET", **kwargs):
    """An ordered expectation: the test fails if this request is not the next one made."""
    return server.expect(Expect(uri, method, **kwargs), handler_type=HandlerType.ORDERED)


def assert_all_served(server: HTTPServer) -> None:
    """Every expected request was made, in order, and nothing unexpected was asked."""
    server.check_assertions()
    assert not server.permanently_failed, f"an unexpected request was made: {server.log[-1][0] if server.log else ''}"
    assert not server.ordered_handlers, f"requests never made: {[h.matcher for h in server.ordered_handlers]}"


def seed(store: Store) -> dict[str, int]:
    """The campaigns and partners the recorded answers talk about."""
    with store.transaction() as con:
        return {
            "match": partnership.ensure_campaign(con, "Match avec ton futur"),
            "renover": partnership.ensure_campaign(con, "Rénover c'est gagné"),
            "tinder": partnership.ensure_partner(con, "Tinder"),
            "campus": partnership.ensure_partner(con, "Appli Campus+"),
        }


def counts(store: Store) -> dict[str, int]:
    with store.read() as con:
        return {table: con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608 - fixed names
                for table in ("metric_fact", "press_mention", "ingestion", "fact_replaced")}


def facts(store: Store) -> dict[tuple, float]:
    """{(campaign, partner, day, metric): value} of everything stored."""
    with store.read() as con:
        rows = con.execute(
            "select c.name, p.name, f.period_start, f.metric, f.value from metric_fact f"
            " join campaign c on c.id = f.campaign_id left join partner p on p.id = f.partner_id").fetchall()
    return {(c, p, d.isoformat(), m): v for c, p, d, m, v in rows}


def runs(store: Store) -> list[dict]:
    with store.read() as con:
        frame = con.execute("select * from sync_run order by id").df()
    return frame.to_dict("records")


def everything_stored(store: Store) -> str:
    """All text in the tables a secret could leak into."""
    with store.read() as con:
        parts = []
        for table in ("sync_run", "ingestion", "source", "source_label"):
            parts.append(con.execute(f"select * from {table}").df().to_csv())  # noqa: S608 - fixed names
    return "\n".join(parts)


TOKEN = "tok-3f9a2c7e51d04b8c-secret"


def fast_http(monkeypatch, tmp_path) -> None:
    """Tiny backoff and timeouts so that retry tests stay fast; no declared sources file; the test token."""
    monkeypatch.setenv("RESONANCE_HTTP_BACKOFF", "0.001")
    monkeypatch.setenv("RESONANCE_HTTP_MAX_WAIT", "0.01")
    monkeypatch.setenv("RESONANCE_HTTP_TIMEOUT", "0.3")
    monkeypatch.setenv("RESONANCE_HTTP_CONNECT_TIMEOUT", "0.5")
    # No declared source; each test token declared as a secret bound to the local recording server only.
    declared = tmp_path / "no-sources.toml"
    names = ("MATOMO_TOKEN", "BREVO_KEY", "MAILCHIMP_KEY", "FEED_TOKEN", "PARTNER_TOKEN")
    declared.write_text("".join(f'[secrets.{name}]\nenv = "{name}"\nhosts = ["localhost"]\n\n' for name in names),
                        encoding="utf-8")
    monkeypatch.setenv("RESONANCE_SOURCES", str(declared))
    for name in names:
        monkeypatch.setenv(name, TOKEN)


def assert_nothing_written(store: Store, before: dict[str, int]) -> None:
    assert counts(store) == before, "a failed sync left rows behind"


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        assert TOKEN not in (text or ""), "the token leaked"


def matomo_declared(url: str, since: str) -> str:
    """The sources file's block of the recorded Matomo site (site 12, "mtf_2025_tinder" → Match avec ton futur)."""
    return f'''
[[source]]
name = "matomo-1j1s"
kind = "matomo"
url = "{url}"
site_id = 12
token_env = "MATOMO_TOKEN"
since = {since}
[source.campaigns]
"mtf_2025_tinder" = "Match avec ton futur"
'''


def source_maker(store: Store, monkeypatch, tmp_path, **declared):
    """A connector test's set-up: fast HTTP, the seeded campaigns, and `source(**overrides)` built from the source's
    declaration with some entries changed."""
    fast_http(monkeypatch, tmp_path)
    seed(store)

    def source(**overrides):
        return sources.from_mapping({**declared, **overrides}, origin="file")
    return source


def sync_timing_out(store: Store, source, server: HTTPServer, monkeypatch, uri: str, body: str = ""):
    """One attempt with a 0.1 s timeout (the shortest a message writes) against a server answering `uri` after
    0.2 s: the sync's result, once the late answer is gone and every expected request checked."""
    monkeypatch.setenv("RESONANCE_HTTP_ATTEMPTS", "1")
    monkeypatch.setenv("RESONANCE_HTTP_TIMEOUT", "0.1")
    expect(server, uri).respond_with_handler(lambda request: time.sleep(0.2) or body)
    result = sync.sync_source(store, source, today=date(2025, 6, 10))
    deadline = time.monotonic() + 5
    while not server.log and time.monotonic() < deadline:      # the server logs the request once it has answered
        time.sleep(0.02)
    assert_all_served(server)
    return result
