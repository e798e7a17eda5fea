"""Sources of the connectors: declared in a TOML file (RESONANCE_SOURCES) or configured in the page; their secrets.

A source says where the figures come from (URL, site or list ids), which variable holds its
token (never the token itself), and how the labels it uses map to Résonance campaigns and
partners. Declared sources are read-only in the app (they live in version control); the page
can switch them off. Tokens are read from the environment, then from .streamlit/secrets.toml.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import connectors
import queries
from connectors import settings as connector_settings
from connectors.guard import mask_url
from connectors.mailchimp import data_center
from resonance.domain.metrics import CHANNELS, PESO
from resonance.domain.names import name_key
from resonance.errors import InputError
from resonance.i18n import t
from resonance.services import audit
from resonance.settings import ROOT, settings
from resonance.store import Store

SECRET_KEYS = {"token", "token_auth", "api_key", "apikey", "key", "password"}
# Where a source's token may go when the sources file names its variable with `token_env` (an admin's shorthand):
# the platform's own API for Brevo and Mailchimp (a custom `url` does not get the real key), the URL's host otherwise.
DEFAULT_SECRET_HOSTS = {"brevo": ("api.brevo.com",), "mailchimp": ("{dc}.api.mailchimp.com",)}


class SourcesError(InputError):
    """A source declaration that cannot be used; the message names the file, the source and the key."""


@dataclass
class Source:
    name: str
    kind: str
    url: str | None = None
    site_id: int | None = None                       # Matomo
    campaign_ids: list[str] = field(default_factory=list)   # Brevo / Mailchimp: only these campaigns
    token_env: str | None = None                     # sources file only: name of the variable holding the token
    secret: str | None = None                        # name of a secret an admin declared ([secrets.NAME])
    header: str | None = None                        # url/feed: header carrying the token (Authorization…)
    format: str | None = None                        # url: csv | json
    since: date | None = None                        # first day asked when nothing is loaded yet
    campaign: str | None = None                      # campaign its figures belong to when a label says nothing
    partner: str | None = None                       # partner its figures belong to
    campaigns: dict[str, str] = field(default_factory=dict)         # label -> campaign name
    partners: dict[str, str] = field(default_factory=dict)          # label -> partner name
    partner_sources: dict[str, str] = field(default_factory=dict)   # Matomo mtm_source -> partner name
    partner_contents: dict[str, str] = field(default_factory=dict)  # Matomo mtm_content -> partner name
    keywords: list[str] = field(default_factory=list)               # feed: keywords of the default campaign
    channel: str | None = None
    peso: str | None = None
    platform: str | None = None
    lookback_days: int | None = None
    enabled: bool = True
    origin: str = "page"                             # page | file

    # -- derived ---------------------------------------------------------------------------------------
    @property
    def defaults(self) -> tuple[str, str, str]:
        channel, peso, platform = connector_settings.DEFAULT_CHANNEL[self.kind]
        if self.partner and self.peso is None and peso == "owned":
            peso = "shared"                          # a partner's newsletter or site is a shared channel
        return self.channel or channel, self.peso or peso, self.platform if self.platform is not None else platform

    @property
    def lookback(self) -> int:
        return self.lookback_days if self.lookback_days is not None else connector_settings.LOOKBACK_DAYS[self.kind]

    @property
    def platform_name(self) -> str:
        return connector_settings.PLATFORM_NAME.get(self.kind, self.kind)

    def to_settings(self) -> str:
        data = asdict(self)
        data["since"] = self.since.isoformat() if self.since else None
        for key in ("name", "kind", "enabled", "origin"):
            data.pop(key)
        return json.dumps({k: v for k, v in data.items() if v not in (None, [], {})}, ensure_ascii=False)


_FIELDS = {f.name for f in fields(Source)} - {"enabled", "origin"}


# -- secrets -------------------------------------------------------------------------------------------------
def kinds() -> list[str]:
    """The kinds of source there is a connector for (the connectors' registry: built-ins and plugins)."""
    return connectors.kinds()


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
            raise SourcesError(t("sources.secret_unknown", where=f"« {source.name} »", secret=source.secret,
                                 file=(path or sources_file()).name))
        value = (os.environ.get(found.env) if found.env else None) or (_secrets_toml(found.key) if found.key else None)
        return found.name, value, found.hosts
    if not source.token_env:
        return None
    if source.origin != "file":
        raise SourcesError(t("sources.page_no_token_env", where=f"« {source.name} »"))
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
    rows = [{"name": d.name, "read_from": f"env {d.env}" if d.env else f"secrets.toml {d.key}",
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


# -- declared sources (TOML) ------------------------------------------------------------------------------------
def sources_file() -> Path:
    return settings().sources_file


def file_stamp() -> tuple:
    """Where the declared sources live and when the file last changed (part of the page's cache key)."""
    path = sources_file()
    try:
        return str(path), path.stat().st_mtime_ns
    except OSError:
        return str(path), None


def declared(path: Path | None = None) -> list[Source]:
    """The sources declared in the TOML file (none when the file does not exist)."""
    path = path or sources_file()
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SourcesError(t("sources.toml_invalid", file=path.name, error=error)) from error
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise SourcesError(t("sources.toml_no_list", file=path.name))
    found, names = [], set()
    for index, entry in enumerate(entries, start=1):
        source = from_mapping(entry, origin="file", where=t("sources.where_file", file=path.name, index=index))
        if source.name in names:
            raise SourcesError(t("sources.duplicate", where=path.name, name=source.name))
        names.add(source.name)
        found.append(source)
    return found


def from_mapping(entry: dict, origin: str = "page", where: str = "") -> Source:
    """A Source from a TOML table or a page form, checked key by key."""
    label = where or t("sources.where_page")
    if not isinstance(entry, dict):
        raise SourcesError(t("sources.not_table", where=label))
    name = str(entry.get("name") or "").strip()
    if not name:
        raise SourcesError(t("sources.missing_key", where=label, field="name"))
    where = f"{label} « {name} »"
    if {k.lower() for k in entry} & SECRET_KEYS:
        raise SourcesError(t("sources.no_secret_here", where=where))
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise SourcesError(t("sources.unknown_keys", where=where, keys=", ".join(unknown), known=", ".join(sorted(_FIELDS))))
    kind = entry.get("kind")
    declared = connectors.kind(kind) if isinstance(kind, str) else None
    if declared is None:
        raise SourcesError(t("sources.bad_kind", where=where, kind=kind, kinds=" | ".join(connectors.kinds())))
    values = dict(entry)
    if declared.needs_url and not values.get("url"):
        raise SourcesError(t("sources.missing_key", where=where, field="url"))
    if values.get("url") and not str(values["url"]).startswith(("http://", "https://")):
        raise SourcesError(t("sources.bad_url", where=where, url=mask_url(str(values["url"]))))
    if declared.needs_token and not values.get("token_env") and not values.get("secret"):
        raise SourcesError(t("sources.missing_key", where=where, field="secret"))
    if values.get("secret") is not None and not isinstance(values["secret"], str):
        raise SourcesError(t("sources.bad_choice", where=where, field="secret", value=values["secret"], choices="…"))
    if kind == "matomo":
        try:
            values["site_id"] = int(values.get("site_id"))
        except (TypeError, ValueError) as error:
            raise SourcesError(t("sources.bad_site_id", where=where, value=values.get("site_id"))) from error
    if values.get("since") is not None:
        since = values["since"]
        if isinstance(since, str):
            try:
                since = date.fromisoformat(since)
            except ValueError as error:
                raise SourcesError(t("sources.bad_date", where=where, field="since", value=since)) from error
        if not isinstance(since, date):
            raise SourcesError(t("sources.bad_date", where=where, field="since", value=since))
        values["since"] = since
    for key in ("campaigns", "partners", "partner_sources", "partner_contents"):
        mapping = values.get(key) or {}
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise SourcesError(t("sources.bad_mapping", where=where, field=key))
        values[key] = {str(k): v for k, v in mapping.items()}
    for key in ("campaign_ids", "keywords"):
        items = values.get(key) or []
        if isinstance(items, str | int):
            items = [items]
        values[key] = [str(i).strip() for i in items if str(i).strip()]
    if values.get("channel") and values["channel"] not in CHANNELS:
        raise SourcesError(t("sources.bad_choice", where=where, field="channel", value=values["channel"], choices=", ".join(CHANNELS)))
    if values.get("peso") and values["peso"] not in PESO:
        raise SourcesError(t("sources.bad_choice", where=where, field="peso", value=values["peso"], choices=", ".join(PESO)))
    if values.get("format") and values["format"] not in ("csv", "json"):
        raise SourcesError(t("sources.bad_choice", where=where, field="format", value=values["format"], choices="csv, json"))
    if values.get("lookback_days") is not None:
        try:
            values["lookback_days"] = max(0, int(values["lookback_days"]))
        except (TypeError, ValueError) as error:
            raise SourcesError(t("sources.bad_choice", where=where, field="lookback_days", value=values["lookback_days"], choices="0, 1, 2…")) from error
    values["name"] = name
    return Source(**values, origin=origin)


# -- sources of the store (page) -----------------------------------------------------------------------------------
def configured(store: Store) -> list[Source]:
    """Sources configured in the page."""
    with store.read() as con:
        rows = queries.run(con, "source_list")
    found = []
    for row in rows.itertuples():
        if row.origin != "page" or not row.settings:
            continue
        source = from_mapping({"name": row.name, "kind": row.kind, **json.loads(row.settings)})
        source.enabled = bool(row.enabled)
        found.append(source)
    return found


def all_sources(store: Store, path: Path | None = None) -> list[Source]:
    """Declared sources (with the page's on/off switch applied), then the page's own."""
    with store.read() as con:
        switches = {r.name: bool(r.enabled) for r in queries.run(con, "source_list").itertuples()}
    listed = declared(path)
    for source in listed:
        source.enabled = switches.get(source.name, True)
    names = {s.name for s in listed}
    return listed + [s for s in configured(store) if s.name not in names]


def find(store: Store, name: str, path: Path | None = None) -> Source | None:
    return next((s for s in all_sources(store, path) if s.name == name), None)


def save(store: Store, source: Source, by: str = "system", path: Path | None = None) -> None:
    """Create or update a source configured in the page (a declared one is edited in its file)."""
    if any(s.name == source.name for s in declared(path)):
        raise SourcesError(t("sources.declared_read_only", name=source.name, file=(path or sources_file()).name))
    if source.token_env:                             # an editor never names a server variable
        raise SourcesError(t("sources.page_no_token_env", where=f"« {source.name} »"))
    if source.secret and source.secret not in declared_secrets(path, store):
        raise SourcesError(t("sources.secret_unknown", where=f"« {source.name} »", secret=source.secret,
                             file=(path or sources_file()).name))
    source = from_mapping({"name": source.name, "kind": source.kind, **json.loads(source.to_settings())})
    with store.transaction() as con:
        queries.execute(con, "source_upsert", {"name": source.name, "kind": source.kind, "origin": "page",
                                               "settings": source.to_settings(), "enabled": True, "updated_by": by})
        audit.record(con, by, "source.save", source.name, {"kind": source.kind})


def set_enabled(store: Store, name: str, enabled: bool, by: str = "system", path: Path | None = None) -> None:
    source = find(store, name, path)
    if source is None:
        raise SourcesError(t("sources.unknown", name=name))
    with store.transaction() as con:
        queries.execute(con, "source_set_enabled", {"name": name, "kind": source.kind, "origin": source.origin,
                                                    "enabled": enabled, "updated_by": by})
        audit.record(con, by, "source.enable" if enabled else "source.disable", name, None)


def delete(store: Store, name: str, by: str = "system") -> None:
    with store.transaction() as con:
        queries.execute(con, "source_delete", {"name": name})
        audit.record(con, by, "source.delete", name, None)


def label_mappings(store: Store, source: str):
    with store.read() as con:
        return queries.run(con, "source_labels", {"source": source})


def map_label(store: Store, source: str, label: str, campaign_id: int, partner_id: int | None = None,
              by: str = "system") -> None:
    """Remember that a label of a source means this campaign (and partner): the next sync loads its figures."""
    with store.transaction() as con:
        queries.execute(con, "source_label_upsert", {
            "source": source, "label_key": name_key(label), "label": label, "campaign_id": int(campaign_id),
            "partner_id": int(partner_id) if partner_id is not None else None, "created_by": by})
        audit.record(con, by, "source.map_label", source, {"label": label, "campaign_id": int(campaign_id)})
