"""Campaigns, partners and the partnerships between them: lookup by name and creation."""
from __future__ import annotations

import unicodedata

import duckdb


def name_key(name: str) -> str:
    """A name compared without regard to case, accents or surrounding spaces ("Écoles " == "ecoles")."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _find(con: duckdb.DuckDBPyConnection, table: str, name: str) -> int | None:
    wanted = name_key(name)
    rows = con.execute(f"select id, name from {table}").fetchall()  # noqa: S608 - table is one of two constants
    return next((row_id for row_id, existing in rows if name_key(existing) == wanted), None)


def campaign_id(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    return _find(con, "campaign", name)


def partner_id(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    return _find(con, "partner", name)


def ensure_campaign(con: duckdb.DuckDBPyConnection, name: str, **fields) -> int:
    found = campaign_id(con, name)
    if found is not None:
        return found
    columns = ["name", *fields]
    return con.execute(
        f"insert into campaign ({', '.join(columns)}) values ({', '.join('$' + c for c in columns)}) returning id",  # noqa: S608 - column names come from code
        {"name": name.strip(), **fields},
    ).fetchone()[0]


def ensure_partner(con: duckdb.DuckDBPyConnection, name: str, **fields) -> int:
    found = partner_id(con, name)
    if found is not None:
        return found
    columns = ["name", *fields]
    return con.execute(
        f"insert into partner ({', '.join(columns)}) values ({', '.join('$' + c for c in columns)}) returning id",  # noqa: S608 - column names come from code
        {"name": name.strip(), **fields},
    ).fetchone()[0]


def ensure_partnership(con: duckdb.DuckDBPyConnection, campaign: int, partner: int, **fields) -> int:
    row = con.execute("select id from partnership where campaign_id = $c and partner_id = $p",
                      {"c": campaign, "p": partner}).fetchone()
    if row:
        return row[0]
    columns = ["campaign_id", "partner_id", *fields]
    return con.execute(
        f"insert into partnership ({', '.join(columns)}) values ({', '.join('$' + c for c in columns)}) returning id",  # noqa: S608 - column names come from code
        {"campaign_id": campaign, "partner_id": partner, **fields},
    ).fetchone()[0]
