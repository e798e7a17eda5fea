"""`report --campaign NAME [--json]`: a campaign's totals and per-partner figures."""
from __future__ import annotations

import json
import sys

from resonance import formatting as fmt
from resonance.i18n import TABLE, language, t
from resonance.services import review
from resonance.store import default_store


def register(subcommands) -> None:
    report = subcommands.add_parser("report", help=t("cli.report.help"))
    report.add_argument("--campaign", required=True, metavar="NAME", help=t("cli.report.campaign"))
    report.add_argument("--json", action="store_true", help=t("cli.report.json"))
    report.set_defaults(run=_report)


def _report(arguments) -> int:
    store = default_store()
    campaign_id = review.campaign_id_by_name(store, arguments.campaign)
    if campaign_id is None:
        known = ", ".join(review.campaigns(store)["name"])
        print(t("cli.report.unknown", name=arguments.campaign, known=fmt.text(known)), file=sys.stderr)
        return 2
    figures = review.report(store, campaign_id)
    if arguments.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    lang = language()
    print(f"{figures['campaign']} — {fmt.period(figures['period']['start'], figures['period']['end'], lang)}")
    width = max(len(t(f"metric.{m}")) for m in figures["totals"])
    for metric, value in figures["totals"].items():
        if value is not None:
            print(f"  {t(f'metric.{metric}'):<{width}}  {fmt.number(value, lang):>14}")
    for name, value in figures["ratios"].items():
        if value is not None and f"metric.{name}" in TABLE:
            print(f"  {t(f'metric.{name}'):<{width}}  {fmt.percent(value, lang):>14}")
    for partner in figures["partners"]:
        totals = partner["totals"]
        print(f"  · {partner['partner']}: " + ", ".join(
            f"{t(f'metric.{m}')} {fmt.number(v, lang)}" for m, v in totals.items() if v is not None))
    return 0
