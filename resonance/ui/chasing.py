"""The overview's chasing block: reports late, due in the next 7 days, campaigns ended without a final report."""
from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.i18n import t
from resonance.services import expected_reports
from resonance.ui import access, expected

GROUPS = (("late", "links.chase.late"), ("due_soon", "links.chase.due_soon"), ("no_final", "links.chase.no_final"))


def _line(row, lang: str) -> str:
    if row.state == "late":
        return t("links.chase.late_row", partner=row.partner, campaign=row.campaign, what=row.what,
                 day=fmt.day(row.due_on, lang), count=int(row.days_late))
    if row.state == "due_soon":
        return t("links.chase.due_row", partner=row.partner, campaign=row.campaign, what=row.what,
                 day=fmt.day(row.due_on, lang))
    return t("links.chase.no_final_row", partner=row.partner, campaign=row.campaign, day=fmt.day(row.period_end, lang))


def block(today: date) -> None:
    lang = ui.lang()
    due = ui.cached(expected_reports.due)(today)
    st.subheader(t("links.chase.title"))
    if due.empty:
        st.caption(t("links.chase.none"))
        return
    can_edit = access.allowed("editeur")
    created = st.session_state.get(expected._CREATED)
    for state, key in GROUPS:
        rows = due[due["state"] == state]
        if rows.empty:
            continue
        st.markdown(f"**{t(key, count=len(rows))}**")
        for index, row in enumerate(rows.itertuples()):
            with st.expander(_line(row, lang)):
                partnership = int(row.partnership_id)
                if created and created["partnership_id"] == partnership and created["reminder"]:
                    expected.mail_block(created["url"], row.partner, row.campaign, created["what"] or row.what,
                                        created["due_on"] or row.due_on, key=f"chase_{state}_{index}", reminder=True,
                                        contact=row.contact if isinstance(row.contact, str) else None)
                elif can_edit and st.button(t("links.chase.prepare"), key=f"chase_{state}_{index}",
                                            icon=":material/forward_to_inbox:"):
                    access.require("editeur")
                    expected.create_and_remember(partnership, today + timedelta(days=30), None, reminder=True)
                    st.rerun()
