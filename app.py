"""Résonance — Streamlit entry: page config, language, navigation (and, later, the sign-in gate)."""
from __future__ import annotations

import streamlit as st

from resonance import i18n
from resonance.i18n import t

st.set_page_config(page_title="Résonance", page_icon=":material/campaign:", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = i18n.language()
i18n.set_language(st.session_state["lang"])

with st.sidebar:
    st.markdown(f"### Résonance\n{t('app.tagline')}")
    st.segmented_control(t("app.language"), options=list(i18n.LANGUAGES), key="lang",
                         format_func=lambda code: {"fr": "Français", "en": "English"}[code], required=True)
i18n.set_language(st.session_state["lang"])

PAGES = {
    t("nav.section.review"): [
        st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True, url_path="overview"),
        st.Page("pages/campaign_review.py", title=t("nav.campaign_review"), icon=":material/insights:", url_path="bilan"),
        st.Page("pages/compare.py", title=t("nav.compare"), icon=":material/compare_arrows:", url_path="comparer"),
        st.Page("pages/partners.py", title=t("nav.partners"), icon=":material/handshake:", url_path="partenaires"),
    ],
    t("nav.section.data"): [
        st.Page("pages/import_reports.py", title=t("nav.import"), icon=":material/upload_file:", url_path="importer"),
        st.Page("pages/connectors.py", title=t("nav.connectors"), icon=":material/sync:", url_path="connecteurs"),
        st.Page("pages/export.py", title=t("nav.export"), icon=":material/slideshow:", url_path="exporter"),
    ],
}
st.navigation(PAGES).run()
