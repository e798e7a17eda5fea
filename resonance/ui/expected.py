"""The partnership sheet's "reports expected" section: what is due, the partner's upload links, drops to validate."""
from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.i18n import t
from resonance.services import expected_reports, links
from resonance.ui import access, drop_review

_CREATED = "_resonance_link_created"         # the token just created, shown once in this session only


def base_url() -> str:
    """The address the partner will open: this server's, as the manager's browser reached it."""
    try:
        found = urlsplit(st.context.url or "")
    except Exception:
        found = None
    if not found or not found.netloc:
        return "http://localhost:8501"
    return f"{found.scheme}://{found.netloc}"


def punctuality(partner_id: int) -> None:
    found = ui.cached(expected_reports.punctuality)(date.today(), int(partner_id))
    if found.empty:
        st.caption(t("links.sheet.punctuality_none"))
        return
    row = found.iloc[0]
    st.markdown(t("links.sheet.punctuality", on_time=int(row.on_time), late=int(row.late), missing=int(row.missing)))


def section(partnerships: pd.DataFrame, can_edit: bool) -> None:
    """For one of the partner's partnerships: expected reports, links, drops waiting for validation."""
    st.markdown(f"#### {t('links.sheet.title')}")
    if partnerships.empty:
        st.caption(t("partners.file.no_partnership"))
        return
    labels = dict(zip(partnerships["partnership_id"].astype(int), partnerships["campaign"], strict=True))
    chosen = st.selectbox(t("links.sheet.partnership"), list(labels), format_func=labels.get, key="links_partnership")
    row = partnerships[partnerships["partnership_id"] == chosen].iloc[0]
    _expected(int(chosen), row, can_edit)
    _links(int(chosen), row, can_edit)
    drop_review.pending(int(chosen), can_edit)


def _expected(partnership_id: int, row, can_edit: bool) -> None:
    lang = ui.lang()
    expected = ui.cached(expected_reports.of_partnership)(partnership_id)
    if expected.empty:
        st.caption(t("links.sheet.expected_none"))
    else:
        shown = pd.DataFrame({
            t("links.sheet.col_what"): expected["what"],
            t("links.sheet.col_period"): [fmt.period(a, b, lang) if not fmt.is_missing(a) else fmt.MISSING
                                          for a, b in zip(expected["period_start"], expected["period_end"], strict=True)],
            t("links.sheet.col_due"): [fmt.day(d, lang) for d in expected["due_on"]],
            t("links.sheet.col_delivered"): [fmt.day(d, lang) if not fmt.is_missing(d) else fmt.MISSING
                                             for d in expected["delivered_on"]]})
        st.dataframe(shown, hide_index=True, key=f"expected_{partnership_id}")
    if not can_edit:
        return
    with st.expander(t("links.sheet.add_expected"), icon=":material/event:"):
        with st.form(f"expected_form_{partnership_id}"):
            what = st.text_input(t("links.sheet.col_what"), max_chars=500)
            final = st.checkbox(t("links.sheet.is_final"))
            default_due = (row.end_date + timedelta(days=expected_reports.FINAL_AFTER_DAYS)
                           if not fmt.is_missing(row.end_date) else date.today() + timedelta(days=14))
            due_on = st.date_input(t("links.sheet.col_due"), value=default_due, format="DD/MM/YYYY")
            if st.form_submit_button(t("links.sheet.add"), type="primary"):
                access.require("editeur")
                try:
                    expected_reports.add(ui.store(), partnership_id, what=what, due_on=due_on, is_final=final,
                                         period_start=row.start_date if final else None,
                                         period_end=row.end_date if final else None, created_by=access.actor())
                except expected_reports.ExpectedInputError as error:
                    for problem in error.problems:
                        st.error(problem)
                else:
                    ui.after_write()
                    st.rerun()
        weekly = st.checkbox(t("links.sheet.weekly"), key=f"weekly_{partnership_id}")
        if st.button(t("links.sheet.defaults"), key=f"defaults_{partnership_id}",
                     disabled=fmt.is_missing(row.start_date) or fmt.is_missing(row.end_date)):
            access.require("editeur")
            expected_reports.add_defaults(ui.store(), partnership_id, row.start_date, row.end_date, weekly=weekly,
                                          created_by=access.actor())
            ui.after_write()
            st.rerun()


