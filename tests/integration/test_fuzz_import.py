"""Fuzzing the file-import engine: generated CSV and XLSX bytes either load or are refused with a clean message —
never a traceback, never a partial ingestion.

RESONANCE_FUZZ_EXAMPLES sets the number of cases per strategy (small in CI; run it long once with
e.g. RESONANCE_FUZZ_EXAMPLES=2000).
"""
from __future__ import annotations

import io
import os
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from resonance.ingest import importing
from resonance.ingest.load import IngestError
from resonance.store import Store

pytestmark = pytest.mark.slow
EXAMPLES = int(os.environ.get("RESONANCE_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
HEADERS = ["Date", "Jour", "Période", "Date de début", "Date de fin", "Affichages", "Impressions", "Clics", "Clicks",
           "Taux de clic", "CTR", "Dépenses", "Coût (€)", "Portée", "Couverture", "Campagne", "Nom de la campagne",
           "Partenaire", "Plateforme", "Canal", "Vues vidéo", "Envois", "Ouvertures uniques", "Visites",
           "Conversions", "Titre", "Média", "URL", "Audience", "Tonalité", "Date de publication", "Total", ""]
CELLS = st.one_of(
    st.integers(-10**12, 10**15).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: f"{f}".replace(".", ",")),
    st.integers(0, 10**9).map(lambda n: f"{n:,}".replace(",", "\u202f")),
    st.integers(0, 10**9).map(lambda n: f"{n:,}".replace(",", ".")),
    st.integers(0, 10_000).map(lambda n: f"{n / 100:.2f} %".replace(".", ",")),
    st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates(date(2020, 1, 1), date(2027, 12, 31)).map(lambda d: d.isoformat()),
    st.dates(date(2020, 1, 1), date(2027, 12, 31)).map(lambda d: d.strftime("%m/%d/%y")),
    st.sampled_from(["", "--", "-", "n/a", "NaN", "Total", "TOTAL GÉNÉRAL", "=1+1", "=HYPERLINK(\"x\")", "'; DROP TABLE x;--",
                     "31/02/2025", "00/00/0000", "1e308", "-0", "∞", "Match avec ton futur", "Tinder", "positif"]),
    st.text(max_size=30),
)


def _counts(store: Store) -> dict[str, int]:
    with store.read() as con:
        names = [n for (n,) in con.execute("select table_name from information_schema.tables"
                                            " where table_type = 'BASE TABLE' order by 1").fetchall()]
        return {n: con.table(n).aggregate("count(*)").fetchall()[0][0] for n in names if n != "schema_version"}


@st.composite
def csv_files(draw) -> bytes:
    separator = draw(st.sampled_from([";", ",", "\t", "|"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    width = draw(st.integers(1, 7))
    headers = draw(st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=15)), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 1), max_size=25))
    titles = draw(st.lists(st.text(max_size=40), max_size=3))
    lines = [*titles, separator.join(headers), *(separator.join(r) for r in rows)]
    if draw(st.booleans()):
        lines.append(separator.join(["Total", *[draw(CELLS) for _ in range(width - 1)]]))
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    return text.encode(encoding, errors="replace")


