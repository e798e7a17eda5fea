"""Connecteurs' guided "add a source": one kind at a time, only its fields, each saying in plain words what to type."""
from __future__ import annotations

import streamlit as st

from resonance import i18n
from resonance.services import sources

t = i18n.t

# The fields each kind needs, in the order a person fills them in (what the source's service calls them).
FIELDS = {
    "matomo": ("url", "site_id", "token"),
    "brevo": ("token", "ids", "url"),          # the address stays empty: the service's own, unless the admin says
    "mailchimp": ("token", "ids", "url"),
    "feed": ("url", "keywords"),
    "url": ("url", "token"),
}


def token_variable(kind: str) -> str:
    """The name under which the administrator keeps the token, unless told otherwise: MATOMO_TOKEN, BREVO_TOKEN…"""
    return f"{kind.upper()}_TOKEN"


def guided_form(store, user_name: str, campaigns: dict, partners: list[str], key: str = "connectors_add") -> None:
    """Pick a kind, then fill in its few fields; the token itself is never typed here: the admin keeps it."""
    kind = st.radio(t("source_form.kind"), list(sources.KINDS), key=f"{key}_kind", horizontal=True,
                    format_func=lambda k: t(f"connectors.kind.{k}"))
    st.caption(t(f"source_form.{kind}.intro"))
    fields = FIELDS[kind]
    with st.form(key):
        name = st.text_input(t("source_form.name"), key=f"{key}_name", help=t("source_form.name_help"))
        url = st.text_input(t(f"source_form.{kind}.url"), key=f"{key}_url",
                            placeholder=t(f"source_form.{kind}.url_example")) if "url" in fields else ""
        site_id = st.text_input(t("source_form.matomo.site_id"), key=f"{key}_site",
                                help=t("source_form.matomo.site_id_help")) if "site_id" in fields else ""
        ids = st.text_input(t(f"source_form.{kind}.ids"), key=f"{key}_ids") if "ids" in fields else ""
        keywords = st.text_input(t("source_form.feed.keywords"), key=f"{key}_keywords") if "keywords" in fields else ""
        variable = ""
        if "token" in fields:
            # Where the token goes, in plain words; the variable's name is the administrator's business.
            st.info(t(f"source_form.{kind}.token"), icon=":material/key:")
            variable = st.text_input(t("source_form.admin_variable"), key=f"{key}_token",
                                     value="" if kind == "url" else token_variable(kind),
                                     help=t("source_form.admin_help"))
        campaign = st.selectbox(t("connectors.page.campaign"), ["", *campaigns], placeholder=t("display.select.placeholder"), key=f"{key}_campaign",
                                format_func=lambda c: c or t("source_form.any_campaign"))
        partner = st.selectbox(t("connectors.field.partner"), ["", *partners], placeholder=t("display.select.placeholder"), key=f"{key}_partner",
                               format_func=lambda p: p or t("source_form.no_partner"))
        since = st.date_input(t("connectors.field.since"), value=None, key=f"{key}_since", format="DD/MM/YYYY")
        if not st.form_submit_button(t("connectors.page.save"), type="primary"):
            return
    variable = variable.strip() or None
    entry = {"name": name.strip(), "kind": kind, "url": url.strip() or None, "token_env": variable,
             "campaign": campaign or None, "partner": partner or None, "since": since,
             "campaign_ids": [i.strip() for i in ids.replace(";", ",").split(",") if i.strip()],
             "keywords": [k.strip() for k in keywords.replace(";", ",").split(",") if k.strip()]}
    if kind == "matomo":
        entry["site_id"] = site_id.strip()
    try:
        sources.save(store, sources.from_mapping(entry), by=user_name)
    except sources.SourcesError as error:
        st.error(str(error))
        return
    from resonance import ui

    ui.after_write()
    st.success(t("source_form.saved", name=entry["name"]))
    if variable:
        st.info(t("source_form.saved_token", variable=variable), icon=":material/key:")
