"""SQL injection: quotes, semicolons and `'; DROP TABLE` through every text field the services take; the store stays whole.

Each hostile text goes in as a campaign name, a partner name, a column header (saved with the
partner's mapping), a file name, a press title and outlet, a picture caption, meeting notes, a
chart note, an account name, a sign-in attempt and an audit entry. Afterwards every table is
still there, nothing that was stored before is gone, and each text is stored exactly as typed.
"""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from PIL import Image

from resonance.ingest import importing
from resonance.services import accounts, audit, comparison, relationship
from resonance.services.partnership import campaign_id, ensure_partner

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)

HOSTILE = [
    "O'Brien & fils",
    "'; DROP TABLE metric_fact; --",
    "\"; DROP TABLE campaign; --",
    "Robert'); DELETE FROM ingestion WHERE ('1'='1",
    "x' OR '1'='1'; UPDATE account SET role='admin'; --",
    "$campaign_id; select * from account; /* */",
    "\\'; truncate press_mention; --",
]


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 0, 145)).save(out, "PNG")
    return out.getvalue()


def _snapshot(store) -> dict[str, int]:
    with store.read() as con:
        names = [n for (n,) in con.execute("select table_name from information_schema.tables"
                                            " where table_type = 'BASE TABLE' and table_catalog = current_database()"
                                            " order by 1").fetchall()]   # the lake's own, not PostgreSQL's
        return {n: con.table(n).aggregate("count(*)").fetchall()[0][0] for n in names}


def _one(store, sql: str, params: dict):
    with store.read() as con:
        return con.execute(sql, params).fetchall()


# Each kind of quote, backslash, parenthesis, semicolon, comment and $name above in one text (79 characters, within
# an account name's 80): the fast loop's case; each text above alone runs in make test (slow).
ALL_AT_ONCE = "O'Brien & fils\\'); \"; DROP TABLE metric_fact; $campaign_id /* */ OR '1'='1'; --"


@pytest.mark.parametrize("text", [pytest.param(ALL_AT_ONCE, id="all-at-once"),
                                  *(pytest.param(text, marks=pytest.mark.slow) for text in HOSTILE)])
def test_hostile_text_is_stored_as_text_and_the_store_stays_whole(demo_store, text, monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")
    before = _snapshot(demo_store)
    roles_before = _one(demo_store, "select name, role from account order by id", {})

    # A partner file: hostile campaign, partner, extra column header and file name.
    facts = _csv([["Date", "Affichages", "Clics", text], ["02/06/2025", "1000", "10", text], ["03/06/2025", "2000", "20", text]])
    result = importing.preview(demo_store, facts, f"{text}.csv", campaign=text, partner=text)
    assert result.ok, result.errors
    loaded = importing.load(demo_store, result, created_by=text, accept_warnings=True)
    assert loaded.rows_loaded == 4
    # A press review: hostile title and outlet.
    press = _csv([["Date de publication", "Média", "Titre", "URL"], ["04/06/2025", text, text, "https://exemple.test/a"]])
    press_result = importing.preview(demo_store, press, "presse.csv", campaign=text, kind="press")
    assert press_result.ok, press_result.errors
    importing.load(demo_store, press_result, accept_warnings=True)
    # A picture, a meeting, a chart note, an account, a sign-in, an audit entry.
    importing.add_picture(demo_store, _png(), f"{text}.png", campaign=text, partner=text, caption=text, created_by=text)
    with demo_store.transaction() as con:
        partner = ensure_partner(con, text)
        campaign = campaign_id(con, text)
    relationship.add_meeting(demo_store, partner, date(2026, 1, 5), kind="meeting", notes=text, next_step=text,
                             next_date=date(2026, 2, 5), created_by=text, today=date(2026, 1, 10))
    comparison.add_annotation(demo_store, campaign, date(2025, 6, 2), text[:120])
    accounts.add(demo_store, text, "lecteur", "une phrase de passe solide", by=text)
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(demo_store, text, text)
    audit.record_now(demo_store, text, text, text, {text: text})
    with pytest.raises(comparison.ComparisonError):
        comparison.resolve(demo_store, f"{text}/{text}x")

    # Every table is still there and nothing stored before is gone.
    after = _snapshot(demo_store)
    assert after.keys() == before.keys()
    assert all(after[name] >= rows for name, rows in before.items()), (before, after)
    assert _one(demo_store, "select name, role from account order by id", {})[:len(roles_before)] == roles_before
    # Each text stored exactly as typed.
    assert _one(demo_store, "select count(*) from campaign where name = $t", {"t": text}) == [(1,)]
    assert _one(demo_store, "select count(*) from partner where name = $t", {"t": text}) == [(1,)]
    assert _one(demo_store, "select count(*) from press_mention where title = $t and outlet = $t", {"t": text}) == [(1,)]
    assert _one(demo_store, "select count(*) from asset where caption = $t and created_by = $t", {"t": text}) == [(1,)]
    assert _one(demo_store, "select count(*) from ingestion where file_name = $f and created_by = $t",
                {"f": f"{text}.csv", "t": text}) == [(1,)]
    assert _one(demo_store, "select count(*) from meeting where notes = $t and next_step = $t", {"t": text}) == [(1,)]
    assert _one(demo_store, "select count(*) from annotation where label = $t", {"t": text[:120]}) == [(1,)]
    assert _one(demo_store, "select role from account where name = $t", {"t": " ".join(text.split())}) == [("lecteur",)]
    assert _one(demo_store, "select count(*) from audit_event where actor = $t and action = $t and target = $t",
                {"t": text}) == [(1,)]
    figures = _one(demo_store, "select metric, sum(value) from metric_fact f join campaign c on c.id = f.campaign_id"
                               " where c.name = $t group by 1 order by 1", {"t": text})
    assert figures == [("clicks", 30.0), ("impressions", 3000.0)]
