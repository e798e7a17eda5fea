"""Comparing past partnerships and campaigns: normalised ratios beside raw volumes, day-1 aligned series,
percentiles among the partnerships of the same channel, deltas against the previous edition, targets and notes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

import queries
from resonance import formatting as fmt
from resonance.domain.figures import FIGURES, RATE_KEYS, figure_display
from resonance.domain.metrics import METRICS
from resonance.domain.names import name_key
from resonance.errors import InputError
from resonance.formatting import parse_number, plain
from resonance.i18n import has, t
from resonance.services import audit, expected_reports, rollups
from resonance.services.partnership import PartnershipInputError, _text, campaign_id, partner_id
from resonance.store import Store

# Normalised ratios, all computed from sums in SQL (METRICS.md); costs are better when lower.
RATIOS = ("ctr", "open_rate", "click_to_open", "cpc_eur", "cost_per_visit_eur",
          "visits_per_1000_impressions", "press_per_million_impressions")
LOWER_IS_BETTER = frozenset(r for r in RATIOS if FIGURES[r].lower_is_better)
PERCENT_RATIOS = frozenset(r for r in RATIOS if FIGURES[r].is_rate)
VOLUMES = ("impressions", "clicks", "sends", "unique_opens", "email_clicks", "landing_visits", "conversions",
           "spend_eur", "press_mentions")
MIN_UNITS, MAX_UNITS = 2, 6


class ComparisonError(InputError, ValueError):   # ValueError kept: callers caught it as one
    pass




# -- what can be compared ---------------------------------------------------------------------------
def partnerships(store: Store) -> pd.DataFrame:
    """Every partnership with its volumes and ratios, plus `unit_key` ("p:<id>") and a label."""
    rows = rollups.whole_store(store, "compare_partnerships")      # once per data version, however many callers
    rows.insert(0, "unit_key", "p:" + rows["partnership_id"].astype(str))
    rows.insert(1, "label", rows["campaign"] + " — " + rows["partner"])
    return rows


def campaigns(store: Store) -> pd.DataFrame:
    """Every campaign as a whole (all partners and own media), plus `unit_key` ("c:<id>") and a label."""
    rows = rollups.whole_store(store, "compare_campaigns")
    rows.insert(0, "unit_key", "c:" + rows["campaign_id"].astype(str))
    rows.insert(1, "label", rows["campaign"])
    return rows


def units(store: Store, kind: str = "partnership") -> pd.DataFrame:
    return partnerships(store) if kind == "partnership" else campaigns(store)


@dataclass
class Comparison:
    figures: pd.DataFrame         # one row per unit compared, in the order picked: volumes and ratios
    timeseries: pd.DataFrame      # unit_key, label, day_number, metric, value, cumulative
    benchmarks: pd.DataFrame      # one row per compared partnership × ratio with its percentile
    moments: pd.DataFrame         # unit_key, label, day_number, on_date, text: the campaigns' dated notes, on day scale


def compare(store: Store, keys: list[str]) -> Comparison:
    """Figures of 2 to 6 partnerships ("p:<id>") or campaigns ("c:<id>"), side by side."""
    keys = list(dict.fromkeys(keys))
    if not MIN_UNITS <= len(keys) <= MAX_UNITS:
        raise ComparisonError(t("compare.error.count", low=MIN_UNITS, high=MAX_UNITS, count=len(keys)))
    partnership_ids = [int(k[2:]) for k in keys if k.startswith("p:")]
    campaign_ids = [int(k[2:]) for k in keys if k.startswith("c:")]
    if len(partnership_ids) + len(campaign_ids) != len(keys):
        raise ComparisonError(t("compare.error.key", keys=", ".join(keys)))
    pool = pd.concat([partnerships(store) if partnership_ids else None, campaigns(store) if campaign_ids else None])
    figures = pool.set_index("unit_key").reindex(keys)
    unknown = figures[figures["label"].isna()].index.tolist()
    if unknown:
        raise ComparisonError(t("compare.error.unknown", keys=", ".join(unknown)))
    figures = figures.reset_index()
    # Same label twice (a campaign and one of its partnerships): the year and the kind tell them apart.
    with store.read() as con:
        series = queries.run(con, "compare_timeseries", {"partnership_ids": partnership_ids or [0],
                                                         "campaign_ids": campaign_ids or [0]})
    series = series.merge(figures[["unit_key", "label"]], on="unit_key")
    series = series.sort_values(["unit_key", "metric", "day_number"])
    series["cumulative"] = series.groupby(["unit_key", "metric"])["value"].cumsum()
    bench = benchmark(store, partnership_ids=partnership_ids) if partnership_ids else _empty_benchmark()
    return Comparison(figures, series.reset_index(drop=True), bench, _moments(store, figures))


def _moments(store: Store, figures: pd.DataFrame) -> pd.DataFrame:
    """Each compared unit's campaign notes (launch, press release…) placed on the day-1 scale of its series."""
    rows = []
    with store.read() as con:
        for unit in figures.to_dict("records"):
            start = plain(unit.get("start_date"))
            if start is None:
                continue
            notes = queries.run(con, "campaign_annotations", {"campaign_id": int(unit["campaign_id"])})
            for note in notes.itertuples():
                on_date = pd.Timestamp(note.on_date).date()
                rows.append({"unit_key": unit["unit_key"], "label": unit["label"], "on_date": on_date,
                             "day_number": (on_date - start).days + 1, "text": note.label})
    return pd.DataFrame(rows, columns=["unit_key", "label", "on_date", "day_number", "text"])


