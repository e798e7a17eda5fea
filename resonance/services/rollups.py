"""Rollups (issue 16): the figures model's partnership and campaign grains and its units per week and year kept in tables,
refreshed by the writers, checked on read; and each whole-store table computed once per data version."""
from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

import queries
from resonance.store import Store, checkpoint
from resonance.store.commits import after_commit, before_commit

if TYPE_CHECKING:          # its tables are DuckDB's DataFrames: the command line's `report` never loads pandas
    import pandas as pd

_guard = threading.Lock()
_checked: dict[Path, tuple] = {}                     # store → the data version its rollups were last checked at
_tables: dict[tuple, pd.DataFrame] = {}              # (store, data version, query, parameters) → its rows
MAX_TABLES = 64


def refresh(con: duckdb.DuckDBPyConnection, campaign_ids: Iterable[int]) -> None:
    """Recompute the rollups of these campaigns, inside the caller's transaction (the load's, the undo's…)."""
    for campaign in sorted({int(c) for c in campaign_ids if c is not None}):
        params = {"campaign_id": campaign}
        now = queries.records(con, "rollup_fingerprint", params)
        if not now or (now[0]["fingerprint"], now[0]["rows"]) == (now[0]["kept_fingerprint"], now[0]["kept_rows"]):
            continue          # nothing they are computed from changed (the same figures again, a sync of the same days)
        for name in ("rollup_clear", "rollup_week_clear", "rollup_year_clear", "rollup_campaign_clear",
                     "rollup_state_clear"):
            queries.execute(con, name, params)
        # the facts are read once, by the weeks; the years add up the weeks; the partnerships and the campaign add
        # up the years (the model's `rolled := true`): each grain from the one filled just before it
        for name in ("rollup_week_fill", "rollup_year_fill", "rollup_fill", "rollup_campaign_fill"):
            queries.execute(con, name, params)
        if now[0]["fingerprint"] is not None:       # none: the campaign is gone, or holds nothing to roll up
            queries.execute(con, "rollup_state_save", {**params, "fingerprint": now[0]["fingerprint"],
                                                       "rows": now[0]["rows"]})
    keep_checked(con)


class _Due:
    """The campaigns a transaction wrote, refreshed once just before it commits."""

    def __init__(self) -> None:
        self.campaigns: set[int] = set()

    def __call__(self, con: duckdb.DuckDBPyConnection) -> None:
        refresh(con, self.campaigns)


def refresh_at_commit(con: duckdb.DuckDBPyConnection, campaign_ids: Iterable[int]) -> None:
    """Recompute these campaigns' rollups just before the transaction `con` belongs to commits: a page still never
    reads them half-updated, and a transaction of several loads (the demo set, a sync of many files, a load then a
    PESO choice) refreshes each campaign once rather than once per load. At once outside a transaction of ours."""
    due = before_commit(con, "rollups", _Due)
    if due is None:
        refresh(con, campaign_ids)
    else:
        due.campaigns |= {int(c) for c in campaign_ids if c is not None}


def keep_checked(con: duckdb.DuckDBPyConnection) -> None:
    """Say that the transaction `con` is in leaves the rollups exact (it refreshed the campaigns it wrote, or wrote
    nothing they are computed from): once it commits, a store checked before it is checked after it, and the next
    read skips the pass over every fact. A transaction that does not say so leaves the next read to check."""
    after_commit(con, _checked_after_write)


def _checked_after_write(store: Store, cursor, stamp_before: tuple | None) -> None:
    if store.lake is None:
        before = (str(store), *stamp_before)
        if not _checked_before(store, before):
            return                        # nothing to vouch for: no checkpoint written for it, the next read checks
        # closing the file would write it again (a checkpoint), changing its stamp: written now, it is final
        if not checkpoint(cursor):
            return                        # the next read checks, that is all
        after = data_version(store)
    else:
        # writers take turns under the lake's lock: the snapshot this commit made follows the one it started from
        after = data_version(store)
        before = (str(store), after[1] - 1) if isinstance(after[1], int) else None
    if before is not None and _checked_before(store, before):
        _remember(store, after)


def stale(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The campaigns whose rollups no longer match their facts, press articles and PESO choices."""
    return [int(row["campaign_id"]) for row in queries.records(con, "rollup_stale")]


def data_version(store: Store) -> tuple:
    """Changes whenever anyone (this process, another app server or the command line) writes to the store: the
    store's own stamp (the lake's latest snapshot, or the file's size and time), with the store's name since every
    lake shares one unused file path."""
    return (str(store), *store.stamp())


def _note(store: Store) -> Path | None:
    """Where a file store's last checked data version is written, so that the next process (a command line's
    `report`) skips the check while nobody wrote since; none for a lake (its snapshot is asked anyway)."""
    return None if store.lake is not None else Path(f"{store.path}.rollups-checked")


def _checked_before(store: Store, version: tuple) -> bool:
    if _checked.get(store.path) == version:
        return True
    note = _note(store)
    try:
        return note is not None and note.read_text(encoding="utf-8") == repr(version)
    except OSError:
        return False


def ensure(store: Store) -> None:
    """Before a page reads the rollups: recompute those a write left behind (none when every writer refreshed).
    The check (one pass over the facts) runs once per data version, not once per read nor once per process: any
    write changes the version (the file's size and time, the lake's snapshot), so a remembered check is never stale."""
    version = data_version(store)
    if _checked_before(store, version):
        with _guard:
            _checked[store.path] = version
        return
    with store.hold():
        # what opening wrote (a migration) is written now, not at the close, so that the version remembered is the
        # one the next read finds
        version = _settled(store)
        with store.read() as con:
            behind = stale(con)
        if behind:
            with store.transaction() as con:
                refresh(con, stale(con))  # asked again under the writer's turn: another thread may have done it
            version = _settled(store)     # after its own write (nothing behind: the version read before the check)
    _remember(store, version)


def _settled(store: Store) -> tuple:
    """The data version once what this process wrote is in the file itself (a checkpoint: the close would write it
    otherwise, changing the file's stamp); a lake's as it is."""
    if store.lake is None:
        with store.read() as con:
            checkpoint(con)
    return data_version(store)


def is_checked(store: Store) -> bool:
    """Whether the store's rollups are known exact for its data version as it is now (the next read skips the check)."""
    return _checked_before(store, data_version(store))


def _remember(store: Store, version: tuple) -> None:
    with _guard:
        _checked[store.path] = version
    note = _note(store)
    if note is not None:
        try:
            note.write_text(repr(version), encoding="utf-8")
        except OSError:
            pass                          # a read-only folder: the next process checks again, that is all


def whole_store(store: Store, name: str, params: dict | None = None) -> pd.DataFrame:
    """A whole-store table (rollups fresh), computed once per data version; each caller gets its own copy."""
    ensure(store)
    key = (store.path, data_version(store), name, repr(sorted((params or {}).items())))
    rows = _tables.get(key)
    if rows is None:
        with store.read() as con:
            rows = queries.run(con, name, params)
        with _guard:
            if len(_tables) >= MAX_TABLES:
                _tables.clear()
            _tables[key] = rows
    return rows.copy()
