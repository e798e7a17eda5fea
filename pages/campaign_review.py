"""Bilan de campagne: key figures the AMEC way next to the pictures of the deployment, then partners, time and press."""
import plotly.graph_objects as go
import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.domain.figures import figure_display
from resonance.domain.metrics import PESO
from resonance.services import campaigns, comparison, peso, review
from resonance.services.partnership import PartnershipInputError
from resonance.ui import access, display, pacing, t
from resonance.ui.safe import md

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


# The first screen of a laptop is the campaign's name and its key figures: the picker, the export link and the
# sheet's forms sit in one row under the title, the time step with the curves it changes.
# Streamlit sends each element as the script reaches it: the title, the sentence and the key figures are written
# first, and everything else after them (the sheet's forms into the row kept for them above, then the rest), so a
# reader sees the figures before the charts, tables, pictures and the benchmark are even computed (issue 16).
if "campaign_saved" in st.session_state:        # said until the whole page is drawn (see first_screen_only below)
    st.success(st.session_state["campaign_saved"])
heading = st.container()
actions = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
with actions.container(width=280):
    picked = ui.campaign_picker(t("review.pick_campaign"), key="review_campaign")
export_column, edit_column, new_column = actions.container(width="content"), actions.container(width="content"), \
    actions.container(width="content")


def new_campaign_form() -> None:
    if can_edit:
        with new_column.popover(t("campaign.new"), icon=":material/add:"):
            campaign_form("campaign_new", None)


if picked is None:
    st.session_state.pop("campaign_saved", None)
    heading.title(t("nav.campaign_review"))
    new_campaign_form()
    st.stop()
choice, campaign_id = picked
grain = st.session_state.get("review_grain") or "day"           # chosen further down, with the curves
bilan = ui.cached(review.campaign_review)(campaign_id, grain)
detail, totals, language = bilan.detail, bilan.totals, ui.lang()

heading.title(md(detail["name"]))
partners_named = [p for p in bilan.partners["partner"].dropna()]
heading.caption(" · ".join(filter(None, [md(detail.get("theme")), fmt.period(detail["period_start"], detail["period_end"], language),
                                        t("review.partners_list", partners=", ".join(md(p) for p in partners_named)) if partners_named else None])))
covered = review.period_covered(totals, language)
if covered:
    heading.caption(covered)
export_column.page_link("pages/export.py", label=t("display.review.export"), icon=":material/slideshow:",
                        query_params={"campagne": choice}, help=t("display.link_to_review.help"))
if detail.get("objective"):
    st.markdown(f"**{t('review.objective')}** {md(detail['objective'], lines=True)}")
if not bilan.has_figures:
    ui.empty_state("review.empty.title", "review.empty.body")

TILES = 4
# How far the partners carried the campaign opens the review in one sentence (issue 15); its figures follow the key
# figures, so the first screen of a laptop still holds the campaign's name and its key figures (issue 14).
carried, carried_figures, carried_note = review.resonance(totals, language)
if carried:
    st.markdown(f"**{carried}**")
for group, figures in review.amec(bilan).items():
    if not figures:
        continue
    st.subheader(t(f"display.amec.{group}"), help=t(f"amec.{group}.help"))
    for start in range(0, len(figures), TILES):
        for column, figure in zip(st.columns(TILES), figures[start:start + TILES], strict=False):
            with column:
                ui.key_figure(figure.key, figure.value, target=figure.target, help=ui.definition(figure.key))
# The key figures are sent: the sheet's forms (two dozen fields) now fill the row kept for them under the title.
if can_edit:
    with edit_column.popover(t("display.review.edit"), icon=":material/edit:"):
        campaign_form(f"campaign_edit-{campaign_id}", detail)      # its own fields for each campaign
new_campaign_form()
if pacing.first_screen_only(f"review-{campaign_id}"):     # the browser asks for the rest once it has drawn this
    st.stop()
st.session_state.pop("campaign_saved", None)


# Below the key figures, the parts a reader acts on are fragments: enlarging a picture, choosing a kind or a time
# step redraws that part alone, not the whole review.
@st.fragment
def pictures(assets) -> None:
    st.subheader(t("review.gallery"))
    ui.gallery(assets, columns=4, key="review-gallery")


