"""Backup and restore: a consistent snapshot of the store and its pictures in a folder, checked before anything is replaced.

The snapshot is taken inside one transaction while this process holds the store (other
processes wait on the file lock, this process's writers on the store's writer lock), so it
holds whole ingestions only. Pictures are immutable files named by their content hash, each
written before the row that points to it: copying them after the snapshot copies every picture
the snapshot knows. A manifest lists the SHA-256 of every file; restore checks them all before
it replaces anything, and keeps the previous store and pictures beside the new ones.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

import queries
from resonance.i18n import t
from resonance.settings import settings
from resonance.store import BOOKKEEPING, Store, StoreError, latest_version, transfer
from resonance.store.transfer import table_counts

FORMAT = "resonance-backup"
STORE_FILE = "store.duckdb"
PICTURES_DIR = "pictures"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.hmac-sha256"
MIN_KEY = 16


class BackupError(StoreError):
    """A backup or restore refused; nothing was changed. The message says what to do."""


@dataclass
class BackupSummary:
    folder: Path
    schema_version: int
    tables: dict[str, int]
    pictures: int
    kept: Path | None = None

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_key(key_file: Path | str | None = None) -> bytes:
    """The admin's signing key: the file given (--key-file), else RESONANCE_BACKUP_KEY; BackupError when there is none.

    The manifest's hashes detect damage; only a key the store's holder does not have detects tampering
    (an added admin with a recomputed manifest).
    """
    if key_file:
        try:
            key = Path(key_file).read_bytes().strip()
        except OSError as error:
            raise BackupError(t("backup.key_file", file=key_file)) from error
    else:
        key = settings().backup_key.encode("utf-8")
    if not key:
        raise BackupError(t("backup.no_key"))
    if len(key) < MIN_KEY:
        raise BackupError(t("backup.short_key"))
    return key


def _signature(key: bytes, manifest: bytes) -> str:
    return hmac.new(key, manifest, hashlib.sha256).hexdigest()


def _picture_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and not p.name.endswith(".part"))


@contextmanager
def _detached_after_commit(store: Store):
    """Detach the copy once the snapshot's transaction has ended, on the same open database.

    DuckDB 1.5 refuses to detach a database that the open transaction wrote to; the detach also
    writes the copy's last pages, so it comes before the manifest hashes the file.
    """
    with store.hold():
        try:
            yield
        finally:
            with store.read() as con:
                queries.execute(con, "backup_detach")


def backup(store: Store, folder: Path | str, *, key: bytes | None = None) -> BackupSummary:
    """Write `folder`/store.duckdb, `folder`/pictures/…, `folder`/manifest.json and its HMAC-SHA256 signature."""
    key = key or backup_key()
    folder = Path(folder).resolve()
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(t("backup.not_empty", dir=folder))
    if folder == settings().assets or settings().assets in folder.parents:
        raise BackupError(t("backup.inside_store", dir=folder))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / STORE_FILE
    with _detached_after_commit(store), store.transaction() as con:
        version = int(queries.run(con, "schema_version_latest")["version"].iloc[0])
        counts = table_counts(con)
        transfer.copy_to_file(con, target)
        # Pictures after the snapshot, still holding the store: no new row can point to a picture not yet copied.
        pictures = {}
        source = settings().assets
        for path in _picture_files(source):
            relative = path.relative_to(source).as_posix()
            copy = folder / PICTURES_DIR / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            pictures[relative] = _sha256(copy)
    manifest = {
        "format": FORMAT, "format_version": 1, "schema_version": version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "store": {"file": STORE_FILE, "sha256": _sha256(target), "tables": counts},
        "pictures": pictures,
    }
    partial = folder / (MANIFEST + ".part")
    text = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    partial.write_bytes(text)
    (folder / SIGNATURE).write_text(_signature(key, text) + "\n", encoding="ascii")
    partial.replace(folder / MANIFEST)      # the manifest appears last: a backup without it is incomplete
    return BackupSummary(folder, version, counts, len(pictures))


def _read_manifest(folder: Path, key: bytes) -> dict:
    """The manifest, once its signature by the admin's key is checked (before anything in it is believed)."""
    try:
        text = (folder / MANIFEST).read_bytes()
    except OSError as error:
        raise BackupError(t("restore.not_a_backup", dir=folder)) from error
    try:
        signed = (folder / SIGNATURE).read_text(encoding="ascii").strip()
    except (OSError, ValueError) as error:
        raise BackupError(t("restore.unsigned", dir=folder)) from error
    if not hmac.compare_digest(signed.encode("ascii", "replace"), _signature(key, text).encode("ascii")):
        raise BackupError(t("restore.bad_signature", dir=folder))
    try:
        manifest = json.loads(text.decode("utf-8"))
    except ValueError as error:
        raise BackupError(t("restore.not_a_backup", dir=folder)) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(t("restore.not_a_backup", dir=folder))
    return manifest