# -- benchmark ---------------------------------------------------------------------------------------
def _empty_benchmark() -> pd.DataFrame:
    return pd.DataFrame(columns=["partnership_id", "campaign_id", "campaign", "partner", "channel", "ratio", "value",
                                 "peers", "peers_lower", "peers_equal", "percentile"])


def benchmark(store: Store, partnership_ids: list[int] | None = None, campaign: int | None = None) -> pd.DataFrame:
    """Percentile of each ratio among the other partnerships of the same channel.

    percentile = 100 × (peers with a lower value + ½ × peers with the same value) / peers, where the peers are the
    other partnerships of the channel that have the ratio; None when there is no peer. For costs a low percentile
    is good (cheaper than most)."""
    rows = rollups.whole_store(store, "benchmark_percentiles", {
        "partnership_ids": [int(p) for p in partnership_ids] if partnership_ids is not None else None,
        "campaign_id": campaign})
    order = {ratio: index for index, ratio in enumerate(RATIOS)}
    rows = rows.assign(_order=rows["ratio"].map(order)).sort_values(["campaign", "partner", "_order"])
    return rows.drop(columns="_order").reset_index(drop=True)


def ordinal(rank: int, lang: str) -> str:
    if lang == "en":
        suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
        return f"{rank}{suffix}"
    return "1er" if rank == 1 else f"{rank}\u1d49"


# Fewer comparable partnerships than this: no percentile sentence, the reader is told there are too few.
MIN_PEERS = 5


def benchmark_sentence(row: dict, lang: str) -> str:
    """"Taux de clic au 92ᵉ centile des partenariats réseaux sociaux (7 autres)"."""
    ratio_label = t(f"compare.ratio.{row['ratio']}", lang)
    channel = t(f"partners.channel.{row['channel']}", lang) if has(f"partners.channel.{row['channel']}") else row["channel"]
    if row.get("percentile") is None or pd.isna(row.get("percentile")):
        return t("compare.benchmark.alone", lang, ratio=ratio_label, channel=channel)
    if int(row.get("peers") or 0) < MIN_PEERS:       # a rank among 2 or 3 says more of chance than of the partnership
        return t("display.benchmark.too_few", lang, ratio=ratio_label, channel=channel, peers=int(row["peers"]),
                 minimum=MIN_PEERS)
    percentile = float(row["percentile"])
    cost = "_cost" if row["ratio"] in LOWER_IS_BETTER else ""
    if percentile in (0.0, 100.0):    # below or above every other one: said in words, not as a 0th percentile
        key = "lowest" if percentile == 0 else "highest"
        return t(f"compare.benchmark.{key}{cost}", lang, ratio=ratio_label, channel=channel, count=int(row["peers"]))
    rank = max(1, min(99, round(percentile)))
    return t(f"compare.benchmark.sentence{cost}", lang, ratio=ratio_label, rank=ordinal(rank, lang), channel=channel,
             count=int(row["peers"]))


