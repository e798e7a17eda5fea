"""`backup DIR` and `restore DIR`: a consistent copy of the store and its pictures, and putting one back."""
from __future__ import annotations

import sys

from resonance.i18n import t
from resonance.services import backup
from resonance.store import StoreError, default_store


def register(subcommands) -> None:
    save = subcommands.add_parser("backup", help=t("backup.cli.help"))
    save.add_argument("dir", help=t("backup.cli.dir"))
    save.add_argument("--key-file", help=t("backup.cli.key_file"))
    save.set_defaults(run=_backup)
    back = subcommands.add_parser("restore", help=t("restore.cli.help"))
    back.add_argument("dir", help=t("restore.cli.dir"))
    back.add_argument("--force", action="store_true", help=t("restore.cli.force"))
    back.add_argument("--key-file", help=t("backup.cli.key_file"))
    back.set_defaults(run=_restore)


def _backup(arguments) -> int:
    try:
        summary = backup.backup(default_store(), arguments.dir, key=backup.backup_key(arguments.key_file))
    except backup.BackupError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(t("backup.done", dir=summary.folder, tables=len(summary.tables), rows=summary.rows,
            pictures=summary.pictures, version=summary.schema_version))
    return 0


def _restore(arguments) -> int:
    try:
        summary = backup.restore(default_store(), arguments.dir, force=arguments.force,
                                 key=backup.backup_key(arguments.key_file))
    except StoreError as error:        # a refused backup, or a lake copy whose counts and sums differ
        print(str(error), file=sys.stderr)
        return 2
    values = dict(dir=summary.folder, tables=len(summary.tables), rows=summary.rows, pictures=summary.pictures)
    print(t("restore.done", kept=summary.kept, **values) if summary.kept else t("restore.done_empty", **values))
    return 0
