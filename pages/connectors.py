"""Connecteurs: API sources (Matomo, Brevo, Mailchimp, press feeds, partner URLs) — state, runs, sync now, settings."""
import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.ingest import sync
from resonance.services import secrets, sources
from resonance.ui import access, t

access.require("lecteur")   # on the server, even when the page is asked for without app.py

st.title(t("nav.connectors"))
st.caption(t("connectors.page.intro", file=sources.sources_file().name))
store = ui.store()
language = ui.lang()

overview, problem = ui.cached(sync.sources_overview)(sources.file_stamp())
if problem:
    st.error(problem, icon=":material/error:")
if overview.empty:
    ui.empty_state("connectors.page.empty.title", "connectors.page.empty.body")
else:
    table = overview.assign(
        kind=overview["kind"].map(lambda k: t(f"connectors.kind.{k}")),
        origin=overview["origin"].map(lambda o: t(f"connectors.origin.{o}")),
        status=overview.apply(lambda r: t("connectors.status.off") if not r["enabled"] else
                              t(f"connectors.status.{r['status'] or 'never'}"), axis=1),
    )
    st.dataframe(
        table[["name", "kind", "status", "last_run_at", "rows", "error", "origin", "target"]], hide_index=True,
        key="connectors_sources", width="stretch",
        column_config={
            "name": t("connectors.col.name"), "kind": t("connectors.col.kind"), "status": t("connectors.col.status"),
            "last_run_at": st.column_config.DatetimeColumn(t("connectors.col.last_run"), format="DD/MM/YYYY HH:mm"),
            "rows": st.column_config.NumberColumn(t("connectors.col.rows"), format="localized"),
            "error": st.column_config.TextColumn(t("connectors.col.error"), width="large"),
            "origin": t("connectors.col.origin"), "target": t("connectors.col.target"),
        })

st.subheader(t("connectors.page.runs"))
names = overview["name"].tolist()
picked = st.selectbox(t("connectors.page.pick"), names, key="connectors_pick") if names else None
history = ui.cached(sync.runs)(picked or "", 20)
if history.empty:
    st.caption(t("connectors.page.no_runs"))
else:
    shown = history.assign(status=history["status"].map(lambda s: t(f"connectors.status.{s}")))
    st.dataframe(
        shown[["started_at", "source", "status", "since", "until", "rows_loaded", "rows_replaced", "press_duplicates",
               "duration_s", "error"]], hide_index=True, key="connectors_runs", width="stretch",
        column_config={
            "started_at": st.column_config.DatetimeColumn(t("connectors.col.started"), format="DD/MM/YYYY HH:mm"),
            "source": t("connectors.col.name"), "status": t("connectors.col.status"),
            "since": st.column_config.DateColumn(t("connectors.col.since"), format="DD/MM/YYYY"),
            "until": st.column_config.DateColumn(t("connectors.col.until"), format="DD/MM/YYYY"),
            "rows_loaded": st.column_config.NumberColumn(t("connectors.col.rows"), format="localized"),
            "rows_replaced": st.column_config.NumberColumn(t("connectors.col.replaced"), format="localized"),
            "press_duplicates": st.column_config.NumberColumn(t("connectors.col.duplicates"), format="localized"),
            "duration_s": st.column_config.NumberColumn(t("connectors.col.duration"), format="%.1f s"),
            "error": st.column_config.TextColumn(t("connectors.col.error"), width="large"),
        })
    details = sync.run_details(history.iloc[0].to_dict())
    mpp = details["notes"].get("appleMppOpens") or {}
    if mpp:
        st.info(t("connectors.page.mpp", count=fmt.number(sum(mpp.values()), language),
                  campaigns=", ".join(mpp)), icon=":material/visibility:")
    unmapped = details["unmapped"]
    if unmapped:
        st.warning(t("connectors.page.unmapped", count=len(unmapped)), icon=":material/link_off:")
        st.dataframe([{"label": u["label"], "volumes": fmt.text(", ".join(f"{t(f'metric.{m}')} {fmt.number(v, language)}"
                                                                        for m, v in u["volumes"].items())),
                       "reason": u.get("reason") or ""} for u in unmapped],
                     hide_index=True, key="connectors_unmapped", width="stretch",
                     column_config={"label": t("connectors.col.label"), "volumes": t("connectors.col.volumes"),
                                    "reason": t("connectors.col.reason")})

# -- everything below changes data: editors only ----------------------------------------------------------
st.divider()
user = access.require("editeur")
st.subheader(t("connectors.page.actions"))
enabled_count = int(overview["enabled"].sum()) if not overview.empty else 0
if st.button(t("connectors.page.sync_all", count=enabled_count), icon=":material/sync:", type="primary",
             disabled=enabled_count == 0, key="connectors_sync_all"):
    bar = st.progress(0.0, text=t("connectors.page.starting"))
    results = sync.sync_all(store, by=user.name, progress=lambda f, label: bar.progress(min(1.0, f), text=label))
    ui.after_write()
    for result in results:
        if result.status == "ok":
            st.success(t("connectors.page.synced", name=result.name, count=result.rows))
        else:
            st.error(f"{result.name} — {result.error}")

