"""Importer: partner reports (CSV, Excel) with mapping, preview and problems; deployment pictures; history with undo."""
from __future__ import annotations

import hashlib
import json

import streamlit as st

from resonance import formatting as fmt
from resonance import ui
from resonance.domain.figures import adds_up
from resonance.domain.metrics import PARTNER_KINDS, PESO
from resonance.ingest import importing
from resonance.ingest.load import IngestError
from resonance.services import assets, partnership, peso
from resonance.ui import access, display, quoted, t
from resonance.ui import import_choices as choose
from resonance.ui.safe import md

st.title(t("nav.import"))
access.require("editeur")
store = ui.store()
lang = ui.lang()
campaigns, partners = ui.cached(importing.choices)()
FROM_FILE = "\u0000file"
NO_PARTNER = "\u0000none"
REPORT_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"]

reports_tab, pictures_tab, history_tab = st.tabs(
    [t("import.page.tab_reports"), t("import.page.tab_pictures"), t("import.page.tab_history")], key="onglet",
    on_change="rerun")


def _progress_bar():
    bar = st.progress(0.0, text=t("import.page.reading"))

    def show(fraction: float, label: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t(f"import.page.step.{label}")
                     if label in ("read", "parse", "done") else label)

    return bar, show


def _preview(name: str, data: bytes, options: dict) -> importing.Preview:
    """One preview per file and set of choices, kept for the session (a 200 MB file is read once)."""
    key = hashlib.sha256(name.encode() + data[:1 << 20] + str(len(data)).encode()
                         + json.dumps(options, sort_keys=True, default=str).encode()).hexdigest()
    kept = st.session_state.setdefault("import_previews", {})
    if key not in kept:
        bar, show = _progress_bar()
        kept[key] = importing.preview(store, data, name, progress=show, **options)
        bar.empty()
    return kept[key]


def _totals(result: importing.Preview) -> None:
    if not result.totals:
        return
    st.markdown(f"**{t('import.page.totals')}**")
    shown = list(result.totals.items())
    for start in range(0, len(shown), 4):
        columns = st.columns(4)
        for column, (metric, value) in zip(columns, shown[start:start + 4], strict=False):
            with column:
                st.metric(importing.partner_metrics.metric_name(result, metric), ui.figure_text(metric, value),
                          border=True, help=None if adds_up(metric) else t("import.totals.largest_help"))


def _mapping_editor(name: str, result: importing.Preview, choices: tuple[str, ...]) -> dict[str, str] | None:
    """The proposed mapping in a table the manager can correct; returns the corrected mapping when changed."""
    labels = {role: importing.role_label(role) for role in choices}
    table = result.columns.assign(
        role=result.columns["role"].map(lambda r: labels.get(r, labels["ignore"])),
        origin=result.columns["origin"].map(lambda o: t(f"import.origin.{o}")))
    edited = st.data_editor(
        table, key=f"mapping-{name}", hide_index=True, width="stretch", disabled=["column", "example", "origin"],
        column_config={
            "column": st.column_config.TextColumn(t("import.page.col_column")),
            "example": st.column_config.TextColumn(t("import.page.col_example")),
            "role": st.column_config.SelectboxColumn(t("import.page.col_role"), options=list(labels.values()),
                                                     required=True),
            "origin": st.column_config.TextColumn(t("import.page.col_origin")),
        })
    back = {label: role for role, label in labels.items()}
    chosen = dict(zip(edited["column"], edited["role"].map(back), strict=True))
    return chosen if chosen != dict(zip(result.columns["column"], result.columns["role"], strict=True)) else None


def _problems(result: importing.Preview) -> None:
    for error in result.errors:
        st.error(md(error, lines=True), icon=":material/block:")   # it quotes the file's name and headers
    for info in result.infos:
        st.info(md(info, lines=True), icon=":material/info:")
    if len(result.rejected):
        st.markdown(f"**{t('import.page.rejected', count=fmt.number(result.rows_rejected, lang))}**")
        st.dataframe(display.readable(result.rejected, keep=("line",)).rename(columns={
            "line": t("import.page.col_line"), "column": t("import.page.col_column"),
            "value": t("import.page.col_value"), "reason": t("import.page.col_reason")}),
            hide_index=True, width="stretch")
    if len(result.totals_rows):
        with st.expander(t("import.page.totals_rows", count=len(result.totals_rows))):
            st.dataframe(result.totals_rows.rename(columns={"line": t("import.page.col_line"),
                                                            "text": t("import.page.col_row")}),
                         hide_index=True, width="stretch")
    for warning in result.warnings:
        st.warning(md(warning, lines=True), icon=":material/warning:")