def campaign_benchmark(store: Store, campaign: int, lang: str = "fr") -> pd.DataFrame:
    """The benchmark of one campaign's partnerships, one sentence per partnership × ratio (for the review)."""
    rows = benchmark(store, campaign=campaign)
    if rows.empty:
        return rows.assign(sentence=pd.Series(dtype=str))
    return rows.assign(sentence=[benchmark_sentence(r, lang) for r in rows.to_dict("records")])


# -- punctuality ---------------------------------------------------------------------------------------
PUNCTUALITY_KEYS = {"on_time": "compare.punctuality.on_time", "late": "compare.punctuality.late",
                    "missing": "compare.punctuality.missing"}
PUNCTUALITY = tuple(PUNCTUALITY_KEYS)


def punctuality(store: Store, keys: list[str] | tuple[str, ...], today: date) -> dict[str, dict | None]:
    """Per compared partnership ("p:<id>"): its partner's reports delivered on time, late, and missing at `today`
    (issue 17); None for a campaign, or when nothing was expected of the partner by then."""
    counts = expected_reports.punctuality(store, today).set_index("partner_id")
    partner_of = partnerships(store).set_index("unit_key")["partner_id"]
    found: dict[str, dict | None] = {}
    for key in keys:
        pid = partner_of.get(key)
        row = counts.loc[int(pid)] if pid is not None and int(pid) in counts.index else None
        if row is None or not int(row[list(PUNCTUALITY)].sum()):
            found[key] = None
        else:
            found[key] = {name: int(row[name]) for name in PUNCTUALITY}
    return found


def punctuality_text(counts: dict | None, lang: str = "fr") -> str:
    """"à l'heure : 2 · en retard : 1 · manquants : 1", or "—" when nothing was expected."""
    return fmt.MISSING if counts is None else t("compare.punctuality.text", lang, **counts)


# -- previous edition ---------------------------------------------------------------------------------
@dataclass
class EditionDeltas:
    current: dict
    previous: dict
    figures: pd.DataFrame        # figure, current, previous, change (relative, or points for rates)
    partners: pd.DataFrame       # partners present in both editions: label, figure, current, previous, change


def editions(store: Store) -> pd.DataFrame:
    with store.read() as con:
        return queries.run(con, "compare_editions")


def _changes(current: dict, previous: dict, names) -> list[dict]:
    rows = []
    for name in names:
        now, before = plain(current.get(name)), plain(previous.get(name))
        if now is None and before is None:
            continue
        if now is None or before is None:
            change = None
        elif name in RATE_KEYS:
            change = now - before                         # in points: a rate's change is read as a difference
        else:
            change = None if before == 0 else (now - before) / before
        rows.append({"figure": name, "current": now, "previous": before, "change": change,
                     "is_points": name in RATE_KEYS})
    return rows


def previous_edition(store: Store, campaign: int) -> EditionDeltas | None:
    """This campaign against the previous edition of its series; None when it has none."""
    chain = editions(store)
    mine = chain[chain["campaign_id"] == campaign]
    if mine.empty or pd.isna(mine["previous_campaign_id"].iloc[0]):
        return None
    before_id = int(mine["previous_campaign_id"].iloc[0])
    whole = campaigns(store).set_index("campaign_id")
    current, previous = whole.loc[campaign].to_dict(), whole.loc[before_id].to_dict()
    current["campaign_id"], previous["campaign_id"] = campaign, before_id
    figures = pd.DataFrame(_changes(current, previous, (*VOLUMES, *RATIOS)))
    per_partner = partnerships(store)
    now = per_partner[per_partner["campaign_id"] == campaign].set_index("partner_id")
    then = per_partner[per_partner["campaign_id"] == before_id].set_index("partner_id")
    rows = []
    for pid in now.index.intersection(then.index):
        for change in _changes(now.loc[pid].to_dict(), then.loc[pid].to_dict(), (*VOLUMES, *RATIOS)):
            rows.append({"partner": now.loc[pid, "partner"], **change})
    return EditionDeltas(current, previous, figures, pd.DataFrame(rows))


