"""Connecteurs: API sources (Matomo, Brevo, Mailchimp, press feeds, partner URLs) — state, runs, sync now, settings."""
import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.ingest import sync
from resonance.services import sources
from resonance.ui import access, source_form, t
from resonance.ui.safe import md

access.require("lecteur")   # on the server, even when the page is asked for without app.py

st.title(t("nav.connectors"))
st.caption(t("display.connectors.intro"), help=t("display.connectors.admin_files", file=sources.sources_file().name))
store = ui.store()
language = ui.lang()

overview, problem = ui.cached(sync.sources_overview)(sources.file_stamp())
if problem:
    st.error(problem, icon=":material/error:")
if overview.empty:
    st.info(t("display.connectors.first" if access.allowed("editeur") else "display.connectors.first_reader"),
            icon=":material/info:")
else:
    table = overview.assign(
        kind=overview["kind"].map(lambda k: t(f"connectors.kind.{k}")),
        origin=overview["origin"].map(lambda o: t(f"connectors.origin.{o}")),
        status=overview.apply(lambda r: t("connectors.status.off") if not r["enabled"] else
                              t(f"connectors.status.{r['status'] or 'never'}"), axis=1),
    )
    st.dataframe(
        table[["name", "kind", "status", "last_run_at", "rows", "error", "origin", "target"]], hide_index=True,
        key="connectors_sources", width="stretch", placeholder=ui.MISSING,
        column_config={
            "name": t("connectors.col.name"), "kind": t("connectors.col.kind"), "status": t("connectors.col.status"),
            "last_run_at": st.column_config.DatetimeColumn(t("connectors.col.last_run"), format="DD/MM/YYYY HH:mm"),
            "rows": st.column_config.NumberColumn(t("connectors.col.rows"), format="localized"),
            "error": st.column_config.TextColumn(t("connectors.col.error"), width="large"),
            "origin": t("connectors.col.origin"), "target": t("connectors.col.target"),
        })

names = overview["name"].tolist()
if names:
    st.subheader(t("connectors.page.runs"))
picked = st.selectbox(t("connectors.page.pick"), names, key="connectors_pick", placeholder=t("display.select.placeholder")) if names else None
history = ui.cached(sync.runs)(picked or "", 20)
if history.empty:
    if names:
        st.caption(t("connectors.page.no_runs"))
else:
    shown = history.assign(status=history["status"].map(lambda s: t(f"connectors.status.{s}")))
    st.dataframe(
        shown[["started_at", "source", "status", "since", "until", "rows_loaded", "rows_replaced", "press_duplicates",
               "duration_s", "error"]], hide_index=True, key="connectors_runs", width="stretch", placeholder=ui.MISSING,
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
enabled_count = int(overview["enabled"].sum()) if not overview.empty else 0
if names:
    st.subheader(t("connectors.page.actions"))
if enabled_count and st.button(t("connectors.page.sync_all", count=enabled_count), icon=":material/sync:",
                               type="primary", key="connectors_sync_all"):
    bar = st.progress(0.0, text=t("connectors.page.starting"))
    results = sync.sync_all(store, by=user.name, progress=lambda f, label: bar.progress(min(1.0, f), text=label))
    ui.after_write()
    for result in results:
        if result.status == "ok":
            st.success(t("connectors.page.synced", name=result.name, count=result.rows))
        else:
            st.error(f"{md(result.name)} — {md(result.error, lines=True)}")   # it quotes what the feed sent

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
                    st.error(md(result.error, lines=True))
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
                label = st.selectbox(t("connectors.col.label"), labels, key="connectors_map_label", placeholder=t("display.select.placeholder"))
                campaign = st.selectbox(t("connectors.page.campaign"), list(campaigns), key="connectors_map_campaign", placeholder=t("display.select.placeholder"))
                if st.form_submit_button(t("connectors.page.map")):
                    sources.map_label(store, source.name, label, campaigns[campaign], by=user.name)
                    ui.after_write()
                    st.success(t("connectors.page.mapped", label=md(label), campaign=md(campaign)))

# First visit: the guided form in full view; afterwards, folded under its title.
with st.expander(t("connectors.page.add"), icon=":material/add_link:", expanded=not names):
    source_form.guided_form(store, user.name, ui.cached(sync.campaign_choices)(), ui.cached(sync.partner_choices)())
