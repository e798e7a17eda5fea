"""Streamlit building blocks shared by the pages: the store, cached service calls, key figures, charts, the gallery."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from resonance import formatting as fmt
from resonance import i18n
from resonance.domain.metric_text import metric_text
from resonance.errors import ResonanceError
from resonance.services import assets, review
from resonance.settings import settings
from resonance.store import Store

BLEU_FRANCE = "#000091"
ROUGE_MARIANNE = "#E1000F"
GREYS = ("#3A3A3A", "#666666", "#929292", "#CECECE", "#EEEEEE")
SERIES_COLOURS = (BLEU_FRANCE, ROUGE_MARIANNE, "#6A6AF4", "#009081", "#C08C65", "#A558A0", "#3A3A3A", "#FF9575")

t = i18n.t
MISSING = fmt.MISSING


def lang() -> str:
    return i18n.language()


# -- the store and cached service calls ---------------------------------------------------------
@st.cache_resource
def _store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    return _store(str(settings().db))


def data_version() -> tuple:
    """Changes whenever anyone (this app or the command line) writes to the store: part of every cache key."""
    path = settings().db
    stamps = []
    for file in (path, Path(f"{path}.wal")):
        try:
            stat = os.stat(file)
            stamps.append((stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            stamps.append(None)
    return tuple(stamps)


_SERVICES: dict[str, Callable] = {}


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_call(service_key: str, db_path: str, version: tuple, args: tuple, kwargs: tuple):
    return _SERVICES[service_key](_store(db_path), *args, **dict(kwargs))


def cached(service: Callable) -> Callable:
    """Wrap a service taking the store first: its results are cached until the store changes."""
    key = f"{service.__module__}.{service.__qualname__}"
    _SERVICES[key] = service

    def call(*args, **kwargs):
        return _cached_call(key, str(settings().db), data_version(), args, tuple(sorted(kwargs.items())))

    return call


def after_write() -> None:
    """Forget cached figures after this app wrote to the store."""
    _cached_call.clear()


# -- figures --------------------------------------------------------------------------------------
def figure_text(key: str, value) -> str:
    """A figure written for people in the page's language (see resonance.domain.metric_text)."""
    return metric_text(key, value, lang())


def key_figure(key: str, value, delta: float | None = None, help: str | None = None, target: float | None = None):
    """One key figure with its change (or its progress towards the target)."""
    label = t(f"metric.{key}")
    # Streamlit picks the arrow from a leading ASCII "-": the typographic minus would show a rise.
    delta_text = fmt.signed_percent(delta, lang()).replace("−", "-") if delta is not None else None
    if target is not None:
        progress = None if value in (None,) or fmt.is_missing(value) or not target else float(value) / target
        delta_text = t("review.target_progress", progress=fmt.percent(progress, lang(), 0))
        target_note = t("review.target_is", target=figure_text(key, target))
        st.metric(label, figure_text(key, value), delta_text, delta_color="normal" if (progress or 0) >= 1 else "off",
                  help=f"{help}\n\n{target_note}" if help else target_note, border=True)
        return
    st.metric(label, figure_text(key, value), delta_text, help=help, border=True)


# -- charts -----------------------------------------------------------------------------------------
def style(figure: go.Figure, height: int = 360) -> go.Figure:
    figure.update_layout(
        height=height, margin=dict(l=10, r=10, t=30, b=10), colorway=list(SERIES_COLOURS),
        font=dict(family="Marianne, Arial, sans-serif", size=13, color="#161616"),
        plot_bgcolor="white", paper_bgcolor="white", legend=dict(orientation="h", y=-0.2),
        separators=", " if lang() == "fr" else ".,",
    )
    figure.update_xaxes(showgrid=False, linecolor=GREYS[3])
    figure.update_yaxes(gridcolor=GREYS[4], zeroline=False)
    return figure


