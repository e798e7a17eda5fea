"""The store: migrations recorded and applied in order, a newer store refused, and the app and the CLI sharing the file."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

from connectors.partner_file import engine
from resonance import store as store_module
from resonance.settings import settings
from resonance.store import Store, StoreBusy, StoreError, repeatable
from tests.helpers import ROOT, page


def _forget(path):
    """Make this process open the file afresh, as a new process would."""
    store_module._shared.pop(path.resolve(), None)


def _only_001(tmp_path, monkeypatch):
    """Migrations folder holding 001 alone, and the definitions that read only its tables."""
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    shutil.copy(store_module.MIGRATIONS_DIR / "001_foundation.sql", migrations)
    monkeypatch.setattr(store_module, "MIGRATIONS_DIR", migrations)
    definitions = tmp_path / "definitions"
    definitions.mkdir()
    for name in ("010_ratio.sql", "020_fact_wide.sql"):
        shutil.copy(repeatable.DEFINITIONS_DIR / name, definitions)
    monkeypatch.setattr(repeatable, "DEFINITIONS_DIR", definitions)
    return migrations


def test_fresh_store_records_every_migration(store):
    with store.read() as con:
        versions = [row[0] for row in con.execute("select version from schema_version order by version").fetchall()]
        tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    assert versions == [n for n, _, _ in store_module.migrations()]
    assert {"partner", "campaign", "partnership", "metric_fact", "press_mention", "asset", "meeting", "target",
            "ingestion", "schema_version"} <= tables


def test_older_store_is_migrated_and_newer_store_refused(tmp_path, monkeypatch):
    migrations = _only_001(tmp_path, monkeypatch)
    db = tmp_path / "old.duckdb"
    assert Store(db).version() == 1
    (migrations / "002_add_channel_notes.sql").write_text("create table channel_note (channel varchar, note varchar);")
    _forget(db)
    assert Store(db).version() == 2
    with Store(db).read() as con:
        assert con.execute("select count(*) from channel_note").fetchall() == [(0,)]
    with Store(db).transaction() as con:
        con.execute("insert into schema_version (version, name) values (99, 'from_the_future')")
    _forget(db)
    with pytest.raises(StoreError, match="schéma 99, plus récent que cette version de Résonance"):
        Store(db).version()


def test_failed_migration_leaves_the_store_at_the_previous_version(tmp_path, monkeypatch):
    migrations = _only_001(tmp_path, monkeypatch)
    (migrations / "002_broken.sql").write_text("create table ok_table (a int); this is not sql;")
    db = tmp_path / "broken.duckdb"
    with pytest.raises(StoreError, match="002_broken.sql a échoué"):
        Store(db).version()
    (migrations / "002_broken.sql").unlink()
    _forget(db)
    with Store(db).read() as con:
        assert con.execute("select max(version) from schema_version").fetchall() == [(1,)]
        assert con.execute("select count(*) from information_schema.tables where table_name = 'ok_table'").fetchall() == [(0,)]


class _OtherProcess:
    """Another process, started and its duckdb imported before the timing matters: asked, it tries to open the file at
    once (DuckDB's lock is per process). Started at the moment of the check, a slow machine's import alone (0.3-1 s)
    outlasted the linger being checked."""

    CODE = ("import duckdb, sys\nprint('ready', flush=True)\nfor line in sys.stdin:\n    try:\n"
            "        duckdb.connect(line.strip()).close()\n        print('opened', flush=True)\n"
            "    except duckdb.IOException:\n        print('busy', flush=True)\n")

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, "-c", self.CODE], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "ready"

    def opens(self, path) -> bool:
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip() == "opened"

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture
def other_process():
    other = _OtherProcess()
    yield other
    other.close()


def test_the_file_stays_open_for_the_linger_then_is_closed_for_other_processes(store, monkeypatch, other_process):
    """The reads of one page open the file once; then it is let go, and another process can open it."""
    monkeypatch.setenv("RESONANCE_STORE_LINGER", "0.3")
    shared = store_module._shared[store.path]
    with store.read() as con:
        con.execute("select 1").fetchall()
    first = shared.connection
    assert first is not None                               # lingering: the next read needs no new open
    with store.read() as con:
        con.execute("select 1").fetchall()
    assert shared.connection is first
    assert not other_process.opens(store.path)             # held while the linger runs (waiters retry)
    deadline = time.monotonic() + 10
    while shared.connection is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert shared.connection is None
    assert other_process.opens(store.path)
    with store.hold():                                     # a unit of work in progress is never closed under it
        with store.read():
            pass
        time.sleep(0.4)
        assert shared.connection is not None
        store.release()                                    # release leaves open work alone
        assert shared.connection is not None
    store.release()                                        # idle: closed now, not when the linger ends
    assert shared.connection is None and shared.close_at is None


@pytest.mark.parametrize("threads", ["3", "0"])
def test_duckdb_threads_follow_the_setting(store, monkeypatch, tmp_path, threads):
    """RESONANCE_DUCKDB_THREADS sets the store's and the parser's threads; 0 leaves DuckDB one per core."""
    monkeypatch.setenv("RESONANCE_DUCKDB_THREADS", threads)
    store.close()
    expected = int(threads) or os.cpu_count()
    with store.read() as con:
        assert con.execute("select current_setting('threads')").fetchone()[0] == expected
    parser = engine.connect(settings().duckdb_threads)
    try:
        assert parser.execute("select current_setting('threads')").fetchone()[0] == expected
    finally:
        parser.close()


def test_a_process_waiting_for_the_file_makes_the_holder_close_without_lingering(store, monkeypatch):
    """A page server busy enough never to be idle for the linger must still let a waiting command line in."""
    monkeypatch.setenv("RESONANCE_STORE_LINGER", "30")
    shared = store_module._shared[store.path]
    with store.read():
        pass
    assert shared.connection is not None                   # lingering, nobody waits
    code = ("import sys, time\nfrom resonance.store import Store\nstarted = time.monotonic()\n"
            "with Store(sys.argv[1], file=True).read() as con:\n    con.execute('select 1')\n"
            "print(round(time.monotonic() - started, 1))")
    waiter = subprocess.Popen([sys.executable, "-c", code, str(store.path)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "RESONANCE_LOCK_TIMEOUT": "20"})
    deadline = time.monotonic() + 20
    while not store.path.with_name(store.path.name + ".wanted").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    for _ in range(3):                                     # this process keeps working: each unit ends, one by one
        with store.read():
            pass
    assert waiter.wait(30) == 0
    assert float(waiter.stdout.read()) < 10                # let in long before the 30 s linger
    assert not store.path.with_name(store.path.name + ".wanted").exists()      # and it says it waits no more


def test_no_linger_closes_the_file_when_the_last_unit_of_work_ends(store, monkeypatch):
    monkeypatch.setenv("RESONANCE_STORE_LINGER", "0")
    with store.read() as con:
        con.execute("select 1").fetchall()
    assert store_module._shared[store.path].connection is None
    with store.hold():
        with store.read():
            pass
        assert store_module._shared[store.path].connection is not None
    assert store_module._shared[store.path].connection is None


def test_threads_share_the_connection_while_one_writes(demo_store):
    """Several sessions of one app process read while another one writes: no lock error, consistent counts."""
    errors, counts = [], []

    def reader():
        try:
            for _ in range(30):
                with demo_store.read() as con:
                    counts.append(con.execute("select count(*) from annotation").fetchall()[0][0])
        except Exception as error:  # noqa: BLE001 - any failure is the finding
            errors.append(repr(error))

    def writer():
        try:
            for number in range(30):
                with demo_store.transaction() as con:
                    con.execute("insert into annotation (campaign_id, on_date, label) values (1, current_date, $l)",
                                {"l": f"note {number}"})
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))

    threads = [threading.Thread(target=reader) for _ in range(4)] + [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(counts) == 120
    with demo_store.read() as con:
        assert con.execute("select count(*) from annotation where label like 'note %'").fetchall()[0][0] == 60
    shared = store_module._shared[demo_store.path]
    assert shared.users == 0 and shared.close_at is not None            # to be closed once the linger ends


def _cli(*arguments, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "resonance", *arguments], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow     # a command-line process writing while a page renders: concurrency: the full run only
def test_cli_write_while_an_app_session_renders(demo_store):
    """A command-line write (reloading the demo) runs while an app session renders the review: both succeed.

    One rendering thread: AppTest compiles page scripts, and CPython's compiler is not safe to call
    from two threads at once (a flaky "AST constructor recursion depth mismatch"). Sessions sharing
    the process's connection are covered by test_threads_share_the_connection_while_one_writes.
    """
    errors, renders = [], []
    stop = threading.Event()

    def browse():
        while not stop.is_set():
            app = page("pages/campaign_review.py", timeout=60)
            app.query_params["campagne"] = "Match avec ton futur"
            app.run()
            if app.exception:
                errors.append(app.exception[0].message)
            renders.append(len(app.metric))

    sessions = [threading.Thread(target=browse)]
    for session in sessions:
        session.start()
    time.sleep(1)
    cli = _cli("demo", "--reset")
    out, err = cli.communicate(timeout=120)
    time.sleep(1)
    stop.set()
    for session in sessions:
        session.join(timeout=120)
    assert cli.returncode == 0, err
    assert "Could not set lock" not in err
    assert "Démo chargée" in out
    assert errors == []
    assert len(renders) >= 2 and all(count > 0 for count in renders)


@pytest.mark.slow     # another process waits for the lock until it gives up: the full run only
def test_waiting_too_long_for_another_process_says_so_in_french(demo_store):
    with demo_store.hold():                     # this process keeps the file open, like a long import
        cli = _cli("report", "--campaign", "Match avec ton futur", env_extra={"RESONANCE_LOCK_TIMEOUT": "1"})
        out, err = cli.communicate(timeout=60)
    assert cli.returncode == 3
    assert "occupée par un autre processus" in err and "Traceback" not in err
    busy = StoreBusy("x")
    assert isinstance(busy, StoreError)
