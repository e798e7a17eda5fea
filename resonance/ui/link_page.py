"""The partner's page, reached only with a valid link: what is expected, a drop zone, what was read, a receipt.

app.py runs this page alone (no navigation, no sidebar, before the sign-in gate) when the address
carries `?depot=`. Every run re-checks the token; the page shows the link's own campaign, partner,
expected reports and drops, and nothing else of the store.
"""
from __future__ import annotations

import hashlib

import streamlit as st

from resonance import formatting as fmt
from resonance import i18n, ui
from resonance.i18n import t
from resonance.ingest import drops
from resonance.services import assets, expected_reports, links
from resonance.settings import settings
from resonance.ui import display

_RECEIPT = "_resonance_link_receipt"         # server-side only: no widget uses these keys
_ROUND = "_resonance_link_round"             # a new round of widgets after a drop empties the drop zone


def _address() -> str | None:
    try:
        found = st.context.ip_address
    except Exception:
        return None
    return found if isinstance(found, str) else None      # AppTest and bare runs have no client


def page() -> None:
    # The drop zone's own words in French here too (app.py's call comes after this page), with each zone's own cap.
    display.widget_texts({"link_reports_": drops.MAX_REPORT_MB, "link_pictures_": max(1, int(settings().max_picture_mb))})
    with ui.store().hold():               # the store is read several times below: opened once per run
        shown = _page()
        if shown is not None:             # the files are read by a bounded child, which reads the store through us
            _drop_zone(*shown)


def _page() -> tuple | None:
    """The link's page down to the drop zone; what the drop zone needs, or None when the link is closed."""
    st.segmented_control(t("app.language"), options=list(i18n.LANGUAGES), key="lang", required=True,
                         format_func=lambda code: {"fr": "Français", "en": "English"}[code])
    i18n.set_language(st.session_state["lang"])
    store = ui.store()
    lang = ui.lang()
    token = st.query_params.get(links.QUERY_KEY)
    access = links.check(store, token, _address())
    receipt_key = hashlib.sha256(str(token).encode()).hexdigest()
    receipt = st.session_state.get(_RECEIPT, {}).get(receipt_key)
    if not access.ok:
        st.title(t("links.page.closed_title"))
        if receipt:                      # this session's own drop used the link's last use: its receipt stays
            _show_receipt(receipt, lang)
        st.info(t("links.page.rate_limited" if access.status == "rate_limited" else "links.page.invalid"),
                icon=":material/link_off:")
        return None
    link = access.link
    visual = links.campaign_visual(store, int(link["campaign_id"]))
    if visual and assets.path_of(visual["sha256"], visual["mime"]).exists():
        st.image(str(assets.path_of(visual["sha256"], visual["mime"])), width=240)
    st.title(t("links.page.title", campaign=link["campaign"]))
    st.caption(t("links.page.for_partner", partner=link["partner"],
                 day=fmt.day(link["expires_on"], lang)))
    _expected(store, link, lang)
    _earlier_drops(store, link, lang)
    if receipt:
        _show_receipt(receipt, lang)
    return store, token, link, lang, receipt_key


def _expected(store, link: dict, lang: str) -> None:
    expected = expected_reports.of_partnership(store, int(link["partnership_id"]))
    st.subheader(t("links.page.expected"))
    if expected.empty:
        st.caption(t("links.page.expected_none"))
        return
    for row in expected.itertuples():
        period = fmt.period(row.period_start, row.period_end, lang) if not fmt.is_missing(row.period_start) else None
        state = (t("links.page.delivered", day=fmt.day(row.delivered_on, lang)) if not fmt.is_missing(row.delivered_on)
                 else t("links.page.due", day=fmt.day(row.due_on, lang)))
        st.markdown(f"- **{row.what}**" + (f" — {period}" if period else "") + f" · {state}")


def _earlier_drops(store, link: dict, lang: str) -> None:
    earlier = drops.listing(store, link_id=int(link["link_id"]))
    if earlier.empty:
        return
    st.subheader(t("links.page.earlier"))
    for row in earlier.itertuples():
        when = fmt.day(row.dropped_at.date(), lang)
        status = t("links.status.pending") if row.status == "pending" else t("links.status.validated") \
            if row.status == "validated" else t("links.status.refused")
        text = t("links.page.earlier_row", id=row.drop_id, day=when, status=status)
        if row.status == "refused":
            st.warning(f"{text}\n\n{t('links.page.refusal_reason', reason=row.refusal_reason)}")
        else:
            st.markdown(f"- {text}")


def _show_receipt(receipt: dict, lang: str) -> None:
    st.success(t("links.page.receipt", id=receipt["drop_id"], day=receipt["day"]), icon=":material/task_alt:")
    for line in receipt["lines"]:
        st.markdown(f"- {line}")
    if receipt["pictures"]:
        st.markdown(f"- {t('links.page.receipt_pictures', count=receipt['pictures'])}")


def _drop_zone(store, token: str, link: dict, lang: str, receipt_key: str) -> None:
    st.subheader(t("links.page.drop"))
    st.caption(t("links.page.drop_help", mb=drops.MAX_REPORT_MB, count=drops.MAX_FILES))
    round_ = st.session_state.get(_ROUND, 0)
    uploaded = st.file_uploader(t("links.page.reports"), type=list(drops.REPORT_TYPES), accept_multiple_files=True,
                                key=f"link_reports_{round_}", max_upload_size=drops.MAX_REPORT_MB)
    pictures = st.file_uploader(t("links.page.pictures"), type=list(drops.PICTURE_TYPES), accept_multiple_files=True,
                                key=f"link_pictures_{round_}",
                                max_upload_size=max(1, int(settings().max_picture_mb)))
    reports = [(f.name, f.getvalue()) for f in uploaded or []]
    shots = []
    for index, picture in enumerate(pictures or []):
        caption = st.text_input(t("links.page.caption", file=picture.name), key=f"link_caption_{round_}_{index}", max_chars=300)
        shots.append((picture.name, picture.getvalue(), caption))
    if not reports and not shots:
        return
    try:
        _, lines, warnings = drops.check_files(store, link, reports, shots, lang)
    except drops.DropRefused as refusal:
        for problem in refusal.problems:
            st.error(problem, icon=":material/block:")
        return
    st.markdown(f"**{t('links.page.read')}**")
    for line in lines:
        st.markdown(f"- {line}")
    for warning in warnings:
        st.warning(warning, icon=":material/warning:")
    if st.button(t("links.page.send"), type="primary", key=f"link_send_{round_}", icon=":material/send:"):
        try:
            receipt = drops.drop(store, token, _address(), reports=reports, pictures=shots, lang=lang)
        except drops.DropRefused as refusal:
            for problem in refusal.problems:
                st.error(problem, icon=":material/block:")
            return
        st.session_state.setdefault(_RECEIPT, {})[receipt_key] = {
            "drop_id": receipt.drop_id, "day": fmt.day(receipt.dropped_at.date(), lang), "lines": receipt.lines,
            "pictures": receipt.pictures}
        st.session_state[_ROUND] = round_ + 1
        st.rerun()
