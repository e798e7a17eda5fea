"""Page under construction: taken by its own issue."""
import streamlit as st

from resonance.ui import t

st.title(t("nav.compare"))
st.info(t("page.coming"))
