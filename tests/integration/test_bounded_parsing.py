"""Issue 13, findings 1, 2 and 15: hostile partner files are refused in French, parsed under a memory limit, and the
process that asked (the web server, the command line) stays alive and small.

Each test builds the attacker's file, sends it through the one entry point every upload, CLI import and URL sync
uses (`importing.preview`), and checks the sentence, the child's peak memory against the limit, this process's own
peak, and that nothing was written.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from resonance.ingest import importing, sandbox
from resonance.settings import parse_limits
from tests.integration.hostile_files import (
    HEADER_ROW,
    far_cell_xlsx,
    huge_text_xlsx,
    many_platform_csv,
    many_rows_xlsx,
    one_line_csv,
    xlsx,
)

ROOT = Path(__file__).resolve().parents[2]
PARENT_CEILING_MB = 1500          # pytest with pandas, DuckDB and Streamlit loaded stays well below


def _parent_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _nothing_written(store) -> None:
    with store.read() as con:
        assert con.execute("select count(*) from ingestion").fetchone()[0] == 0
        assert con.execute("select count(*) from metric_fact").fetchone()[0] == 0


def _refused(store, data: bytes, name: str) -> str:
    result = importing.preview(store, data, name, campaign="Match avec ton futur", partner="Tinder")
    assert result.errors and not result.ok, result
    assert len(result.facts) == 0
    message = result.errors[0]
    assert f"«\u202f{name}\u202f»" in message and "Traceback" not in message and "Error" not in message
    with pytest.raises(importing.ImportRefused):
        importing.load(store, result, created_by="test")
    _nothing_written(store)
    assert _parent_peak_mb() < PARENT_CEILING_MB
    return message


def test_a_2_kb_workbook_with_a_cell_at_xfd1048576_is_refused_before_anything_allocates(store):
    data = far_cell_xlsx()
    assert len(data) < 2500
    message = _refused(store, data, "rapport.xlsx")
    assert "16\u202f384 colonnes" in message and "limite" in message and "supprimez les lignes et colonnes vides" in message
    assert sandbox.last_run().outcome == "refused"


def test_the_same_cell_without_a_declared_dimension_is_stopped_by_the_memory_limit(store):
    data = xlsx([HEADER_ROW.encode(), b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'], dimension=None)
    message = _refused(store, data, "sans-dimension.xlsx")
    run = sandbox.last_run()
    assert run.outcome == "memory", run
    assert "Mo de mémoire" in message and "rien n'a été enregistré" in message
    assert run.peak_vm_mb <= parse_limits().memory_mb and run.peak_rss_mb < parse_limits().memory_mb


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    return huge_text_xlsx(2000)


@pytest.mark.slow     # hostile file: megabytes built, then parsed up to the memory limit: the full run only
def test_a_2_mb_zip_bomb_holding_one_huge_text_cell_is_refused_by_its_declared_size(store, zip_bomb):
    assert len(zip_bomb) < 2_500_000
    message = _refused(store, zip_bomb, "bombe.xlsx")
    assert "une fois décompressé" in message and "400 Mo" in message
    assert sandbox.last_run().outcome == "refused"


@pytest.mark.slow     # hostile file: megabytes built, then parsed up to the memory limit: the full run only
def test_a_zip_bomb_past_the_cheap_checks_is_stopped_by_the_memory_limit(store, monkeypatch):
    # the cheap checks loosened, as if the file lied about its sizes: the child's address-space limit still holds
    monkeypatch.setenv("RESONANCE_PARSE_MAX_UNPACKED_MB", "100000")
    monkeypatch.setenv("RESONANCE_PARSE_MAX_RATIO", "100000")
    monkeypatch.setenv("RESONANCE_PARSE_MEMORY_MB", "1800")
    message = _refused(store, huge_text_xlsx(700), "bombe-menteuse.xlsx")
    run = sandbox.last_run()
    assert run.outcome == "memory", run
    assert "1\u202f800 Mo de mémoire" in message
    assert run.peak_vm_mb <= 1800 and run.peak_rss_mb < 1800


@pytest.mark.slow     # hostile file: megabytes built, then parsed up to the memory limit: the full run only
def test_a_2_mb_workbook_of_2_million_rows_is_refused_for_its_rows_declared_or_counted(store):
    declared = many_rows_xlsx(2_000_000)
    assert len(declared) < 3_000_000
    message = _refused(store, declared, "deux-millions.xlsx")
    assert "2\u202f000\u202f001 lignes" in message and "1\u202f048\u202f576" in message
    counted = many_rows_xlsx(2_000_000, dimension=False)
    message = _refused(store, counted, "sans-dimension.xlsx")
    assert "lignes sur une feuille" in message
    assert sandbox.last_run().outcome == "refused"


def test_a_300_kb_one_line_csv_is_refused_in_french_not_with_a_csv_error(store):
    message = _refused(store, one_line_csv(300_000), "une-ligne.csv")
    assert "ligne de plus de 128 Ko" in message and "field larger" not in message


@pytest.mark.slow     # hostile file: megabytes built, then parsed up to the memory limit: the full run only
def test_many_platform_daily_rows_are_parsed_under_the_memory_limit(store, monkeypatch):
    """Finding 2: 400,000 daily rows over 50 platforms (7.1 GB before) load or are refused, within the limit."""
    monkeypatch.setenv("RESONANCE_PARSE_MEMORY_MB", "2500")
    data = many_platform_csv(400_000, 50)
    result = importing.preview(store, data, "plateformes.csv", campaign="Match avec ton futur", partner="Tinder")
    run = sandbox.last_run()
    assert run.outcome in ("done", "memory"), run
    if run.outcome == "memory":
        assert "2\u202f500 Mo de mémoire" in result.errors[0]
        _nothing_written(store)
    else:
        assert result.rows_read == 400_000
    assert run.peak_vm_mb <= 2500 and run.peak_rss_mb < 2500
    assert _parent_peak_mb() < PARENT_CEILING_MB


def test_a_parse_past_its_time_limit_is_stopped_and_said(store, monkeypatch):
    monkeypatch.setenv("RESONANCE_PARSE_TIMEOUT_S", "0.3")
    data = many_platform_csv(200_000, 50)
    result = importing.preview(store, data, "lent.csv", campaign="Match avec ton futur", partner="Tinder")
    assert sandbox.last_run().outcome == "timeout"
    assert "a dépassé 0 secondes" not in result.errors[0]
    assert "«\u202flent.csv\u202f»" in result.errors[0] and "secondes" in result.errors[0]
    _nothing_written(store)


def test_an_ordinary_report_still_loads_through_the_child(store):
    data = b"Date;Impressions;Clics\n02/06/2025;1200;35\n03/06/2025;1300;40\n"
    result = importing.preview(store, data, "juin.csv", campaign="Match avec ton futur", partner="Tinder")
    assert result.ok, result.errors
    assert sandbox.last_run().outcome == "done"
    assert result.totals["impressions"] == 2500
    loaded = importing.load(store, result, created_by="test")
    assert loaded.rows_loaded > 0


def test_the_command_line_refuses_the_far_cell_workbook_and_exits_cleanly(store, tmp_path):
    hostile = tmp_path / "rapport.xlsx"
    hostile.write_bytes(xlsx([HEADER_ROW.encode(), b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'],
                             dimension=None))
    done = subprocess.run([sys.executable, "-m", "resonance", "import", str(hostile), "--campaign", "Match avec ton futur"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False, env=os.environ)
    assert done.returncode == 2, done.stderr
    assert "«\u202frapport.xlsx\u202f» demande plus de" in done.stderr
    assert "Traceback" not in done.stderr
    _nothing_written(store)