# -- who brought a public most cheaply (or best) -------------------------------------------------------
def publics(store: Store) -> list[str]:
    """Target publics named on campaigns and partners ("étudiants", "propriétaires"…), for the filters."""
    rows = partnerships(store)
    found: dict[str, str] = {}
    for text in pd.concat([rows["target_public"], rows["audiences"]]).dropna():
        for public in str(text).split(","):
            if public.strip():
                found.setdefault(name_key(public), public.strip())
    return sorted(found.values(), key=name_key)


def reaches_public(target_public, audiences, public: str) -> bool:
    wanted = name_key(public)
    return any(wanted == name_key(p) for text in (target_public, audiences) if isinstance(text, str)
               for p in text.split(","))


def ranking(store: Store, ratio: str = "cost_per_visit_eur", public: str | None = None,
            channel: str | None = None) -> pd.DataFrame:
    """Past partnerships ranked on one ratio (cheapest first for costs, highest first otherwise); those without
    the ratio (no spend reported…) come last."""
    if ratio not in RATIOS:
        raise ComparisonError(t("compare.error.ratio", ratio=ratio))
    rows = partnerships(store)
    if public:
        rows = rows[[reaches_public(tp, au, public) for tp, au in zip(rows["target_public"], rows["audiences"], strict=True)]]
    if channel:
        rows = rows[rows["channel"] == channel]
    rows = rows.sort_values(ratio, ascending=ratio in LOWER_IS_BETTER, na_position="last")
    return rows.reset_index(drop=True)


# -- targets and annotations --------------------------------------------------------------------------
TARGET_METRICS = ("impressions", "clicks", "sends", "unique_opens", "email_clicks", "landing_visits", "conversions",
                  "press_mentions", "engagements", "video_views")


def set_series(store: Store, campaign: int, series: str | None, by: str = "system") -> None:
    """Link a campaign to the other editions of a recurring campaign (same series), or unlink it (empty)."""
    with store.transaction() as con:
        queries.execute(con, "compare_campaign_series_save", {"campaign_id": campaign, "series": _text(series)})
        audit.record(con, by, "campaign.series", f"campagne {campaign}", {"series": _text(series)})


