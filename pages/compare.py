"""Comparer: past partnerships or whole campaigns side by side, the benchmark, the previous edition, targets and notes."""
from datetime import date

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from resonance import formatting as fmt
from resonance import ui
from resonance.services import actors, comparison
from resonance.ui import access, display, t
from resonance.ui.safe import md

access.require("lecteur")   # on the server, even when the page is asked for without app.py

language = ui.lang()
st.title(t("compare.title"))
st.caption(t("compare.intro"))

kind = st.segmented_control(t("compare.kind"), ["partnership", "campaign"], default="partnership", required=True,
                            key="compare_kind", format_func=lambda k: t(f"compare.kind.{k}"))
pool = ui.cached(comparison.units)(kind)
if pool.empty:
    ui.empty_state("overview.empty.title", "overview.empty.body")
    st.stop()
labels = {row.unit_key: f"{row.label} ({row.year})" if not fmt.is_missing(row.year) else row.label
          for row in pool.itertuples()}
keys_by_label = {label: key for key, label in labels.items()}
picked = [keys_by_label[label] for label in st.multiselect(
    t("compare.pick", high=comparison.MAX_UNITS), list(keys_by_label), max_selections=comparison.MAX_UNITS,
    key=f"compare_units_{kind}", placeholder=t("compare.pick_placeholder"), select_all=False)]

if len(picked) < comparison.MIN_UNITS:
    st.info(t("compare.pick_more", low=comparison.MIN_UNITS, high=comparison.MAX_UNITS))
