"""Partenaires: the map of actors, each partner's file, the relationship follow-up and every partnership's lifecycle."""
import math
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.domain.figures import figure_display
from resonance.domain.metrics import PARTNER_KINDS
from resonance.services import actors, comparison, relationship
from resonance.services import partnership as partnerships_service
from resonance.ui import access, display, t
from resonance.ui import expected as expected_section
from resonance.ui import partners as partners_ui
from resonance.ui.partners import channel_label, saved, show_problems
from resonance.ui.safe import md

access.require("lecteur")   # on the server, even when the page is asked for without app.py

language = ui.lang()
st.title(t("partners.title"))
st.caption(t("partners.intro"))
flash = st.session_state.pop("partners_flash", None)
if flash:
    st.success(flash)
can_edit = access.allowed("editeur")
everyone = ui.cached(actors.actors)()
if everyone.empty:
    ui.empty_state("partners.empty.title", "partners.empty.body")
names = dict(zip(everyone["partner_id"], everyone["partner"], strict=True))
ids_by_name = {name: int(pid) for pid, name in names.items()}


def kind_label(kind) -> str:
    return t(f"partners.kind.{kind}")


# The tab is kept in the address: a save (which reruns the page) comes back to it, and a link can point to it.
tab_map, tab_file, tab_follow, tab_life = st.tabs(
    [t("partners.tab.map"), t("partners.tab.file"), t("partners.tab.follow"), t("partners.tab.lifecycle")],
    key="onglet", bind="query-params")