if picked:
    source = next(s for s in sources.all_sources(store) if s.name == picked) if not problem else \
        next((s for s in sources.configured(store) if s.name == picked), None)
    if source is not None:
        st.markdown(f"**{source.name}** · {t(f'connectors.kind.{source.kind}')} · {t(f'connectors.origin.{source.origin}')}")
        test_column, sync_column, switch_column = st.columns(3)
        with test_column:
            if st.button(t("connectors.page.test"), icon=":material/network_check:", key="connectors_test"):
                with st.spinner(t("connectors.page.testing")):
                    state, message = sync.check_source(source, store=store)
                {"reachable": st.success, "unreachable": st.warning, "refused": st.error}[state](message)
        with sync_column:
            if st.button(t("connectors.page.sync_one"), icon=":material/sync:", key="connectors_sync_one"):
                bar = st.progress(0.0, text=t("connectors.page.starting"))
                [result] = sync.sync_all(store, names=[source.name], by=user.name,
                                         progress=lambda f, label: bar.progress(min(1.0, f), text=label))
                ui.after_write()
                if result.status == "ok":
                    st.success(t("connectors.page.synced", name=result.name, count=result.rows))
                else:
                    st.error(result.error)
        with switch_column:
            wanted = st.toggle(t("connectors.page.enabled"), value=source.enabled, key=f"connectors_on_{source.name}")
            if wanted != source.enabled:
                sources.set_enabled(store, source.name, wanted, by=user.name)
                ui.after_write()
                st.rerun()
            if source.origin == "page" and st.button(t("connectors.page.delete"), icon=":material/delete:",
                                                     key="connectors_delete"):
                sources.delete(store, source.name, by=user.name)
                ui.after_write()
                st.rerun()

        labels = [u["label"] for u in (sync.run_details(history.iloc[0].to_dict())["unmapped"] if not history.empty else [])
                  if u["label"]]
        campaigns = ui.cached(sync.campaign_choices)()
        if labels and campaigns:
            with st.form("connectors_map", border=True):
                st.markdown(t("connectors.page.map_title"))
                label = st.selectbox(t("connectors.col.label"), labels, key="connectors_map_label")
                campaign = st.selectbox(t("connectors.page.campaign"), list(campaigns), key="connectors_map_campaign")
                if st.form_submit_button(t("connectors.page.map")):
                    sources.map_label(store, source.name, label, campaigns[campaign], by=user.name)
                    ui.after_write()
                    st.success(t("connectors.page.mapped", label=label, campaign=campaign))

with st.expander(t("connectors.page.add"), icon=":material/add_link:"):
    choices = ui.cached(sync.campaign_choices)()
    partners = ui.cached(sync.partner_choices)()
    with st.form("connectors_add"):
        kind = st.selectbox(t("connectors.col.kind"), sources.kinds(), key="connectors_add_kind",
                            format_func=lambda k: t(f"connectors.kind.{k}"))
        name = st.text_input(t("connectors.field.name"), key="connectors_add_name")
        url = st.text_input(t("connectors.field.url"), key="connectors_add_url", help=t("connectors.field.url_help"))
        site_id = st.text_input(t("connectors.field.site_id"), key="connectors_add_site")
        ids = st.text_input(t("connectors.field.ids"), key="connectors_add_ids")
        secret = st.selectbox(t("connectors.field.secret"), ["", *secrets.secret_names(store)], key="connectors_add_secret",
                              help=t("connectors.field.secret_help"),
                              format_func=lambda name: name or t("connectors.field.no_secret"))
        keywords = st.text_input(t("connectors.field.keywords"), key="connectors_add_keywords")
        header = st.text_input(t("connectors.field.header"), key="connectors_add_header")
        campaign = st.selectbox(t("connectors.page.campaign"), ["", *choices], key="connectors_add_campaign")
        partner = st.selectbox(t("connectors.field.partner"), ["", *partners], key="connectors_add_partner")
        since = st.date_input(t("connectors.field.since"), value=None, key="connectors_add_since", format="DD/MM/YYYY")
        if st.form_submit_button(t("connectors.page.save"), type="primary"):
            entry = {"name": name, "kind": kind, "url": url or None, "secret": secret or None, "header": header or None,
                     "campaign": campaign or None, "partner": partner or None, "since": since,
                     "campaign_ids": [i for i in ids.replace(";", ",").split(",") if i.strip()],
                     "keywords": [k for k in keywords.replace(";", ",").split(",") if k.strip()]}
            if kind == "matomo":
                entry["site_id"] = site_id
            try:
                sources.save(store, sources.from_mapping(entry), by=user.name)
            except sources.SourcesError as error:
                st.error(str(error))
            else:
                ui.after_write()
                st.success(t("connectors.page.saved", name=name))
