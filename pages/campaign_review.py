"""Bilan de campagne: key figures the AMEC way next to the pictures of the deployment, then partners, time and press."""
import plotly.graph_objects as go
import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.services import campaigns, review
from resonance.services.partnership import PartnershipInputError
from resonance.ui import access, t

access.require("lecteur")   # on the server, even when the page is asked for without app.py
can_edit = access.allowed("editeur")


def campaign_form(key: str, sheet: dict | None) -> None:
    """The campaign's sheet as a form: creates a campaign (no sheet) or edits one; editors only."""
    sheet = sheet or {}
    with st.form(key):
        name = st.text_input(t("campaign.name"), value=sheet.get("name") or "", max_chars=150, key=f"{key}-name")
        left, right = st.columns(2)
        theme = left.text_input(t("campaign.theme"), value=sheet.get("theme") or "", key=f"{key}-theme")
        series = right.text_input(t("campaign.series"), value=sheet.get("series") or "", key=f"{key}-series")
        objective = st.text_area(t("campaign.objective"), value=sheet.get("objective") or "", height=68, key=f"{key}-objective")
        target_public = left.text_input(t("campaign.target_public"), value=sheet.get("target_public") or "", key=f"{key}-target_public")
        landing_url = right.text_input(t("campaign.landing_url"), value=sheet.get("landing_url") or "", key=f"{key}-landing_url")
        start = left.date_input(t("campaign.start_date"), value=sheet.get("start_date"), format="DD/MM/YYYY", key=f"{key}-start")
        end = right.date_input(t("campaign.end_date"), value=sheet.get("end_date"), format="DD/MM/YYYY", key=f"{key}-end")
        budget = left.text_input(t("campaign.budget_eur"), value="" if sheet.get("budget_eur") is None
                                 else fmt.number(sheet["budget_eur"], ui.lang()), key=f"{key}-budget")
        if not st.form_submit_button(t("campaign.save"), type="primary"):
            return
    access.require("editeur")          # checked again when the form comes back, on the server
    try:
        campaigns.save_campaign(ui.store(), {
            "name": name, "theme": theme, "series": series, "objective": objective, "target_public": target_public,
            "start_date": start, "end_date": end, "landing_url": landing_url, "budget_eur": budget},
            campaign_id=sheet.get("campaign_id"), by=access.actor())
    except PartnershipInputError as error:
        for problem in error.problems:
            st.error(problem)
        return
    ui.after_write()
    if not sheet:                       # an empty form for the next campaign
        for field in ("name", "theme", "series", "objective", "target_public", "landing_url", "start", "end", "budget"):
            st.session_state.pop(f"{key}-{field}", None)
    st.session_state["campaign_saved"] = t("campaign.saved" if sheet else "campaign.created", name=name.strip())
    ui.go_to_campaign(name.strip())
    st.rerun()


if "campaign_saved" in st.session_state:
    st.success(st.session_state.pop("campaign_saved"))
if can_edit:
    with st.expander(t("campaign.new"), icon=":material/add:"):
        campaign_form("campaign_new", None)
picked = ui.campaign_picker(t("review.pick_campaign"), key="review_campaign")
if picked is None:
    st.title(t("nav.campaign_review"))
    st.stop()
choice, campaign_id = picked
grain = st.segmented_control(t("review.grain"), ["day", "week"], default="day", key="review_grain", required=True,
                             format_func=lambda g: t(f"review.grain.{g}"))
bilan = ui.cached(review.campaign_review)(campaign_id, grain)
detail, totals, language = bilan.detail, bilan.totals, ui.lang()

st.title(detail["name"])
partners_named = [p for p in bilan.partners["partner"].dropna()]
st.caption(" · ".join(filter(None, [detail.get("theme"), fmt.period(detail["period_start"], detail["period_end"], language),
                                    t("review.partners_list", partners=", ".join(partners_named)) if partners_named else None])))
st.page_link("pages/export.py", label=t("review.export"), icon=":material/slideshow:",
             query_params={"campagne": choice})
if detail.get("objective"):
    st.markdown(f"**{t('review.objective')}** {detail['objective']}")
if can_edit:
    with st.expander(t("campaign.edit"), icon=":material/edit:"):
        campaign_form(f"campaign_edit-{campaign_id}", detail)      # its own fields for each campaign
if not bilan.has_figures:
    ui.empty_state("review.empty.title", "review.empty.body")

