"""What runs around a transaction's commit: steps just before it (in the transaction), callbacks once it is done."""
from __future__ import annotations

_after_commit: dict[int, list] = {}     # id of a transaction's cursor → what to run once it has committed
_before_commit: dict[int, dict] = {}    # id of a transaction's cursor → {key: what to run just before it commits}


def after_commit(con, callback) -> None:
    """Run `callback(store, cursor, stamp_before)` once the transaction `con` belongs to has committed, still in
    the writer's turn (no other writer of the process in between); `stamp_before` is the store's stamp when the
    transaction began (None for a lake). Nothing when `con` is not a transaction of ours, or if it rolls back."""
    callbacks = _after_commit.get(id(con))
    if callbacks is not None and callback not in callbacks:
        callbacks.append(callback)


def before_commit(con, key: str, make):
    """The callback kept under `key` for the transaction `con` belongs to, made by `make()` the first time asked;
    each is called with the cursor, in the order made, just before the commit (an error in one rolls everything
    back). None when `con` is not a transaction of ours: the caller then does its work at once."""
    callbacks = _before_commit.get(id(con))
    if callbacks is None:
        return None
    if key not in callbacks:
        callbacks[key] = make()
    return callbacks[key]


def pending(cursor, done: bool = False) -> tuple[list, dict]:
    """The after-commit callbacks and before-commit steps of the transaction `cursor` starts (kept until `done`)."""
    if done:
        return _after_commit.pop(id(cursor), []), _before_commit.pop(id(cursor), {})
    _after_commit[id(cursor)], _before_commit[id(cursor)] = [], {}
    return _after_commit[id(cursor)], _before_commit[id(cursor)]