# -- map of actors (step 1) ---------------------------------------------------------------------------------
with tab_map:
    options = ui.cached(actors.filters)()
    left, middle, right = st.columns(3)
    sectors = left.multiselect(t("partners.filter.sector"), options["sectors"], key="map_sectors", select_all=False,
                               placeholder=t("partners.filter.all_sectors"))
    public = middle.selectbox(t("partners.filter.public"), options["publics"], index=None, key="map_public",
                              placeholder=t("partners.filter.all_publics"))
    kind_names = {kind_label(k): k for k in options["kinds"]}
    kinds = [kind_names[k] for k in right.multiselect(t("partners.filter.kind"), list(kind_names), key="map_kinds", select_all=False,
                                                      placeholder=t("partners.filter.all_kinds"))]
    performance = st.segmented_control(t("partners.map.performance"), actors.PERFORMANCES, default="ctr",
                                       required=True, key="map_performance",
                                       format_func=lambda k: t(f"compare.ratio.{k}"))
    shown = ui.cached(actors.actors_map)(tuple(sectors), public, tuple(kinds))
    placed = shown[shown[performance].notna() & shown["audience"].notna()]
    unplaced = shown[~shown.index.isin(placed.index)]
    if shown.empty:
        st.info(t("partners.map.none"))
    else:
        chart = go.Figure()
        # Each name is written where it meets no other name nor bubble (display.label_positions).
        placed = placed.sort_values("audience")
        placed = placed.assign(label_at=display.label_positions(
            placed["audience"], placed[performance], placed["partner"], log_x=True,
            marker_px=(18 + 14 * placed["partnerships"]).tolist()))
        for index, kind in enumerate(PARTNER_KINDS):
            rows = placed[placed["kind"] == kind]
            if rows.empty:
                continue
            chart.add_scatter(
                x=rows["audience"], y=rows[performance], mode="markers+text", text=rows["partner"],
                textposition=rows["label_at"].tolist(), textfont=dict(size=11), name=kind_label(kind),
                marker=dict(size=18 + 14 * rows["partnerships"], color=ui.SERIES_COLOURS[index], opacity=0.75,
                            line=dict(width=1, color="white")),
                customdata=rows[["partnerships", "sector"]].fillna(fmt.MISSING).to_numpy(),
                hovertemplate="<b>%{text}</b><br>%{customdata[1]}<br>" + t("partners.map.audience")
                + " : %{x:,.0f}<br>" + t("partners.map.partnerships") + " : %{customdata[0]}<extra></extra>")
        ticks = [v for v in (1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7, 3e7)
                 if placed["audience"].min() / 3 <= v <= placed["audience"].max() * 3]
        low, high = placed["audience"].min(), placed["audience"].max()
        chart.update_xaxes(type="log", title=t("partners.map.audience"), tickvals=ticks,
                           ticktext=[fmt.compact(v, language) for v in ticks],
                           range=[math.log10(low) - 0.25, math.log10(high) + 0.25] if len(placed) else None)
        chart.update_yaxes(title=t(f"compare.ratio.{performance}"),
                           tickformat=".1%" if performance in comparison.PERCENT_RATIOS else None)
        st.plotly_chart(ui.style(chart, height=460), key="partners_map_chart")
        display.chart_figures(placed[["partner", "audience", performance, "partnerships"]],
                              {"partner": t("metric.partner"), "audience": t("partners.map.audience"),
                               performance: t(f"compare.ratio.{performance}"),
                               "partnerships": t("partners.map.partnerships")}, "partners_map_chart")
        st.caption(t("partners.map.how_to_read"))
        if not unplaced.empty:
            st.markdown(t("partners.map.unplaced", names=", ".join(
                f"{md(row.partner)} ({t('partners.candidate') if row.is_candidate else t('partners.no_measure')}"
                f", {fmt.compact(row.audience, language)})" for row in unplaced.itertuples())))
        table = shown.assign(kind=shown["kind"].map(kind_label),
                             status=shown["is_candidate"].map({True: t("partners.candidate"), False: t("partners.partner")}),
                             # ratios written by the figures model's formatter, as on every other surface
                             **{r: [figure_display(r, v, language) for v in shown[r]]
                                for r in ("ctr", "visits_per_1000_impressions", "cost_per_visit_eur")})
        st.dataframe(
            table[["partner", "status", "kind", "sector", "audiences", "declared_audience", "measured_audience",
                   "partnerships", "ctr", "visits_per_1000_impressions", "cost_per_visit_eur", "last_met_on"]],
            hide_index=True, key="partners_map_table", placeholder=ui.MISSING,
            column_config={
                "partner": t("metric.partner"), "status": t("partners.status"), "kind": t("partners.kind"),
                "sector": t("partners.sector"), "audiences": t("partners.audiences"),
                "declared_audience": st.column_config.NumberColumn(t("partners.declared_audience"), format="localized"),
                "measured_audience": st.column_config.NumberColumn(t("partners.measured_audience"), format="localized"),
                "partnerships": st.column_config.NumberColumn(t("partners.map.partnerships")),
                "ctr": t("compare.ratio.ctr"),
                "visits_per_1000_impressions": t("compare.ratio.visits_per_1000_impressions"),
                "cost_per_visit_eur": t("compare.ratio.cost_per_visit_eur"),
                "last_met_on": st.column_config.DateColumn(t("partners.last_met_on"), format="DD/MM/YYYY"),
            })
        # which of the partners shown amplify most, per activation and per euro of counterpart (issue 15)
        st.markdown(f"#### {t('amplification.title')}", help=t("amplification.help"))
        by = st.segmented_control(t("amplification.by"), actors.AMPLIFICATIONS, default=actors.AMPLIFICATIONS[0],
                                  required=True, key="map_amplification_by", format_func=lambda k: t(f"metric.{k}"))
        amplified = ui.cached(actors.amplification)(by, tuple(int(i) for i in shown["partner_id"]))
        st.dataframe(actors.amplification_rows(amplified, by, language), hide_index=True, key="map_amplification")
        st.caption(t("amplification.unknown" if amplified[by].notna().any() else "amplification.none"))
    if can_edit:
        with st.expander(t("partners.add.title"), icon=":material/person_add:"):
            with st.form("partner_add", clear_on_submit=True):
                name = st.text_input(t("partners.name"), key="add_name")
                kind = st.selectbox(t("partners.kind"), PARTNER_KINDS, format_func=kind_label, key="add_kind", placeholder=t("display.select.placeholder"))
                sector = st.text_input(t("partners.sector"), key="add_sector")
                audiences = st.text_input(t("partners.audiences"), help=t("partners.audiences_help"), key="add_audiences")
                declared = st.text_input(t("partners.declared_audience"), help=t("partners.declared_help"), key="add_declared")
                contact = st.text_input(t("partners.contact"), key="add_contact")
                notes = st.text_area(t("partners.notes"), key="add_notes")
                candidate = st.checkbox(t("partners.is_candidate"), value=False, key="add_candidate")
                if st.form_submit_button(t("partners.add.submit"), type="primary"):
                    access.require("editeur")
                    try:
                        partnerships_service.save_partner(ui.store(), {
                            "name": name, "kind": kind, "sector": sector, "audiences": audiences,
                            "declared_audience": declared, "contact": contact, "notes": notes, "is_candidate": candidate}, by=access.actor())
                    except partnerships_service.PartnershipInputError as error:
                        show_problems(error)
                    else:
                        saved(t("partners.add.done", name=name.strip()))

