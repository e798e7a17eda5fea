"""The command line imports only the module of the command it runs: `report` loads no spreadsheet, deck, chart or
table library (not even pandas)."""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

from resonance import cli
from resonance.cli import commands

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("openpyxl", "pptx", "plotly", "PIL", "streamlit", "pandas", "numpy", "pyarrow")


def test_the_registry_names_exactly_what_the_command_modules_register():
    registered = {}
    for module in pkgutil.iter_modules(commands.__path__):
        parser = argparse.ArgumentParser()
        subcommands = parser.add_subparsers()
        importlib.import_module(f"{commands.__name__}.{module.name}").register(subcommands)
        for name in subcommands.choices:
            registered[name] = module.name
    assert registered == cli.COMMANDS


def test_a_named_command_builds_its_own_parser_only_and_help_lists_them_all():
    assert cli._asked(["--lang", "en", "report", "--campaign", "x"]) == "report"
    assert cli._asked(["--help"]) is None
    assert cli._asked(["nonsense"]) is None
    one = cli.parser(["report", "--campaign", "x"])
    every = cli.parser(["--help"])
    choices = lambda p: set(p._subparsers._group_actions[0].choices)   # noqa: E731
    assert choices(one) == {"report"}
    assert choices(every) == set(cli.COMMANDS)


def test_report_runs_without_the_heavy_libraries(demo_store):
    code = ("import json, sys; from resonance.cli import main; "
            "code = main(['report', '--campaign', 'Jobs d\\'été 2026', '--json']); "
            f"print(json.dumps([code, sorted(m for m in {HEAVY!r} if m in sys.modules)]), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0 and json.loads(done.stdout)["campaign"] == "Jobs d'été 2026"
    assert loaded == []
