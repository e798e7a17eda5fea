"""A source declaration: what a source is, checked key by key from a TOML table or a page form; the sources file.

A source says where the figures come from (URL, site or list ids), which secret holds its token
(never the token itself), and how the labels it uses map to Résonance campaigns and partners.
Declared sources live in the TOML file (RESONANCE_SOURCES, version control) and are read-only in the app.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path

import connectors
from connectors.guard import mask_url, safe_host
from resonance.domain.metrics import CHANNELS, PESO
from resonance.errors import InputError
from resonance.i18n import has, quoted, t
from resonance.settings import settings

SECRET_KEYS = {"token", "token_auth", "api_key", "apikey", "key", "password"}


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
        channel, peso, platform = connectors.kind(self.kind).channel
        if self.partner and self.peso is None and peso == "owned":
            peso = "shared"                          # a partner's newsletter or site is a shared channel
        return self.channel or channel, self.peso or peso, self.platform if self.platform is not None else platform

    @property
    def lookback(self) -> int:
        return self.lookback_days if self.lookback_days is not None else connectors.kind(self.kind).lookback_days

    @property
    def platform_name(self) -> str:
        """Who answers, as a message names it: the platform its kind registered (Matomo, Brevo), else the host of its
        address (a report or a feed: "campus.example.fr a refusé le jeton"), else the kind's name."""
        registered = connectors.kind(self.kind).channel[2]
        return registered or (safe_host(self.url) if self.url else connectors.label(self.kind))

    def to_settings(self) -> str:
        data = asdict(self)
        data["since"] = self.since.isoformat() if self.since else None
        for key in ("name", "kind", "enabled", "origin"):
            data.pop(key)
        return json.dumps({k: v for k, v in data.items() if v not in (None, [], {})}, ensure_ascii=False)


_FIELDS = {f.name for f in fields(Source)} - {"enabled", "origin"}


def sources_file() -> Path:
    return settings().sources_file


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


def _missing(where: str, key: str, origin: str, kind: str | None = None) -> SourcesError:
    """A required key left empty: named by its key in the sources file, by its field's label on the page's form."""
    if origin != "page":
        return SourcesError(t("sources.missing_key", where=where, field=key))
    labels = {"name": "source_form.name", "url": f"source_form.{kind}.url", "secret": "connectors.field.secret"}
    label = labels[key] if has(labels[key]) else "sources.field.url"     # a plugin's kind: its address
    # a secret is picked, never typed: when none is offered, only an administrator can declare one
    return SourcesError(t("sources.missing_secret" if key == "secret" else "sources.missing_field", where=where,
                          field=t(label)))


def from_mapping(entry: dict, origin: str = "page", where: str = "") -> Source:
    """A Source from a TOML table or a page form, checked key by key."""
    label = where or t("sources.where_page")
    if not isinstance(entry, dict):
        raise SourcesError(t("sources.not_table", where=label))
    name = str(entry.get("name") or "").strip()
    if not name:
        raise _missing(label, "name", origin)
    where = f"{label} {quoted(name)}"
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
        raise _missing(where, "url", origin, kind)
    if values.get("url") and not str(values["url"]).startswith(("http://", "https://")):
        raise SourcesError(t("sources.bad_url", where=where, url=mask_url(str(values["url"]))))
    if declared.needs_token and not values.get("token_env") and not values.get("secret"):
        raise _missing(where, "secret", origin)
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