def _headings(frame):
    # Cells in the reader's words before the headings change: "—", 30/11/2026, "221,1", codes in words.
    return display.readable(frame).rename(columns={c: importing.column_label(c) for c in frame.columns})


def _rows(result: importing.Preview) -> None:
    if result.kind == "press" and len(result.press):
        st.markdown(f"**{t('import.page.rows_press', count=len(result.press))}**")
        st.dataframe(_headings(result.press.drop(columns=["partner"])), hide_index=True, width="stretch")
    elif len(result.facts):
        shown = result.facts.assign(metric=result.facts["metric"].map(
            lambda m: importing.partner_metrics.metric_name(result, m)))
        st.markdown(f"**{t('import.page.rows_facts', count=fmt.number(len(shown), lang))}**")
        st.dataframe(_headings(shown.head(2000)), hide_index=True, width="stretch")
    if len(result.reported_rates):
        st.caption(t("import.page.rates_as_reported"))
        own = result.reported_rates["rate"].map(importing.partner_metrics.is_partner_metric)
        rates = result.reported_rates.assign(
            rate=[importing.partner_metrics.label_of(result, r) if o else importing.role_label(r)
                  for r, o in zip(result.reported_rates["rate"], own, strict=True)],
            value=[fmt.number(v, lang, 1) if o else fmt.percent(v, lang)
                   for v, o in zip(result.reported_rates["value"], own, strict=True)])
        st.dataframe(_headings(rates), hide_index=True, width="stretch")


def _one_file(name: str, data: bytes, campaign: str | None, partner: str | None) -> None:
    state = st.session_state.setdefault("import_choices", {}).setdefault(name, {})
    options = {"campaign": campaign, "partner": partner, "mapping": state.get("mapping"), "sheet": state.get("sheet"),
               "campaign_map": state.get("campaign_map"), "kind": state.get("kind"),
               "date_column": state.get("date_column"), "period": state.get("period"),
               "skip_campaigns": state.get("skip_campaigns"), "partner_metrics": state.get("partner_metrics"),
               "outside_dates": state.get("outside_dates"), "peso": state.get("peso"),
               "date_order": state.get("date_order")}
    result = _preview(name, data, options)
    if result.kind == "facts" and not result.facts.empty:
        # PESO proposed from the source (the last choice for this partner, else the rule), editable (issue 15); the
        # widget is keyed by the kind applied so it always shows the kind the preview holds
        applied = str(result.facts["peso"].mode().iloc[0])
        proposal = peso.propose(store, partner=result.partner or partner, paid_platform=applied == "paid")
        if state.get("peso") is None and proposal.peso != applied:
            state["peso"] = proposal.peso
            st.rerun()
        chosen = st.selectbox(t("peso.import.choice"), PESO, index=PESO.index(applied), key=f"peso-{name}-{applied}",
                              format_func=lambda k: t(f"peso.{k}"), help=t("peso.import.help"))
        st.caption(proposal.text())
        if chosen != applied:
            state["peso"] = chosen
            st.rerun()
    shape = result.shape
    if shape is not None:
        bits = [t(f"import.page.kind.{shape.kind}")]
        if shape.kind == "csv":
            bits += [shape.encoding.upper(), t("import.page.separator", sep={";": quoted(";"), ",": quoted(","), "\t": "tab",
                                                                              "|": quoted("|")}[shape.separator])]
        if shape.title_lines:
            bits.append(t("import.page.title_lines", count=len(shape.title_lines)))
        if result.preset:
            bits.append(settings_label(result.preset))
        bits.append(t("import.page.rows_read", count=result.rows_read))
        st.caption(" · ".join(bits))
        if len(shape.sheets) > 1:
            sheet = st.selectbox(t("import.page.sheet"), shape.sheets, index=shape.sheets.index(shape.sheet),
                                 key=f"sheet-{name}", placeholder=t("display.select.placeholder"))
            if sheet != shape.sheet:
                state["sheet"], state["mapping"] = sheet, None      # another sheet, other headers
                st.rerun()
        kind = st.segmented_control(t("import.page.kind"), ["facts", "press"], default=result.kind, key=f"kind-{name}",
                                    format_func=lambda k: t(f"import.page.kind_{k}"))
        if kind and kind != result.kind:
            state["kind"], state["mapping"] = kind, None
            st.rerun()
    if not result.columns.empty:
        st.markdown(f"**{t('import.page.mapping')}**")
        choices = importing.PRESS_ROLE_CHOICES if result.kind == "press" else importing.ROLE_CHOICES
        corrected = _mapping_editor(name, result, choices)
        if corrected is not None:
            state["mapping"] = corrected
            st.rerun()
    if result.kind == "facts" and shape is not None and (
            choose.dates(name, result, state) or choose.date_order(name, result, state)
            or choose.own_metrics(name, result, state)
            or choose.labels(name, result, state, campaigns) or choose.outside(name, result, state)):
        st.rerun()
    if result.unknown_campaigns:
        st.markdown(f"**{t('import.page.unknown_campaigns')}**")
        mapped = dict(state.get("campaign_map") or {})
        for raw in result.unknown_campaigns:
            mapped[raw] = st.selectbox(t("import.page.campaign_for", name=raw), campaigns, index=None,
                                       accept_new_options=True, key=f"alias-{name}-{raw}",
                                       placeholder=t("import.page.campaign_pick"))
        if all(mapped.get(raw) for raw in result.unknown_campaigns) and st.button(
                t("import.page.apply_campaigns"), key=f"apply-{name}"):
            state["campaign_map"] = {k: v for k, v in mapped.items() if v}
            st.rerun()
    _problems(result)
    _totals(result)
    _rows(result)
    if not result.ok:
        return
    if result.already_loaded_as is not None:
        return
    confirm_rejected = confirm_warnings = True
    if result.rows_rejected:
        confirm_rejected = st.checkbox(t("import.page.skip_rejected", count=result.rows_rejected),
                                       key=f"skip-{name}")
    if result.warnings:
        confirm_warnings = st.checkbox(t("import.page.accept_warnings"), key=f"accept-{name}")
    if st.button(t("import.page.load", file=name), key=f"load-{name}", type="primary",
                 disabled=not (confirm_rejected and confirm_warnings), icon=":material/upload:"):
        access.require("editeur")
        try:
            outcome = importing.load(store, result, created_by=access.actor(), accept_warnings=confirm_warnings,
                                     skip_rejected=confirm_rejected)
        except importing.ImportRefused as refusal:
            st.error(str(refusal))
            return
        if result.kind == "facts" and state.get("peso") and (result.partner or partner):
            peso.remember(store, state["peso"], partner=result.partner or partner, by=access.actor())
        ui.after_write()
        st.session_state.pop("import_previews", None)
        st.session_state.pop("undo_pick", None)          # the newest ingestion is the one offered for undo
        if outcome.already_loaded:
            st.info(t("import.info.already_loaded", file=name, id=outcome.already_loaded_as))
        else:
            st.success(t("import.page.loaded", file=name, id=outcome.ingestion_id,
                         rows=fmt.number(outcome.rows_loaded, lang), replaced=fmt.number(outcome.rows_replaced, lang)))


