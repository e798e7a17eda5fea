"""`link create|revoke` and `reports due`: a partner's upload link from the command line, and the chasing list."""
from __future__ import annotations

import json
import sys
from datetime import date

from resonance import formatting as fmt
from resonance.cli.commands import day
from resonance.i18n import language, t
from resonance.services import expected_reports, links
from resonance.store import default_store


def register(subcommands) -> None:
    link = subcommands.add_parser("link", help=t("links.cli.link_help"))
    actions = link.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help=t("links.cli.create_help"))
    create.add_argument("--partnership", required=True, metavar="CAMPAIGN/PARTNER", help=t("links.cli.partnership"))
    create.add_argument("--expires", required=True, type=day, metavar="YYYY-MM-DD", help=t("links.cli.expires"))
    create.add_argument("--max-uses", type=int, metavar="N", help=t("links.cli.max_uses"))
    create.add_argument("--base-url", default="http://localhost:8501", metavar="URL", help=t("links.cli.base_url"))
    create.add_argument("--by", default="ligne de commande", metavar="NAME", help=t("links.cli.by"))
    create.set_defaults(run=_create)
    revoke = actions.add_parser("revoke", help=t("links.cli.revoke_help"))
    revoke.add_argument("--id", type=int, metavar="N", help=t("links.cli.id"))
    revoke.add_argument("--partnership", metavar="CAMPAIGN/PARTNER", help=t("links.cli.partnership"))
    revoke.add_argument("--by", default="ligne de commande", metavar="NAME", help=t("links.cli.by"))
    revoke.set_defaults(run=_revoke)

    reports = subcommands.add_parser("reports", help=t("links.cli.reports_help"))
    report_actions = reports.add_subparsers(dest="action", metavar="ACTION", required=True)
    due = report_actions.add_parser("due", help=t("links.cli.due_help"))
    due.add_argument("--date", type=day, metavar="YYYY-MM-DD", help=t("links.cli.date"))
    due.add_argument("--json", action="store_true", help=t("links.cli.json"))
    due.set_defaults(run=_due)


def _create(arguments) -> int:
    created = links.create(default_store(), arguments.partnership, expires_on=arguments.expires,
                           max_uses=arguments.max_uses, created_by=arguments.by)
    print(t("links.cli.created", id=created.link_id, campaign=created.campaign, partner=created.partner,
            day=fmt.day(created.expires_on, language())))
    print(links.url(arguments.base_url, created.token))
    return 0


def _revoke(arguments) -> int:
    revoked = links.revoke(default_store(), link_id=arguments.id, partnership=arguments.partnership, by=arguments.by)
    if not revoked:
        print(t("links.cli.nothing_revoked"), file=sys.stderr)
        return 1
    print(t("links.cli.revoked", ids=", ".join(f"n° {i}" for i in revoked)))
    return 0


def _due(arguments) -> int:
    today = arguments.date or date.today()
    rows = expected_reports.due(default_store(), today)
    if arguments.json:
        print(json.dumps({"date": today.isoformat(), "reports": expected_reports.as_json(rows)},
                         ensure_ascii=False, indent=2))
        return 0
    if rows.empty:
        print(t("links.chase.none"))
    lang = language()
    for row in rows.itertuples():
        when = fmt.day(row.due_on if row.state != "no_final" else row.period_end, lang)
        print(f"{t(STATES[row.state])} · {row.campaign} / {row.partner} · {row.what or '—'} · {when}")
    return 0


STATES = {"late": "links.cli.state_late", "due_soon": "links.cli.state_due_soon", "no_final": "links.cli.state_no_final"}
