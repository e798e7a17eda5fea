"""`restore DIR` into a lake: the signed backup of a demo file store lands in an empty lake, same counts and review."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from resonance.services import backup
from resonance.settings import settings
from resonance.store import BOOKKEEPING, Store, transfer
from tests.integration.test_concurrency import CAMPAIGN

ROOT = Path(__file__).resolve().parents[2]
KEY = "clé de l'administrateur, hors du serveur"
pytestmark = pytest.mark.parametrize("store_backend", ["lake"], indirect=True)


def _cli(*args, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resonance", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**env, "RESONANCE_LANG": "fr", "RESONANCE_BACKUP_KEY": KEY}, timeout=300)


def _file_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RESONANCE_STORE", "RESONANCE_DATA_PATH", "RESONANCE_ASSETS")}
    return {**env, "RESONANCE_DB": str(folder / "resonance.duckdb")}


def _report(env: dict[str, str]) -> dict:
    done = _cli("report", "--campaign", CAMPAIGN, "--json", env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_file_backup_restored_into_an_empty_lake_gives_the_same_counts_and_review(
        store, _demo_template, tmp_path, monkeypatch):
    assert store.is_lake
    source = tmp_path / "fichier"
    shutil.copytree(_demo_template, source)
    file_env, lake_env = _file_env(source), dict(os.environ)
    done = _cli("backup", str(tmp_path / "sauvegarde"), env=file_env)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "sauvegarde" / "manifest.json").read_text(encoding="utf-8"))

    done = _cli("restore", str(tmp_path / "sauvegarde"), env=lake_env)
    assert done.returncode == 0, done.stderr
    assert "Base restaurée" in done.stdout
    with store.read() as con:
        counts = backup.table_counts(con)
        restored = {name: transfer.fingerprint(con, name) for name in counts}
    assert counts == manifest["store"]["tables"]
    original = Store(source / "resonance.duckdb", file=True)
    try:
        with original.read() as con:
            assert {name: transfer.fingerprint(con, name) for name in counts} == restored
    finally:
        original.close()
    for relative in manifest["pictures"]:             # the pictures are on the lake's shared assets path
        assert (settings().assets / relative).read_bytes() == (source / "assets" / relative).read_bytes()
    assert _report(lake_env) == _report(file_env)

    # the lake now holds data: a second restore is refused unless --force, and nothing changes
    again = _cli("restore", str(tmp_path / "sauvegarde"), env=lake_env)
    assert again.returncode == 2 and "--force" in again.stderr
    # and says the truth of a lake: nothing of it is kept beside (as a file store's would be), back it up first
    assert "gardée à côté" not in again.stderr and "n'en garde rien" in again.stderr
    assert "python -m resonance backup" in again.stderr
    forced = _cli("restore", str(tmp_path / "sauvegarde"), "--force", env=lake_env)
    assert forced.returncode == 0, forced.stderr
    with store.read() as con:
        assert backup.table_counts(con) == counts


def test_a_tampered_backup_is_refused_before_the_lake_is_touched(store, _demo_template, tmp_path, monkeypatch):
    source = tmp_path / "fichier"
    shutil.copytree(_demo_template, source)
    done = _cli("backup", str(tmp_path / "sauvegarde"), env=_file_env(source))
    assert done.returncode == 0, done.stderr
    manifest = tmp_path / "sauvegarde" / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"format_version": 1', '"format_version": 2'),
                        encoding="utf-8")
    refused = _cli("restore", str(tmp_path / "sauvegarde"), env=dict(os.environ))
    assert refused.returncode == 2 and refused.stderr.strip()
    with store.read() as con:
        assert not any(rows for name, rows in backup.table_counts(con).items()
                       if name not in (*BOOKKEEPING, "relationship_setting"))