def timeseries_chart(series: pd.DataFrame, metrics: list[str], annotations: pd.DataFrame | None = None) -> go.Figure:
    figure = go.Figure()
    for index, metric in enumerate(metrics):
        rows = series[series["metric"] == metric]
        if rows.empty:
            continue
        figure.add_scatter(x=rows["period"], y=rows["value"], name=t(f"metric.{metric}"), mode="lines",
                           line=dict(width=2.5, color=SERIES_COLOURS[index % len(SERIES_COLOURS)]))
    if annotations is not None:
        for row in annotations.itertuples():
            figure.add_vline(x=pd.Timestamp(row.on_date).timestamp() * 1000, line=dict(color=ROUGE_MARIANNE, dash="dot"),
                             annotation_text=row.label, annotation_position="top left",
                             annotation_font=dict(size=11, color=ROUGE_MARIANNE))
    # Numeric dates: plotly would write month names in English whatever the language.
    figure.update_xaxes(tickformat="%d/%m/%Y" if lang() == "fr" else "%Y-%m-%d", hoverformat="%d/%m/%Y")
    return style(figure)


# -- pictures ---------------------------------------------------------------------------------------
@st.dialog(" ", width="large")
def _enlarged(path: str, caption: str, width: int | None, height: int | None) -> None:
    # As large as the dialog allows while the whole picture stays on screen (about 720 px high).
    shown = int(min(1000, width or 1000, 720 * (width / height))) if width and height else "stretch"
    st.image(path, caption=caption, width=shown)


def picture_caption(row) -> str:
    bits = [row.caption if isinstance(row.caption, str) else ""]
    partner = row.partner if isinstance(row.partner, str) else None
    taken = None if fmt.is_missing(row.taken_on) else fmt.day(row.taken_on, lang())
    meta = [p for p in (partner, taken) if p]
    if meta:
        bits.append(" · ".join(meta))
    return " — ".join(b for b in bits if b)


def gallery(pictures: pd.DataFrame, columns: int = 2, key: str = "gallery") -> None:
    """Thumbnails with captions; a click on "Agrandir" shows the full picture."""
    shown = pictures[pictures["sha256"].notna()]
    if shown.empty:
        st.info(t("review.no_pictures"))
        return
    grid = st.columns(columns)
    for index, row in enumerate(shown.itertuples()):
        with grid[index % columns]:
            thumb = assets.thumbnail_of(row.sha256)
            full = assets.path_of(row.sha256, row.mime)
            caption = picture_caption(row)
            if thumb.exists():
                st.image(str(thumb), caption=caption, width="stretch")
            else:
                st.warning(t("review.picture_missing", caption=caption))
                continue
            if st.button(t("review.enlarge"), key=f"{key}-{row.asset_id}", icon=":material/zoom_in:"):
                _enlarged(str(full), caption, int(row.width or 0) or None, int(row.height or 0) or None)


GO_TO_CAMPAIGN = "go_to_campaign"


def go_to_campaign(name: str) -> None:
    """Make the campaign pickers show `name` at the next run (set before they exist, so Streamlit allows it)."""
    st.session_state[GO_TO_CAMPAIGN] = name
    st.query_params["campagne"] = name


def campaign_picker(label: str, key: str) -> tuple[str, int] | None:
    """The campaign select box shared by the pages: follows and keeps `?campagne=` so links and reloads land on it.

    None (with the empty state shown) when there is no campaign yet.
    """

    campaigns = cached(review.campaigns)()
    if campaigns.empty:
        empty_state("overview.empty.title", "overview.empty.body")
        return None
    names = campaigns["name"].tolist()
    wanted = st.query_params.get("campagne")
    going_to = st.session_state.pop(GO_TO_CAMPAIGN, None)      # a campaign just created or renamed
    if going_to in names:
        st.session_state[key] = going_to
    elif st.session_state.get(key) not in names:              # first visit (or the campaign is gone): the link's
        st.session_state[key] = wanted if wanted in names else names[0]
    choice = st.selectbox(label, names, key=key)
    st.query_params["campagne"] = choice
    return choice, int(campaigns.loc[campaigns["name"] == choice, "campaign_id"].iloc[0])


def empty_state(title_key: str, body_key: str) -> None:
    st.info(f"**{t(title_key)}**\n\n{t(body_key)}", icon=":material/info:")


def run_page(page) -> None:
    """Run the page chosen in the navigation; a refusal it did not handle itself is shown once, as its sentence.

    Every page runs through here (app.py), so a ResonanceError never reaches the reader as a traceback.
    """
    try:
        page.run()
    except ResonanceError as error:
        st.error(str(error), icon=":material/error:")
