"""Fuzzing the bounded reader with hostile workbooks and CSV: declared dimensions far beyond the data, rows repeated a
million times, zip parts that unpack hundreds of times larger, cells of hundreds of KB, thousands of columns.

Every generated file gets a Preview back — loaded or refused with a French sentence naming it, never a traceback —
the child that parsed it stayed under its address-space limit, this process stayed small, and at the end an
ordinary report still parses (the fork server and this process are alive).
RESONANCE_FUZZ_HOSTILE_EXAMPLES sets the cases per format (small by default, as in CI; e.g. 300 for a long run).
"""
from __future__ import annotations

import os
import resource

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from connectors.partner_file.limits import column_number
from resonance.ingest import importing, sandbox
from tests.integration.hostile_files import HEADER_ROW, ODS_HEADER_ROW, ods, ods_row, xlsx

EXAMPLES = int(os.environ.get("RESONANCE_FUZZ_HOSTILE_EXAMPLES", "6"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
MEMORY_MB = 2500
LIMITS = {"RESONANCE_PARSE_MEMORY_MB": str(MEMORY_MB), "RESONANCE_PARSE_MAX_UNPACKED_MB": "16",
          "RESONANCE_PARSE_TIMEOUT_S": "40", "RESONANCE_PARSE_MAX_CELLS": "2000000"}
PARENT_CEILING_MB = 1500
pytestmark = pytest.mark.slow


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@pytest.fixture
def bounded(store, monkeypatch):
    for name, value in LIMITS.items():
        monkeypatch.setenv(name, value)
    return store


def _judge(store, data: bytes, name: str) -> None:
    result = importing.preview(store, data, name, campaign="Match avec ton futur", partner="Relais")
    assert isinstance(result, importing.Preview)
    for sentence in result.errors:
        assert f"«\u202f{name}\u202f»" in sentence or name not in sentence, sentence
        assert "Traceback" not in sentence and "_csv" not in sentence and "MemoryError" not in sentence, sentence
    run = sandbox.last_run()
    event(f"outcome: {run.outcome if run else None}")
    assert run is not None and run.outcome in ("done", "refused", "memory", "timeout", "failed"), run
    if run.outcome != "done":
        assert result.errors, run
    assert run.peak_vm_mb <= MEMORY_MB and run.peak_rss_mb < MEMORY_MB, run
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < PARENT_CEILING_MB


@st.composite
def hostile_xlsx(draw) -> bytes:
    rows = draw(st.integers(0, 2000))
    parts = [HEADER_ROW.encode()]
    parts += [f'<row><c t="inlineStr"><is><t>{2 + n % 28:02d}/06/2025</t></is></c><c><v>{n}</v></c></row>'.encode()
              for n in range(rows)]
    far_row = draw(st.sampled_from([None, 5000, 1_048_576, 2_000_000]))
    far_col = draw(st.sampled_from([2, 26, 703, 16384]))
    if far_row:
        parts.append(f'<row r="{far_row}"><c r="{_letters(far_col)}{far_row}"><v>1</v></c></row>'.encode())
    text_mb = draw(st.sampled_from([0, 0, 1, 4, 40]))          # one text cell unpacking to this many MB
    if text_mb:
        parts += [b'<row><c t="inlineStr"><is><t>', *(b"A" * (1 << 20) for _ in range(text_mb)), b"</t></is></c></row>"]
    dimension = draw(st.sampled_from(["none", "true", "small", "huge"]))
    last_row = max(rows + 1, far_row or 0)
    ref = {"none": None, "true": f"A1:{_letters(max(2, far_col if far_row else 2))}{last_row}", "small": "A1:B2",
           "huge": f"A1:{_letters(draw(st.sampled_from([2, 702, 16384])))}{draw(st.sampled_from([10, 10**6, 10**7]))}"}
    return xlsx(parts, dimension=ref[dimension])


@st.composite
def hostile_ods(draw) -> bytes:
    parts = [ODS_HEADER_ROW.encode()]
    for n in range(draw(st.integers(0, 300))):
        parts.append(ods_row(f"{2 + n % 28:02d}/06/2025", n))
    repeated = draw(st.sampled_from([1, 1000, 1_048_576, 3_000_000]))
    columns = draw(st.sampled_from([1, 2, 1024, 16384]))
    parts.append(ods_row("30/06/2025", 7, repeated=repeated, columns_repeated=columns))
    if draw(st.booleans()):     # LibreOffice's own trailing empty rows: repeated, holding no value
        parts.append(b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell'
                     b' table:number-columns-repeated="1024"/></table:table-row>')
    text_mb = draw(st.sampled_from([0, 0, 2, 40]))
    if text_mb:
        parts += [b'<table:table-row><table:table-cell office:value-type="string"><text:p>',
                  *(b"B" * (1 << 20) for _ in range(text_mb)), b"</text:p></table:table-cell></table:table-row>"]
    return ods(parts)


@st.composite
def hostile_csv(draw) -> bytes:
    separator = draw(st.sampled_from([";", ",", "\t"]))
    columns = draw(st.sampled_from([2, 3, 300, 20_000]))
    header = separator.join(["Date", "Impressions", *(f"c{i}" for i in range(columns - 2))])
    lines = [header]
    for n in range(draw(st.integers(0, 500))):
        lines.append(separator.join([f"{2 + n % 28:02d}/06/2025", str(n), *("1" for _ in range(columns - 2))]))
    cell_kb = draw(st.sampled_from([0, 0, 100, 200, 600]))
    if cell_kb:
        quoted = draw(st.booleans())
        cell = ("x" * (cell_kb * 1024))
        lines.insert(draw(st.integers(0, len(lines))), f'"{cell}' if quoted else cell)   # an unclosed quote, too
    if draw(st.booleans()):
        lines.append("\x00" * draw(st.integers(1, 64)))
    return ("\n".join(lines) + "\n").encode("utf-8")


@FUZZ
@given(data=hostile_xlsx())
def test_hostile_workbooks_are_read_or_refused_within_the_limits(bounded, data):
    _judge(bounded, data, "rapport.xlsx")


@FUZZ
@given(data=hostile_ods())
def test_hostile_opendocument_sheets_are_read_or_refused_within_the_limits(bounded, data):
    _judge(bounded, data, "rapport.ods")


@FUZZ
@given(data=hostile_csv())
def test_hostile_csv_are_read_or_refused_within_the_limits(bounded, data):
    _judge(bounded, data, "rapport.csv")


def test_after_the_fuzz_an_ordinary_report_still_parses(bounded):
    data = b"Date;Impressions\n02/06/2025;1200\n03/06/2025;1300\n"
    result = importing.preview(bounded, data, "juin.csv", campaign="Match avec ton futur", partner="Relais")
    assert result.ok, result.errors
    assert sandbox.last_run().outcome == "done"
    assert column_number("XFD") == 16384
