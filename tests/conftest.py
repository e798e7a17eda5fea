"""Shared fixtures: a real temporary DuckDB store (empty or with the demo set), set as the app's store."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from resonance import demo
from resonance.store import Store


@pytest.fixture(autouse=True)
def _allow_the_test_listener(monkeypatch):
    """The connectors refuse loopback addresses; the tests' settings allow exactly pytest-httpserver's host."""
    monkeypatch.setenv("RESONANCE_ALLOW_HOSTS", HTTPServer.DEFAULT_LISTEN_HOST)


def _point_to(monkeypatch, folder: Path) -> Path:
    db = folder / "resonance.duckdb"
    monkeypatch.setenv("RESONANCE_DB", str(db))
    monkeypatch.delenv("RESONANCE_ASSETS", raising=False)
    monkeypatch.setenv("RESONANCE_LANG", "fr")
    monkeypatch.setenv("RESONANCE_DEMO", "1")      # the tests' stores choose demo mode explicitly, like `make run`
    return db


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    """An empty store (schema applied) in a temporary folder, set as the app's store."""
    db = _point_to(monkeypatch, tmp_path)
    fresh = Store(db)
    fresh.version()
    return fresh


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template")
    with pytest.MonkeyPatch.context() as patch:
        db = _point_to(patch, folder)
        demo.load(Store(db))
    return folder


@pytest.fixture
def demo_store(_demo_template, tmp_path, monkeypatch) -> Store:
    """A store holding the demo set (built once per session, copied for each test), set as the app's store."""
    folder = tmp_path / "demo"
    shutil.copytree(_demo_template, folder)
    return Store(_point_to(monkeypatch, folder))
