"""Which campaign and partner a row belongs to: names resolved (aliases, the manager's choices), ids found or created."""
from __future__ import annotations

import pandas as pd

import queries
from connectors.partner_file.mapping import header_key
from resonance.domain.names import name_key
from resonance.i18n import quoted, t
from resonance.ingest.outcome import Preview
from resonance.services.partnership import campaign_id as find_campaign
from resonance.services.partnership import ensure_campaign, ensure_partner
from resonance.services.partnership import partner_id as find_partner

_STOP_WORDS = {"les", "des", "the", "and", "pour", "avec", "campagne", "campaign"}


def resolve_campaigns(store, accepted: pd.DataFrame, roles, result: Preview, seen=()) -> pd.Series:
    """The campaign of each row (None for the labels the manager left out); lists the file's labels with their totals.

    With one campaign chosen for the file, a file whose campaign column holds several labels is never
    absorbed silently: until the manager says which labels are left out (or where they go), the preview
    asks, proposing the labels whose name resembles the campaign's.
    """
    if "campaign" not in roles:
        if result.campaign and result.skip_campaigns:
            result.errors.append(t("import.error.label_not_found", file=result.file_name,
                                   names=", ".join(quoted(n) for n in result.skip_campaigns), labels="—"))
        if result.campaign:
            return pd.Series(result.campaign, index=accepted.index)
        result.errors.append(t("import.error.no_campaign", file=result.file_name))
        return pd.Series(dtype=object)
    with store.read() as con:
        known = {name_key(n): n for n in queries.run(con, "campaign_names")["name"]}
        aliases = queries.run(con, "import_campaign_aliases")
    alias_map = dict(zip(aliases["alias_key"], aliases["campaign"], strict=True))
    given = {name_key(k): v.strip() for k, v in result.campaign_map.items()}
    skipped = {name_key(s) for s in result.skip_campaigns}
    labels = list(accepted["d_campaign"].dropna().unique())
    resolved, unknown = {}, []
    for raw in labels:
        key = name_key(raw)
        if key in skipped:
            resolved[raw] = None
        elif key in given:
            resolved[raw] = known.get(name_key(given[key]), given[key])
        elif result.campaign:
            resolved[raw] = result.campaign
        elif key in known:
            resolved[raw] = known[key]
        elif key in alias_map:
            resolved[raw] = alias_map[key]
        else:
            unknown.append(raw)
    decided = any(name_key(raw) in skipped or name_key(raw) in given for raw in labels)
    # a label the manager named must be in the file (a total row's "Total site" counts: it is left out anyway)
    missing = sorted(n for n in [*result.skip_campaigns, *result.campaign_map]
                     if name_key(n) not in {name_key(raw) for raw in [*labels, *seen] if isinstance(raw, str)})
    if missing and result.campaign:
        result.errors.append(t("import.error.label_not_found", file=result.file_name,
                               names=", ".join(quoted(n) for n in missing),
                               labels=", ".join(quoted(raw) for raw in labels) or "—"))
    result.labels = _labels_table(accepted, labels, resolved, result.campaign)
    if result.campaign and len(labels) > 1 and not decided and _one_family(labels, result.campaign):
        result.infos.append(t("import.info.labels_taken", file=result.file_name, campaign=result.campaign,
                              labels=", ".join(quoted(raw) for raw in labels)))
    elif result.campaign and len(labels) > 1 and not decided:
        result.labels["campaign"] = None          # not decided: the manager says where each label goes
        proposed = [raw for raw in labels if resembles(raw, result.campaign)]
        others = [raw for raw in labels if raw not in proposed]
        hints = " ".join(f'--skip-campaign "{raw}"' for raw in (others or labels[1:])[:5])
        result.errors.append(t("import.error.several_campaigns", file=result.file_name, campaign=result.campaign,
                               labels=", ".join(quoted(raw) for raw in labels),
                               proposed=", ".join(quoted(raw) for raw in proposed) or "—", hints=hints))
    if unknown:
        result.unknown_campaigns = sorted(unknown)
        hints = " ".join(f'--map-campaign "{u}=…"' for u in result.unknown_campaigns[:5])
        skips = " ".join(f'--skip-campaign "{u}"' for u in result.unknown_campaigns[:5])
        result.errors.append(t("import.error.unknown_campaigns", file=result.file_name,
                               names=", ".join(quoted(u) for u in result.unknown_campaigns), hints=hints,
                               skips=skips))
    campaigns = accepted["d_campaign"].map(lambda raw: resolved.get(raw) if isinstance(raw, str) else result.campaign)
    return campaigns.where(campaigns.notna(), None)


def _significant(text: str) -> list[str]:
    return [w for w in header_key(text).split() if len(w) >= 3 and not w.isdigit() and w not in _STOP_WORDS]


def resembles(label: str, campaign: str) -> bool:
    """Whether a label of the file looks like the campaign's name (accents, case, spaces and punctuation aside).

    "JobsEte25_Etudiants" and "jobs-ete-2025" resemble "Jobs d'été 2025"; "Boutique - Soldes d'été" does not.
    """
    words = _significant(campaign)
    compact = header_key(label).replace(" ", "")
    return bool(words) and all(w in compact for w in words)


def _one_family(labels: list[str], campaign: str) -> bool:
    """Labels that all name the campaign, or all share a word: the sends or waves of one operation."""
    if all(resembles(raw, campaign) for raw in labels):
        return True
    shared = set(_significant(labels[0]))
    for raw in labels[1:]:
        shared &= set(_significant(raw))
    return bool({w for w in shared if len(w) >= 4})


def campaign_column(partner_file, by_index: dict[int, str], result: Preview) -> dict[int, str]:
    """With one campaign chosen and no campaign column, the column naming each send or operation plays its part.

    E-mail tools name each send in a column read as a label; the manager's --skip-campaign names one
    of its cells. That column then lists its labels with their totals, and the choices apply to it.
    """
    roles = set(by_index.values())
    if "campaign" in roles or not result.campaign:
        return by_index
    candidates = [i for i, r in by_index.items() if r == "label"]
    # a column no word recognised may hold them too (Matomo's "label"): the cells the manager named tell
    unread = [i for i, h in enumerate(partner_file.shape.headers) if h and i not in by_index]
    named = {name_key(n) for n in [*result.skip_campaigns, *result.campaign_map]}
    chosen = next((i for i in [*candidates, *unread] if any(i < len(row) and name_key(row[i] or "") in named
                                                            for row in partner_file.shape.sample)), None)
    if chosen is None and roles & {"sends", "delivered", "unique_opens"} and candidates:
        chosen = candidates[0]
    return by_index if chosen is None else {**by_index, chosen: "campaign"}


def _labels_table(accepted: pd.DataFrame, labels: list, resolved: dict, campaign: str | None) -> pd.DataFrame:
    sums = [c for c in accepted.columns if c.startswith("s_")]
    grouped = accepted.groupby("d_campaign")[[*sums, "n_rows"]].sum(min_count=1) if labels else None
    rows = []
    for raw in labels:
        row = {"label": raw, "campaign": resolved.get(raw), "resembles": bool(campaign) and resembles(raw, campaign),
               "rows": int(grouped.loc[raw, "n_rows"])}
        row.update({c[2:]: grouped.loc[raw, c] for c in sums if pd.notna(grouped.loc[raw, c])})
        rows.append(row)
    return pd.DataFrame(rows)


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
    queries.execute(con, "store_settle")
