"""Shared fixtures: a real temporary DuckDB store (empty or with the demo set), set as the app's store."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from resonance import demo
from resonance.services import sign_in_guard
from resonance.store import Store


@pytest.fixture(autouse=True)
def _allow_the_test_listener(monkeypatch):
    """The connectors refuse loopback addresses; the tests' settings allow exactly pytest-httpserver's host."""
    monkeypatch.setenv("RESONANCE_ALLOW_HOSTS", HTTPServer.DEFAULT_LISTEN_HOST)


@pytest.fixture(autouse=True)
def _cheap_scrypt(request, monkeypatch):
    """scrypt at N=2^10 (2 ms) instead of 2^15 (80 ms): most tests check who gets in, not what guessing costs.

    A test marked `real_scrypt` keeps the production cost (the stored parameters, timings, the memory cap).
    The dummy hash an unknown name is checked against is made again at the cost the test runs with.
    """
    if request.node.get_closest_marker("real_scrypt") is None:
        monkeypatch.setattr(sign_in_guard, "SCRYPT_N", 2**10)
    monkeypatch.setattr(sign_in_guard, "_DUMMY_HASH", None)


def _point_to(monkeypatch, folder: Path) -> Path:
    db = folder / "resonance.duckdb"
    monkeypatch.setenv("RESONANCE_DB", str(db))
    monkeypatch.delenv("RESONANCE_ASSETS", raising=False)
    monkeypatch.setenv("RESONANCE_LANG", "fr")
    monkeypatch.setenv("RESONANCE_DEMO", "1")      # the tests' stores choose demo mode explicitly, like `make run`
    return db


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("empty-template")
    with pytest.MonkeyPatch.context() as patch:
        Store(_point_to(patch, folder)).version()       # every migration applied once, the file closed
    return folder / "resonance.duckdb"


@pytest.fixture
def store(_empty_template, tmp_path, monkeypatch) -> Store:
    """An empty store (schema applied once per session, the file copied for each test), set as the app's store."""
    db = _point_to(monkeypatch, tmp_path)
    shutil.copyfile(_empty_template, db)
    return Store(db)


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