@st.composite
def xlsx_files(draw) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    width = draw(st.integers(1, 6))
    sheet.append(draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width)))
    value = st.one_of(st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False), CELLS,
                      st.datetimes(datetime(1950, 1, 1), datetime(2090, 1, 1)),
                      st.dates(date(2020, 1, 1), date(2027, 1, 1)).map(lambda d: datetime(d.year, d.month, d.day)),
                      st.timedeltas(timedelta(0), timedelta(days=3)))
    for row in draw(st.lists(st.lists(value, max_size=width + 1), max_size=20)):
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    try:
        book.save(out)
    except Exception:                       # a value openpyxl itself refuses (control characters): not a file
        return b"PK\x03\x04"
    data = out.getvalue()
    cut = draw(st.sampled_from([None, None, None, len(data) // 2, 100]))
    return data if cut is None else data[:cut]


@st.composite
def plausible_csv(draw) -> bytes:
    """A report as partners send them, then damaged a little: most of these load, some lines are refused."""
    separator = draw(st.sampled_from([";", ",", "\t"]))
    decimal = "," if separator != "," else "."
    metrics = draw(st.lists(st.sampled_from(["Affichages", "Clics", "Dépenses", "Portée", "Visites", "Taux de clic"]),
                            min_size=1, max_size=4, unique=True))
    days = draw(st.lists(st.dates(date(2025, 5, 12), date(2025, 6, 15)), min_size=1, max_size=30, unique=True))

    def figure(metric):
        if metric == "Taux de clic":
            return st.integers(0, 10_000).map(lambda n: f"{n / 100:.2f} %".replace(".", decimal))
        return st.one_of(st.integers(0, 10**8).map(str),
                         st.integers(0, 10**8).map(lambda n: f"{n:,}".replace(",", "\u202f")),
                         st.integers(0, 10**6).map(lambda n: f"{n / 100:.2f}".replace(".", decimal)))

    lines = [separator.join(["Date", *metrics])]
    for day in days:
        cells = [day.strftime(draw(st.sampled_from(["%d/%m/%Y", "%Y-%m-%d"])))]
        cells += [draw(st.one_of(figure(m), CELLS)) if draw(st.integers(0, 9)) == 0 else draw(figure(m)) for m in metrics]
        lines.append(separator.join(cells))
    return "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])), errors="replace")


def _clean(message: str) -> None:
    assert isinstance(message, str) and message.strip()
    assert "Traceback" not in message and "File \"" not in message


def check_one(store: Store, data: bytes, file_name: str, options: dict, tally: dict) -> None:
    # not inside store.hold(): the preview runs in a bounded child process that opens the store itself
    _check_one(store, data, file_name, options, tally)


def _check_one(store: Store, data: bytes, file_name: str, options: dict, tally: dict) -> None:
    before = _counts(store)
    result = importing.preview(store, data, file_name, **options)     # must not raise: refusals are messages
    for message in [*result.errors, *result.warnings]:
        _clean(message)
    assert _counts(store) == before, "preview wrote to the store"
    try:
        outcome = importing.load(store, result, accept_warnings=True, skip_rejected=True)
    except (importing.ImportRefused, IngestError) as refusal:
        _clean(str(refusal))
        assert _counts(store) == before, "a refused file left something behind"
        tally["refused"] += 1
        return
    after = _counts(store)
    if outcome.ingestion_id is None:
        assert outcome.already_loaded and after == before
        tally["already"] += 1
        return
    with store.read() as con:
        facts, press = con.execute(
            "select (select count(*) from metric_fact where ingestion_id = $i),"
            " (select count(*) from press_mention where ingestion_id = $i)", {"i": outcome.ingestion_id}).fetchall()[0]
        recorded = con.execute("select rows_loaded from ingestion where id = $i", {"i": outcome.ingestion_id}).fetchall()
    assert recorded == [(facts + press,)] and facts + press == outcome.rows_loaded
    assert after["ingestion"] == before["ingestion"] + 1
    tally["loaded"] += 1


OPTIONS = st.sampled_from([{}, {"campaign": "Fuzz", "partner": "Relais"}, {"campaign": "Match avec ton futur"},
                           {"campaign": "Fuzz", "kind": "press"}])


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("fuzz") / "resonance.duckdb")
    store.version()
    tally = {"loaded": 0, "refused": 0, "already": 0}
    yield store, tally
    print(f"\nfuzz: {sum(tally.values())} files — {tally['loaded']} loaded, {tally['refused']} refused with a message, "
          f"{tally['already']} already loaded; no traceback, no partial ingestion")


@FUZZ
@given(data=csv_files(), options=OPTIONS)
def test_generated_csv_loads_or_is_refused_cleanly(fuzz_store, data, options):
    store, tally = fuzz_store
    check_one(store, data, "rapport.csv", options, tally)


@FUZZ
@given(data=plausible_csv(), name=st.sampled_from(["bilan juin.csv", "export"]))
def test_plausible_reports_with_damaged_cells_load_whole_or_are_refused_cleanly(fuzz_store, data, name):
    store, tally = fuzz_store
    check_one(store, data, name, {"campaign": "Fuzz", "partner": "Relais"}, tally)


@FUZZ
@given(data=xlsx_files(), options=OPTIONS)
def test_generated_xlsx_loads_or_is_refused_cleanly(fuzz_store, data, options):
    store, tally = fuzz_store
    check_one(store, data, "rapport.xlsx", options, tally)


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from(["rapport.csv", "rapport.xlsx", "photo.png", "sans extension"]))
def test_random_bytes_load_or_are_refused_cleanly(fuzz_store, data, name):
    store, tally = fuzz_store
    check_one(store, data, name, {"campaign": "Fuzz"}, tally)
