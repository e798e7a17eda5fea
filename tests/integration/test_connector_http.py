"""The shared HTTP client against a real local server: Retry-After honoured (seconds or date), backoff, one session."""
from __future__ import annotations

import email.utils
from datetime import UTC, datetime, timedelta

import pytest

from connectors import ConnectorError
from connectors.http import Client, scrub
from tests.recordings.kit import TOKEN, assert_all_served, expect


def client(**tunables) -> Client:
    made = Client(**{"backoff_s": 0.5, "max_wait_s": 30, "attempts": 3, **tunables})
    made.waits = []
    made.sleeper = made.waits.append               # record the pauses instead of sleeping them
    return made


def test_retry_after_in_seconds_then_as_a_date_is_honoured(httpserver):
    later = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    expect(httpserver, "/api").respond_with_data("", status=429, headers={"Retry-After": "7"})
    expect(httpserver, "/api").respond_with_data("", status=503, headers={"Retry-After": later})
    expect(httpserver, "/api").respond_with_json({"ok": True})
    with client() as http:
        assert http.json("s", "Brevo", "GET", httpserver.url_for("/api")) == {"ok": True}
    assert_all_served(httpserver)
    assert http.waits[0] == 7 and 15 <= http.waits[1] <= 20
    assert http.requests_made == 3


def test_without_retry_after_the_backoff_doubles_and_a_long_wait_is_capped(httpserver):
    for _ in range(3):
        expect(httpserver, "/api").respond_with_data("", status=500)
    with client() as http, pytest.raises(ConnectorError) as error:
        http.json("s", "Mailchimp", "GET", httpserver.url_for("/api"))
    assert http.waits == [0.5, 1.0]
    assert "erreur 500, 3 essais" in str(error.value)
    httpserver.clear()
    expect(httpserver, "/api").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    expect(httpserver, "/api").respond_with_json([])
    with client(max_wait_s=30) as http:
        http.json("s", "Brevo", "GET", httpserver.url_for("/api"))
    assert http.waits == [30]


def test_every_request_carries_the_session_headers_and_a_secret_never_survives_in_a_message(httpserver):
    from connectors import settings
    for _ in range(2):
        expect(httpserver, "/api", headers={"User-Agent": settings.USER_AGENT}).respond_with_json({})
    with client() as http:
        http.json("s", "Brevo", "GET", httpserver.url_for("/api"))
        http.json("s", "Brevo", "GET", httpserver.url_for("/api"), headers={"api-key": TOKEN})
    assert_all_served(httpserver)
    assert scrub(f"refusé: {TOKEN}", [TOKEN, None]) == "refusé: •••"
