"""The audit trail: who imported, edited, undid or deleted what, and when — one call for every module that writes.

Call `record(con, actor, action, target, details)` inside the same transaction as the change it
describes, so that the trail and the data never disagree (a rolled-back import leaves no trace
either). Actions are dotted names: `ingestion.load`, `ingestion.undo`, `campaign.edit`,
`asset.add`, `asset.delete`, `connector.sync`, `account.add`, `sign_in.failed`…
"""
from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import duckdb

import queries
from resonance.store import Store

if TYPE_CHECKING:          # its tables are DuckDB's DataFrames: the command line's `report` never loads pandas
    import pandas as pd


def now() -> datetime:
    """UTC without time zone, as stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def record(con: duckdb.DuckDBPyConnection, actor: str, action: str, target: str | None = None,
           details: dict | None = None) -> None:
    """Add one event to the trail, inside the caller's transaction."""
    queries.execute(con, "audit_insert", {
        "at": None, "actor": actor or "inconnu", "action": action, "target": target,
        "details": json.dumps(details, ensure_ascii=False, default=str) if details else None,
    })


def record_now(store: Store, actor: str, action: str, target: str | None = None, details: dict | None = None) -> None:
    """Add one event in a transaction of its own (for events that change nothing else, like a refused sign-in)."""
    with store.transaction() as con:
        record(con, actor, action, target, details)


def trail(store: Store, *, actor: str | None = None, action_prefix: str | None = None, limit: int = 500) -> pd.DataFrame:
    """The newest events first: happened_at, actor, action, target, details."""
    with store.read() as con:
        return queries.run(con, "audit_trail", {"actor": actor, "action_prefix": action_prefix, "limit": int(limit)})
