"""Connecteurs' guided "add a source": one kind at a time, only its fields, each saying in plain words what to type."""
from __future__ import annotations

import streamlit as st

from resonance import i18n
from resonance.domain import peso as peso_rule
from resonance.domain.metrics import PESO
from resonance.services import secrets, sources
from resonance.ui import after_write

t = i18n.t

# The fields each kind needs, in the order a person fills them in (what the source's service calls them).
FIELDS = {
    "matomo": ("url", "site_id", "token"),
    "brevo": ("token", "ids", "url"),          # the address stays empty: the service's own, unless the admin says
    "mailchimp": ("token", "ids", "url"),
    "feed": ("url", "keywords"),
    "url": ("url", "token"),
}


def guided_form(store, user_name: str, campaigns: dict, partners: list[str], key: str = "connectors_add") -> None:
    """Pick a kind, then fill in its few fields; the token itself is never typed here: an admin declares it as a
    secret bound to the hosts it may be sent to, and the editor picks that secret by name."""
    available = sources.kinds()
    # In the order of FIELDS (the site's audience first), any plugin's kind after them.
    ordered = [k for k in FIELDS if k in available] + [k for k in available if k not in FIELDS]
    kind = st.radio(t("source_form.kind"), ordered, key=f"{key}_kind", horizontal=True,
                    format_func=sources.kind_label)
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
        secret = ""
        if "token" in fields:
            # Where the token goes, in plain words; the token itself is an administrator's declared secret.
            st.info(t(f"source_form.{kind}.token"), icon=":material/key:")
            secret = st.selectbox(t("connectors.field.secret"), ["", *secrets.secret_names(store)], key=f"{key}_secret",
                                  help=t("connectors.field.secret_help"),
                                  format_func=lambda name: name or t("connectors.field.no_secret"))
        campaign = st.selectbox(t("connectors.page.campaign"), ["", *campaigns], placeholder=t("display.select.placeholder"), key=f"{key}_campaign",
                                format_func=lambda c: c or t("source_form.any_campaign"))
        partner = st.selectbox(t("connectors.field.partner"), ["", *partners], placeholder=t("display.select.placeholder"), key=f"{key}_partner",
                               format_func=lambda p: p or t("source_form.no_partner"))
        # PESO proposed from the source's kind (the partner, once chosen, makes an analytics or mailing tool shared),
        # editable, kept with the source and proposed again at each sync (issue 15)
        kind_peso = st.selectbox(t("peso.source.choice"), ["", *PESO], key=f"{key}_peso",
                                 format_func=lambda k: t(f"peso.{k}") if k else t(
                                     "peso.source.proposed", kind=t(f"peso.{peso_rule.propose(source_kind=kind)}")),
                                 help=t("peso.source.help"))
        since = st.date_input(t("connectors.field.since"), value=None, key=f"{key}_since", format="DD/MM/YYYY")
        if not st.form_submit_button(t("connectors.page.save"), type="primary"):
            return
    entry = {"name": name.strip(), "kind": kind, "url": url.strip() or None, "secret": secret or None,
             "campaign": campaign or None, "partner": partner or None, "since": since, "peso": kind_peso or None,
             "campaign_ids": [i.strip() for i in ids.replace(";", ",").split(",") if i.strip()],
             "keywords": [k.strip() for k in keywords.replace(";", ",").split(",") if k.strip()]}
    if kind == "matomo":
        entry["site_id"] = site_id.strip()
    try:
        sources.save(store, sources.from_mapping(entry), by=user_name)
    except sources.SourcesError as error:
        st.error(str(error))
        return
    after_write()
    st.success(t("source_form.saved", name=entry["name"]))