NEW_PARTNER = "import_new_partner"


def _new_partner_form() -> None:
    """A new partner without leaving the Importer: a name and a kind; it is chosen for the files right away."""
    with st.form("import_partner_add", clear_on_submit=True):
        name = st.text_input(t("partners.name"), key="import_partner_add_name")
        kind = st.selectbox(t("partners.kind"), PARTNER_KINDS, placeholder=t("display.select.placeholder"), format_func=lambda k: t(f"partners.kind.{k}"),
                            key="import_partner_add_kind")
        st.caption(t("display.import.new_partner_help"))
        if not st.form_submit_button(t("partners.add.submit"), type="primary"):
            return
    access.require("editeur")
    try:
        partnership.save_partner(store, {"name": name, "kind": kind, "is_candidate": False}, by=access.actor())
    except partnership.PartnershipInputError as error:
        for problem in error.problems:
            st.error(problem)
        return
    ui.after_write()
    st.session_state[NEW_PARTNER] = name.strip()
    st.rerun()


def settings_label(preset: str) -> str:
    return t("import.page.preset", name=importing.preset_name(preset))


with reports_tab:
    st.caption(t("import.page.intro"))
    uploaded = st.file_uploader(t("import.page.upload"), type=REPORT_TYPES, accept_multiple_files=True,
                                key="import_upload")
    files = {f.name: f.getvalue() for f in uploaded or []}
    left, right = st.columns(2)
    with left:
        # The campaign being read (chosen on another page, or named in the address) is offered first.
        current = st.query_params.get("campagne") or st.session_state.get(ui.CURRENT_CAMPAIGN)
        if "import_campaign" not in st.session_state and current in campaigns:
            st.session_state["import_campaign"] = current
        campaign_choice = st.selectbox(t("import.page.campaign"), [FROM_FILE, *campaigns], placeholder=t("display.select.placeholder"), key="import_campaign",
                                       accept_new_options=True,
                                       format_func=lambda c: t("import.page.from_file") if c == FROM_FILE else c)
    with right:
        if NEW_PARTNER in st.session_state:      # just created below: chosen before the box exists, as Streamlit allows
            st.session_state["import_partner"] = st.session_state.pop(NEW_PARTNER)
        partner_choice = st.selectbox(t("import.page.partner"), [NO_PARTNER, *partners], placeholder=t("display.select.placeholder"), key="import_partner",
                                      accept_new_options=True,
                                      format_func=lambda p: t("import.page.no_partner") if p == NO_PARTNER else p)
        with st.popover(t("display.import.new_partner"), icon=":material/person_add:"):
            _new_partner_form()
    campaign = None if campaign_choice in (None, FROM_FILE) else campaign_choice
    partner = None if partner_choice in (None, NO_PARTNER) else partner_choice
    if not files:
        ui.empty_state("import.page.empty_title", "import.page.empty_body")
    for file_name, content in files.items():
        with st.container(border=True):
            st.subheader(md(file_name))
            _one_file(file_name, content, campaign, partner)