@st.fragment
def peso_kinds(campaign_id: int) -> None:
    kinds = ui.cached(peso.choices)(campaign_id)
    with st.expander(t("peso.title"), icon=":material/category:"):
        st.caption(t("peso.help"))
        picked_kinds = {}
        for row in kinds.to_dict("records"):
            name = row["partner"] if isinstance(row["partner"], str) else t("review.own_media")
            options = [None, *PESO]
            recorded = ", ".join(t(f"peso.{k}") for k in (row["recorded"] if row["recorded"] is not None else []))
            picked_kinds[row["partner_id"]] = st.selectbox(
                md(name), options, index=options.index(row["chosen"]) if isinstance(row["chosen"], str) else 0,
                format_func=lambda k, r=recorded: f"{t('peso.as_recorded')} ({r})" if k is None else t(f"peso.{k}"),
                key=f"peso-{name}")
        if st.button(t("peso.save"), key="peso_save"):
            access.require("editeur")
            for partner, kind in picked_kinds.items():
                if kind is not None:
                    peso.choose(ui.store(), campaign_id, None if fmt.is_missing(partner) else int(partner), kind,
                                by=access.actor())
            ui.after_write()
            st.session_state["campaign_saved"] = t("peso.saved")     # said at the top after the rerun
            st.rerun()                                               # the whole review: its figures changed


# Figures as the partners gave them: tables of up to a row a partner and day, drawn only once their expander is
# opened (which reruns this part alone), not for every reader of the review.
def _table_once_opened(title: str, icon: str, key: str, help_text: str, rows) -> None:
    """An expander whose table (`rows()`: the frame and its column titles) is built and drawn only once opened."""
    with st.expander(title, icon=icon, key=f"{key}_open", on_change="rerun") as opened:
        if opened.open:
            st.caption(help_text)
            frame, titles = rows()
            st.dataframe(display.readable(frame[list(titles)]), hide_index=True, key=f"{key}_table",
                         column_config=titles)


@st.fragment
def as_reported(reported_reach, reported_rates) -> None:
    if not reported_reach.empty:
        _table_once_opened(
            t("figure.reach_reported", count=len(reported_reach)), ":material/groups:", "review_reach",
            t("figure.define.reach"),
            lambda: (reported_reach.assign(
                partner=reported_reach["partner"].fillna(t("review.own_media")),
                reach=[figure_display("reach", v, language) for v in reported_reach["reach"]],
                period=[fmt.period(a, b, language) for a, b in zip(reported_reach["period_start"],
                                                                  reported_reach["period_end"], strict=True)]),
                {"partner": t("metric.partner"), "platform": t("annex.platform"), "period": t("annex.period"),
                 "reach": t("metric.reach"), "source": t("deck.method.source")}))
    if not reported_rates.empty:
        _table_once_opened(
            t("review.reported_rates", count=len(reported_rates)), ":material/info:", "review_rates",
            t("review.reported_rates_help"),
            lambda: (reported_rates.assign(
                rate=reported_rates["rate"].map(lambda r: t(f"metric.{r}")),
                value=reported_rates["value"].map(lambda v: fmt.percent(v, language)),
                partner=reported_rates["partner"].fillna(t("review.own_media"))),
                {"partner": t("metric.partner"), "rate": t("review.reported_rate"),
                 "value": t("review.reported_value"), "period_start": t("review.from"), "period_end": t("review.to")}))


@st.fragment
def over_time(campaign_id: int) -> None:
    """The curves and their time step: a change of either redraws this part only."""
    st.subheader(t("review.over_time"))
    series = ui.cached(review.campaign_review)(campaign_id, st.session_state.get("review_grain") or "day")
    available = [m for m in ("impressions", "clicks", "landing_visits", "unique_opens", "sends", "conversions")
                 if m in set(series.timeseries["metric"])]
    metrics_column, grain_column = st.columns([3, 1])
    picked = metrics_column.multiselect(t("review.series_metrics"), available, default=available[:2], key="review_series",
                                        format_func=lambda m: t(f"metric.{m}"), select_all=False,
                                        placeholder=t("display.multiselect.placeholder"))
    grain_column.segmented_control(t("display.review.time_step"), ["day", "week"], default="day", key="review_grain",
                                   required=True, format_func=lambda g: t(f"review.grain.{g}"))
    if picked:
        st.plotly_chart(ui.timeseries_chart(series.timeseries, picked, series.annotations), key="review_series_chart")
        display.chart_figures(display.series_figures(series.timeseries, picked),
                              {"period": t("review.from"), **{m: t(f"metric.{m}") for m in picked}}, "review_series_chart")