else:
    result = ui.cached(comparison.compare)(tuple(picked))
    figures = result.figures
    names = [labels[key] for key in figures["unit_key"]]

    st.subheader(t("compare.ratios"), help=t("compare.ratios_help"))
    ratio_rows = [{"": t(f"compare.ratio.{r}"), **{n: comparison.figure_text(r, v, language)
                                                    for n, v in zip(names, figures[r], strict=True)}}
                  for r in comparison.RATIOS if figures[r].notna().any()]
    st.table(ratio_rows)
    st.subheader(t("compare.volumes"))
    volume_rows = [{"": t(f"metric.{v}"), **{n: comparison.figure_text(v, x, language)
                                              for n, x in zip(names, figures[v], strict=True)}}
                   for v in comparison.VOLUMES if figures[v].notna().any()]
    st.table(volume_rows)
    if figures["spend_eur"].isna().any():
        st.caption(t("compare.no_spend_note"))
    if kind == "partnership":        # issue 17: did the partner send its reports on time?
        st.subheader(t("compare.punctuality"), help=t("compare.punctuality_help"))
        punctual = ui.cached(comparison.punctuality)(tuple(picked), date.today())
        st.table([{"": t(label), **{n: ui.MISSING if punctual[k] is None else fmt.number(punctual[k][name], language)
                                    for n, k in zip(names, figures["unit_key"], strict=True)}}
                  for name, label in comparison.PUNCTUALITY_KEYS.items()])

    available = [r for r in comparison.RATIOS if figures[r].notna().any()]
    bar_metrics = st.multiselect(t("compare.bars_metrics"), available, default=available[:3], key="compare_bars",
                                 format_func=lambda r: t(f"compare.ratio.{r}"), select_all=False,
                                 placeholder=t("display.multiselect.placeholder"))
    if bar_metrics:
        bars = make_subplots(rows=1, cols=len(bar_metrics),
                             subplot_titles=[display.wrap_title(t(f"compare.ratio.{r}"), 80 // len(bar_metrics))
                                             for r in bar_metrics])
        for column, ratio in enumerate(bar_metrics, start=1):
            for index, (name, value) in enumerate(zip(names, figures[ratio], strict=True)):
                bars.add_trace(go.Bar(x=[name], y=[value], name=name, legendgroup=name, showlegend=column == 1,
                                      marker_color=ui.SERIES_COLOURS[index % len(ui.SERIES_COLOURS)],
                                      text=[comparison.figure_text(ratio, value, language)], textposition="outside",
                                      cliponaxis=False), row=1, col=column)
            bars.update_xaxes(showticklabels=False, row=1, col=column)
            if ratio in comparison.PERCENT_RATIOS:
                bars.update_yaxes(tickformat=".0%", row=1, col=column)
        bars.update_layout(barmode="group")
        bars.update_annotations(font_size=13)                  # the subplot titles, on two lines when long
        st.plotly_chart(ui.style(bars, height=400), key="compare_bars_chart")
        written = {r: [comparison.figure_text(r, v, language) for v in figures[r]] for r in bar_metrics}
        display.chart_figures(figures.assign(unit=names, **written)[["unit", *bar_metrics]],
                              {"unit": t("display.compared"), **{r: t(f"compare.ratio.{r}") for r in bar_metrics}},
                              "compare_bars_chart")

    st.subheader(t("compare.over_time"), help=t("compare.over_time_help"))
    series = result.timeseries
    metrics_present = [m for m in ("clicks", "impressions", "landing_visits", "unique_opens", "press_mentions")
                       if m in set(series["metric"])]
    if metrics_present:
        left, right = st.columns([2, 1])
        metric = left.selectbox(t("compare.series_metric"), metrics_present, key="compare_series_metric",
                                format_func=lambda m: t(f"metric.{m}"), placeholder=t("display.select.placeholder"))
        cumulative = right.toggle(t("compare.cumulative"), value=True, key="compare_cumulative")
        lines = go.Figure()
        for index, key in enumerate(figures["unit_key"]):
            rows = series[(series["unit_key"] == key) & (series["metric"] == metric)]
            if rows.empty:
                continue
            lines.add_scatter(x=rows["day_number"], y=rows["cumulative" if cumulative else "value"], mode="lines",
                              name=labels[key], line=dict(width=2.5, color=ui.SERIES_COLOURS[index % len(ui.SERIES_COLOURS)]))
        for index, key in enumerate(figures["unit_key"]):
            rows = series[(series["unit_key"] == key) & (series["metric"] == metric)].set_index("day_number")
            moments = result.moments[result.moments["unit_key"] == key]
            moments = moments[moments["day_number"].isin(rows.index)]
            if moments.empty:
                continue
            # The campaign's dated notes sit on its own line, so a launch or a press release explains a bend.
            lines.add_scatter(x=moments["day_number"],
                              y=rows.loc[moments["day_number"], "cumulative" if cumulative else "value"].to_numpy(),
                              mode="markers", marker=dict(symbol="diamond", size=10, color=ui.SERIES_COLOURS[index % len(ui.SERIES_COLOURS)],
                                                          line=dict(width=1, color="white")),
                              name=t("compare.moments"), legendgroup="moments", showlegend=index == 0,
                              text=moments["text"], hovertemplate="%{text}<extra>" + labels[key] + "</extra>")
        lines.update_xaxes(title=t("compare.day_number"))
        st.plotly_chart(ui.style(lines), key="compare_series_chart")
        shown = series[series["metric"] == metric].assign(unit=lambda f: f["unit_key"].map(labels))
        display.chart_figures(shown.pivot_table(index="day_number", columns="unit",
                                                values="cumulative" if cumulative else "value").reset_index(),
                              {"day_number": t("compare.day_number")}, "compare_series_chart")
    else:
        st.caption(t("compare.no_series"))

    if not result.benchmarks.empty:
        st.subheader(t("compare.benchmark"), help=t("compare.benchmark_help"))
        for key, name in zip(figures["unit_key"], names, strict=True):
            if not key.startswith("p:"):
                continue
            mine = result.benchmarks[result.benchmarks["partnership_id"] == int(key[2:])]
            if mine.empty:
                continue
            st.markdown(f"**{md(name)}**\n" + "\n".join(
                f"- {comparison.benchmark_sentence(row, language)} ({comparison.figure_text(row['ratio'], row['value'], language)})"
                for row in mine.to_dict("records")))

# -- previous edition -------------------------------------------------------------------------------------------
st.divider()
st.subheader(t("compare.edition.title"))
chain = ui.cached(comparison.editions)()
recurring = chain[chain["previous_campaign_id"].notna()]
if recurring.empty:
    st.caption(t("compare.edition.none"))
else:
    edition_ids = dict(zip(recurring["campaign"], recurring["campaign_id"], strict=True))
    edition = edition_ids[st.selectbox(t("compare.edition.pick"), list(edition_ids), key="compare_edition", placeholder=t("display.select.placeholder"))]
    deltas = ui.cached(comparison.previous_edition)(int(edition))
    st.caption(t("compare.edition.against", current=deltas.current["campaign"], previous=deltas.previous["campaign"],
                 current_year=deltas.current["year"], previous_year=deltas.previous["year"]))
    highlights = [r for r in deltas.figures.to_dict("records")
                  if r["figure"] in ("impressions", "clicks", "landing_visits", "press_mentions", "ctr",
                                     "visits_per_1000_impressions")]
    for start in range(0, len(highlights), 3):
        for column, row in zip(st.columns(3), highlights[start:start + 3], strict=False):
            label = t(f"compare.ratio.{row['figure']}") if row["figure"] in comparison.RATIOS else t(f"metric.{row['figure']}")
            # Streamlit picks the arrow from a leading ASCII "-"; for a cost, a rise is bad news.
            column.metric(label, comparison.figure_text(row["figure"], row["current"], language),
                          None if row["change"] is None else comparison.change_text(row, language).replace("−", "-"),
                          delta_color="inverse" if row["figure"] in comparison.LOWER_IS_BETTER else "normal", border=True,
                          help=t("compare.edition.previous_value",
                                 value=comparison.figure_text(row["figure"], row["previous"], language)))
    table = [{t("compare.edition.figure"): t(f"compare.ratio.{r['figure']}") if r["figure"] in comparison.RATIOS
              else t(f"metric.{r['figure']}"),
              deltas.previous["campaign"]: comparison.figure_text(r["figure"], r["previous"], language),
              deltas.current["campaign"]: comparison.figure_text(r["figure"], r["current"], language),
              t("compare.edition.change"): comparison.change_text(r, language)} for r in deltas.figures.to_dict("records")]
    st.table(table)
    if not deltas.partners.empty:
        st.markdown(t("compare.edition.partners_both"))
        for partner, rows in deltas.partners.groupby("partner", sort=False):
            shown = rows[rows["figure"].isin(["impressions", "clicks", "ctr", "landing_visits", "cost_per_visit_eur"])]
            st.markdown(f"- **{md(partner)}** : " + " · ".join(
                f"{t(f'compare.ratio.{r.figure}') if r.figure in comparison.RATIOS else t(f'metric.{r.figure}')} "
                f"{comparison.figure_text(r.figure, r.current, language)} ({comparison.change_text(r._asdict(), language)})"
                for r in shown.itertuples()))

# -- who reached a public best, or most cheaply -----------------------------------------------------------------
st.divider()
st.subheader(t("compare.ranking.title"), help=t("compare.ranking.help"))
left, right = st.columns(2)
publics = ui.cached(comparison.publics)()
public = left.selectbox(t("compare.ranking.public"), publics, index=None, key="ranking_public",
                        placeholder=t("partners.filter.all_publics"))
ratio = right.selectbox(t("compare.ranking.ratio"), comparison.RATIOS, index=comparison.RATIOS.index("cost_per_visit_eur"),
                        key="ranking_ratio", format_func=lambda r: t(f"compare.ratio.{r}"), placeholder=t("display.select.placeholder"))
ranking = ui.cached(comparison.ranking)(ratio, public)
ranked, unranked = ranking[ranking[ratio].notna()], ranking[ranking[ratio].isna()]
if ranked.empty:
    st.caption(t("compare.ranking.none"))
else:
    best = ranked.iloc[0]
    st.success(t("compare.ranking.best", partner=best["partner"], campaign=best["campaign"],
                 ratio=t(f"compare.ratio.{ratio}"), value=comparison.figure_text(ratio, best[ratio], language)))
    # the ratio written by the figures model's formatter ("0,42 €", never "€ 0.42" on a French page)
    ranked = ranked.assign(**{ratio: [comparison.figure_text(ratio, v, language) for v in ranked[ratio]]})
    st.dataframe(ranked[["partner", "campaign", "year", ratio, "landing_visits", "clicks", "spend_eur", "counterparts"]],
                 hide_index=True, key="ranking_table", placeholder=ui.MISSING, column_config={
                     "partner": t("metric.partner"), "campaign": t("metric.campaign"), "year": t("compare.year"),
                     ratio: t(f"compare.ratio.{ratio}"),
                     "landing_visits": st.column_config.NumberColumn(t("metric.landing_visits"), format="localized"),
                     "clicks": st.column_config.NumberColumn(t("metric.clicks"), format="localized"),
                     "spend_eur": st.column_config.NumberColumn(t("metric.spend_eur"), format="localized"),
                     "counterparts": t("partners.counterparts")})
if ratio in comparison.LOWER_IS_BETTER and not unranked.empty:
    st.caption(t("compare.ranking.no_spend", partnerships="; ".join(
        f"{md(r.partner)} ({md(r.campaign)}{' — ' + md(r.counterparts) if isinstance(r.counterparts, str) else ''})"
        for r in unranked.itertuples())))

# -- which partners amplify most, per activation and per euro of counterpart (issue 15: step 1 learns from step 5)
st.divider()
st.subheader(t("amplification.title"), help=t("amplification.help"))
by = st.selectbox(t("amplification.by"), actors.AMPLIFICATIONS, key="amplification_by",
                  format_func=lambda k: t(f"metric.{k}"), placeholder=t("display.select.placeholder"))
amplified = ui.cached(actors.amplification)(by)
if amplified[by].notna().any():
    top = amplified.iloc[0]
    st.success(t("amplification.best", partner=md(top["partner"]), figure=t(f"metric.{by}"),
                 value=comparison.figure_text(by, top[by], language)))
    st.dataframe(actors.amplification_rows(amplified, by, language), hide_index=True, key="amplification_table")
    st.caption(t("amplification.unknown"))
else:
    st.caption(t("amplification.none"))

# -- targets and dated notes of a campaign ------------------------------------------------------------------------
st.divider()
st.subheader(t("compare.notes.title"), help=t("compare.notes.help"))
every_campaign = ui.cached(comparison.campaigns)()
campaign_ids = dict(zip(every_campaign["campaign"], every_campaign["campaign_id"], strict=True))
chosen = int(campaign_ids[st.selectbox(t("metric.campaign"), list(campaign_ids), key="notes_campaign", placeholder=t("display.select.placeholder"))])
targets, notes = ui.cached(comparison.campaign_notes)(chosen)
reached = every_campaign.set_index("campaign_id").loc[chosen]
target_column, note_column = st.columns(2)
with target_column:
    st.markdown(f"**{t('compare.targets')}**")
    if targets.empty:
        st.caption(t("compare.targets.none"))
    for row in targets.itertuples():
        actual = reached.get(row.metric)
        progress = None if fmt.is_missing(actual) or not row.target else float(actual) / row.target
        st.markdown(t("compare.targets.item", metric=t(f"metric.{row.metric}"), target=fmt.number(row.target, language),
                      progress=fmt.percent(progress, language, 0)))
    if access.allowed("editeur"):
        with st.form("target_form", clear_on_submit=True):
            target_metric = st.selectbox(t("compare.targets.metric"), comparison.TARGET_METRICS, key="target_metric",
                                         format_func=lambda m: t(f"metric.{m}"), placeholder=t("display.select.placeholder"))
            target_value = st.text_input(t("compare.targets.value"), key="target_value")
            save, remove = st.columns(2)
            if save.form_submit_button(t("compare.targets.save"), type="primary"):
                access.require("editeur")
                ui.write_then_redraw(lambda: comparison.set_target(ui.store(), chosen, target_metric, target_value,
                                                                   by=access.actor()))
            if remove.form_submit_button(t("compare.targets.remove")):
                access.require("editeur")
                comparison.remove_target(ui.store(), chosen, target_metric, by=access.actor())
                ui.after_write()
                st.rerun()
    if access.allowed("editeur"):
        with st.form("series_form"):
            series_value = st.text_input(t("compare.series"), every_campaign.set_index("campaign_id").loc[chosen, "series"] or "",
                                         help=t("compare.series_help"), key="series_value")
            if st.form_submit_button(t("compare.series_save")):
                access.require("editeur")
                comparison.set_series(ui.store(), chosen, series_value, by=access.actor())
                ui.after_write()
                st.rerun()
with note_column:
    st.markdown(f"**{t('compare.notes')}**")
    if notes.empty:
        st.caption(t("compare.notes.none"))
    for row in notes.itertuples():
        st.markdown(f"- {fmt.day(row.on_date, language)} — {md(row.label)}")
    if access.allowed("editeur"):
        with st.form("note_form", clear_on_submit=True):
            note_date = st.date_input(t("compare.notes.date"), every_campaign.set_index("campaign_id").loc[chosen, "start_date"],
                                      format="DD/MM/YYYY", key="note_date")
            note_label = st.text_input(t("compare.notes.label"), key="note_label")
            if st.form_submit_button(t("compare.notes.add"), type="primary"):
                access.require("editeur")
                ui.write_then_redraw(lambda: comparison.add_annotation(ui.store(), chosen, note_date, note_label,
                                                                       by=access.actor()))
        if not notes.empty:
            removable = {f"{fmt.day(r.on_date, language)} — {r.label}": int(r.annotation_id) for r in notes.itertuples()}
            gone = removable[st.selectbox(t("compare.notes.remove_pick"), list(removable), key="note_remove_pick", placeholder=t("display.select.placeholder"))]
            if st.button(t("compare.notes.remove"), key="note_remove"):
                access.require("editeur")
                comparison.remove_annotation(ui.store(), chosen, int(gone), by=access.actor())
                ui.after_write()
                st.rerun()