with pictures_tab:
    st.caption(t("import.page.pictures_intro"))
    pictures = st.file_uploader(t("import.page.pictures_upload"), accept_multiple_files=True, key="import_pictures")
    picture_files = {f.name: f.getvalue() for f in pictures or []}
    with st.form("picture_form", clear_on_submit=False):
        left, right = st.columns(2)
        with left:
            picture_campaign = st.selectbox(t("import.page.campaign"), campaigns, index=0 if campaigns else None,
                                            key="picture_campaign", accept_new_options=True, placeholder=t("display.select.placeholder"))
            caption = st.text_input(t("import.page.caption"), key="picture_caption", max_chars=300)
        with right:
            picture_partner = st.selectbox(t("import.page.partner"), [NO_PARTNER, *partners], key="picture_partner",
                                           format_func=lambda p: t("import.page.no_partner") if p == NO_PARTNER else p, placeholder=t("display.select.placeholder"))
            taken_on = st.date_input(t("import.page.taken_on"), value="today", key="picture_taken_on", format="DD/MM/YYYY")
        submitted = st.form_submit_button(t("import.page.add_pictures"), type="primary", icon=":material/add_photo_alternate:")
    if submitted:
        access.require("editeur")
        if not picture_campaign:
            st.error(t("import.page.pick_campaign"))
        elif not picture_files:
            st.error(t("import.page.no_pictures"))
        else:
            added = 0
            for picture_name, content in picture_files.items():
                try:
                    importing.add_picture(store, content, picture_name, campaign=picture_campaign,
                                          partner=None if picture_partner == NO_PARTNER else picture_partner,
                                          caption=caption, taken_on=taken_on, created_by=access.actor())
                    added += 1
                except assets.AssetError as refusal:
                    st.error(str(refusal))
            if added:
                ui.after_write()
                st.success(t("import.page.pictures_added", count=added, campaign=picture_campaign))
    if picture_campaign:
        ui.gallery(importing.pictures_of(store, picture_campaign), columns=3, key="import-gallery")

with history_tab:
    history = ui.cached(importing.history)()
    if history.empty:
        ui.empty_state("import.page.history_empty_title", "import.page.history_empty_body")
    else:
        shown = history.assign(status=history["status"].map(lambda s: t(f"import.status.{s}")))
        st.dataframe(display.readable(shown).rename(columns={c: t(f"import.history.{c}") for c in shown.columns}),
                     hide_index=True,
                     width="stretch")
        undoable = history[history["status"] == "loaded"]
        if len(undoable):
            choice = st.selectbox(t("import.page.undo_pick"), undoable["id"].tolist(), key="undo_pick",
                                  format_func=lambda i: importing.describe(history, i), placeholder=t("display.select.placeholder"))
            if st.button(t("import.page.undo"), key="undo_button", icon=":material/undo:"):
                access.require("editeur")
                try:
                    counts = importing.undo(store, int(choice), by=access.actor())
                except IngestError as refusal:
                    st.error(str(refusal))
                else:
                    ui.after_write()
                    st.session_state.pop("import_previews", None)
                    st.success(t("import.undone", id=choice, **counts))
