"""`user add|list|disable|enable|password|role`: the team's accounts; passwords are asked, never command-line arguments."""
from __future__ import annotations

import getpass
import sys

from resonance.i18n import t
from resonance.services import accounts
from resonance.store import default_store


def register(subcommands) -> None:
    user = subcommands.add_parser("user", help=t("trust.cli.user.help"))
    actions = user.add_subparsers(dest="user_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help=t("trust.cli.user.add"))
    add.add_argument("name", help=t("trust.cli.user.name"))
    add.add_argument("--role", required=True, choices=accounts.ROLES, help=t("trust.cli.user.role"))
    add.add_argument("--email", help=t("trust.cli.user.email"))
    add.add_argument("--sso-only", action="store_true", help=t("trust.cli.user.sso_only"))
    add.add_argument("--password-stdin", action="store_true", help=t("trust.cli.user.stdin"))
    add.set_defaults(run=_add)

    actions.add_parser("list", help=t("trust.cli.user.list")).set_defaults(run=_list)

    for action, run in (("disable", _disable), ("enable", _enable)):
        parser = actions.add_parser(action, help=t(f"trust.cli.user.{action}"))
        parser.add_argument("name", help=t("trust.cli.user.name"))
        parser.set_defaults(run=run)

    password = actions.add_parser("password", help=t("trust.cli.user.password"))
    password.add_argument("name", help=t("trust.cli.user.name"))
    password.add_argument("--password-stdin", action="store_true", help=t("trust.cli.user.stdin"))
    password.set_defaults(run=_password)

    role = actions.add_parser("role", help=t("trust.cli.user.set_role"))
    role.add_argument("name", help=t("trust.cli.user.name"))
    role.add_argument("role", choices=accounts.ROLES, help=t("trust.cli.user.role"))
    role.set_defaults(run=_role)


def _read_password(name: str, from_stdin: bool) -> str | None:
    """The password from the first line of standard input, or asked twice without echo; None when they differ."""
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            print(t("trust.cli.no_stdin"), file=sys.stderr)
            return None
        return line
    first = getpass.getpass(t("trust.cli.ask_password", name=name))
    if getpass.getpass(t("trust.cli.ask_again")) != first:
        print(t("trust.cli.mismatch"), file=sys.stderr)
        return None
    return first


def _by() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:
        return "cli"


def _guarded(action) -> int:
    try:
        action()
    except accounts.AccountError as error:
        print(str(error), file=sys.stderr)
        return 2
    return 0


def _add(arguments) -> int:
    password = None
    if not arguments.sso_only:
        password = _read_password(arguments.name, arguments.password_stdin)
        if password is None:
            return 2
    status = _guarded(lambda: accounts.add(default_store(), arguments.name, arguments.role, password,
                                           email=arguments.email, by=_by()))
    if status == 0:
        print(t("trust.cli.added", name=arguments.name, role=arguments.role))
    return status


def _list(arguments) -> int:
    team = accounts.accounts(default_store())
    if team.empty:
        print(t("trust.cli.none"))
    for row in team.itertuples():
        print(t("trust.cli.row", name=row.name, role=row.role,
                state=t("trust.cli.disabled") if row.disabled else t("trust.cli.active"), email=row.email or ""))
    return 0


def _switch(arguments, disabled: bool) -> int:
    status = _guarded(lambda: accounts.set_disabled(default_store(), arguments.name, disabled, by=_by()))
    if status == 0:
        print(t("trust.cli.done", name=arguments.name, what=t("trust.cli.what.disabled" if disabled else "trust.cli.what.enabled")))
    return status


def _disable(arguments) -> int:
    return _switch(arguments, True)


def _enable(arguments) -> int:
    return _switch(arguments, False)


def _password(arguments) -> int:
    password = _read_password(arguments.name, arguments.password_stdin)
    if password is None:
        return 2
    status = _guarded(lambda: accounts.set_password(default_store(), arguments.name, password, by=_by()))
    if status == 0:
        print(t("trust.cli.done", name=arguments.name, what=t("trust.cli.what.password")))
    return status


def _role(arguments) -> int:
    status = _guarded(lambda: accounts.set_role(default_store(), arguments.name, arguments.role, by=_by()))
    if status == 0:
        print(t("trust.cli.done", name=arguments.name, what=t("trust.cli.what.role", role=arguments.role)))
    return status
