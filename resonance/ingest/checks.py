"""What a preview warns about before loading: suspicious figures, and what the store already holds for the same scope."""
from __future__ import annotations

import queries
from resonance import formatting as fmt
from resonance.domain.metrics import is_partner_metric
from resonance.i18n import language, quoted, t
from resonance.ingest import load as ingest
from resonance.ingest.campaigns import attach_ids, scope_of, settle
from resonance.ingest.outcome import Foretold, Preview
from resonance.services.partnership import campaign_id as find_campaign
from resonance.services.partnership import partner_id as find_partner


def warn(store, result: Preview) -> None:
    """Suspicious values the manager must confirm (the command line refuses them unless --accept-warnings)."""
    facts = result.facts
    if facts.empty:
        return
    lang = language()
    # grouped by the keys that occur (a pivot with dropna=False built every start × end × platform: quadratic)
    wide = facts.groupby(["campaign", "period_start", "period_end", "platform", "metric"], sort=False,
                         dropna=False)["value"].sum().unstack("metric").reset_index()

    def first_day(rows) -> str:
        return fmt.day(rows["period_start"].iloc[0], lang)

    if {"clicks", "impressions"} <= set(wide.columns):
        over = wide[wide["clicks"] > wide["impressions"]]
        if len(over):
            result.warnings.append(t("import.warning.clicks_over_impressions", file=result.file_name,
                                     count=len(over), day=first_day(over)))
    base = "delivered" if "delivered" in wide.columns else "sends" if "sends" in wide.columns else None
    if base and "unique_opens" in wide.columns:
        over = wide[wide["unique_opens"] > wide[base]]
        if len(over):
            result.warnings.append(t("import.warning.open_rate_over_100", file=result.file_name, count=len(over),
                                     day=first_day(over)))
    if not result.reported_rates.empty:
        rates = result.reported_rates[~result.reported_rates["rate"].map(is_partner_metric)]   # a GRP is no rate
        over = rates[rates["value"] > 1]
        if len(over):
            result.warnings.append(t("import.warning.rate_over_100", file=result.file_name, count=len(over),
                                     day=first_day(over)))
    negative = facts[facts["value"] < 0]
    for metric, rows in negative.groupby("metric"):
        result.warnings.append(t("import.warning.negative", file=result.file_name, metric=t(f"metric.{metric}"),
                                 count=len(rows), day=first_day(rows)))
    if result.new_partners:
        result.warnings.append(Foretold("import.warning.new_partners", file=result.file_name,
                                 names=", ".join(quoted(p) for p in result.new_partners)))


def compare_with_store(store, result: Preview) -> None:
    """Whether this very file is loaded already, and how many stored figures it would replace."""
    rows = result.facts if not result.facts.empty else result.press
    if rows.empty or result.errors:
        return
    with store.read() as con:
        if result.campaign and find_campaign(con, result.campaign) is None:
            result.infos.append(Foretold("import.info.new_campaign", name=result.campaign))
        if result.partner and find_partner(con, result.partner) is None:
            result.infos.append(Foretold("import.info.new_partner", name=result.partner))
    campaign, partner = scope_of(rows) if "campaign" in rows else (result.campaign, result.partner)
    with store.read() as con:
        campaign_id = find_campaign(con, campaign) if campaign else None
        partner_id = find_partner(con, partner) if partner else None
        if (campaign is None or campaign_id is not None) and (partner is None or partner_id is not None):
            result.already_loaded_as = ingest.find_same_file(con, result.sha256, campaign_id, partner_id)
        if result.already_loaded_as is not None:
            result.infos.insert(0, t("import.info.already_loaded", file=result.file_name, id=result.already_loaded_as))
        if result.facts.empty:
            return
        with_ids = attach_ids(con, result.facts, create=False)
        if with_ids is None:
            return
        settle(con)
        con.register("incoming_facts", with_ids)
        try:
            overlap = queries.run(con, "import_overlap", {})
        finally:
            con.unregister("incoming_facts")
    result.replaces = len(overlap)
    if len(overlap) and result.already_loaded_as is None:
        earlier = ", ".join(f"n°{i}" for i in sorted(overlap["ingestion_id"].unique()))
        result.infos.append(Foretold("import.info.replaces", count=len(overlap), ingestions=earlier))


#---------------------------------------------------------------------------------------------