def verify(folder: Path | str, *, key: bytes | None = None) -> dict:
    """Check a backup's signature, then every file's hash and every table's rows against it; the manifest, or BackupError."""
    key = key or backup_key()
    folder = Path(folder).resolve()
    manifest = _read_manifest(folder, key)
    if int(manifest.get("schema_version") or 0) > latest_version():
        raise BackupError(t("restore.too_new", dir=folder, found=manifest["schema_version"], known=latest_version()))
    stored = folder / STORE_FILE
    if not stored.is_file() or _sha256(stored) != manifest["store"]["sha256"]:
        raise BackupError(t("restore.damaged", dir=folder, what=STORE_FILE))
    pictures_root = (folder / PICTURES_DIR).resolve()
    for relative, expected in manifest.get("pictures", {}).items():
        path = (pictures_root / relative).resolve()
        if pictures_root not in path.parents or not path.is_file() or _sha256(path) != expected:
            raise BackupError(t("restore.damaged", dir=folder, what=f"{PICTURES_DIR}/{relative}"))
    with duckdb.connect(str(stored), read_only=True) as con:
        if table_counts(con) != manifest["store"]["tables"]:
            raise BackupError(t("restore.damaged", dir=folder, what=STORE_FILE))
    return manifest


def _holds_data(store: Store) -> bool:
    if not store.is_lake and not store.path.exists():
        return False
    with store.read() as con:
        counts = table_counts(con)
    seeded = transfer.fresh_counts() if store.is_lake else {}
    return any(rows > seeded.get(name, 0) for name, rows in counts.items() if name not in BOOKKEEPING)


def restore(store: Store, folder: Path | str, *, force: bool = False, key: bytes | None = None) -> BackupSummary:
    """Replace the store and its pictures with a verified (signed) backup. A file store's previous file and pictures
    are kept beside them; a lake's tables are overwritten in place and nothing of them is kept."""
    folder = Path(folder).resolve()
    manifest = verify(folder, key=key)
    if _holds_data(store) and not force:
        # a lake keeps nothing of what it replaces: the way back is a backup taken first
        raise BackupError(t("restore.lake_not_empty" if store.is_lake else "restore.store_not_empty", path=store))
    if store.is_lake:
        return _restore_lake(store, folder, manifest)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target, pictures = store.path, settings().assets
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(target.name + ".restoring")
    shutil.copy2(folder / STORE_FILE, incoming)
    incoming_pictures = pictures.with_name(pictures.name + ".restoring")
    shutil.rmtree(incoming_pictures, ignore_errors=True)
    for relative in manifest.get("pictures", {}):
        copy = incoming_pictures / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / PICTURES_DIR / relative, copy)
    kept = None
    if target.exists():
        # Wait for other processes, fold the write-ahead log into the file, then swap while nobody holds it.
        with store.read() as con:
            queries.execute(con, "store_checkpoint")
        store.release()                     # closed before the swap, not when the linger ends
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        os.replace(target, kept)
        wal = Path(f"{target}.wal")
        if wal.exists():
            os.replace(wal, Path(f"{kept}.wal"))
    os.replace(incoming, target)
    if pictures.exists():
        os.replace(pictures, pictures.with_name(f"{pictures.name}.before-restore-{stamp}"))
    if incoming_pictures.exists():
        os.replace(incoming_pictures, pictures)
    # A backup from an older version is migrated when next opened (this process included).
    store.forget()
    return BackupSummary(folder, int(manifest["schema_version"]), manifest["store"]["tables"],
                         len(manifest.get("pictures", {})), kept)


def _restore_lake(store: Store, folder: Path, manifest: dict) -> BackupSummary:
    """The verified backup's tables copied into the lake in one transaction, checked by counts and sums.

    The pictures go first to the lake's shared assets path (named by their content, so adding them
    changes no picture another row points to): no restored row can point to a picture not yet there.
    The backup's file is opened from a scratch copy, migrated there if it is older, never in place.
    """

    pictures = settings().assets
    for relative in manifest.get("pictures", {}):
        copy = pictures / relative
        if not copy.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / PICTURES_DIR / relative, copy)
    with tempfile.TemporaryDirectory(prefix="resonance-restore-") as scratch:
        shutil.copy2(folder / STORE_FILE, Path(scratch) / STORE_FILE)
        source = Store(Path(scratch) / STORE_FILE, file=True)
        try:
            done = transfer.copy(source, store, replace=True)
        finally:
            source.close()
    return BackupSummary(folder, int(manifest["schema_version"]), done.tables, len(manifest.get("pictures", {})))
