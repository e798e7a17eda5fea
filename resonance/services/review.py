"""The campaign review (bilan): the figures, per partner, over time, the press and the pictures of one campaign."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

import queries
from resonance import formatting as fmt
from resonance.domain.figures import (
    COST_COVERAGE,
    EQUIVALENT_MIN_BASE,
    RESONANCE_KEYS,
    figure_display,
)
from resonance.domain.metrics import AMEC_GROUPS, FACT_METRICS
from resonance.formatting import is_missing, plain
from resonance.i18n import has, t
from resonance.services import rollups

# report --json's, read without pandas, and the one way a campaign is found by its name
from resonance.services.campaign_report import FREE_VOLUMES, campaign_id_by_name, report  # noqa: F401
from resonance.store import Store

# The figures shown in each AMEC group of the review, in order.
AMEC_FIGURES = {
    "output": ("impressions", "sends", "press_mentions", "press_audience", "reach"),
    "outtake": ("clicks", "unique_opens", "email_clicks", "engagements", "video_views"),
    "outcome": ("landing_visits", "conversions"),
}
RATIO_COLUMNS = ("ctr", "open_rate", "click_to_open", "engagement_rate", "cpc_eur", "cpm_eur",
                 "cost_per_visit_eur", "cost_per_conversion_eur", "click_through_to_site")
# The per-partner table of the review, the deck and the annex, in this order.
PARTNER_COLUMNS = ("channels", "impressions", "clicks", "ctr", "sends", "unique_opens", "open_rate", "landing_visits",
                   "conversions", "press_mentions", "spend_eur", "cpc_eur")


@dataclass
class CampaignReview:
    detail: dict
    totals: dict
    partners: pd.DataFrame
    timeseries: pd.DataFrame
    press: pd.DataFrame
    assets: pd.DataFrame
    targets: dict
    annotations: pd.DataFrame
    # Rates partners gave without their base: shown as reported, never mixed into the computed ratios.
    reported_rates: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Reach as each report gave it, with its period and source: a de-duplicated reach is never summed.
    reported_reach: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Partner-defined metrics (posters put up, checkout passages…): label, unit, AMEC stage, value per partner.
    partner_metrics: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def has_figures(self) -> bool:
        return any(not is_missing(self.totals.get(m)) for m in FACT_METRICS if m != "reach") or bool(self.totals.get("press_mentions"))


def campaigns(store: Store) -> pd.DataFrame:
    with store.read() as con:
        return queries.run(con, "campaign_list")


def campaign_review(store: Store, campaign_id: int, grain: str = "day") -> CampaignReview | None:
    params = {"campaign_id": campaign_id}
    rollups.ensure(store)        # its totals and per-partner figures are read from the rollups
    with store.read() as con:
        detail = queries.run(con, "campaign_detail", params)
        if detail.empty:
            return None
        totals = queries.run(con, "campaign_totals", params).iloc[0]
        return CampaignReview(
            detail={k: plain(v) for k, v in detail.iloc[0].items()},
            totals={k: plain(v) for k, v in totals.items()},
            partners=queries.run(con, "campaign_partner_figures", params),
            timeseries=queries.run(con, "campaign_timeseries", {**params, "grain": grain}),
            press=queries.run(con, "campaign_press", params),
            assets=queries.run(con, "campaign_assets", params),
            targets=dict(queries.run(con, "campaign_targets", params).itertuples(index=False, name=None)),
            annotations=queries.run(con, "campaign_annotations", params),
            reported_rates=queries.run(con, "import_reported_rates", params),
            reported_reach=queries.run(con, "campaign_reach_reported", params),
            partner_metrics=queries.run(con, "campaign_partner_metrics", params),
        )


def coverage(totals: dict, key: str, lang: str) -> str | None:
    """What a cost ratio covers when free relays brought volume too: "sur les partenariats payants : 61 % des clics"."""
    if key not in COST_COVERAGE or is_missing(totals.get(key)):
        return None
    share_key, volume = COST_COVERAGE[key]
    share = totals.get(share_key)
    if is_missing(share) or float(share) >= 1:
        return None
    return t("figure.coverage", lang, share=figure_display(share_key, share, lang), volume=t(f"figure.coverage.volume.{volume}", lang))


def free_volumes(totals: dict) -> dict[str, float]:
    """The free relays' volume, shown apart from the costs; only where paid partnerships exist beside them."""
    if is_missing(totals.get("spend_eur")):
        return {}
    return {k: float(totals[k]) for k in FREE_VOLUMES if not is_missing(totals.get(k)) and float(totals[k]) > 0}


def period_covered(totals: dict, lang: str) -> str | None:
    """The days the figures cover (facts' first and last day), said on the review, the deck and the annex."""
    start, end = plain(totals.get("first_day")), plain(totals.get("last_day"))
    if start is None or end is None:
        return None
    return t("figure.period_covered", lang, start=fmt.day(start, lang), end=fmt.day(end, lang))


