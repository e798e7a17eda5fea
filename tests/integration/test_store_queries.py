"""The store's own lookups (catalog, tables, schema version), the backup's detach and checkpoint, the picture insert."""
from __future__ import annotations

from datetime import date

import queries
from resonance.services.partnership import ensure_campaign, ensure_partner
from resonance.store import latest_version


def test_the_catalog_is_named_after_the_file(store):
    with store.read() as con:
        assert queries.run(con, "store_catalog").to_dict("records") == [{"catalog": "resonance"}]


def test_the_tables_come_sorted_and_only_base_tables(store):
    with store.read() as con:
        con.execute("create temp view not_a_table as select 1")   # a view: never counted as a table
        tables = queries.run(con, "store_tables", {"catalog": "resonance"})["table_name"].tolist()
        assert queries.run(con, "store_tables", {"catalog": "elsewhere"}).empty
    assert tables == sorted(tables)
    assert {"asset", "campaign", "metric_fact", "partner", "schema_version"} <= set(tables)
    assert "not_a_table" not in tables


def test_the_latest_schema_version_is_the_last_migration(store):
    with store.read() as con:
        assert int(queries.run(con, "schema_version_latest")["version"].iloc[0]) == latest_version()


def test_detach_forgets_the_backup_copy_and_is_quiet_when_there_is_none(store, tmp_path):
    with store.transaction() as con:
        queries.execute(con, "backup_detach")                     # nothing attached: no error
        con.execute(f"attach '{tmp_path / 'copy.duckdb'}' as resonance_backup")
        assert "resonance_backup" in con.execute("select database_name from duckdb_databases()").df()["database_name"].tolist()
        queries.execute(con, "backup_detach")
        assert "resonance_backup" not in con.execute("select database_name from duckdb_databases()").df()["database_name"].tolist()


def test_checkpoint_folds_the_log_into_the_file(store):
    wal = store.path.with_name(store.path.name + ".wal")
    with store.read() as con:
        con.execute("create table scratch as select range as n from range(50000)")
        assert wal.exists() and wal.stat().st_size > 0                      # the write waits in the log
        queries.execute(con, "store_checkpoint")
        assert not wal.exists() or wal.stat().st_size == 0
        assert con.execute("select count(*) from scratch").fetchone() == (50000,)


def test_a_picture_is_recorded_with_its_id(store):
    with store.transaction() as con:
        campaign, partner = ensure_campaign(con, "Campagne"), ensure_partner(con, "Partenaire")
        first = queries.run(con, "asset_insert", {
            "kind": "photo", "sha256": "a" * 64, "mime": "image/png", "width": 40, "height": 30, "caption": "Légende",
            "taken_on": date(2025, 5, 12), "campaign_id": campaign, "partner_id": partner, "illustrates_metric": "clicks",
            "created_by": "test"})["id"].iloc[0]
        rows = con.execute("select id, kind, sha256, width, height, caption, taken_on, campaign_id, partner_id,"
                           " illustrates_metric from asset").fetchall()
    assert rows == [(first, "photo", "a" * 64, 40, 30, "Légende", date(2025, 5, 12), campaign, partner, "clicks")]
