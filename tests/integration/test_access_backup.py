"""Issue 13, finding 14: a tampered backup (an added admin, the manifest recomputed) is refused; signed ones restore."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from resonance.services import accounts, backup
from resonance.store import Store

ROOT = Path(__file__).resolve().parents[2]
KEY = "clé de l'administrateur, gardée ailleurs"
GOOD = "une phrase de passe solide"


@pytest.fixture
def signed(store, tmp_path, monkeypatch):
    monkeypatch.setenv("RESONANCE_SIGNIN_DELAY_S", "0")
    monkeypatch.setenv("RESONANCE_BACKUP_KEY", KEY)
    accounts.add(store, "Admin", "admin", GOOD)
    backup.backup(store, tmp_path / "sauvegarde")
    return tmp_path / "sauvegarde"


def add_admin_and_recompute_the_manifest(folder: Path) -> None:
    """What an attacker with write access to the backups does: a new admin, every hash and count made to match."""
    stored = folder / backup.STORE_FILE
    with duckdb.connect(str(stored)) as con:
        con.execute("insert into account (name, name_key, role, password_hash) values ('Intrus', 'intrus', 'admin', $h)",
                    {"h": accounts.hash_password("mot de passe de l'intrus")})
        counts = backup.table_counts(con)
    manifest = json.loads((folder / backup.MANIFEST).read_text(encoding="utf-8"))
    manifest["store"]["sha256"] = hashlib.sha256(stored.read_bytes()).hexdigest()
    manifest["store"]["tables"] = counts
    (folder / backup.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def test_finding_14_a_tampered_backup_with_a_recomputed_manifest_is_refused(signed, tmp_path):
    add_admin_and_recompute_the_manifest(signed)
    target = Store(tmp_path / "restauré" / "resonance.duckdb")
    with pytest.raises(backup.BackupError, match="ne correspond pas : elle a été modifiée après coup"):
        backup.restore(target, signed)
    assert not target.path.exists()                                 # nothing replaced, nothing created
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(target, "Intrus", "mot de passe de l'intrus")


def test_finding_14_unsigned_or_other_key_backups_are_refused_and_a_signed_one_restores(signed, tmp_path, monkeypatch):
    target = Store(tmp_path / "restauré" / "resonance.duckdb")
    with pytest.raises(backup.BackupError, match="ne correspond pas"):
        backup.verify(signed, key=b"une autre cle de seize octets")
    monkeypatch.delenv("RESONANCE_BACKUP_KEY")
    with pytest.raises(backup.BackupError, match="Aucune clé de sauvegarde"):
        backup.verify(signed)
    key_file = tmp_path / "cle.txt"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    summary = backup.restore(target, signed, key=backup.backup_key(key_file))
    assert summary.tables["account"] == 1
    assert accounts.sign_in(target, "Admin", GOOD).role == "admin"
    (signed / backup.SIGNATURE).unlink()
    with pytest.raises(backup.BackupError, match="n'est pas signée"):
        backup.verify(signed, key=KEY.encode())


@pytest.mark.slow     # backup, tampering and restore as command-line processes: the full run only
def test_finding_14_the_command_line_signs_with_a_key_file_and_refuses_tampering_in_french(store, tmp_path):
    accounts.add(store, "Admin", "admin", GOOD)
    key_file = tmp_path / "cle.txt"
    key_file.write_text(KEY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("RESONANCE_BACKUP_KEY", "RESONANCE_ASSETS")}

    def cli(*args, db):
        return subprocess.run([sys.executable, "-m", "resonance", *args], capture_output=True, text=True, cwd=ROOT,
                              env={**env, "RESONANCE_DB": str(db), "RESONANCE_LANG": "fr"}, timeout=300)
    refused = cli("backup", str(tmp_path / "b0"), db=store.path)
    assert refused.returncode == 2 and "RESONANCE_BACKUP_KEY" in refused.stderr
    assert cli("backup", str(tmp_path / "b"), "--key-file", str(key_file), db=store.path).returncode == 0
    add_admin_and_recompute_the_manifest(tmp_path / "b")
    restored = cli("restore", str(tmp_path / "b"), "--key-file", str(key_file), db=tmp_path / "neuf" / "r.duckdb")
    assert restored.returncode == 2 and "modifiée après coup" in restored.stderr
    assert "Traceback" not in restored.stderr
