"""Résonance — Streamlit entry: page config, language, the sign-in gate, navigation."""
from __future__ import annotations

import streamlit as st

from resonance import i18n, ui
from resonance.i18n import t
from resonance.services import links
from resonance.ui import access, display, link_page

st.set_page_config(page_title="Résonance", page_icon=":material/campaign:", layout="wide")

if "lang" not in st.session_state:          # a shared link may carry the reader's language (?lang=en)
    asked = st.query_params.get("lang")
    st.session_state["lang"] = asked if asked in i18n.LANGUAGES else i18n.language()
i18n.set_language(st.session_state["lang"])

# A partner's upload link (issue 17): that page alone — no navigation, no sidebar, no sign-in, no other page,
# whatever the path asked for. The page re-checks the token itself at every run.
if links.QUERY_KEY in st.query_params:
    st.navigation([st.Page(link_page.page, title=t("links.page.tab_title"), icon=":material/upload:",
                           url_path=links.URL_PATH, default=True)], position="hidden").run()
    st.stop()

menu = st.sidebar.container()              # the pages' links come first in the sidebar, drawn once the pages are known
with st.sidebar:
    st.markdown(f"### Résonance\n{t('app.tagline')}")
    st.segmented_control(t("app.language"), options=list(i18n.LANGUAGES), key="lang",
                         format_func=lambda code: {"fr": "Français", "en": "English"}[code], required=True)
i18n.set_language(st.session_state["lang"])

# Decided on the server at every rerun, before any page runs: who this is, or nobody.
user = access.gate(ui.store())

if user is None:
    st.navigation([st.Page(access.sign_in_page, title=t("trust.sign_in.title"), icon=":material/login:",
                           url_path="connexion", default=True)], position="hidden").run()
    st.stop()

with st.sidebar:
    if user.demo:
        st.caption(t("trust.demo_sidebar"))
    else:
        st.caption(t("trust.signed_in_as", name=user.name, role=t(access.ROLE_KEYS[user.role])))
        if st.button(t("trust.sign_out"), key="sign_out", icon=":material/logout:"):
            access.sign_out()
            st.rerun()
display.widget_texts()

# Streamlit may run a file of pages/ directly on its first run after a start, without this script:
# so every page also calls access.require() itself, and nothing is shown to someone not signed in.
def _page(name: str, **options) -> st.Page:
    return st.Page(f"pages/{name}.py", **options)


PAGES = {
    t("nav.section.review"): [
        _page("overview", title=t("nav.overview"), icon=":material/dashboard:", default=True, url_path="accueil"),
        _page("campaign_review", title=t("nav.campaign_review"), icon=":material/insights:", url_path="bilan"),
        _page("compare", title=t("nav.compare"), icon=":material/compare_arrows:", url_path="comparer"),
        _page("partners", title=t("nav.partners"), icon=":material/handshake:", url_path="partenaires"),
    ],
    t("nav.section.data"): [
        _page("import_reports", title=t("nav.import"), icon=":material/upload_file:", url_path="importer"),
        _page("connectors", title=t("nav.connectors"), icon=":material/sync:", url_path="connecteurs"),
        _page("export", title=t("nav.export"), icon=":material/slideshow:", url_path="exporter"),
    ],
}
if user.can("admin"):
    PAGES[t("nav.section.admin")] = [
        _page("admin", title=t("nav.admin"), icon=":material/admin_panel_settings:", url_path="administration"),
    ]
PAGES[t("nav.section.review")] += display.old_addresses(PAGES)       # hidden: old links and unknown addresses
current = st.navigation(PAGES, position="hidden")
display.navigation(PAGES, menu)                                       # links in the sidebar, carrying ?campagne=
if user.demo and current.title == t("nav.overview"):                     # said once, on the home page, not above every review
    st.warning(t("trust.demo_banner", command=access.COMMAND_FIRST_ADMIN), icon=":material/science:")
ui.run_page(current)
