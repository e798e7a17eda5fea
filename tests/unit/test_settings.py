"""Settings: every RESONANCE_* variable read in resonance/settings.py, typed, with its documented default."""
from __future__ import annotations

from pathlib import Path

import pytest

from resonance import settings as settings_module
from resonance.settings import ROOT, settings

NAMES = ["DB", "ASSETS", "LANG", "LOCK_TIMEOUT", "SOURCES", "SOFFICE", "SESSION_HOURS", "SIGNIN_DELAY_S",
         "MAX_PICTURE_MB", "MAX_IMAGE_PIXELS", "HTTP_CONNECT_TIMEOUT", "HTTP_TIMEOUT", "HTTP_ATTEMPTS",
         "HTTP_BACKOFF", "HTTP_MAX_WAIT"]


@pytest.fixture
def clean_env(monkeypatch):
    for name in NAMES:
        monkeypatch.delenv(f"RESONANCE_{name}", raising=False)
    return monkeypatch


def test_the_defaults_are_the_ones_the_readme_documents(clean_env):
    current = settings()
    assert current.db == (ROOT / "data" / "resonance.duckdb").resolve()
    assert current.assets == current.db.parent / "assets"
    assert (current.language, current.lock_timeout_s, current.soffice) == ("fr", 60.0, None)
    assert current.sources_file == (ROOT / "data" / "sources.toml").resolve()
    assert (current.session_hours, current.signin_delay_s) == (10.0, 0.5)
    assert (current.max_picture_bytes, current.max_image_pixels) == (25 * 1024 * 1024, 60_000_000)
    assert (current.http_connect_timeout_s, current.http_timeout_s, current.http_attempts,
            current.http_backoff_s, current.http_max_wait_s) == (5.0, 30.0, 3, 1.0, 60.0)


@pytest.mark.parametrize(("name", "value", "field", "expected"), [
    ("DB", "/tmp/x/store.duckdb", "db", Path("/tmp/x/store.duckdb")),
    ("ASSETS", "/tmp/pictures", "assets", Path("/tmp/pictures")),
    ("LANG", "en", "language", "en"),
    ("LANG", "de", "language", "fr"),                 # a language the app does not speak falls back to French
    ("LOCK_TIMEOUT", "2.5", "lock_timeout_s", 2.5),
    ("SOURCES", "/tmp/s.toml", "sources_file", Path("/tmp/s.toml")),
    ("SOFFICE", "/opt/lo/soffice", "soffice", "/opt/lo/soffice"),
    ("SESSION_HOURS", "1", "session_hours", 1.0),
    ("SIGNIN_DELAY_S", "0", "signin_delay_s", 0.0),
    ("MAX_PICTURE_MB", "1", "max_picture_bytes", 1024 * 1024),
    ("MAX_IMAGE_PIXELS", "1000", "max_image_pixels", 1000),
    ("HTTP_ATTEMPTS", "1", "http_attempts", 1),
    ("HTTP_BACKOFF", "0.01", "http_backoff_s", 0.01),
])
def test_each_variable_sets_its_field_and_a_change_is_read_again(clean_env, name, value, field, expected):
    before = getattr(settings(), field)
    clean_env.setenv(f"RESONANCE_{name}", value)
    assert getattr(settings(), field) == expected
    clean_env.delenv(f"RESONANCE_{name}")
    assert getattr(settings(), field) == before


def test_the_store_folder_carries_the_pictures_unless_told_otherwise(clean_env, tmp_path):
    clean_env.setenv("RESONANCE_DB", str(tmp_path / "a" / "s.duckdb"))
    assert settings().assets == tmp_path / "a" / "assets"


def test_settings_are_frozen_and_read_once_per_environment(clean_env):
    first = settings()
    assert settings() is first
    with pytest.raises(AttributeError):
        first.db = Path("/elsewhere")
    assert settings_module.reload() == first


def test_no_module_reads_a_resonance_variable_but_settings():
    readers = []
    for path in [*ROOT.glob("resonance/**/*.py"), *ROOT.glob("connectors/**/*.py"), *ROOT.glob("pages/*.py"),
                 ROOT / "app.py"]:
        text = path.read_text(encoding="utf-8")
        if path.name != "settings.py" and ("environ" in text or "getenv" in text) and '"RESONANCE_' in text:
            readers.append(str(path.relative_to(ROOT)))
    assert readers == []
