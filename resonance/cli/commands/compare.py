"""`compare`: the normalised figures and percentiles of 2 to 6 partnerships (or campaigns), as text or JSON."""
from __future__ import annotations

import json
import sys

from resonance.cli.commands import day
from resonance.i18n import language, t
from resonance.services import comparison
from resonance.store import default_store


def register(subcommands) -> None:
    parser = subcommands.add_parser("compare", help=t("cli.compare.help"))
    parser.add_argument("--partnership", action="append", required=True, metavar="CAMPAGNE/PARTENAIRE",
                        help=t("cli.compare.partnership"))
    parser.add_argument("--json", action="store_true", help=t("cli.compare.json"))
    parser.add_argument("--date", type=day, metavar="YYYY-MM-DD", help=t("cli.compare.date"))
    parser.set_defaults(run=_compare)


def _compare(arguments) -> int:
    lang = language()
    try:
        result = comparison.report(default_store(), arguments.partnership, lang, today=arguments.date)
    except comparison.ComparisonError as error:
        print(str(error), file=sys.stderr)
        return 2
    if arguments.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return 0
    for unit in result["units"]:
        title = f"{unit['unit']} ({unit['year']})" if unit["year"] else unit["unit"]
        print(title)
        for ratio, value in unit["ratios"].items():
            if value is not None:
                print(f"  {t(f'compare.ratio.{ratio}'):<46} {comparison.figure_text(ratio, value, lang)}")
        for volume, value in unit["volumes"].items():
            if value is not None:
                print(f"  {t(f'metric.{volume}'):<46} {comparison.figure_text(volume, value, lang)}")
        if unit["percentiles"]:
            print(f"  {t('cli.compare.percentiles')}")
            for entry in unit["percentiles"].values():
                print(f"    - {entry['text']}")
        if unit["kind"] == "partnership":
            text = unit["punctuality"]["text"] if unit["punctuality"] else "—"
            print(f"  {t('compare.punctuality'):<46} {text}")
        print()
    return 0
