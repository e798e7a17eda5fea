"""The Importer page's choices about one file: date column, period and reading, the file's labels, days outside, own metrics.

Each widget writes the manager's choice into the file's `state` (the options of the next preview) and
returns True when the preview must be made again; the page then reruns. Nothing here reads or writes
the store: the preview service does.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from resonance import formatting as fmt
from resonance.domain.metrics import AMEC_GROUPS, PESO
from resonance.i18n import language, t
from resonance.ingest import importing
from resonance.ingest.date_order import ORDER_KEYS, meaning

AUTO = "\u0000auto"
LEAVE_OUT = "\u0000out"
_OUTSIDE_WORDS = {"drop": "import.page.outside.drop", "extend": "import.page.outside.extend"}
PESO_KEYS = {"paid": "import.peso.paid", "earned": "import.peso.earned", "shared": "import.peso.shared",
             "owned": "import.peso.owned"}


def dates(name: str, result: importing.Preview, state: dict) -> bool:
    """The date column and the period a file without dates covers (empty: the campaign's dates)."""
    headers = [h for h in result.mapping]
    left, right = st.columns(2)
    with left:
        current = state.get("date_column") or AUTO
        column = st.selectbox(t("import.page.date_column"), [AUTO, *headers], key=f"datecol-{name}",
                              index=[AUTO, *headers].index(current) if current in headers else 0,
                              format_func=lambda h: t("import.page.date_column_auto") if h == AUTO else h)
    with right:
        given = state.get("period")
        period = st.date_input(t("import.page.period"), value=given or (), key=f"period-{name}", format="DD/MM/YYYY",
                               help=t("import.page.period_help"))
    changed = False
    if (column if column != AUTO else None) != state.get("date_column"):
        state["date_column"], changed = (column if column != AUTO else None), True
    if isinstance(period, tuple | list) and len(period) == 2 and tuple(period) != given:
        state["period"], changed = tuple(period), True
    return changed


def date_order(name: str, result: importing.Preview, state: dict) -> bool:
    """Day/month or month/day, when both readings are possible and differ: the preview's reading, one click to change."""
    reading = result.date_reading
    if not reading:
        return False
    lang = language()
    example = reading["example"]

    def option(order: str) -> str:
        return t("import.page.date_order_option", order=t(ORDER_KEYS[order]), example=reading["shown"],
                 meaning=meaning(example, order == "dmy", lang))

    choice = st.radio(t("import.page.date_order"), importing.DATE_ORDERS, key=f"dateorder-{name}", horizontal=True,
                      index=importing.DATE_ORDERS.index(reading["order"]), format_func=option,
                      help=t("import.page.date_order_help"))
    if choice and choice != reading["order"]:
        state["date_order"] = choice
        return True
    return False


def labels(name: str, result: importing.Preview, state: dict, campaigns: list[str]) -> bool:
    """Each label of the file's campaign column with its totals: attached to a campaign, or left out."""
    if result.labels.empty or len(result.labels) < 2:
        return False
    st.markdown(f"**{t('import.page.labels')}**")
    st.caption(t("import.page.labels_help"))
    table = result.labels
    metrics = [c for c in table.columns if c not in ("label", "campaign", "resembles", "rows")]
    shown = pd.DataFrame({t("import.page.col_label"): table["label"],
                          t("import.page.col_rows"): table["rows"].map(lambda n: fmt.number(n, language())),
                          **{importing.partner_metrics.metric_name(result, m):
                             table[m].map(lambda v: "" if pd.isna(v) else fmt.number(v, language())) for m in metrics}})
    st.dataframe(shown, hide_index=True, width="stretch")
    skipped = set(state.get("skip_campaigns") or [])
    choices = [LEAVE_OUT, *dict.fromkeys([*(c for c in [result.campaign] if c), *campaigns])]
    chosen = {}
    for index, row in enumerate(table.itertuples(index=False)):
        if row.label in skipped:
            default = LEAVE_OUT
        else:
            default = row.campaign if isinstance(row.campaign, str) else (result.campaign if row.resembles else None)
        options = choices if default in choices or default is None else [*choices, default]
        hint = f" ({t('import.page.resembles')})" if row.resembles else ""
        chosen[row.label] = st.selectbox(
            t("import.page.campaign_for", name=row.label) + hint, options, key=f"label-{name}-{index}",
            index=options.index(default) if default in options else None, accept_new_options=True,
            placeholder=t("import.page.campaign_pick"),
            format_func=lambda c: t("import.page.leave_out") if c == LEAVE_OUT else c)
    if all(chosen.values()) and st.button(t("import.page.apply_labels"), key=f"apply-labels-{name}"):
        state["skip_campaigns"] = [label for label, campaign in chosen.items() if campaign == LEAVE_OUT]
        state["campaign_map"] = {label: campaign for label, campaign in chosen.items() if campaign != LEAVE_OUT}
        return True
    return False


def outside(name: str, result: importing.Preview, state: dict) -> bool:
    """Days outside the campaign's dates: left out, or the campaign's dates extended."""
    if not result.outside and not state.get("outside_dates"):
        return False
    choice = st.radio(t("import.page.outside"), importing.OUTSIDE_CHOICES, key=f"outside-{name}", horizontal=True,
                      index=importing.OUTSIDE_CHOICES.index(state["outside_dates"]) if state.get("outside_dates") else None,
                      format_func=lambda c: t(_OUTSIDE_WORDS[c]))
    if choice and choice != state.get("outside_dates"):
        state["outside_dates"] = choice
        return True
    return False


def own_metrics(name: str, result: importing.Preview, state: dict) -> bool:
    """The partner's own metrics of the file: label, unit, AMEC stage, PESO kind, whether they add up."""
    if not result.partner_metrics:
        return False
    st.markdown(f"**{t('import.page.partner_metrics')}**")
    definitions = list(result.partner_metrics.values())
    table = pd.DataFrame([{"column": d.header, "label": d.label, "unit": d.unit, "amec": t(f"amec.{d.amec}"),
                           "peso": t(PESO_KEYS[d.peso]), "additive": d.additive} for d in definitions])
    amec_words = {t(f"amec.{a}"): a for a in AMEC_GROUPS}
    peso_words = {t(PESO_KEYS[p]): p for p in PESO}
    edited = st.data_editor(table, key=f"metrics-{name}", hide_index=True, width="stretch", disabled=["column"],
                            column_config={
                                "column": st.column_config.TextColumn(t("import.page.col_column")),
                                "label": st.column_config.TextColumn(t("import.page.col_metric_label"), required=True),
                                "unit": st.column_config.TextColumn(t("import.page.col_unit")),
                                "amec": st.column_config.SelectboxColumn(t("import.page.col_amec"),
                                                                         options=list(amec_words), required=True),
                                "peso": st.column_config.SelectboxColumn(t("import.page.col_peso"),
                                                                         options=list(peso_words), required=True),
                                "additive": st.column_config.CheckboxColumn(t("import.page.col_additive"))})
    if edited.equals(table) or not st.button(t("import.page.apply_metrics"), key=f"apply-metrics-{name}"):
        return False
    state["partner_metrics"] = {
        d.header: replace(d, label=str(row["label"] or d.label).strip(), unit=str(row["unit"] or "").strip(),
                          amec=amec_words.get(row["amec"], d.amec), peso=peso_words.get(row["peso"], d.peso),
                          additive=bool(row["additive"]))
        for d, (_, row) in zip(definitions, edited.iterrows(), strict=True)}
    return True