def campaign_notes(store: Store, campaign: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The campaign's targets and its dated notes."""
    with store.read() as con:
        targets = queries.run(con, "campaign_targets", {"campaign_id": campaign})
        notes = queries.run(con, "campaign_annotations", {"campaign_id": campaign})
    return targets, notes


def set_target(store: Store, campaign: int, metric: str, value, by: str = "system") -> None:
    problems = []
    if metric not in METRICS or metric not in TARGET_METRICS:
        problems.append(t("compare.error.target_metric", metric=metric))
    number = parse_number(value, "fr")          # what a French manager types: "250 000", "1,5e6", "12,5"
    if number is None or number <= 0:
        problems.append(t("compare.error.target_value", value=value))
    if problems:
        raise PartnershipInputError(problems)
    with store.transaction() as con:
        queries.execute(con, "compare_target_save", {"campaign_id": campaign, "metric": metric, "value": number})
        audit.record(con, by, "target.set", f"campagne {campaign}", {"metric": metric, "value": number})


def remove_target(store: Store, campaign: int, metric: str, by: str = "system") -> None:
    with store.transaction() as con:
        queries.execute(con, "compare_target_delete", {"campaign_id": campaign, "metric": metric})
        audit.record(con, by, "target.remove", f"campagne {campaign}", {"metric": metric})


def add_annotation(store: Store, campaign: int, on_date: date, label: str, by: str = "system") -> int:
    problems = []
    if on_date is None:
        problems.append(t("compare.error.note_date"))
    if not (label or "").strip():
        problems.append(t("compare.error.note_label"))
    elif len(label.strip()) > 120:
        problems.append(t("compare.error.note_long", length=len(label.strip())))
    if problems:
        raise PartnershipInputError(problems)
    with store.transaction() as con:
        new_id = int(queries.run(con, "compare_annotation_insert",
                                 {"campaign_id": campaign, "on_date": on_date, "label": label.strip()}).iloc[0, 0])
        audit.record(con, by, "annotation.add", f"campagne {campaign}", {"on_date": on_date.isoformat(), "label": label.strip()})
        return new_id


def remove_annotation(store: Store, campaign: int, annotation_id: int, by: str = "system") -> None:
    with store.transaction() as con:
        queries.execute(con, "compare_annotation_delete", {"campaign_id": campaign, "annotation_id": annotation_id})
        audit.record(con, by, "annotation.remove", f"campagne {campaign}", {"annotation_id": annotation_id})


# -- command line ---------------------------------------------------------------------------------------
def resolve(store: Store, spec: str) -> str:
    """"CAMPAIGN/PARTNER" → "p:<id>"; a bare "CAMPAIGN" → "c:<id>" (names compared without case or accents)."""
    campaign_name, slash, partner_name = spec.rpartition("/")
    if not slash:
        campaign_name, partner_name = spec, ""
    with store.read() as con:
        cid = campaign_id(con, campaign_name)
        if cid is None:
            raise ComparisonError(t("compare.error.no_campaign", name=campaign_name.strip()))
        if not partner_name.strip():
            return f"c:{cid}"
        pid = partner_id(con, partner_name)
        if pid is None:
            raise ComparisonError(t("compare.error.no_partner", name=partner_name.strip()))
        found = queries.run(con, "partner_partnership_find", {"campaign_id": cid, "partner_id": pid})
    if found.empty:
        raise ComparisonError(t("compare.error.no_partnership", campaign=campaign_name.strip(), partner=partner_name.strip()))
    return f"p:{int(found.iloc[0, 0])}"


def report(store: Store, specs: list[str], lang: str = "fr", today: date | None = None) -> dict:
    """The normalised figures, percentiles and punctuality (at `today`) of the partnerships named, for `compare --json`."""
    keys = [resolve(store, spec) for spec in specs]
    result = compare(store, keys)
    punctual = punctuality(store, keys, today or date.today())
    units_out = []
    for row in result.figures.to_dict("records"):
        entry = {"unit": row["label"], "kind": "partnership" if row["unit_key"].startswith("p:") else "campaign",
                 "year": plain(row.get("year")), "channel": plain(row.get("channel")),
                 "volumes": {v: plain(row.get(v)) for v in VOLUMES},
                 "ratios": {r: plain(row.get(r)) for r in RATIOS}, "percentiles": {}}
        if entry["kind"] == "partnership":
            mine = result.benchmarks[result.benchmarks["partnership_id"] == row["partnership_id"]]
            entry["percentiles"] = {r["ratio"]: {"percentile": plain(r["percentile"]), "peers": int(r["peers"]),
                                                 "text": benchmark_sentence(r, lang)}
                                    for r in mine.to_dict("records")}
        counts = punctual.get(row["unit_key"])
        entry["punctuality"] = None if counts is None else {**counts, "text": punctuality_text(counts, lang)}
        units_out.append(entry)
    return {"units": units_out}



def figure_text(key: str, value, lang: str = "fr") -> str:
    """A compared figure written by the figures model's formatter: the same text as the review, deck and annex."""
    return figure_display(key, value, lang)


def change_text(row: dict, lang: str = "fr") -> str:
    """A change against the previous edition: "+12 %" for volumes and costs, "+1,4 pt" for rates."""
    change = row.get("change")
    if change is None or pd.isna(change):
        return fmt.MISSING
    if row.get("is_points"):
        return t("compare.points", lang, value=("+" if change >= 0 else "") + fmt.number(100 * change, lang, 1))
    return fmt.signed_percent(change, lang) or fmt.MISSING
