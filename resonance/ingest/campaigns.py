"""Which campaign and partner a row belongs to: names resolved (aliases, the manager's choices), ids found or created."""
from __future__ import annotations

import pandas as pd

import queries
from resonance.domain.names import name_key
from resonance.i18n import t
from resonance.ingest.outcome import Preview
from resonance.services.partnership import campaign_id as find_campaign
from resonance.services.partnership import ensure_campaign, ensure_partner
from resonance.services.partnership import partner_id as find_partner


def resolve_campaigns(store, accepted: pd.DataFrame, roles, result: Preview) -> pd.Series:
    if result.campaign:
        return pd.Series(result.campaign, index=accepted.index)
    if "campaign" not in roles:
        result.errors.append(t("import.error.no_campaign", file=result.file_name))
        return pd.Series(dtype=object)
    with store.read() as con:
        known = {name_key(n): n for (n,) in con.execute("select name from campaign").fetchall()}
        aliases = queries.run(con, "import_campaign_aliases")
    alias_map = dict(zip(aliases["alias_key"], aliases["campaign"], strict=True))
    given = {name_key(k): v.strip() for k, v in result.campaign_map.items()}
    resolved, unknown = {}, []
    for raw in accepted["d_campaign"].dropna().unique():
        key = name_key(raw)
        if key in given:
            resolved[raw] = known.get(name_key(given[key]), given[key])
        elif key in known:
            resolved[raw] = known[key]
        elif key in alias_map:
            resolved[raw] = alias_map[key]
        else:
            unknown.append(raw)
    if unknown:
        result.unknown_campaigns = sorted(unknown)
        hints = " ".join(f'--map-campaign "{u}=…"' for u in result.unknown_campaigns[:5])
        result.errors.append(t("import.error.unknown_campaigns", file=result.file_name,
                               names=", ".join(f"« {u} »" for u in result.unknown_campaigns), hints=hints))
    return accepted["d_campaign"].map(resolved)


def attach_ids(con, facts: pd.DataFrame, create: bool) -> pd.DataFrame | None:
    """Facts with campaign and partner ids (created when `create`), or None when one is not in the store yet."""
    out = facts.copy()
    campaign_ids, partner_ids = {}, {}
    for name in out["campaign"].dropna().unique():
        campaign_ids[name] = ensure_campaign(con, name) if create else find_campaign(con, name)
    for name in out["partner"].dropna().unique():
        partner_ids[name] = ensure_partner(con, name) if create else find_partner(con, name)
    if None in campaign_ids.values() or None in partner_ids.values():
        return None
    out["campaign_id"] = out["campaign"].map(campaign_ids).astype("int64")
    out["partner_id"] = out["partner"].map(partner_ids).astype("Int64")
    return out


def scope_of(facts: pd.DataFrame) -> tuple[str | None, str | None]:
    campaigns = facts["campaign"].dropna().unique()
    partners = facts["partner"].dropna().unique() if "partner" in facts else []
    return (campaigns[0] if len(campaigns) == 1 else None,
            partners[0] if len(partners) == 1 else None)


def settle(con) -> None:
    """DuckDB 2 keeps a fetchone() result open; finish it before registering a frame on the connection."""
    con.execute("select 1").fetchall()
