"""Shared fixtures: a real temporary store (empty or with the demo set), set as the app's store.

A test module marked `pytest.mark.both_stores` runs its `store` / `demo_store` tests twice: on the embedded
DuckDB file and on a DuckLake whose catalog is a throwaway schema of the test PostgreSQL (tests/lake.py).
"""
from __future__ import annotations

import copy
import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from resonance import demo, i18n
from resonance.services import sign_in_guard
from resonance.store import Store, transfer
from tests import lake

# The workers (pytest-xdist, one per core) already share the cores: DuckDB's own threads on top only compete. A rollup
# refresh on the demo set took 35 % less CPU and 40 % less time at 1 thread than at 2 on this 2-core machine.
os.environ.setdefault("RESONANCE_DUCKDB_THREADS", "1")


@pytest.fixture(autouse=True)
def _allow_the_test_listener(monkeypatch):
    """The connectors refuse loopback addresses; the tests' settings allow exactly pytest-httpserver's host."""
    monkeypatch.setenv("RESONANCE_ALLOW_HOSTS", HTTPServer.DEFAULT_LISTEN_HOST)


@pytest.fixture(autouse=True)
def _no_language_chosen_yet():
    """Each test starts as a new process does, with no language chosen: one an earlier test of the same worker set
    (`set_language("fr")`) would otherwise stay, and an English page would keep a French option as its choice."""
    token = i18n._language.set(None)
    yield
    i18n._language.reset(token)


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


def pytest_configure(config):
    config.addinivalue_line("markers", "both_stores: run the store fixtures on the embedded file and on a DuckLake")


def pytest_collection_modifyitems(items):
    """Every test run on a DuckLake is marked `lake`, so that `make test-fast` can leave the lake runs to CI."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("store_backend") == "lake":
            item.add_marker(pytest.mark.lake)


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("both_stores") and {"store", "demo_store"} & set(metafunc.fixturenames):
        metafunc.parametrize("store_backend", ["file", "lake"], indirect=True)


@pytest.fixture(scope="session")
def _lake_templates(_demo_template, tmp_path_factory):
    """Two migrated lakes made once per session, cloned for each test: empty, and holding the demo set."""
    url, made = lake.postgres(), {}
    folder = tmp_path_factory.mktemp("lake-templates")
    with pytest.MonkeyPatch.context() as patch:
        for kind in ("empty", "demo"):
            schema = lake.new_schema(f"tpl_{kind}")
            for name, value in lake.lake_env(url, folder / kind, schema).items():
                patch.setenv(name, value)
            db = _point_to(patch, _demo_template)
            target = Store(db)
            target.version()
            if kind == "demo":
                transfer.copy(Store(db, file=True), target, replace=True)
                shutil.copytree(_demo_template / "assets", folder / kind / "assets", dirs_exist_ok=True)
            target.close()
            _forget_lake(schema)
            made[kind] = (schema, folder / kind)
    yield url, made
    for schema, _ in made.values():
        lake.drop_schema(url, schema)


def _forget_lake(schema: str) -> None:
    from resonance import store as store_module
    for key in [k for k in store_module._shared if getattr(k, "schema", None) == schema]:
        Store(lake=key).close()
        store_module._shared.pop(key, None)


@pytest.fixture
def store_backend(request, tmp_path, monkeypatch):
    """"file", or a callable making the lake (a clone of a template) that RESONANCE_STORE points at."""
    backend = getattr(request, "param", "file")
    if backend == "file":
        yield None
        return
    url, templates = request.getfixturevalue("_lake_templates")
    schema = lake.new_schema()

    def make(kind: str) -> None:
        template, files = templates[kind]
        shutil.copytree(files, tmp_path / "lake", dirs_exist_ok=True)
        lake.clone_schema(url, template, schema, tmp_path / "lake")
        for name, value in lake.lake_env(url, tmp_path / "lake", schema).items():
            monkeypatch.setenv(name, value)

    yield make
    _forget_lake(schema)
    lake.drop_schema(url, schema)


def _built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder built by the first xdist worker that asks for it, under a lock; the others wait and reuse it.

    The workers' base folders (popen-gw0, popen-gw1) share a parent; a single process builds in its own.
    """
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, done = root / name, root / f"{name}.built"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def _migrate_into(folder: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        built = Store(_point_to(patch, folder))
        built.version()                                 # the store's own migrate
        built.close()                                   # closed now (its log folded in), not when the linger ends


def _demo_into(folder: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        built = Store(_point_to(patch, folder))
        demo.load(built)
        built.close()


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory) -> Path:
    """Every migration applied once for the whole run (all workers), by the store's own migrate."""
    return _built_once(tmp_path_factory, "empty-template", _migrate_into) / "resonance.duckdb"


@pytest.fixture
def store(store_backend, _empty_template, tmp_path, monkeypatch) -> Store:
    """An empty store (schema applied once per session, the file copied for each test), set as the app's store."""
    db = _point_to(monkeypatch, tmp_path)
    if store_backend:
        store_backend("empty")
        fresh = Store(db)
        fresh.version()
        return fresh
    shutil.copyfile(_empty_template, db)
    return Store(db)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    """The demo set loaded once for the whole run (all workers); each test copies the folder."""
    return _built_once(tmp_path_factory, "demo-template", _demo_into)


@pytest.fixture
def demo_store(store_backend, _demo_template, tmp_path, monkeypatch) -> Store:
    """A store holding the demo set (built once per session, copied for each test), set as the app's store."""
    folder = tmp_path / "demo"
    shutil.copytree(_demo_template, folder)
    db = _point_to(monkeypatch, folder)
    if store_backend:
        store_backend("demo")
    return Store(db)


@pytest.fixture(scope="session")
def _seeded_files(tmp_path_factory) -> dict:
    return {}


@pytest.fixture
def seed_once(store, store_backend, _seeded_files, tmp_path_factory) -> Callable:
    """`seed_once(seed)` gives `seed(store)`'s value: on the file store the seed runs once per worker and later
    tests get a copy of the seeded file (their own file, ids identical since the template is); on a lake it runs."""
    def run(seed: Callable[[Store], object]):
        if store_backend:
            return seed(store)
        key = f"{seed.__module__}.{seed.__qualname__}"
        if key not in _seeded_files:
            value = seed(store)
            store.close()
            folder = tmp_path_factory.mktemp("seeded")
            _copy_store_folder(store.path.parent, folder)
            _seeded_files[key] = (folder, value, store)
            return value
        folder, value, seeded_with = _seeded_files[key]
        _copy_store_folder(folder, store.path.parent)
        return copy.deepcopy(value, {id(seeded_with): store})     # the first test's store swapped for this one's

    return run


def _copy_store_folder(source: Path, target: Path) -> None:
    """The store file (and its write-ahead log and pictures, when there are any) from one folder to another."""
    for name in ("resonance.duckdb", "resonance.duckdb.wal"):
        (target / name).unlink(missing_ok=True)
        if (source / name).exists():
            shutil.copyfile(source / name, target / name)
    if (source / "assets").exists():
        shutil.copytree(source / "assets", target / "assets", dirs_exist_ok=True)