# The first screen is sent; the rest waits for its turn while another reader's page draws its own (ui.pacing).
with pacing.below_the_first_screen():
    ratios = [(key, totals.get(key)) for key in review.RATIO_COLUMNS if totals.get(key) is not None]
    if ratios:
        st.subheader(t("review.ratios"), help=t("review.ratios_help"))
        for start in range(0, len(ratios), TILES):
            for column, (key, value) in zip(st.columns(TILES), ratios[start:start + TILES], strict=False):
                with column:
                    note = t("review.open_rate_on_sends") if key == "open_rate" and totals.get("open_rate_base") == "sends" else None
                    ui.key_figure(key, value, help="\n\n".join(filter(None, [ui.definition(key), note])))
                    covers = review.coverage(totals, key, language)
                    if covers:
                        st.caption(covers)
    if carried:
        st.subheader(t("resonance.title"), help=t("resonance.help"))
        for start in range(0, len(carried_figures), TILES):
            for column, key in zip(st.columns(TILES), carried_figures[start:start + TILES], strict=False):
                with column:
                    ui.key_figure(key, totals.get(key), help=ui.definition(key))
        if carried_note:
            st.caption(carried_note)
        equivalents = review.equivalent_lines(ui.cached(review.paid_equivalent)(campaign_id), language)
        if equivalents:
            with st.expander(t("resonance.equivalent.title"), icon=":material/balance:"):
                st.markdown("\n".join(f"- {md(line)}" for line in equivalents))
                st.caption(t("resonance.equivalent.caution"))
    free = review.free_volumes(totals)
    if free:
        st.subheader(t("figure.free_relays"))
        for column, (key, value) in zip(st.columns(TILES), free.items(), strict=False):
            with column:
                ui.key_figure(key, value, help=ui.definition(key))

    as_reported(bilan.reported_reach, bilan.reported_rates)
    own_figures = review.partner_figures(bilan)
    if own_figures:
        st.subheader(t("review.partner_metrics"), help=t("review.partner_metrics_help"))
        for start in range(0, len(own_figures), TILES):
            for column, own in zip(st.columns(TILES), own_figures[start:start + TILES], strict=False):
                with column:
                    st.metric(own.title, f"{fmt.number(own.value, language)} {own.unit}".strip(), border=True,
                              help=t("review.partner_metrics.as_reported") if own.as_reported else t(f"amec.{own.amec}"))

    pictures(bilan.assets)
    if can_edit:
        peso_kinds(campaign_id)

    st.divider()
    st.subheader(t("review.per_partner"))
    table = bilan.partners.copy()
    table["partner"] = table["partner"].fillna(t("review.own_media"))
    # Written by the figures model's formatter, so a rate reads "14,0 %" here as on the tiles, the deck and the annex.
    shown_table = review.partner_table(bilan, language)
    st.dataframe(shown_table, hide_index=True, placeholder=ui.MISSING, key="review_partners",
                 column_config=ui.table_labels(shown_table.columns))
    chart_metrics = [m for m in ("impressions", "clicks", "landing_visits") if table[m].notna().any()]
    if chart_metrics:
        bars = go.Figure()
        for index, metric in enumerate(chart_metrics):
            bars.add_bar(y=table["partner"], x=table[metric], name=t(f"metric.{metric}"), orientation="h",
                         marker_color=ui.SERIES_COLOURS[index])
        bars.update_layout(barmode="group", yaxis=dict(autorange="reversed"))
        st.plotly_chart(ui.style(bars, height=120 + 70 * len(table)), key="review_partner_chart")
        display.chart_figures(table[["partner", *chart_metrics]], {c: t("metric.partner") if c == "partner" else t(f"metric.{c}")
                                                                  for c in ("partner", *chart_metrics)}, "review_partner_chart")

    over_time(campaign_id)
    st.subheader(t("review.press"))
    press = bilan.press
    if press.empty:
        st.caption(t("review.no_press"))
    else:
        count, audience, outlets, _ = st.columns(4)
        with count:
            ui.key_figure("press_mentions", len(press))
        with audience:
            ui.key_figure("press_audience", press["audience"].sum())
        outlets.metric(t("review.outlets"), fmt.number(press["outlet"].nunique(), language), border=True)
        st.dataframe(
            display.readable(press[["published_on", "outlet", "title", "url", "audience"]], keep=("url",)), hide_index=True,
            key="review_press",
            column_config={
                "published_on": t("review.press.date"), "outlet": t("review.press.outlet"), "title": t("review.press.title"),
                "url": st.column_config.LinkColumn(t("review.press.link"), display_text=t("review.press.open")),
                "audience": t("review.press.audience"),
            },
        )

    # -- how the campaign's partnerships rank among past ones of the same channel (issue 5)
    standing = ui.cached(comparison.campaign_benchmark)(campaign_id, language)
    if not standing.empty:
        st.subheader(t("compare.review_benchmark.title"), help=t("compare.benchmark_help"))
        for partner, rows in standing.groupby("partner", sort=False):
            st.markdown(f"**{md(partner)}**\n" + "\n".join(f"- {sentence}" for sentence in rows["sentence"]))