# -- partner file ----------------------------------------------------------------------------------------------
with tab_file:
    if names:
        choices = list(ids_by_name)
        wanted = st.query_params.get("partenaire")
        chosen_name = st.selectbox(t("partners.file.pick"), choices, key="file_partner",
                                   index=choices.index(wanted) if wanted in choices else 0, placeholder=t("display.select.placeholder"))
        chosen = ids_by_name[chosen_name]
        profile = ui.cached(actors.partner_file)(int(chosen))
        identity = profile.identity
        st.subheader(md(identity["partner"]))
        badges = [kind_label(identity["kind"]), md(identity.get("sector")),
                  t("partners.candidate") if identity["is_candidate"] else None]
        st.caption(" · ".join(b for b in badges if b))
        cols = st.columns(4)
        cols[0].metric(t("partners.map.partnerships"), fmt.number(identity["partnerships"], language), border=True)
        cols[1].metric(t("partners.declared_audience"), fmt.number(identity["declared_audience"], language), border=True)
        cols[2].metric(t("compare.ratio.ctr"), fmt.percent(identity["ctr"], language), border=True)
        cols[3].metric(t("partners.last_met_on"), fmt.day(identity["last_met_on"], language), border=True)
        st.markdown(f"**{t('partners.audiences')}** : {md(identity.get('audiences')) or fmt.MISSING}  \n"
                    f"**{t('partners.contact')}** : {md(identity.get('contact')) or fmt.MISSING}")
        if identity.get("notes"):
            st.markdown(f"**{t('partners.notes')}** : {md(identity['notes'], lines=True)}")

        st.markdown(f"#### {t('partners.file.partnerships')}")
        history = profile.partnerships
        if history.empty:
            st.caption(t("partners.file.no_partnership"))
        else:
            history = history.assign(
                channel=history["channel"].map(channel_label),
                status=[t("partners.status.ready") if not m else t("partners.status.todo", items=", ".join(
                    t(f"partners.check.{item}") for item in m)) for m in history["missing"]])
            columns = [c for c in ("campaign", "start_date", "channel", "step", "impressions", "clicks", "ctr", "sends",
                                   "open_rate", "landing_visits", "spend_eur", "cost_per_visit_eur", "press_mentions",
                                   "status") if history[c].notna().any()]
            st.dataframe(
                history[columns],
                hide_index=True, key="file_partnerships", placeholder=ui.MISSING,
                column_config={
                    "campaign": t("metric.campaign"),
                    "start_date": st.column_config.DateColumn(t("partners.start"), format="DD/MM/YYYY"),
                    "channel": t("partners.channel"), "step": t("partners.step"),
                    **{c: st.column_config.NumberColumn(t(f"metric.{c}"), format="localized")
                       for c in ("impressions", "clicks", "landing_visits", "press_mentions", "spend_eur")},
                    "sends": st.column_config.NumberColumn(t("metric.sends"), format="localized"),
                    "ctr": st.column_config.NumberColumn(t("compare.ratio.ctr"), format="percent"),
                    "open_rate": st.column_config.NumberColumn(t("compare.ratio.open_rate"), format="percent"),
                    "cost_per_visit_eur": st.column_config.NumberColumn(t("compare.ratio.cost_per_visit_eur"), format="€ %.2f"),
                    "status": t("partners.checklist")})
            st.markdown(f"#### {t('partners.file.counterparts')}")
            for row in profile.partnerships.itertuples():
                # Empty cells are NaN here, which `or` would keep: the one display rule decides what is empty.
                counterparts = fmt.cell(row.counterparts, language)
                activations = fmt.cell(row.activations, language)
                st.markdown(f"- **{md(row.campaign)}** — "
                            + (md(counterparts) if counterparts != fmt.MISSING else t("partners.file.none_recorded"))
                            + (f"  \n  {t('partners.activations')} : {md(activations)}" if activations != fmt.MISSING else ""))
        st.markdown(f"#### {t('partners.file.meetings')}")
        if profile.meetings.empty:
            st.caption(t("partners.file.no_meeting"))
        else:
            st.dataframe(display.readable(profile.meetings.assign(kind=profile.meetings["kind"].map(display.meeting_kind_label))[
                ["met_on", "kind", "notes", "next_step", "next_date"]]), hide_index=True,
                         key="file_meetings", column_config=display.meeting_columns())
        st.markdown(f"#### {t('partners.file.pictures')}")
        ui.gallery(profile.pictures, columns=3, key="file-gallery")
        expected_section.punctuality(int(chosen))          # issue 17: reports due, upload links, drops to validate
        expected_section.section(profile.partnerships, can_edit)
        if can_edit:
            with st.expander(t("partners.edit.title"), icon=":material/edit:"):
                with st.form(f"partner_edit_{chosen}"):
                    edit_name = st.text_input(t("partners.name"), identity["partner"])
                    edit_kind = st.selectbox(t("partners.kind"), PARTNER_KINDS, format_func=kind_label,
                                             index=PARTNER_KINDS.index(identity["kind"]), placeholder=t("display.select.placeholder"))
                    edit_sector = st.text_input(t("partners.sector"), identity.get("sector") or "")
                    edit_audiences = st.text_input(t("partners.audiences"), identity.get("audiences") or "")
                    edit_declared = st.text_input(t("partners.declared_audience"),
                                                  str(identity["declared_audience"] or ""))
                    edit_contact = st.text_input(t("partners.contact"), identity.get("contact") or "")
                    edit_notes = st.text_area(t("partners.notes"), identity.get("notes") or "")
                    edit_candidate = st.checkbox(t("partners.is_candidate"), bool(identity["is_candidate"]))
                    if st.form_submit_button(t("partners.edit.submit"), type="primary"):
                        access.require("editeur")
                        try:
                            partnerships_service.save_partner(ui.store(), {
                                "name": edit_name, "kind": edit_kind, "sector": edit_sector,
                                "audiences": edit_audiences, "declared_audience": edit_declared,
                                "contact": edit_contact, "notes": edit_notes, "is_candidate": edit_candidate},
                                partner_id=int(chosen), by=access.actor())
                        except partnerships_service.PartnershipInputError as error:
                            show_problems(error)
                        else:
                            saved(t("partners.edit.done"))

