"""Administration (admins only): the team's accounts, the audit trail and the connectors' declared secrets."""
import streamlit as st

from resonance import ui
from resonance.services import accounts, audit, audit_words, secrets, sources
from resonance.ui import access, display, t

me = access.require("admin")
st.title(t("nav.admin"))

tab_accounts, tab_audit, tab_secrets = st.tabs([t("trust.admin.accounts"), t("trust.admin.audit"),
                                                t("security.admin.secrets")], key="onglet", on_change="rerun")

with tab_accounts:
    team = accounts.accounts(ui.store())
    if team.empty:
        st.info(t("trust.admin.no_accounts", command=access.COMMAND_FIRST_ADMIN))
    else:
        shown = team.assign(role=team["role"].map(lambda r: t(access.ROLE_KEYS[r])))
        st.dataframe(display.readable(shown[["name", "email", "role", "disabled", "has_password", "last_sign_in_at", "created_at"]]),
                     hide_index=True, width="stretch", column_config={
                         "name": t("trust.admin.col.name"), "email": t("trust.admin.col.email"),
                         "role": t("trust.admin.col.role"), "disabled": t("trust.admin.col.disabled"),
                         "has_password": t("trust.admin.col.password"),
                         "last_sign_in_at": t("trust.admin.col.last_sign_in"), "created_at": t("trust.admin.col.created")})
    if me.demo:
        st.caption(t("trust.admin.demo_no_forms"))
    else:
        roles = list(accounts.ROLES)
        with st.form("account_add", clear_on_submit=True):
            st.subheader(t("trust.admin.add"))
            name = st.text_input(t("trust.admin.col.name"), max_chars=80)
            email = st.text_input(t("trust.admin.col.email"), help=t("trust.admin.email_help"), max_chars=200)
            role = st.selectbox(t("trust.admin.col.role"), roles, format_func=lambda r: t(access.ROLE_KEYS[r]), placeholder=t("display.select.placeholder"))
            password = st.text_input(t("trust.sign_in.password"), type="password", help=t("trust.admin.password_help"))
            if st.form_submit_button(t("trust.admin.add_button"), type="primary"):
                try:
                    accounts.add(ui.store(), name, role, password or None, email=email or None, by=me.name)
                except accounts.AccountError as error:
                    st.error(str(error))
                else:
                    ui.after_write()
                    st.success(t("trust.admin.added", name=name))
        if not team.empty:
            with st.form("account_change"):
                st.subheader(t("trust.admin.change"))
                who = st.selectbox(t("trust.admin.col.name"), team["name"].tolist(), placeholder=t("display.select.placeholder"))
                action = st.radio(t("trust.admin.action"), ["role", "password", "disable", "enable"], horizontal=True,
                                  format_func=lambda a: t(f"trust.admin.action.{a}"))
                new_role = st.selectbox(t("trust.admin.col.role"), roles, format_func=lambda r: t(access.ROLE_KEYS[r]), placeholder=t("display.select.placeholder"))
                new_password = st.text_input(t("trust.admin.new_password"), type="password")
                if st.form_submit_button(t("trust.admin.apply")):
                    try:
                        if action == "role":
                            accounts.set_role(ui.store(), who, new_role, by=me.name)
                        elif action == "password":
                            accounts.set_password(ui.store(), who, new_password, by=me.name)
                        else:
                            accounts.set_disabled(ui.store(), who, action == "disable", by=me.name)
                    except accounts.AccountError as error:
                        st.error(str(error))
                    else:
                        ui.after_write()
                        st.success(t("trust.admin.changed", name=who))

with tab_audit:
    st.caption(t("trust.admin.audit_help"))
    prefix = st.selectbox(t("trust.admin.audit_filter"),
                          ["", "ingestion.", "campaign.", "asset.", "account.", "sign_in.", "link."], key="audit_filter",
                          format_func=lambda p: t(f"trust.admin.filter.{p.rstrip('.') or 'all'}"), placeholder=t("display.select.placeholder"))
    events = audit.trail(ui.store(), action_prefix=prefix or None)
    if events.empty:
        st.info(t("trust.admin.audit_empty"))
    else:
        shown = audit_words.in_words(events)             # actions, targets and details in words, never a code
        st.dataframe(display.readable(shown[["happened_at", "actor", "action", "target", "details"]]), hide_index=True,
                     width="stretch",
                     column_config={"happened_at": t("trust.admin.col.at"),
                                    "actor": t("trust.admin.col.actor"), "action": t("trust.admin.col.action"),
                                    "target": t("trust.admin.col.target"), "details": t("trust.admin.col.details")})

with tab_secrets:
    st.caption(t("security.admin.secrets_help", file=sources.sources_file().name))
    declared, problem = secrets.secrets_overview(ui.store())
    if problem:
        st.error(problem)
    if declared:
        st.dataframe(declared, hide_index=True, width="stretch", key="admin_secrets", column_config={
            "name": t("security.admin.col.secret"), "read_from": t("security.admin.col.read_from"),
            "hosts": t("security.admin.col.hosts"), "has_value": t("security.admin.col.has_value")})
    elif not problem:
        st.info(t("security.admin.no_secrets"))
    allowed = secrets.allowed_hosts()
    st.caption(t("security.admin.allow_hosts", hosts=", ".join(allowed)) if allowed else t("security.admin.no_allow_hosts"))
    if me.demo:
        st.caption(t("trust.admin.demo_no_forms"))
    else:
        with st.form("secret_declare", clear_on_submit=True):
            st.subheader(t("security.admin.declare"))
            secret_name = st.text_input(t("security.admin.field.name"), max_chars=80)
            secret_env = st.text_input(t("security.admin.field.env"), max_chars=200)
            secret_key = st.text_input(t("security.admin.field.key"), max_chars=200)
            secret_hosts = st.text_input(t("security.admin.field.hosts"), max_chars=1000)
            if st.form_submit_button(t("security.admin.declare_button"), type="primary"):
                try:
                    secrets.declare_secret(ui.store(), secret_name, env=secret_env, key=secret_key, hosts=secret_hosts,
                                           by=me.name)
                except sources.SourcesError as error:
                    st.error(str(error))
                else:
                    ui.after_write()
                    st.success(t("security.admin.declared", name=secret_name))
        own = secrets.page_secret_names(ui.store())
        if own:
            with st.form("secret_withdraw"):
                st.subheader(t("security.admin.withdraw"))
                gone = st.selectbox(t("security.admin.col.secret"), own)
                if st.form_submit_button(t("security.admin.withdraw_button")):
                    secrets.withdraw_secret(ui.store(), gone, by=me.name)
                    ui.after_write()
                    st.success(t("security.admin.withdrawn", name=gone))
