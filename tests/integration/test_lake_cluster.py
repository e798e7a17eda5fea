"""Several app servers, one lake: two Streamlit servers and four command-line imports at once, then one writer SIGKILLed.

Every import lands exactly once with all its figures, both servers answer and each server's
environment reports the same figures (`report --json`), nothing is lost; a writer killed in the
middle leaves its import whole or absent, frees the writer lock, and sending it again lands it once.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests import lake
from tests.browser.serving import streamlit_app
from tests.integration.test_concurrency import (
    CAMPAIGN,
    LOCK_WORDS,
    check_consistent,
    expected_impressions,
    partner_file,
)

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.parametrize("store_backend", ["lake"], indirect=True)]


def _environment(tmp_path: Path, name: str) -> dict[str, str]:
    """A server's environment: the lake of the test, and a store file of its own that must never be used."""
    env = {**os.environ, "RESONANCE_LANG": "fr", "RESONANCE_DB": str(tmp_path / name / "unused.duckdb")}
    assert env["RESONANCE_STORE"].startswith("ducklake:postgres:")
    return env


def _cli(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "resonance", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _import(tmp_path: Path, k: int, env: dict[str, str], scale: int = 1) -> subprocess.Popen:
    path = tmp_path / f"relais_{k}_{scale}.csv"
    path.write_bytes(partner_file(k, scale=scale))
    return _cli(["import", str(path), "--campaign", CAMPAIGN, "--partner", f"Relais {k}", "--accept-warnings"], env)


def _report(env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "resonance", "report", "--campaign", CAMPAIGN, "--json"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def servers(demo_store, tmp_path):
    """Two app servers on two ports against the lake of `demo_store`."""
    with ExitStack() as stack:
        started = []
        for name in ("server_a", "server_b"):
            env = _environment(tmp_path, name)
            (tmp_path / name).mkdir()
            started.append((stack.enter_context(streamlit_app("app.py", ROOT, env, tmp_path / name / "streamlit.log")),
                            env))
        yield started


def _ingestions(store) -> int:
    with store.read() as con:
        return con.execute("select count(*) from ingestion").fetchall()[0][0]


def _landed(store) -> list[tuple]:
    with store.read() as con:
        check_consistent(con)
        return con.execute(
            "select p.name, count(distinct f.ingestion_id), sum(f.value) filter (where f.metric = 'impressions'),"
            " count(*) from metric_fact f join partner p on p.id = f.partner_id where p.name like 'Relais %'"
            " group by 1 order by 1").fetchall()


def test_two_servers_and_four_imports_at_once_land_everything_once(servers, demo_store, tmp_path):
    assert demo_store.is_lake
    before = _ingestions(demo_store)
    envs = [env for _, env in servers]
    imports = [_import(tmp_path, k, envs[k % 2]) for k in range(4)]   # two imports from each server's environment
    for k, process in enumerate(imports):
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, (k, err)
        assert not any(word in out + err for word in LOCK_WORDS)
    assert _ingestions(demo_store) == before + 4
    assert _landed(demo_store) == [(f"Relais {k}", 1, expected_impressions(k), 60) for k in range(4)]
    for url, _ in servers:          # both servers still up after the writes
        assert urllib.request.urlopen(f"{url}/_stcore/health", timeout=5).read() == b"ok"
    first, second = (_report(env) for env in envs)
    assert first == second
    partners = {p["partner"]: p["totals"] for p in first["partners"]}
    assert {f"Relais {k}" for k in range(4)} <= partners.keys()
    assert [partners[f"Relais {k}"]["impressions"] for k in range(4)] == [expected_impressions(k) for k in range(4)]


def _wait_for_the_writer_lock(process: subprocess.Popen, schema: str, timeout_s: float = 120) -> bool:
    """True once PostgreSQL shows this lake's writer lock granted (polled every 20 ms), False if the process ended first.

    The lock is the lake's own (its schema is its second key): another test's lake, written at the same time by a
    parallel worker, is never mistaken for the victim."""
    import duckdb

    from resonance.store import extensions
    from resonance.store.lake import writer_lock_keys
    from resonance.store.literals import sql_string
    with duckdb.connect() as con:
        extensions.load(con, "postgres")
        con.execute(f"attach {sql_string(lake.postgres())} as pg (type postgres)")
        classid, objid = writer_lock_keys(schema)           # two integers: a two-key lock shows as objsubid 2
        probe = ("select count(*) from pg_locks where locktype = 'advisory' and granted"  # noqa: S608
                 f" and classid = {classid} and objid = {objid} and objsubid = 2")
        deadline = time.monotonic() + timeout_s
        while process.poll() is None and time.monotonic() < deadline:
            if con.execute("select * from postgres_query('pg', $q)", {"q": probe}).fetchall()[0][0]:
                return True
            time.sleep(0.02)
    return False


def test_a_writer_killed_mid_import_loses_nothing_and_frees_the_lake(demo_store, tmp_path):
    env = _environment(tmp_path, "killer")
    before = _ingestions(demo_store)
    victim = _import(tmp_path, 0, env, scale=7)
    held = _wait_for_the_writer_lock(victim, demo_store.lake.schema)   # started alone: the lock's holder is the victim, inside a write
    others = [_import(tmp_path, k, env) for k in (1, 2, 3)]     # they queue behind the victim's lock
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)
    assert held, "the victim never took the writer lock"
    for k, process in zip((1, 2, 3), others, strict=True):
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, (k, err)
    landed = {name: row for name, *row in _landed(demo_store)}
    killed_landed = "Relais 0" in landed
    if killed_landed:               # it had committed before the kill: whole
        assert landed["Relais 0"] == [1, expected_impressions(0, scale=7), 60]
    assert _ingestions(demo_store) == before + 3 + killed_landed
    again = _import(tmp_path, 0, env)              # the lock is free and the next import lands (replacing if needed)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    landed = {name: row for name, *row in _landed(demo_store)}
    assert landed["Relais 0"][1:] == [expected_impressions(0), 60]
    assert [landed[f"Relais {k}"] for k in (1, 2, 3)] == [[1, expected_impressions(k), 60] for k in (1, 2, 3)]