# -- relationship follow-up (step 6) ----------------------------------------------------------------------------
with tab_follow:
    today = date.today()
    follow = ui.cached(relationship.alerts)(today)
    overdue_column, not_met_column = st.columns(2, gap="large")
    with overdue_column:
        st.subheader(t("relationship.overdue.title", count=len(follow.overdue)))
        if follow.overdue.empty:
            st.success(t("relationship.overdue.none"))
        else:
            st.warning("\n".join("- " + t("relationship.overdue.item", partner=md(row.partner), step=md(row.next_step),
                                             day=fmt.day(row.next_date, language), count=int(row.days_overdue))
                                 for row in follow.overdue.itertuples()))
    with not_met_column:
        st.subheader(t("relationship.not_met.title", count=len(follow.not_met), months=follow.months))
        if follow.not_met.empty:
            st.success(t("relationship.not_met.none", count=follow.months))
        else:
            st.info("\n".join("- " + (t("relationship.not_met.never", partner=md(row.partner))
                                        if row.last_met_on is None else
                                        t("relationship.not_met.item", partner=md(row.partner),
                                          day=fmt.day(row.last_met_on, language)))
                              for row in follow.not_met.itertuples()))
    if can_edit and names:
        with st.form("meeting_add", clear_on_submit=True):
            st.markdown(f"**{t('relationship.add.title')}**")
            left, right = st.columns(2)
            meeting_name = left.selectbox(t("metric.partner"), list(ids_by_name), key="meeting_partner", placeholder=t("display.select.placeholder"))
            meeting_partner = ids_by_name[meeting_name]
            met_on = right.date_input(t("relationship.met_on"), today, max_value=today, format="DD/MM/YYYY",
                                      key="meeting_date")
            meeting_kind = left.selectbox(t("relationship.kind"), relationship.MEETING_KINDS, key="meeting_kind",
                                          format_func=display.meeting_kind_label, placeholder=t("display.select.placeholder"))
            next_date = right.date_input(t("relationship.next_date"), None, format="DD/MM/YYYY", key="meeting_next_date")
            meeting_notes = st.text_area(t("relationship.notes"), key="meeting_notes")
            next_step = st.text_input(t("relationship.next_step"), key="meeting_next_step")
            if st.form_submit_button(t("relationship.add.submit"), type="primary"):
                access.require("editeur")
                try:
                    relationship.add_meeting(ui.store(), int(meeting_partner), met_on, meeting_kind, meeting_notes,
                                             next_step, next_date, created_by=access.actor(), today=today)
                except partnerships_service.PartnershipInputError as error:
                    show_problems(error)
                else:
                    saved(t("relationship.add.done", partner=meeting_name))
        with st.popover(t("relationship.months_setting"), icon=":material/tune:"):
            chosen_months = st.number_input(t("relationship.months_setting"), 1, 36, follow.months, step=1,
                                            key="follow_months")
            if st.button(t("relationship.months_save"), key="follow_months_save", disabled=chosen_months == follow.months):
                access.require("editeur")
                relationship.set_months_without_meeting(ui.store(), int(chosen_months), by=access.actor())
                saved(t("relationship.months_saved", count=int(chosen_months)))
    st.subheader(t("relationship.log"))
    log = ui.cached(relationship.meetings)()
    if log.empty:
        st.caption(t("partners.file.no_meeting"))
    else:
        st.dataframe(display.readable(log.assign(kind=log["kind"].map(display.meeting_kind_label))[
                         ["met_on", "partner", "kind", "notes", "next_step", "next_date", "created_by"]]),
                     hide_index=True, key="follow_log", column_config=display.meeting_columns())

# -- lifecycle of every partnership (steps 1–6) -------------------------------------------------------------------
with tab_life:
    partners_ui.lifecycle_tab(ids_by_name, can_edit)