def resonance(totals: dict, lang: str) -> tuple[str | None, list[str], str | None]:
    """The resonance block: its sentence, the figures shown as tiles, and a plain note on the multiplier."""
    share = totals.get("partners_share_impressions")
    if is_missing(share):
        return None, [], None
    sentence = t("resonance.sentence", lang, share=figure_display("partners_share_impressions", share, lang))
    shown = [k for k in RESONANCE_KEYS if not is_missing(totals.get(k))]
    multiplier = totals.get("multiplier_impressions")
    note = (t("resonance.only_third_party", lang) if is_missing(multiplier)
            else t("resonance.nothing_added", lang) if float(multiplier) == 1 else None)
    return sentence, shown, note


def paid_equivalent(store: Store, campaign_id: int) -> pd.DataFrame:
    """What the free relays' volume would have cost at the median CPM / CPC of comparable paid partnerships:
    indicative only (AMEC: not the value of the communication), never added to spend, never a return on investment;
    no value when fewer than EQUIVALENT_MIN_BASE paid partnerships of the channel exist."""
    rollups.ensure(store)
    with store.read() as con:
        return queries.run(con, "paid_media_equivalent", {"campaign_id": campaign_id, "min_base": EQUIVALENT_MIN_BASE})


def equivalent_lines(table: pd.DataFrame, lang: str) -> list[str]:
    """One sentence per free partnership: its indicative equivalent with its base, or why there is none."""
    lines = []
    for row in table.to_dict("records"):
        channel = row["channel"] if isinstance(row["channel"], str) else fmt.MISSING
        if has(f"partners.channel.{channel}"):
            channel = t(f"partners.channel.{channel}", lang)
        if is_missing(row["equivalent_cpm_eur"]) and is_missing(row["equivalent_cpc_eur"]):
            lines.append(t("resonance.equivalent.hidden", lang, partner=row["partner"], count=int(row["base"]),
                           minimum=EQUIVALENT_MIN_BASE))
            continue
        years = row["years"] if row["years"] is not None else []
        lines.append(t("resonance.equivalent.row", lang, partner=row["partner"], base=int(row["base"]), channel=channel,
                       cpm=fmt.money(row["equivalent_cpm_eur"], lang), cpc=fmt.money(row["equivalent_cpc_eur"], lang),
                       median_cpm=figure_display("cpm_eur", row["median_cpm_eur"], lang),
                       median_cpc=figure_display("cpc_eur", row["median_cpc_eur"], lang),
                       years=", ".join(str(int(y)) for y in years)))
    return lines


def partner_table(review: CampaignReview, lang: str) -> pd.DataFrame:
    """The per-partner figures as people read them (same units and decimals as every other surface)."""
    table = review.partners
    shown = [c for c in PARTNER_COLUMNS if c in table and table[c].notna().any()]
    out = pd.DataFrame({"partner": [p if isinstance(p, str) else t("review.own_media", lang) for p in table["partner"]]})
    for column in shown:
        out[column] = [v if column == "channels" else figure_display(column, v, lang) for v in table[column]]
    return out.fillna(fmt.MISSING)


@dataclass(frozen=True)
class Figure:
    key: str                     # column of the totals (a figure of the figures model)
    value: float | None
    target: float | None

    @property
    def progress(self) -> float | None:
        if self.target in (None, 0) or self.value is None:
            return None
        return self.value / self.target


def amec(review: CampaignReview) -> dict[str, list[Figure]]:
    """Key figures grouped outputs → outtakes → outcomes; a figure nobody reported is left out."""
    groups = {}
    for group in AMEC_GROUPS:
        figures = []
        for key in AMEC_FIGURES[group]:
            value = review.totals.get(key)
            target = review.targets.get(key)
            if not is_missing(value) or target is not None:
                figures.append(Figure(key, float(value) if not is_missing(value) else None, target))
        groups[group] = figures
    return groups


@dataclass(frozen=True)
class PartnerFigure:
    title: str                   # the partner's label for it, and the partner
    value: float
    unit: str
    amec: str
    as_reported: bool            # a figure that does not add up, shown as the partner gave it


def partner_figures(bilan: CampaignReview) -> list[PartnerFigure]:
    """The partners' own metrics of the review, outputs first; each with the label and unit the manager gave it."""
    figures = []
    for row in bilan.partner_metrics.itertuples(index=False):
        label = row.label if isinstance(row.label, str) and row.label else row.metric.split(":", 1)[-1].replace("_", " ")
        title = f"{label} · {row.partner}" if row.partner else label
        figures.append(PartnerFigure(title=title, value=float(row.value), unit=row.unit if isinstance(row.unit, str) else "",
                                     amec=row.amec if row.amec in AMEC_GROUPS else "output",
                                     as_reported=not bool(row.additive)))
    return sorted(figures, key=lambda f: (AMEC_GROUPS.index(f.amec), f.title))
