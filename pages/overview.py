"""Vue d'ensemble: the portfolio's key figures for a period and theme, their trend, the best partnerships."""
from datetime import date

import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.services import overview
from resonance.ui import access, display, t
from resonance.ui.safe import md

access.require("lecteur")   # on the server, even when the page is asked for without app.py

st.title(t("overview.title"))
bounds = ui.cached(overview.bounds)()
choices = overview.period_choices(date.today(), bounds["first_day"], bounds["last_day"])
labels = {key: (t("overview.period.last_12_months") if key == "last_12_months" else t("overview.period.all")
                if key == "all" else t("overview.period.year", year=key.split(":")[1])) for key, _, _ in choices}

left, right = st.columns(2)
period_key = left.selectbox(t("overview.period"), [c[0] for c in choices], placeholder=t("display.select.placeholder"), format_func=labels.get, key="overview_period")
theme = right.selectbox(t("overview.theme"), [None, *bounds["themes"]], placeholder=t("display.select.placeholder"), key="overview_theme",
                        format_func=lambda v: t("overview.all_themes") if v is None else v)
_, start, end = next(c for c in choices if c[0] == period_key)

view = ui.cached(overview.overview)(start, end, theme)
if bounds["first_day"] is None:
    ui.empty_state("overview.empty.title", "overview.empty.body")
    st.stop()

st.caption(t("overview.compared_with", period=fmt.period(start, end, ui.lang()),
             previous=fmt.period(view.previous_start, view.previous_end, ui.lang())))
if view.is_empty:
    st.info(t("overview.empty_period"))
rows = [overview.KEY_FIGURES[:4], overview.KEY_FIGURES[4:]]
for row in rows:
    for column, key in zip(st.columns(len(row)), row, strict=True):
        with column:
            ui.key_figure(key, view.totals.get(key), previous=view.previous.get(key), help=ui.definition(key))

st.subheader(t("overview.over_time"))
if view.timeseries.empty:
    st.caption(t("overview.no_series"))
else:
    st.plotly_chart(ui.timeseries_chart(view.timeseries, ["impressions", "clicks", "landing_visits"]), key="overview_chart")
    display.chart_figures(display.series_figures(view.timeseries, ["impressions", "clicks", "landing_visits"]),
                          {"period": t("review.from"), **{m: t(f"metric.{m}") for m in ("impressions", "clicks",
                                                                                         "landing_visits")}},
                          "overview_chart")

st.subheader(t("overview.best_partnerships"))
if view.top_partnerships.empty:
    st.caption(t("overview.no_partnerships"))
else:
    st.dataframe(
        view.top_partnerships, hide_index=True, placeholder=ui.MISSING, key="overview_best",
        column_config={
            "campaign": t("metric.campaign"), "partner": t("metric.partner"),
            "impressions": st.column_config.NumberColumn(t("metric.impressions"), format="localized"),
            "clicks": st.column_config.NumberColumn(t("metric.clicks"), format="localized"),
            "landing_visits": st.column_config.NumberColumn(t("metric.landing_visits"), format="localized"),
            "ctr": st.column_config.NumberColumn(t("metric.ctr"), format="percent"),
        },
    )

# -- how much of the portfolio the partners carried, year by year (issue 15)
by_year = ui.cached(overview.resonance_by_year)(theme)
if not by_year.empty:
    st.subheader(t("resonance.by_year"), help=t("figure.define.partners_share_impressions"))
    shown_years = [{t("compare.year"): str(row["year"]), **{t(f"metric.{key}"): ui.figure_text(key, row[key]) for key in (
        "impressions", "partners_share_impressions", "partners_share_clicks", "multiplier_impressions")}}
        for row in by_year.to_dict("records")]
    st.dataframe(shown_years, hide_index=True, key="overview_resonance")
# … and theme by theme, year by year: which themes lean on partners most
by_theme = ui.cached(overview.resonance_by_theme)()
if not by_theme.empty:
    st.subheader(t("amplification.by_theme"), help=t("amplification.by_theme_help"))
    st.dataframe([{t("compare.year"): str(row["year"]), t("overview.theme"): row["theme"],
                   **{t(f"metric.{key}"): ui.figure_text(key, row[key]) for key in (
                       "impressions", "partners_share_impressions", "clicks", "partners_share_clicks")}}
                  for row in by_theme.to_dict("records")], hide_index=True, key="overview_resonance_themes")

# -- partner relationships to look after (issue 5): overdue next steps, partners not met for N months
from resonance.services import relationship  # noqa: E402 - this block stays at the end of the page, apart from the rest

follow = ui.cached(relationship.alerts)(date.today())
st.subheader(t("relationship.home.title"))
if not follow.overdue.empty:
    st.warning("\n".join("- " + t("relationship.home.overdue", partner=md(row.partner), step=md(row.next_step),
                                   day=fmt.day(row.next_date, ui.lang())) for row in follow.overdue.itertuples()))
if not follow.not_met.empty:
    st.info(t("relationship.home.not_met", count=len(follow.not_met), months=follow.months,
              partners=", ".join(md(p) for p in follow.not_met["partner"])))
if not follow.count:
    st.caption(t("relationship.home.none"))
st.page_link("pages/partners.py", label=t("relationship.home.link"), icon=":material/handshake:")

# -- reports to chase (issue 17): late, due within 7 days, campaigns ended without a final report
from resonance.ui import chasing  # noqa: E402 - this block stays at the end of the page, apart from the rest

chasing.block(date.today())