def _links(partnership_id: int, row, can_edit: bool) -> None:
    lang = ui.lang()
    found = ui.cached(links.links_of)(partnership_id, date.today())
    st.markdown(f"**{t('links.sheet.links')}**")
    if found.empty:
        st.caption(t("links.sheet.links_none"))
    else:
        states = {"active": t("links.state.active"), "expired": t("links.state.expired"),
                  "revoked": t("links.state.revoked"), "used_up": t("links.state.used_up")}
        st.dataframe(pd.DataFrame({
            t("links.sheet.col_link"): [f"n° {i}" for i in found["link_id"]],
            t("links.sheet.col_state"): found["state"].map(states),
            t("links.sheet.col_expires"): [fmt.day(d, lang) for d in found["expires_on"]],
            t("links.sheet.col_uses"): [f"{u} / {int(m)}" if not fmt.is_missing(m) else str(u)
                                        for u, m in zip(found["uses"], found["max_uses"], strict=True)],
        }), hide_index=True, key=f"links_{partnership_id}")
    if not can_edit:
        return
    created = st.session_state.get(_CREATED)
    if created and created["partnership_id"] == partnership_id:
        mail_block(created["url"], created["partner"], created["campaign"], created["what"], created["due_on"],
                   key=f"created_{partnership_id}", contact=created.get("contact"))
    left, right = st.columns(2)
    with left, st.form(f"link_form_{partnership_id}"):
        default_expiry = max(date.today(), row.end_date if not fmt.is_missing(row.end_date) else date.today()) \
            + timedelta(days=30)
        expires_on = st.date_input(t("links.sheet.expires"), value=default_expiry, format="DD/MM/YYYY")
        max_uses = st.number_input(t("links.sheet.max_uses"), min_value=0, value=0, step=1,
                                   help=t("links.sheet.max_uses_help"))
        if st.form_submit_button(t("links.sheet.create"), type="primary", icon=":material/add_link:"):
            access.require("editeur")
            create_and_remember(partnership_id, expires_on, int(max_uses) or None)
            st.rerun()
    active = found[found["state"] == "active"] if not found.empty else found
    with right:
        if not active.empty:
            pick = st.selectbox(t("links.sheet.revoke_pick"), active["link_id"].astype(int).tolist(),
                                format_func=lambda i: f"n° {i}", key=f"revoke_pick_{partnership_id}")
            if st.button(t("links.sheet.revoke"), key=f"revoke_{partnership_id}", icon=":material/link_off:"):
                access.require("editeur")
                links.revoke(ui.store(), link_id=int(pick), by=access.actor())
                ui.after_write()
                st.rerun()


def create_and_remember(partnership_id: int, expires_on: date, max_uses: int | None, *, reminder: bool = False) -> dict:
    """Create a link and keep its address for this session only (the store keeps just its hash)."""
    store = ui.store()
    created = links.create(store, partnership_id, expires_on=expires_on, max_uses=max_uses, created_by=access.actor())
    expected = expected_reports.of_partnership(store, partnership_id)
    waiting = expected[expected["delivered_on"].isna()]
    first = waiting.iloc[0] if not waiting.empty else None
    kept = {"partnership_id": partnership_id, "url": links.url(base_url(), created.token), "partner": created.partner,
            "campaign": created.campaign, "what": None if first is None else first["what"],
            "due_on": None if first is None else first["due_on"], "reminder": reminder}
    st.session_state[_CREATED] = kept
    ui.after_write()
    return kept


def mail_block(url: str, partner: str, campaign: str, what, due_on, *, key: str, reminder: bool = False,
               contact: str | None = None) -> None:
    """The link to copy, and the mail in French or English: a .eml draft and a mailto: link."""
    st.success(t("links.sheet.created_once"), icon=":material/link:")
    st.code(url, language=None)
    mail_lang = st.segmented_control(t("links.sheet.mail_lang"), ["fr", "en"], default="fr", key=f"mail_lang_{key}",
                                     format_func=lambda code: {"fr": "Français", "en": "English"}[code]) or "fr"
    subject, body = expected_reports.mail(mail_lang, partner=partner, campaign=campaign, what=what, due_on=due_on,
                                          link=url, reminder=reminder)
    left, right = st.columns(2)
    left.download_button(t("links.sheet.eml"), expected_reports.eml(subject, body, to=contact),
                         file_name=f"{campaign} - {partner}.eml", mime="message/rfc822", key=f"eml_{key}",
                         icon=":material/mail:")
    right.link_button(t("links.sheet.mailto"), expected_reports.mailto(subject, body, to=contact),
                      icon=":material/forward_to_inbox:")
