"""The command line (`python -m resonance`): every module in resonance/commands adds its own subcommands."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from resonance.cli import commands
from resonance.errors import ResonanceError, StoreError
from resonance.i18n import set_language, t

# Each subcommand and the module of resonance/cli/commands that registers it. Only the module of the command being
# run is imported (importlib, by name, when the command runs): `report` does not pay for openpyxl, python-pptx or
# plotly, which other commands need. This is a registry, not a function-level import to dodge a cycle; a test checks
# it names exactly what the modules register.
COMMANDS = {
    "backup": "backup", "restore": "backup",
    "compare": "compare",
    "deck": "deck", "export": "deck",
    "import": "importing", "import-press": "importing", "history": "importing", "undo": "importing",
    "report": "report",
    "init": "store_admin", "demo": "store_admin",
    "link": "links", "reports": "links",
    "migrate-store": "migrate_store",
    "sync": "sync",
    "user": "users",
}


def _asked(argv: list[str]) -> str | None:
    """The command named on the line (the first word that is one), skipping `--lang xx`; None for help alone."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif word in COMMANDS:
            return word
        elif not word.startswith("-"):
            return None
    return None


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m resonance", description=t("cli.description"))
    root.add_argument("--lang", choices=("fr", "en"), help=t("cli.lang"))
    subcommands = root.add_subparsers(dest="command", metavar="COMMAND", required=True)
    asked = _asked(argv) if argv is not None else None
    # one module when a command is named; every module for the help or an unknown word (argparse lists them all)
    names = [COMMANDS[asked]] if asked else sorted(m.name for m in pkgutil.iter_modules(commands.__path__))
    for name in names:
        importlib.import_module(f"{commands.__name__}.{name}").register(subcommands)
    return root


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--lang" in argv[:-1]:
        set_language(argv[argv.index("--lang") + 1])
    arguments = parser(argv).parse_args(argv)
    try:
        return arguments.run(arguments) or 0
    except StoreError as error:          # the store cannot be used: its own exit code
        print(str(error), file=sys.stderr)
        return 3
    except ResonanceError as error:      # any other refusal a command did not handle itself
        print(str(error), file=sys.stderr)
        return 2
