"""The views and macros (resonance/store/definitions/): a store migrated from an old version ends with the same
definitions and figures as a fresh one; a changed definition is made again at the next open, a gone one dropped, a
broken one refused without touching the store; a changed definition leaves every rollup to be recomputed."""
from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from resonance import store as store_module
from resonance.services import rollups
from resonance.store import Store, StoreError, latest_version, repeatable
from resonance.store.lake import split

# Rows an old store may hold (its tables are 001's): two campaigns, partners, a spend, press, facts without partner
_ROWS = """
insert into partner (id, name) values (1, 'Mairie'), (2, 'Radio');
insert into campaign (id, name, theme, start_date, end_date) values
    (1, 'Jobs d''été', 'emploi', '2025-03-01', '2025-03-31'), (2, 'Canicule', 'santé', '2025-07-01', '2025-07-20');
insert into partnership (id, campaign_id, partner_id) values (1, 1, 1), (2, 1, 2), (3, 2, 1);
insert into metric_fact (campaign_id, partner_id, channel, peso, platform, period_start, period_end, metric, value,
                         ingestion_id) values
    (1, 1, 'social', 'shared', 'facebook', '2025-03-03', '2025-03-03', 'impressions', 12000, 1),
    (1, 1, 'social', 'shared', 'facebook', '2025-03-03', '2025-03-03', 'clicks', 240, 1),
    (1, 1, 'social', 'shared', 'facebook', '2025-03-10', '2025-03-10', 'impressions', 8000, 1),
    (1, 2, 'radio', 'paid', '', '2025-03-01', '2025-03-31', 'impressions', 50000, 1),
    (1, 2, 'radio', 'paid', '', '2025-03-01', '2025-03-31', 'spend', 1500, 1),
    (1, null, 'web', 'owned', '', '2025-03-05', '2025-03-05', 'landing_visits', 900, 1),
    (2, 1, 'email', 'shared', '', '2025-07-02', '2025-07-02', 'sends', 4000, 2),
    (2, 1, 'email', 'shared', '', '2025-07-02', '2025-07-02', 'unique_opens', 1100, 2),
    (2, 1, 'email', 'shared', '', '2025-07-02', '2025-07-02', 'email_clicks', 130, 2);
insert into press_mention (campaign_id, partner_id, published_on, outlet, title, audience, ingestion_id)
    values (1, 1, '2025-03-04', 'Le Journal', 'Des jobs pour l''été', 30000, 3);
"""

_STALE_FIGURES = """-- the figures as an old version of Résonance made them
create or replace macro figures(at_grain, from_day, to_day, of_theme) as table select 1 as stale;
"""
_GONE_VIEW = "create or replace view old_totals as select count(*) as facts from metric_fact;\n"
_GONE_MACRO = "create or replace macro old_facts() as table select * from metric_fact;\n"


def _forget(db) -> None:
    store_module._shared.pop(db.resolve(), None)


