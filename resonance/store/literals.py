"""SQL string literals for the few statements that take no bound parameter (ATTACH): quoted, never pasted raw."""
from __future__ import annotations

from pathlib import Path


def sql_string(value: str | Path) -> str:
    """`value` as a DuckDB string literal: wrapped in single quotes, each quote inside doubled.

    DuckDB 1.5 parses `attach $path` as a syntax error, so the path is written into the statement.
    In a plain '…' literal DuckDB treats only the quote as special (a backslash is an ordinary
    character), so doubling it is a complete escape. A NUL byte cannot be part of a path or a
    connection string and could end the statement early in C code: it is refused.
    """
    text = str(value)
    if "\x00" in text:
        raise ValueError("a NUL character cannot be part of an SQL string")
    return "'" + text.replace("'", "''") + "'"
