"""The Partenaires page's shared helpers and its lifecycle tab (every partnership, steps 1–6, and its forms)."""
from __future__ import annotations

import streamlit as st

from resonance import ui
from resonance.domain.checklist import informed_field, with_informed
from resonance.domain.metrics import CHANNELS
from resonance.services import actors, comparison
from resonance.services import partnership as partnerships_service
from resonance.ui import access, display, t


def channel_label(channel) -> str:
    return t(f"partners.channel.{channel}") if isinstance(channel, str) and channel else t("partners.channel.none")


def saved(message: str) -> None:
    """After a write: forget cached figures and show the page again, with the confirmation on top."""
    ui.after_write()
    st.session_state["partners_flash"] = message
    st.rerun()


def show_problems(error: partnerships_service.PartnershipInputError) -> None:
    st.error("\n".join(f"- {problem}" for problem in error.problems))


def lifecycle_tab(ids_by_name: dict[str, int], can_edit: bool) -> None:
    """Every partnership's step and checklist; editors move one along, or add one for a campaign and a partner."""
    life = ui.cached(actors.lifecycle)()
    st.caption(t("partners.life.intro"))
    if life.empty:
        st.info(t("partners.file.no_partnership"))
    else:
        board = life.assign(
            step=[t(f"partners.step.{s}") for s in life["step"]],
            status=[t("partners.status.ready") if not m else t("partners.status.todo", items=", ".join(
                t(f"partners.check.{item}") for item in m)) for m in life["missing"]],
            channel=life["channel"].map(channel_label))
        st.dataframe(display.readable(board[["campaign", "partner", "channel", "step", "status", "activations",
                                             "counterparts"]]),
                     hide_index=True, key="life_board", column_config={
                         "campaign": t("metric.campaign"), "partner": t("metric.partner"),
                         "channel": t("partners.channel"), "step": t("partners.step"),
                         "status": t("partners.checklist"), "activations": t("partners.activations"),
                         "counterparts": t("partners.counterparts")})
    if can_edit and not life.empty:
        by_label = {f"{r.campaign} — {r.partner}": int(r.partnership_id) for r in life.itertuples()}
        with st.expander(t("partners.life.edit"), icon=":material/checklist:"):
            picked = by_label[st.selectbox(t("partners.life.pick"), list(by_label), key="life_pick", placeholder=t("display.select.placeholder"))]
            current = life[life["partnership_id"] == picked].iloc[0]
            public_body = current["partner_kind"] == "public_body"
            with st.form(f"life_edit_{picked}"):
                step = st.select_slider(t("partners.step"), partnerships_service.STEPS, value=int(current["step"]),
                                        format_func=lambda s: t(f"partners.step.{s}"))
                channel = st.selectbox(t("partners.channel"), [None, *CHANNELS], format_func=channel_label,
                                       index=([None, *CHANNELS].index(current["declared_channel"])
                                              if current["declared_channel"] in CHANNELS else 0), placeholder=t("display.select.placeholder"))
                role = st.selectbox(t("partners.role"), partnerships_service.ROLES,
                                    index=partnerships_service.ROLES.index(current["role"]),
                                    format_func=lambda r: t(f"partners.role.{r}"), placeholder=t("display.select.placeholder"))
                activations = st.text_area(t("partners.activations"), current["activations"] or "")
                counterparts = st.text_area(t("partners.counterparts"), current["counterparts"] or "")
                informed = st.checkbox(t("partners.check.informed_public") if public_body else t("partners.check.informed_sig"),
                                       bool(current[informed_field(current["partner_kind"])]))
                legal = st.checkbox(t("partners.check.legal_frame_signed").capitalize(), bool(current["legal_frame_signed"]))
                message = st.checkbox(t("partners.check.message_validated").capitalize(), bool(current["message_validated"]))
                start = st.date_input(t("partners.start"), current["partnership_start"], format="DD/MM/YYYY")
                end = st.date_input(t("partners.end"), current["partnership_end"], format="DD/MM/YYYY")
                if st.form_submit_button(t("partners.edit.submit"), type="primary"):
                    access.require("editeur")
                    try:
                        partnerships_service.save_partnership(ui.store(), {
                            "step": step, "channel": channel, "role": role, "activations": activations,
                            "counterparts": counterparts,
                            **with_informed(current, informed),
                            "legal_frame_signed": legal, "message_validated": message,
                            "start_date": start, "end_date": end}, partnership_id=int(picked), by=access.actor())
                    except partnerships_service.PartnershipInputError as error:
                        show_problems(error)
                    else:
                        saved(t("partners.edit.done"))
    if can_edit and ids_by_name:
        campaign_list = ui.cached(comparison.campaigns)()
        campaign_ids = dict(zip(campaign_list["campaign"], campaign_list["campaign_id"], strict=True))
        with st.expander(t("partners.life.add"), icon=":material/add_link:"):
            with st.form("life_add", clear_on_submit=True):
                new_campaign = st.selectbox(t("metric.campaign"), list(campaign_ids), key="life_add_campaign", placeholder=t("display.select.placeholder"))
                new_partner = st.selectbox(t("metric.partner"), list(ids_by_name), key="life_add_partner", placeholder=t("display.select.placeholder"))
                new_channel = st.selectbox(t("partners.channel"), [None, *CHANNELS], format_func=channel_label,
                                           key="life_add_channel", placeholder=t("display.select.placeholder"))
                new_role = st.selectbox(t("partners.role"), partnerships_service.ROLES, key="life_add_role",
                                        format_func=lambda r: t(f"partners.role.{r}"), placeholder=t("display.select.placeholder"))
                new_step = st.select_slider(t("partners.step"), partnerships_service.STEPS, value=1, key="life_add_step",
                                            format_func=lambda s: t(f"partners.step.{s}"))
                new_activations = st.text_area(t("partners.activations"), key="life_add_activations")
                new_counterparts = st.text_area(t("partners.counterparts"), key="life_add_counterparts")
                if st.form_submit_button(t("partners.life.add_submit"), type="primary"):
                    access.require("editeur")
                    try:
                        partnerships_service.save_partnership(
                            ui.store(), {"channel": new_channel, "role": new_role, "step": new_step,
                                         "activations": new_activations, "counterparts": new_counterparts},
                            campaign=int(campaign_ids[new_campaign]), partner=ids_by_name[new_partner], by=access.actor())
                    except partnerships_service.PartnershipInputError as error:
                        show_problems(error)
                    else:
                        saved(t("partners.life.added", campaign=new_campaign, partner=new_partner))