def _old_store(db, version: int, tmp_path, monkeypatch) -> None:
    """A store file at `version`, with the views and macros an older Résonance left: stale or gone since."""
    migrations, definitions = tmp_path / "old-migrations", tmp_path / "old-definitions"
    migrations.mkdir()
    definitions.mkdir()
    for number, _, path in store_module.migrations():
        if number <= version:
            shutil.copy(path, migrations)
    for name in ("010_ratio.sql", "020_fact_wide.sql"):
        shutil.copy(repeatable.DEFINITIONS_DIR / name, definitions)
    (definitions / "110_figures.sql").write_text(_STALE_FIGURES, encoding="utf-8")
    (definitions / "900_old_totals.sql").write_text(_GONE_VIEW, encoding="utf-8")
    (definitions / "910_old_facts.sql").write_text(_GONE_MACRO, encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS_DIR", migrations)
        patch.setattr(repeatable, "DEFINITIONS_DIR", definitions)
        old = Store(db, file=True)
        assert old.version() == version
        with old.transaction() as con:
            con.execute(_ROWS)
            assert con.execute("select * from figures('portfolio', null, null, null)").fetchall() == [(1,)]
            assert con.execute("select count(*) from old_facts()").fetchall() == [(9,)]
        old.close()
    _forget(db)


def _state(store: Store) -> dict:
    rollups.ensure(store)
    with store.read() as con:
        return {
            "version": store.version(),
            "definitions": sorted(con.execute("select name, kind, checksum from schema_definition").fetchall()),
            "objects": sorted(con.execute(
                "select view_name from duckdb_views() where database_name = current_database() and not internal"
                " union all select function_name from duckdb_functions()"
                " where database_name = current_database() and function_type like '%macro'").fetchall()),
            "figures": con.execute("select * from figures('partnership', null, null, null)"
                                   " order by campaign_id, partner_id").fetchall(),
            "portfolio": con.execute("select * from figures('portfolio', null, null, null)").fetchall(),
            "rolled": con.execute("select * from figures('campaign', '2025-03-02', '2025-07-10', null, rolled := true)"
                                  " order by campaign_id").fetchall(),
            "partnership_figures": con.execute("select * from partnership_figures order by partnership_id").fetchall(),
            "amplification": con.execute("select * from amplification('partner') order by partner_id").fetchall(),
        }


@pytest.fixture(scope="module")
def fresh_state(tmp_path_factory) -> dict:
    """What a fresh store holding the same rows reads: made once, each old version is compared with it."""
    fresh = Store(tmp_path_factory.mktemp("fresh") / "fresh.duckdb", file=True)
    with fresh.transaction() as con:
        con.execute(_ROWS)
    state = _state(fresh)
    fresh.close()
    return state


@pytest.mark.parametrize("version", [1, 8, 31])
def test_a_store_migrated_from_an_old_version_ends_like_a_fresh_one(tmp_path, monkeypatch, version, fresh_state):
    old_db = tmp_path / "old.duckdb"
    _old_store(old_db, version, tmp_path, monkeypatch)
    migrated = Store(old_db, file=True)
    expected = fresh_state
    assert expected["version"] == latest_version()
    assert len(expected["definitions"]) == len(repeatable.definitions())
    assert ("figures",) in expected["objects"] and ("partnership_figures",) in expected["objects"]
    assert len(expected["figures"]) == 4 and expected["rolled"]
    assert _state(migrated) == expected


def _copied_definitions(tmp_path, monkeypatch):
    folder = tmp_path / "definitions"
    shutil.copytree(repeatable.DEFINITIONS_DIR, folder)
    monkeypatch.setattr(repeatable, "DEFINITIONS_DIR", folder)
    return folder


def _reopen(store: Store) -> None:
    """As a new process would: a new connection, the migrations and definitions checked again."""
    store.close()


@pytest.mark.both_stores
def test_a_changed_definition_is_made_again_and_a_gone_one_dropped_at_the_next_open(store, tmp_path, monkeypatch):
    folder = _copied_definitions(tmp_path, monkeypatch)
    with store.read() as con:
        before = dict(con.execute("select name, checksum from schema_definition").fetchall())
        assert con.execute("select count(*) from figures_partnership_day").fetchall() == [(0,)]
    _reopen(store)
    view = folder / "080_figure_cell.sql"
    view.write_text(view.read_text(encoding="utf-8").replace("select *", "select *, 'marked' as marked"),
                    encoding="utf-8")
    (folder / "120_figures_partnership_day.sql").unlink()
    with store.read() as con:
        after = dict(con.execute("select name, checksum from schema_definition").fetchall())
        assert con.execute("select marked from figure_cell").fetchall() == []
        views = {name for (name,) in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert "figures_partnership_day" not in views and "figure_cell" in views
    assert set(after) == set(before) - {"figures_partnership_day"}
    assert {name for name in after if after[name] != before[name]} == {"figure_cell"}


def test_a_changed_definition_leaves_every_rollup_to_be_recomputed(tmp_path, monkeypatch):
    folder = _copied_definitions(tmp_path, monkeypatch)
    store = Store(tmp_path / "rolled.duckdb", file=True)
    with store.transaction() as con:
        con.execute(_ROWS)
    rollups.ensure(store)
    with store.read() as con:
        assert rollups.stale(con) == []
    _reopen(store)
    ratio = folder / "010_ratio.sql"
    ratio.write_text(ratio.read_text(encoding="utf-8") + "-- a comment is a change: the text is what counts\n",
                     encoding="utf-8")
    with store.read() as con:
        assert rollups.stale(con) == [1, 2]
    rollups.ensure(store)
    with store.read() as con:
        assert rollups.stale(con) == []


def test_a_broken_definition_is_refused_and_the_store_keeps_the_last_good_ones(tmp_path, monkeypatch):
    folder = _copied_definitions(tmp_path, monkeypatch)
    db = tmp_path / "kept.duckdb"
    store = Store(db, file=True)
    with store.read() as con:
        before = con.execute("select name, checksum from schema_definition order by name").fetchall()
    _reopen(store)
    (folder / "010_ratio.sql").write_text(
        "create or replace macro ratio(numerator, denominator) as 0;\n", encoding="utf-8")
    (folder / "140_figures_campaign.sql").write_text(
        "create or replace view figures_campaign as select * from no_such_table;\n", encoding="utf-8")
    with pytest.raises(StoreError, match="140_figures_campaign.sql a échoué"):
        store.version()
    store.close()
    with duckdb.connect(str(db), read_only=True) as con:     # as it was: the ledger and the definitions made before
        assert con.execute("select name, checksum from schema_definition order by name").fetchall() == before
        assert con.execute("select ratio(1, 4), count(*) from figures_campaign").fetchall() == [(0.25, 0)]


def test_the_migrations_hold_no_view_nor_macro_and_each_definition_is_one():
    """A view or macro lives in definitions/ alone: the lake makes its macros from there at each connection."""
    for _, _, path in store_module.migrations():
        for statement in split(path.read_text(encoding="utf-8")):
            assert not re.match(r"create\s+(or\s+replace\s+)?(temp\w*\s+)?(view|macro|function)\b", statement, re.I), \
                f"{path.name}: move it to resonance/store/definitions/"
    made = repeatable.definitions()
    assert [d.name for d in made][:2] == ["ratio", "fact_wide"] and len(made) == len({d.name for d in made})
