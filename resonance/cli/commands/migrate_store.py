"""`migrate-store --to ducklake:postgres:…` (or `--to FILE.duckdb`): copy the configured store into another, checked."""
from __future__ import annotations

from pathlib import Path

from resonance.i18n import t
from resonance.settings import settings
from resonance.store import Store, default_store, transfer
from resonance.store.lake import PREFIX, LakeAddress


def register(subcommands) -> None:
    command = subcommands.add_parser("migrate-store", help=t("migrate_store.help"))
    command.add_argument("--to", required=True, metavar="STORE", help=t("migrate_store.to"))
    command.add_argument("--data-path", metavar="DIR", help=t("migrate_store.data_path"))
    command.add_argument("--schema", metavar="NAME", help=t("migrate_store.schema"))
    command.add_argument("--replace", action="store_true", help=t("migrate_store.replace"))
    command.set_defaults(run=_migrate)


def target_of(to: str, data_path: str | None, schema: str | None) -> Store:
    config = settings()
    if to.startswith(PREFIX):
        return Store(lake=LakeAddress.parse(to, data_path or config.data_path, schema or config.lake_schema))
    return Store(Path(to.removeprefix("file:")))


def _migrate(arguments) -> int:
    source = default_store()
    target = target_of(arguments.to, arguments.data_path, arguments.schema)
    done = transfer.copy(source, target, replace=arguments.replace)
    for name, rows in done.tables.items():
        print(t("migrate_store.table", table=name, count=rows))
    print(t("migrate_store.done", source=source, target=target, tables=len(done.tables)))
    return 0
