"""Drops waiting "à valider": the same preview as an upload (mapping, problems, totals, rows), then validate or refuse."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from resonance import ui
from resonance.i18n import t
from resonance.ingest import drops, importing
from resonance.ui import access


def pending(partnership_id: int, can_edit: bool) -> None:
    lang = ui.lang()
    waiting = drops.listing(ui.store(), partnership_id=partnership_id, status="pending")
    st.markdown(f"**{t('links.review.title', count=len(waiting))}**")
    if waiting.empty:
        st.caption(t("links.review.none"))
        return
    for row in waiting.to_dict("records"):
        with st.container(border=True):
            st.markdown(f"**{t('links.review.drop', id=row['drop_id'])}** — {drops.provenance(row, lang)}")
            for line in row["summary"].get("lines", []):
                st.markdown(f"- {line}")
            _files(int(row["drop_id"]))
            if can_edit:
                _decide(int(row["drop_id"]))


def _files(drop_id: int) -> None:
    for result in drops.previews(ui.store(), drop_id):
        with st.expander(t("links.review.preview", file=result.file_name), icon=":material/table_view:"):
            st.dataframe(result.columns.assign(
                role=result.columns["role"].map(importing.role_label),
                origin=result.columns["origin"].map(lambda o: t(f"import.origin.{o}"))).rename(columns={
                    "column": t("import.page.col_column"), "example": t("import.page.col_example"),
                    "role": t("import.page.col_role"), "origin": t("import.page.col_origin")}),
                hide_index=True)
            for warning in result.warnings:
                st.warning(warning, icon=":material/warning:")
            if len(result.rejected):
                st.caption(t("import.page.rejected", count=result.rows_rejected))
            shown = result.facts.assign(metric=result.facts["metric"].map(lambda m: t(f"metric.{m}")))
            st.dataframe(shown.rename(columns={c: importing.column_label(c) for c in shown.columns}), hide_index=True)
    pictures = drops.files_of(ui.store(), drop_id)
    pictures = pictures[pictures["kind"] == "picture"]
    if not pictures.empty:
        grid = st.columns(min(len(pictures), 4))
        for index, picture in enumerate(pictures.itertuples()):
            with grid[index % len(grid)]:
                st.image(bytes(picture.content), caption=picture.caption if isinstance(picture.caption, str)
                         and not pd.isna(picture.caption) else picture.file_name, width="stretch")


def _decide(drop_id: int) -> None:
    left, right = st.columns(2)
    if left.button(t("links.review.validate"), key=f"validate_{drop_id}", type="primary", icon=":material/check:"):
        access.require("editeur")
        drops.validate(ui.store(), drop_id, by=access.actor())
        ui.after_write()
        st.session_state["partners_flash"] = t("links.review.validated", id=drop_id)
        st.rerun()
    with right:
        reason = st.text_input(t("links.review.reason"), key=f"reason_{drop_id}", max_chars=1000)
        if st.button(t("links.review.refuse"), key=f"refuse_{drop_id}", icon=":material/block:"):
            access.require("editeur")
            try:
                drops.refuse(ui.store(), drop_id, reason, by=access.actor())
            except drops.DropRefused as refusal:
                st.error(str(refusal))
            else:
                ui.after_write()
                st.rerun()
