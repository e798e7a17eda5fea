"""The command line (`python -m resonance`): every module in resonance/commands adds its own subcommands."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from resonance.cli import commands
from resonance.errors import ResonanceError, StoreError
from resonance.i18n import set_language, t


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m resonance", description=t("cli.description"))
    root.add_argument("--lang", choices=("fr", "en"), help=t("cli.lang"))
    subcommands = root.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{module.name}").register(subcommands)
    return root


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--lang" in argv[:-1]:
        set_language(argv[argv.index("--lang") + 1])
    arguments = parser().parse_args(argv)
    try:
        return arguments.run(arguments) or 0
    except StoreError as error:          # the store cannot be used: its own exit code
        print(str(error), file=sys.stderr)
        return 3
    except ResonanceError as error:      # any other refusal a command did not handle itself
        print(str(error), file=sys.stderr)
        return 2
