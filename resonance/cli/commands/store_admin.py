"""`init` and `demo`: create the store, and load or reset the demo set."""
from __future__ import annotations

import sys

from resonance import demo
from resonance.i18n import t
from resonance.store import default_store


def register(subcommands) -> None:
    init = subcommands.add_parser("init", help=t("cli.init.help"))
    init.add_argument("--no-demo", action="store_true", help=t("cli.init.no_demo"))
    init.set_defaults(run=_init)
    demo_parser = subcommands.add_parser("demo", help=t("cli.demo.help"))
    demo_parser.add_argument("--reset", action="store_true", help=t("cli.demo.reset"))
    demo_parser.set_defaults(run=_demo)


def _progress(fraction: float, label: str) -> None:
    if label:
        print(f"  {int(fraction * 100):3d} %  {label}", file=sys.stderr)


def _init(arguments) -> int:
    store = default_store()
    version = store.version()
    print(t("cli.init.ready", path=store, version=version))
    if not arguments.no_demo and demo.is_empty(store):
        print(t("cli.demo.loading"), file=sys.stderr)
        print(t("cli.demo.loaded", **demo.load(store, progress=_progress)))
    return 0


def _demo(arguments) -> int:
    store = default_store()
    if not arguments.reset and not demo.is_empty(store):
        print(t("cli.demo.not_empty", path=store), file=sys.stderr)
        return 2
    print(t("cli.demo.loading"), file=sys.stderr)
    print(t("cli.demo.loaded", **demo.load(store, progress=_progress, reset=arguments.reset, by="ligne de commande")))
    return 0
