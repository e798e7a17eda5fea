"""Backup and restore: every table and every picture comes back identical in an empty store; damaged backups are refused."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from resonance.ingest import load as ingest
from resonance.services import accounts, audit, backup
from resonance.settings import settings
from resonance.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _backup_key(monkeypatch):
    """Backups are signed with the admin's key (tampering: tests/integration/test_access_backup.py)."""
    monkeypatch.setenv("RESONANCE_BACKUP_KEY", "clé de l'administrateur, hors du serveur")


def tables(db: Path) -> dict[str, pd.DataFrame]:
    """Every base table, rows sorted, read straight from the file (this process's idle hold on it let go first)."""
    Store(db, file=True).release()
    with duckdb.connect(str(db), read_only=True) as con:
        names = [n for (n,) in con.execute("select table_name from information_schema.tables"
                                            " where table_type = 'BASE TABLE' order by 1").fetchall()]
        return {n: con.execute(f'select * from "{n}" order by all').df() for n in names}  # noqa: S608 - catalog names


def picture_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _cli(*args, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "RESONANCE_DB": str(db), "RESONANCE_LANG": "fr"}
    env.pop("RESONANCE_ASSETS", None)
    return subprocess.run([sys.executable, "-m", "resonance", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


@pytest.mark.slow     # backup and restore as command-line processes, every picture copied twice: the full run only
def test_a_backup_restored_into_an_empty_store_holds_every_table_and_picture(demo_store, tmp_path):
    accounts.add(demo_store, "Alice Admin", "admin", "une phrase de passe solide")
    audit.record_now(demo_store, "Alice Admin", "campaign.edit", "campaign 1", {"field": "lessons"})
    source_db, source_pictures = demo_store.path, settings().assets
    before_tables, before_pictures = tables(source_db), picture_hashes(source_pictures)
    assert len(before_pictures) >= 22 * 2             # the demo's pictures and their thumbnails

    done = _cli("backup", str(tmp_path / "sauvegarde"), db=source_db)
    assert done.returncode == 0, done.stderr
    assert "Sauvegarde prête" in done.stdout

    empty = tmp_path / "neuve" / "resonance.duckdb"
    done = _cli("restore", str(tmp_path / "sauvegarde"), db=empty)
    assert done.returncode == 0, done.stderr
    after_tables, after_pictures = tables(empty), picture_hashes(empty.parent / "assets")
    assert after_tables.keys() == before_tables.keys()
    for name, frame in before_tables.items():
        pd.testing.assert_frame_equal(after_tables[name], frame, check_dtype=True, obj=name)
    assert after_pictures == before_pictures
    with duckdb.connect(str(empty), read_only=True) as con:    # every asset row finds its picture, intact
        for sha, mime in con.execute("select sha256, mime from asset where sha256 is not null").fetchall():
            name = f"{sha}.{'png' if mime == 'image/png' else 'jpg' if mime == 'image/jpeg' else 'webp'}"
            assert after_pictures[name] == sha
    # The restored store works: the admin signs in, the next ingestion gets a fresh id.
    restored = Store(empty)
    assert accounts.sign_in(restored, "Alice Admin", "une phrase de passe solide").role == "admin"
    result = ingest.load(restored, source="test", facts=pd.DataFrame([{
        "campaign_id": 1, "partner_id": None, "channel": "web", "peso": "owned", "platform": "", "period_start": "2026-01-01",
        "period_end": "2026-01-31", "metric": "landing_visits", "value": 5}]))
    assert result.ingestion_id == int(before_tables["ingestion"]["id"].max()) + 1


def test_a_damaged_backup_is_refused_and_nothing_changes(demo_store, tmp_path):
    backup.backup(demo_store, tmp_path / "b")
    picture = next((tmp_path / "b" / "pictures").glob("*.png"))
    picture.write_bytes(picture.read_bytes()[:-10])
    empty = Store(tmp_path / "autre" / "resonance.duckdb")
    with pytest.raises(backup.BackupError, match=r"abîmée : pictures/.*\.png"):
        backup.restore(empty, tmp_path / "b")
    assert not empty.path.exists()
    with pytest.raises(backup.BackupError, match="n'est pas une sauvegarde"):
        backup.restore(empty, tmp_path)


def test_restore_over_a_store_with_data_needs_force_and_keeps_the_old_one(demo_store, tmp_path):
    backup.backup(demo_store, tmp_path / "b")
    with demo_store.transaction() as con:
        con.execute("delete from press_mention")
    with pytest.raises(backup.BackupError, match="--force"):
        backup.restore(demo_store, tmp_path / "b")
    summary = backup.restore(demo_store, tmp_path / "b", force=True)
    with demo_store.read() as con:
        assert con.execute("select count(*) from press_mention").fetchall()[0][0] == summary.tables["press_mention"] > 0
    with duckdb.connect(str(summary.kept), read_only=True) as con:
        assert con.execute("select count(*) from press_mention").fetchall()[0][0] == 0


def test_a_backup_taken_while_imports_run_holds_whole_ingestions_only(store, tmp_path):
    with store.transaction() as con:
        con.execute("insert into campaign (name) values ('Sauvegarde à chaud')")

    def facts(n: int) -> pd.DataFrame:
        days = pd.date_range("2024-01-01", periods=500).date
        return pd.DataFrame({"campaign_id": 1, "partner_id": None, "channel": "web", "peso": "owned", "platform": f"p{n}",
                             "period_start": days, "period_end": days, "metric": "landing_visits", "value": range(500)})

    stop = threading.Event()

    def keep_importing():
        n = 0
        while not stop.is_set():
            ingest.load(store, source="test", facts=facts(n))
            n += 1

    worker = threading.Thread(target=keep_importing)
    worker.start()
    try:
        summaries = [backup.backup(store, tmp_path / f"b{i}") for i in range(3)]
    finally:
        stop.set()
        worker.join()
    assert summaries[-1].tables["ingestion"] >= 1
    for summary in summaries:
        with duckdb.connect(str(summary.folder / "store.duckdb"), read_only=True) as con:
            ingestions = con.execute("select count(*) from ingestion").fetchall()[0][0]
            assert con.execute("select count(*) from metric_fact").fetchall()[0][0] == 500 * ingestions
            assert summary.tables["metric_fact"] == 500 * ingestions


def test_a_backup_goes_to_a_new_folder(demo_store, tmp_path):
    (tmp_path / "occupé").mkdir()
    (tmp_path / "occupé" / "autre.txt").write_text("x")
    with pytest.raises(backup.BackupError, match="n'est pas vide"):
        backup.backup(demo_store, tmp_path / "occupé")


def test_a_folder_name_with_quotes_is_a_path_not_sql(demo_store, tmp_path):
    """ATTACH takes the path as a literal: a quote in a folder name ("l'équipe") is data, never a statement."""
    folder = tmp_path / "sauvegarde de l'équipe'; drop table campaign; --"
    before = tables(demo_store.path)
    summary = backup.backup(demo_store, folder)
    assert (folder / "store.duckdb").is_file() and (folder / "manifest.json").is_file()
    assert summary.tables["campaign"] == len(before["campaign"]) > 0
    after = tables(demo_store.path)
    pd.testing.assert_frame_equal(after["campaign"], before["campaign"])
    assert set(tables(folder / "store.duckdb")) == set(before)


def test_sql_string_doubles_quotes_and_refuses_nul():
    from resonance.store.literals import sql_string
    with duckdb.connect() as con:
        for text in ("l'équipe", "''", "a\\'b", "/tmp/x'; drop table t; --", "ducklake:postgres:dbname=x host=127.0.0.1"):
            assert con.execute(f"select {sql_string(text)}").fetchall()[0][0] == text   # noqa: S608 - the helper under test
    with pytest.raises(ValueError):
        sql_string("a\x00b")
