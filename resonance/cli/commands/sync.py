"""`sync [--source NAME] [--since YYYY-MM-DD] [--json]`: pull the figures of the API sources, for a scheduler.

Exit code 0 when every source succeeded, 1 when at least one failed (the others still loaded),
2 when the command itself was wrong (unknown source, bad date, unreadable sources file).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from resonance import formatting as fmt
from resonance.domain.figures import figure_display
from resonance.i18n import language, t
from resonance.ingest import sync
from resonance.services import sources
from resonance.store import default_store


def register(subcommands) -> None:
    parser = subcommands.add_parser("sync", help=t("cli.sync.help"), description=t("cli.sync.description"))
    parser.add_argument("--source", action="append", metavar="NAME", help=t("cli.sync.source"))
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help=t("cli.sync.since"))
    parser.add_argument("--json", action="store_true", help=t("cli.sync.json"))
    parser.add_argument("--list", action="store_true", help=t("cli.sync.list"))
    parser.set_defaults(run=_sync)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(t("cli.sync.bad_date", value=text)) from error


def _progress(fraction: float, label: str) -> None:
    print(f"  {int(fraction * 100):3d} %  {label}", file=sys.stderr)


def _sync(arguments) -> int:
    store = default_store()
    try:
        if arguments.list:
            return _list(store)
        results = sync.sync_all(store, names=arguments.source, since=arguments.since, by="cli",
                                progress=None if arguments.json else _progress)
    except sources.SourcesError as error:
        print(str(error), file=sys.stderr)
        return 2
    if arguments.json:
        print(json.dumps({"sources": [r.as_json() for r in results]}, ensure_ascii=False, indent=2, default=str))
    else:
        _summary(results)
    return 0 if all(r.status == "ok" for r in results) else 1


def _summary(results: list[sync.SourceResult]) -> None:
    lang = language()
    if not results:
        print(t("cli.sync.none", file=sources.sources_file()))
    for result in results:
        if result.status == "ok":
            totals = ", ".join(f"{t(f'metric.{m}')} {figure_display(m, v, lang)}" for m, v in result.totals.items())
            print(t("cli.sync.ok", lang, name=result.name, count=result.rows,
                    since=fmt.day(result.since, lang), until=fmt.day(result.until, lang)) + (f" — {totals}" if totals else ""))
        else:
            print(t("cli.sync.failed", name=result.name, error=result.error))
        for label in result.unmapped_labels:
            volumes = ", ".join(f"{t(f'metric.{m}')} {figure_display(m, v, lang)}" for m, v in label["volumes"].items())
            print(t("cli.sync.unmapped", label=label["label"], volumes=fmt.text(volumes), reason=label.get("reason") or ""))


def _list(store) -> int:
    for source in sources.all_sources(store):
        state = t("cli.sync.on") if source.enabled else t("cli.sync.off")
        print(f"{source.name:<28} {source.kind:<10} {state:<10} {source.origin}")
    return 0
