"""Days of a file outside its campaign's dates (issue 11): never loaded silently, the manager leaves them out or extends.

The preview finds, per campaign of the file, the rows whose period lies wholly before the campaign's
start or after its end. Until the manager chooses (page: "Jours hors des dates de la campagne";
command line: `--outside-dates drop|extend`), the file is refused; `drop` takes those rows out of the
preview (its totals are then what loads), `extend` keeps them and stretches the campaign's dates at load.
"""
from __future__ import annotations

import pandas as pd

import queries
from resonance import formatting as fmt
from resonance.domain.names import name_key
from resonance.i18n import language, t
from resonance.ingest.date_order import ORDER_KEYS
from resonance.ingest.outcome import Foretold, Preview, totals_of


def _outside(rows: pd.DataFrame, start, end) -> pd.Series:
    outside = pd.Series(False, index=rows.index)
    if not fmt.is_missing(start) and start is not None:
        outside |= pd.to_datetime(rows["period_end"]) < pd.Timestamp(start)
    if not fmt.is_missing(end) and end is not None:
        outside |= pd.to_datetime(rows["period_start"]) > pd.Timestamp(end)
    return outside


def settle_outside_days(store, result: Preview) -> None:
    """Find the days outside each campaign's dates and apply the manager's choice (or ask for one)."""
    if result.facts.empty:
        return
    lang = language()
    with store.read() as con:
        bounds = queries.run(con, "import_campaign_dates")
    bounds["key"] = bounds["name"].map(name_key)
    dropped = pd.Series(False, index=result.facts.index)
    dropped_rates = pd.Series(False, index=result.reported_rates.index)
    for campaign, rows in result.facts.groupby("campaign"):
        known = bounds[bounds["key"] == name_key(campaign)]
        if known.empty:
            continue
        start, end = known["start_date"].iloc[0], known["end_date"].iloc[0]
        outside = _outside(rows, start, end)
        if not outside.any():
            continue
        days = rows[outside]
        first, last = pd.to_datetime(days["period_start"]).min().date(), pd.to_datetime(days["period_end"]).max().date()
        result.outside[campaign] = (first, last)
        words = {"file": result.file_name, "campaign": campaign, "first": fmt.day(first, lang),
                 "last": fmt.day(last, lang), "days": int(days[["period_start", "period_end"]].drop_duplicates().shape[0]),
                 "start": fmt.day(start, lang) if not fmt.is_missing(start) else "—",
                 "end": fmt.day(end, lang) if not fmt.is_missing(end) else "—"}
        if result.outside_dates == "drop":
            dropped |= result.facts.index.isin(days.index)
            if not result.reported_rates.empty:
                same = result.reported_rates["campaign"] == campaign
                dropped_rates |= same & _outside(result.reported_rates, start, end)
            result.infos.append(Foretold("import.info.outside_dropped", **words))
        elif result.outside_dates == "extend":
            all_days = pd.to_datetime(rows["period_start"]).min().date(), pd.to_datetime(rows["period_end"]).max().date()
            new_start = min(all_days[0], pd.Timestamp(start).date()) if not fmt.is_missing(start) else all_days[0]
            new_end = max(all_days[1], pd.Timestamp(end).date()) if not fmt.is_missing(end) else all_days[1]
            result.extend[campaign] = (new_start, new_end)
            result.infos.append(Foretold("import.info.outside_extended", **words, new_start=fmt.day(new_start, lang),
                                  new_end=fmt.day(new_end, lang)))
        else:
            error = t("import.error.outside_dates", **words)
            if result.date_reading:     # the days may be outside only because 6/2/2026 was read 6 February
                order = result.date_reading["order"]
                other = "mdy" if order == "dmy" else "dmy"
                error += " " + t("import.error.outside_dates_order", order=t(ORDER_KEYS[order]),
                                 other=t(ORDER_KEYS[other]), other_code=other)
            result.errors.append(error)
    if dropped.any():
        result.notes["outside_dates_dropped"] = int(dropped.sum())
        result.facts = result.facts[~dropped].reset_index(drop=True)
        result.totals = totals_of(result.facts)
    if dropped_rates.any():
        result.reported_rates = result.reported_rates[~dropped_rates].reset_index(drop=True)
    if result.extend:
        result.notes["campaign_dates_extended"] = {c: [str(a), str(b)] for c, (a, b) in result.extend.items()}


def extend_campaigns(con, result: Preview, find_campaign) -> None:
    """At load, in its transaction: the campaigns' dates stretched over the file's days, as the manager chose."""
    for campaign, (start, end) in result.extend.items():
        campaign_id = find_campaign(con, campaign)
        if campaign_id is not None:
            queries.execute(con, "import_extend_campaign", {"campaign_id": campaign_id, "start_date": start,
                                                            "end_date": end})
