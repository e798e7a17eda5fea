"""`report --campaign NAME [--json]`: a campaign's totals and per-partner figures."""
from __future__ import annotations

import json
import sys

from resonance import formatting as fmt
from resonance.domain.figures import ALIASES, figure_display
from resonance.i18n import has, language, t
from resonance.services import campaign_report
from resonance.store import default_store


def register(subcommands) -> None:
    report = subcommands.add_parser("report", help=t("cli.report.help"))
    report.add_argument("--campaign", required=True, metavar="NAME", help=t("cli.report.campaign"))
    report.add_argument("--json", action="store_true", help=t("cli.report.json"))
    report.set_defaults(run=_report)


def _report(arguments) -> int:
    store = default_store()
    with store.hold():           # the file opened once for the whole command, not once per read (~30 ms each)
        return _report_on(store, arguments)


def _report_on(store, arguments) -> int:
    campaign_id = campaign_report.campaign_id_by_name(store, arguments.campaign)
    if campaign_id is None:
        known = ", ".join(campaign_report.campaign_names(store))
        print(t("cli.report.unknown", name=arguments.campaign, known=fmt.text(known)), file=sys.stderr)
        return 2
    figures = campaign_report.report(store, campaign_id)
    if arguments.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    lang = language()
    print(f"{figures['campaign']} — {fmt.period(figures['period']['start'], figures['period']['end'], lang)}")
    width = max(len(label) for label in [*(t(f"metric.{m}") for m in figures["totals"]),
                                         *filter(None, map(_label, figures["ratios"]))])
    covered = figures["figures_period"]
    if covered["start"]:
        print(t("figure.period_covered", lang, start=fmt.day(covered["start"], lang), end=fmt.day(covered["end"], lang)))
    # every figure written by the figures model's formatter, with its unit: the same text as the page and the deck
    for metric, value in figures["totals"].items():
        if value is not None:
            print(f"  {t(f'metric.{metric}'):<{width}}  {figure_display(metric, value, lang):>14}")
    for name, value in figures["ratios"].items():
        label = _label(name)
        if value is not None and label:
            print(f"  {label:<{width}}  {figure_display(name, value, lang):>14}")
    for partner in figures["partners"]:
        totals = partner["totals"]
        name = partner["partner"] if isinstance(partner["partner"], str) else t("review.own_media")   # not "None"
        print(f"  · {name}: " + ", ".join(
            f"{t(f'metric.{m}')} {figure_display(m, v, lang)}" for m, v in totals.items() if v is not None))
    return 0


def _label(name: str) -> str | None:
    """The label of a ratio of report --json ("cpc" is the column cpc_eur)."""
    for key in (name, ALIASES.get(name, "")):
        if has(f"metric.{key}"):
            return t(f"metric.{key}")
    return None
