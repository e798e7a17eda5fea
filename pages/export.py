"""Exporter: the review deck (PPTX, PDF) and the data annex (XLSX) of one campaign, its summary and lessons edited first."""
import streamlit as st

from resonance import ui
from resonance.reports import annex
from resonance.reports import deck as review_deck
from resonance.ui import access, t

access.require("lecteur")   # on the server, even when the page is asked for without app.py

st.title(t("export.title"))
st.caption(t("export.intro"))
picked = ui.campaign_picker(t("export.campaign"), key="export_campaign")
if picked is None:
    st.stop()
choice, campaign_id = picked

sections_column, language_column = st.columns([4, 1])
with sections_column:
    sections = st.multiselect(t("export.sections"), review_deck.SECTIONS, default=list(review_deck.SECTIONS),
                              format_func=lambda s: t(f"export.section.{s}"), key="export_sections", select_all=False,
                              placeholder=t("display.multiselect.placeholder"))
with language_column:
    lang = st.radio(t("export.language"), ["fr", "en"], index=0 if ui.lang() == "fr" else 1, key="export_lang",
                    format_func=lambda code: t(f"export.lang.{code}"))

texts = ui.cached(review_deck.editable_texts)(campaign_id, lang)
st.subheader(t("export.texts"))
can_edit = access.allowed("editeur")
if not can_edit:
    st.caption(t("export.read_only"))
summary = st.text_area(t("export.summary"), value=texts["summary_saved"] or texts["summary_generated"],
                       help=t("export.summary_help"), key=f"export_summary_{campaign_id}_{lang}", height=130,
                       disabled=not can_edit)
if texts["summary_saved"] and texts["summary_saved"] != texts["summary_generated"]:
    st.caption(f"{t('export.generated_summary')} {texts['summary_generated']}")
lessons = st.text_area(t("export.lessons"), value=texts["lessons"] or "", help=t("export.lessons_help"),
                       key=f"export_lessons_{campaign_id}", height=130, disabled=not can_edit)
if can_edit:
    save_column, reset_column = st.columns([1, 3])
    if save_column.button(t("export.save"), key="export_save", icon=":material/save:"):
        access.require("editeur")
        kept = None if summary.strip() == texts["summary_generated"] else summary
        review_deck.save_texts(ui.store(), campaign_id, kept, lessons, by=access.actor())
        ui.after_write()
        st.success(t("export.saved"))
    if texts["summary_saved"] and reset_column.button(t("export.regenerate"), key="export_regenerate"):
        access.require("editeur")
        review_deck.save_texts(ui.store(), campaign_id, None, lessons, by=access.actor())
        ui.after_write()
        st.session_state.pop(f"export_summary_{campaign_id}_{lang}", None)
        st.rerun()

st.divider()
wanted_pdf = False
if review_deck.pdf_available():
    wanted_pdf = st.checkbox(t("export.make_pdf"), key="export_pdf")
else:
    st.caption(t("export.no_pdf"))
request = (campaign_id, lang, tuple(sections), summary, lessons, wanted_pdf)
if not sections:
    st.warning(t("export.no_sections"))
elif st.button(t("export.make"), type="primary", key="export_make", icon=":material/slideshow:"):
    with st.status(t("export.making"), expanded=False) as status:
        deck = review_deck.build(ui.store(), campaign_id, lang=lang, sections=sections, summary_text=summary,
                                 lessons_text=lessons)
        pdf = None
        if wanted_pdf:
            status.update(label=t("export.making_pdf"))
            pdf = review_deck.to_pdf(deck)
        slides = review_deck.slide_count(deck)
        st.session_state["export_result"] = {"request": request, "pptx": deck, "pdf": pdf, "slides": slides}
        status.update(label=t("export.made", slides=slides), state="complete")
result = st.session_state.get("export_result")
if result and result["request"] == request:
    st.success(t("export.made", slides=result["slides"]))
    deck_column, pdf_column = st.columns(2)
    deck_column.download_button(t("export.download_pptx"), result["pptx"], review_deck.file_name(choice, "pptx"),
                                mime=review_deck.PPTX_MIME, key="export_download_pptx", icon=":material/download:")
    if result["pdf"]:
        pdf_column.download_button(t("export.download_pdf"), result["pdf"], review_deck.file_name(choice, "pdf"),
                                   mime="application/pdf", key="export_download_pdf", icon=":material/picture_as_pdf:")

st.subheader(t("export.annex"))
st.caption(t("export.annex_help"))
st.download_button(t("export.download_xlsx"), lambda: ui.cached(annex.build)(campaign_id, lang),   # made on click
                   review_deck.file_name(choice, "xlsx"), mime=annex.XLSX_MIME, key="export_download_xlsx",
                   icon=":material/table_view:")
