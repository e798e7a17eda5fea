"""Sources of the connectors: those declared in the sources file (with the page's on/off switch) and those configured in the page.

The page can switch a declared source off; it creates, edits and deletes its own sources and
remembers which campaign (and partner) a source's label means.
"""
from __future__ import annotations

import json
from pathlib import Path

import connectors
import queries
from resonance.domain.names import name_key
from resonance.i18n import quoted, t
from resonance.services import audit
from resonance.services.secrets import declared_secrets
from resonance.services.source_declarations import Source, SourcesError, declared, from_mapping, sources_file
from resonance.store import Store


def kinds() -> list[str]:
    """The kinds of source there is a connector for (the connectors' registry: built-ins and plugins)."""
    return connectors.kinds()


def kind_label(kind: str) -> str:
    """A kind's name in the reader's language, as its connector registered it ("Flux de presse", "Press feed")."""
    return connectors.label(kind)


def file_stamp() -> tuple:
    """Where the declared sources live and when the file last changed (part of the page's cache key)."""
    path = sources_file()
    try:
        return str(path), path.stat().st_mtime_ns
    except OSError:
        return str(path), None


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
        raise SourcesError(t("sources.page_no_token_env", where=quoted(source.name)))
    if source.secret and source.secret not in declared_secrets(path, store):
        raise SourcesError(t("sources.secret_unknown", where=quoted(source.name), secret=source.secret,
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
