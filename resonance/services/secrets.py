"""Secrets of the connectors: declared by an admin (file or admin page) with the only hosts they may go to, read from the environment or .streamlit/secrets.toml.

A source never holds a token: it names a declared secret (or, in the sources file only, a variable).
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import queries
from connectors import settings as connector_settings
from connectors.mailchimp import data_center
from resonance.i18n import quoted, t
from resonance.services import audit
from resonance.services.source_declarations import Source, SourcesError, sources_file
from resonance.settings import ROOT
from resonance.store import Store

# Where a source's token may go when the sources file names its variable with `token_env` (an admin's shorthand):
# the platform's own API for Brevo and Mailchimp (a custom `url` does not get the real key), the URL's host otherwise.
DEFAULT_SECRET_HOSTS = {"brevo": ("api.brevo.com",), "mailchimp": ("{dc}.api.mailchimp.com",)}


def secrets_files() -> list[Path]:
    return [ROOT / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"]


def secret(name: str | None) -> str | None:
    """The value of a secret named by a source: the environment first, then .streamlit/secrets.toml."""
    if not name:
        return None
    return os.environ.get(name) or _secrets_toml(name)


@dataclass(frozen=True)
class DeclaredSecret:
    """A secret an admin declared in the sources file: where its value is read, and the only hosts it may go to."""

    name: str
    env: str | None
    key: str | None
    hosts: tuple[str, ...]


def _secrets_toml(key: str) -> str | None:
    for path in dict.fromkeys(p.resolve() for p in secrets_files()):
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError):
                continue
            found = data.get(key)
            if found is None and isinstance(data.get("connectors"), dict):
                found = data["connectors"].get(key)
            if isinstance(found, str) and found:
                return found
    return None


def declared_secrets(path: Path | None = None, store: Store | None = None) -> dict[str, DeclaredSecret]:
    """The `[secrets.NAME]` tables of the sources file (`env` or `key`, and `hosts`), then those declared on the admin page."""
    found = _file_secrets(path or sources_file())
    if store is not None:
        with store.read() as con:
            for row in queries.run(con, "connector_secret_list").itertuples():
                if row.name not in found:                # the file (version control) wins
                    found[row.name] = DeclaredSecret(row.name, row.env or None, row.secrets_key or None,
                                                     tuple(json.loads(row.hosts)))
    return found


def _file_secrets(path: Path) -> dict[str, DeclaredSecret]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SourcesError(t("sources.toml_invalid", file=path.name, error=error)) from error
    found = {}
    for name, entry in (data.get("secrets") or {}).items():
        entry = entry if isinstance(entry, dict) else {}
        env, key = entry.get("env"), entry.get("key")
        if not (isinstance(env, str) and env) and not (isinstance(key, str) and key):
            raise SourcesError(t("sources.secret_bad", file=path.name, secret=name, problem=t("sources.secret_needs_origin")))
        hosts = entry.get("hosts")
        hosts = [hosts] if isinstance(hosts, str) else hosts
        if not isinstance(hosts, list) or not hosts or not all(isinstance(h, str) and h.strip() for h in hosts):
            raise SourcesError(t("sources.secret_bad", file=path.name, secret=name, problem=t("sources.secret_needs_hosts")))
        found[name] = DeclaredSecret(name, env or None, key or None, tuple(h.strip().lower() for h in hosts))
    return found


def credential(source: Source, path: Path | None = None,
               store: Store | None = None) -> tuple[str, str | None, tuple[str, ...]] | None:
    """(secret's name, its value, the hosts it may be sent to) for a source, or None when it uses no secret.

    A source of the page names a declared secret; only the sources file (an admin's) may name a variable.
    """
    if source.secret:
        declared_here = declared_secrets(path, store)
        found = declared_here.get(source.secret)
        if found is None:
            raise SourcesError(t("sources.secret_unknown", where=quoted(source.name), secret=source.secret,
                                 file=(path or sources_file()).name))
        value = (os.environ.get(found.env) if found.env else None) or (_secrets_toml(found.key) if found.key else None)
        return found.name, value, found.hosts
    if not source.token_env:
        return None
    if source.origin != "file":
        raise SourcesError(t("sources.page_no_token_env", where=quoted(source.name)))
    value = secret(source.token_env)
    if source.kind in DEFAULT_SECRET_HOSTS:
        hosts = tuple(h.format(dc=data_center(value)) for h in DEFAULT_SECRET_HOSTS[source.kind])
    else:
        hosts = (urlsplit(source.url or "").hostname or "",)
    return source.token_env, value, hosts


def secret_names(store: Store | None = None, path: Path | None = None) -> list[str]:
    """Names of the declared secrets an editor may choose for a source (none when the file cannot be read)."""
    try:
        return sorted(declared_secrets(path, store))
    except SourcesError:
        return []


def allowed_hosts() -> list[str]:
    """Internal hosts an admin allowed the connectors to reach (RESONANCE_ALLOW_HOSTS)."""
    return sorted(connector_settings.allow_hosts())


def secrets_overview(store: Store | None = None, path: Path | None = None) -> tuple[list[dict], str | None]:
    """For the admin page: each declared secret, where its value is read, its hosts, whether it has a value here."""
    try:
        found = declared_secrets(path, store)
    except SourcesError as error:
        return [], str(error)
    rows = [{"name": d.name, "read_from": t("security.admin.read_from.env", env=d.env) if d.env
             else t("security.admin.read_from.key", key=d.key, file="secrets.toml"),
             "hosts": ", ".join(d.hosts),
             "has_value": bool((os.environ.get(d.env) if d.env else None) or (_secrets_toml(d.key) if d.key else None))}
            for d in found.values()]
    return rows, None


def declare_secret(store: Store, name: str, *, env: str | None = None, key: str | None = None,
                   hosts: list[str] | str = (), by: str = "system") -> None:
    """An admin declares a connector secret on the admin page: where its value is read and the hosts it may go to."""
    name, env, key = (name or "").strip(), (env or "").strip() or None, (key or "").strip() or None
    hosts = [h.strip().lower() for h in (hosts.replace(";", ",").split(",") if isinstance(hosts, str) else hosts)
             if h and h.strip()]
    label = t("sources.where_page")
    if not name or not name.replace("_", "").replace("-", "").isalnum():
        raise SourcesError(t("sources.secret_bad", file=label, secret=name, problem=t("sources.secret_bad_name")))
    if not env and not key:
        raise SourcesError(t("sources.secret_bad", file=label, secret=name, problem=t("sources.secret_needs_origin")))
    if not hosts or any("/" in h or " " in h for h in hosts):
        raise SourcesError(t("sources.secret_bad", file=label, secret=name, problem=t("sources.secret_needs_hosts")))
    with store.transaction() as con:
        queries.execute(con, "connector_secret_save", {"name": name, "env": env, "secrets_key": key,
                                                       "hosts": json.dumps(hosts), "created_by": by})
        audit.record(con, by, "source.secret_declare", f"secret {name}", {"hosts": hosts, "env": env, "key": key})


def page_secret_names(store: Store) -> list[str]:
    """Secrets declared on the admin page (those of the sources file are withdrawn in the file)."""
    with store.read() as con:
        return queries.run(con, "connector_secret_list")["name"].tolist()


def withdraw_secret(store: Store, name: str, by: str = "system") -> None:
    with store.transaction() as con:
        queries.execute(con, "connector_secret_delete", {"name": name})
        audit.record(con, by, "source.secret_withdraw", f"secret {name}", None)


