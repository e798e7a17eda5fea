"""Issue 13, finding 13: an import holds the store only for its load transaction, and a page that finds the store held
says so (spinner, then a French sentence with a button) instead of freezing 60 s and showing a StoreBusy traceback.

Real processes: one that holds the DuckDB file as a long load would, and three command-line imports at once while a
page renders in this process.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from resonance.ui import waiting
from tests.helpers import APP

# Real processes held for seconds against lock timeouts of 1 to 4 s: the full run only, alone, so that no parallel
# worker takes the CPU the timing counts on.
pytestmark = [pytest.mark.slow, pytest.mark.serial]

ROOT = Path(__file__).resolve().parents[2]
HOLD = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
        "time.sleep(float(sys.argv[2])); con.close()")


@pytest.fixture
def holder(demo_store):
    """Hold the store file from another process for `seconds`, as an import's load transaction does."""
    started = []

    def hold(seconds: float) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", HOLD, str(demo_store.path), str(seconds)],
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "held"
        started.append(process)
        return process

    yield hold
    for process in started:
        process.kill()
        process.wait()


def _overview() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    app.switch_page("pages/overview.py")
    return app


def test_a_page_waits_for_the_store_with_a_spinner_then_renders(demo_store, holder):
    before = waiting.WAITED[0]
    held = holder(4)
    started = time.monotonic()
    app = _overview().run()
    assert held.wait(10) == 0
    assert not app.exception, app.exception
    assert time.monotonic() - started >= 3           # it waited for the holder, then rendered the page
    assert waiting.WAITED[0] > before                # and said so meanwhile (the spinner of this script run)
    assert app.metric, "the overview's key figures"


def test_past_the_lock_timeout_the_page_says_so_in_french_and_waits_on_instead_of_failing(demo_store, holder,
                                                                                         monkeypatch):
    monkeypatch.setenv("RESONANCE_LOCK_TIMEOUT", "1")
    shown = len(waiting.SHOWN)
    held = holder(5)
    app = _overview().run()              # the command line would raise StoreBusy after 1 s; the page waits on
    assert held.wait(10) == 0
    assert not app.exception, app.exception
    sentences = waiting.SHOWN[shown:]
    assert len(sentences) >= 2, sentences           # said again at each lock timeout passed
    assert sentences[0].startswith("Les données sont toujours occupées par un import ou une sauvegarde en cours (1")
    assert "StoreBusy" not in " ".join(sentences)
    assert app.metric                                # then the page itself
    assert not [w for w in app.warning if "toujours occupées" in w.value]    # and the sentence is gone


def _report(k: int, rows: int = 1_200_000) -> bytes:
    """A partner's export of one line per placement and day: 1,200,000 lines over 300 days, ten seconds to parse."""
    start = date(2025, 1, 1)
    lines = ["Date;Affichages;Clics"]
    lines += [f"{(start + timedelta(days=d % 300)).strftime('%d/%m/%Y')};{1000 + k + d % 500};{10 + d % 7}"
              for d in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_three_command_line_imports_land_while_a_page_renders(demo_store, tmp_path):
    files = []
    for k in range(3):
        path = tmp_path / f"rapport-{k}.csv"
        path.write_bytes(_report(k))
        files.append(path)
    # 4 s of patience, not 60: an import that held the store while parsing (several seconds here) makes another fail
    env = {**os.environ, "RESONANCE_DB": str(demo_store.path), "RESONANCE_LANG": "fr", "RESONANCE_LOCK_TIMEOUT": "4"}
    imports = [subprocess.Popen([sys.executable, "-m", "resonance", "import", str(path), "--campaign",
                                 "Match avec ton futur", "--partner", f"Relais {k}", "--accept-warnings",
                                 "--outside-dates", "extend"],          # its 300 days run past the campaign's
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for k, path in enumerate(files)]
    renders, errors = [], []

    def browse():
        while any(p.poll() is None for p in imports):
            started = time.monotonic()
            try:
                app = _overview().run()
                if app.exception:
                    errors.append(app.exception)
            except Exception as error:  # noqa: BLE001 - a page that fails is what this test looks for
                errors.append(error)
            renders.append(time.monotonic() - started)

    reader = threading.Thread(target=browse)
    reader.start()
    outcomes = [(p.wait(300), p.stderr.read()) for p in imports]
    reader.join(300)
    assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
    assert not errors, errors
    assert renders, "the page rendered while the imports ran"
    assert max(renders) < 30, renders
    with demo_store.read() as con:
        landed = con.execute("select count(*) from ingestion where file_name like 'rapport-%'").fetchone()[0]
    assert landed == 3