figures_column, gallery_column = st.columns([3, 2], gap="large")
with figures_column:
    for group, figures in review.amec(bilan).items():
        if not figures:
            continue
        st.subheader(t(f"amec.{group}"), help=t(f"amec.{group}.help"))
        for start in range(0, len(figures), 3):
            for column, figure in zip(st.columns(3), figures[start:start + 3], strict=False):
                with column:
                    ui.key_figure(figure.key, figure.value, target=figure.target,
                                  help=t("review.reach_help") if figure.key == "reach_cumulated" else None)
    ratios = [(key, totals.get(key)) for key in review.RATIO_COLUMNS if totals.get(key) is not None]
    if ratios:
        st.subheader(t("review.ratios"), help=t("review.ratios_help"))
        for start in range(0, len(ratios), 3):
            for column, (key, value) in zip(st.columns(3), ratios[start:start + 3], strict=False):
                with column:
                    note = t("review.open_rate_on_sends") if key == "open_rate" and totals.get("open_rate_base") == "sends" else None
                    ui.key_figure(key, value, help=note)
    if not bilan.reported_rates.empty:
        with st.expander(t("review.reported_rates", count=len(bilan.reported_rates)), icon=":material/info:"):
            st.caption(t("review.reported_rates_help"))
            rates = bilan.reported_rates.assign(
                rate=bilan.reported_rates["rate"].map(lambda r: t(f"metric.{r}")),
                value=bilan.reported_rates["value"].map(lambda v: fmt.percent(v, language)),
                partner=bilan.reported_rates["partner"].fillna(t("review.own_media")))
            st.dataframe(rates[["partner", "rate", "value", "period_start", "period_end"]], hide_index=True,
                         placeholder=ui.MISSING, key="review_reported_rates",
                         column_config={"partner": t("metric.partner"), "rate": t("review.reported_rate"),
                                        "value": t("review.reported_value"),
                                        "period_start": st.column_config.DateColumn(t("review.from"), format="DD/MM/YYYY"),
                                        "period_end": st.column_config.DateColumn(t("review.to"), format="DD/MM/YYYY")})
    own_figures = review.partner_figures(bilan)
    if own_figures:
        st.subheader(t("review.partner_metrics"), help=t("review.partner_metrics_help"))
        for start in range(0, len(own_figures), 3):
            for column, own in zip(st.columns(3), own_figures[start:start + 3], strict=False):
                with column:
                    st.metric(own.title, f"{fmt.number(own.value, language)} {own.unit}".strip(), border=True,
                              help=t("review.partner_metrics.as_reported") if own.as_reported else t(f"amec.{own.amec}"))
with gallery_column:
    st.subheader(t("review.gallery"))
    ui.gallery(bilan.assets, columns=2, key="review-gallery")

st.divider()
st.subheader(t("review.per_partner"))
table = bilan.partners.copy()
table["partner"] = table["partner"].fillna(t("review.own_media"))
shown = [c for c in ("partner", "channels", "impressions", "clicks", "ctr", "sends", "unique_opens", "open_rate",
                     "landing_visits", "conversions", "press_mentions", "spend_eur", "cpc_eur") if table[c].notna().any()]
number_columns = {c: st.column_config.NumberColumn(t(f"metric.{c}"), format="localized") for c in shown
                  if c not in ("partner", "channels", "ctr", "open_rate")}
percent_columns = {c: st.column_config.NumberColumn(t(f"metric.{c}"), format="percent") for c in ("ctr", "open_rate")}
st.dataframe(table[shown], hide_index=True, placeholder=ui.MISSING, key="review_partners",
             column_config={"partner": t("metric.partner"), "channels": t("metric.channels"), **number_columns, **percent_columns})
chart_metrics = [m for m in ("impressions", "clicks", "landing_visits") if table[m].notna().any()]
if chart_metrics:
    bars = go.Figure()
    for index, metric in enumerate(chart_metrics):
        bars.add_bar(y=table["partner"], x=table[metric], name=t(f"metric.{metric}"), orientation="h",
                     marker_color=ui.SERIES_COLOURS[index])
    bars.update_layout(barmode="group", yaxis=dict(autorange="reversed"))
    st.plotly_chart(ui.style(bars, height=120 + 70 * len(table)), key="review_partner_chart")

st.subheader(t("review.over_time"))
available = [m for m in ("impressions", "clicks", "landing_visits", "unique_opens", "sends", "conversions")
             if m in set(bilan.timeseries["metric"])]
picked = st.multiselect(t("review.series_metrics"), available, default=available[:2], key="review_series",
                        format_func=lambda m: t(f"metric.{m}"))
if picked:
    st.plotly_chart(ui.timeseries_chart(bilan.timeseries, picked, bilan.annotations), key="review_series_chart")

st.subheader(t("review.press"))
press = bilan.press
if press.empty:
    st.caption(t("review.no_press"))
else:
    count, audience, outlets = st.columns(3)
    with count:
        ui.key_figure("press_mentions", len(press))
    with audience:
        ui.key_figure("press_audience", press["audience"].sum())
    outlets.metric(t("review.outlets"), fmt.number(press["outlet"].nunique(), language), border=True)
    st.dataframe(
        press[["published_on", "outlet", "title", "url", "audience"]], hide_index=True, placeholder=ui.MISSING, key="review_press",
        column_config={
            "published_on": st.column_config.DateColumn(t("review.press.date"), format="DD/MM/YYYY"),
            "outlet": t("review.press.outlet"), "title": t("review.press.title"),
            "url": st.column_config.LinkColumn(t("review.press.link"), display_text=t("review.press.open")),
            "audience": st.column_config.NumberColumn(t("review.press.audience"), format="localized"),
        },
    )

# -- how the campaign's partnerships rank among past ones of the same channel (issue 5)
from resonance.services import comparison  # noqa: E402 - this block stays at the end of the page, apart from the rest

standing = ui.cached(comparison.campaign_benchmark)(campaign_id, language)
if not standing.empty:
    st.subheader(t("compare.review_benchmark.title"), help=t("compare.benchmark_help"))
    for partner, rows in standing.groupby("partner", sort=False):
        st.markdown(f"**{partner}**\n" + "\n".join(f"- {sentence}" for sentence in rows["sentence"]))
