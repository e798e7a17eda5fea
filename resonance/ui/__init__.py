"""Streamlit building blocks shared by the pages: the store, cached service calls, key figures, charts, the gallery."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from resonance import formatting as fmt
from resonance import i18n
from resonance.domain.figures import change_display, figure_display
from resonance.errors import InputError, ResonanceError
from resonance.services import assets, review
from resonance.settings import settings
from resonance.store import Store
from resonance.ui import waiting
from resonance.ui.safe import md

BLEU_FRANCE = "#000091"
ROUGE_MARIANNE = "#E1000F"
GREYS = ("#3A3A3A", "#666666", "#929292", "#CECECE", "#EEEEEE")
SERIES_COLOURS = (BLEU_FRANCE, ROUGE_MARIANNE, "#6A6AF4", "#009081", "#C08C65", "#A558A0", "#3A3A3A", "#FF9575")

t = i18n.t
quoted = i18n.quoted
MISSING = fmt.MISSING


def lang() -> str:
    return i18n.language()


# -- the store and cached service calls ---------------------------------------------------------
@st.cache_resource
def _store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    waiting.listen()            # called at every script run: a busy store is then shown, not a traceback
    return _store(str(settings().db))


def data_version() -> tuple:
    """Changes whenever anyone (this app, another app server or the command line) writes to the store: part of every
    cache key. The store says it: the lake's latest snapshot, or the file's size and time."""
    return store().stamp()


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


def write_then_redraw(action: Callable[[], object]) -> None:
    """A write asked from a form: its input problems as sentences under the form (nothing was written), else the
    cached figures forgotten and the page drawn again with the new figures."""
    try:
        action()
    except InputError as error:
        st.error("\n".join(error.problems))
        return
    after_write()
    st.rerun()


# -- figures --------------------------------------------------------------------------------------
def figure_text(key: str, value) -> str:
    """A figure written for people, the same way as on the deck, the annex and the command line (figures model)."""
    return figure_display(key, value, lang())


# Figures that are estimates (an outlet's audience): their exact value adds nothing, the tile text is the help.
ESTIMATES = ("press_audience", "reach")
# A tile a quarter of a laptop's page holds about 9 characters of figure: longer counts are written "3,53 M".
TILE_CHARACTERS = 9


def tile_text(key: str, value) -> tuple[str, str | None]:
    """The figure as shown in a tile, and the exact value for its help when the tile shows it shortened."""
    text = figure_text(key, value)
    if len(text) <= TILE_CHARACTERS or fmt.is_missing(value):
        return text, None
    exact = fmt.number(value, lang()) if key not in ESTIMATES else text
    short = fmt.compact_precise(value, lang())
    if key.endswith("_eur") or key == "spend":
        short = f"{short}{fmt.NARROW_NBSP}€" if lang() == "fr" else f"€{short}"
        exact = text
    return short, t("display.exact_value", value=exact)


# A tile a quarter of a laptop's page holds about 22 characters of label: longer names get a short one on the tile,
# the full name heading its help ("?"), so a label is never cut.
TILE_LABELS = {
    "partners_share_impressions": "tile.partners_share_impressions", "partners_share_clicks": "tile.partners_share_clicks",
    "partners_share_visits": "tile.partners_share_visits", "multiplier_impressions": "tile.multiplier_impressions",
    "multiplier_clicks": "tile.multiplier_clicks", "multiplier_visits": "tile.multiplier_visits",
    "press_naming_partner": "tile.press_naming_partner", "free_impressions": "tile.free_impressions",
    "free_clicks": "tile.free_clicks", "free_visits": "tile.free_visits",
}


def _with_note(help: str | None, note: str | None) -> str | None:
    return "\n\n".join(p for p in (help, note) if p) or None


def key_figure(key: str, value, delta: float | None = None, help: str | None = None, target: float | None = None,
               previous=None):
    """One key figure with its change against `previous` (a rate's in points) or its progress towards the target."""
    label = t(f"metric.{key}")
    if key in TILE_LABELS:
        help, label = _with_note(f"**{label}**", help), t(TILE_LABELS[key])
    shown, exact = tile_text(key, value)
    help = _with_note(help, exact)
    # Streamlit picks the arrow from a leading ASCII "-": the typographic minus would show a rise.
    change = change_display(key, value, previous, lang()) if previous is not None else (
        fmt.signed_percent(delta, lang()) if delta is not None else None)
    delta_text = change.replace("−", "-") if change is not None else None
    if target is not None:
        progress = None if value in (None,) or fmt.is_missing(value) or not target else float(value) / target
        delta_text = t("review.target_progress", progress=fmt.percent(progress, lang(), 0))
        target_note = t("review.target_is", target=figure_text(key, target))
        st.metric(label, shown, delta_text, delta_color="normal" if (progress or 0) >= 1 else "off",
                  help=_with_note(help, target_note), border=True)
        return
    st.metric(label, shown, delta_text, help=help, border=True)


def definition(key: str) -> str | None:
    """The figure's definition from the figures model, for the "?" help of its tile."""
    return t(f"figure.define.{key}") if i18n.has(f"figure.define.{key}") else None


def table_labels(columns) -> dict[str, str]:
    """A table's column headers in the reader's words (a column of the figures model by its metric name)."""
    return {c: t(f"metric.{c}") if i18n.has(f"metric.{c}") else c for c in columns}


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
    # Counts in full with the reader's separators ("800 000"), never plotly's SI "800k".
    figure.update_layout(xaxis_exponentformat="none", yaxis_exponentformat="none")
    for axis in ("xaxis", "yaxis"):
        if figure.layout[axis].type != "date" and not figure.layout[axis].tickformat:
            figure.layout[axis].tickformat = ",~r" if axis == "yaxis" or _horizontal(figure) else None
    return figure


def _horizontal(figure: go.Figure) -> bool:
    return any(getattr(trace, "orientation", None) == "h" for trace in figure.data)


def timeseries_chart(series: pd.DataFrame, metrics: list[str], annotations: pd.DataFrame | None = None) -> go.Figure:
    figure = go.Figure()
    for index, metric in enumerate(metrics):
        rows = series[series["metric"] == metric]
        if rows.empty:
            continue
        figure.add_scatter(x=rows["period"], y=rows["value"], name=t(f"metric.{metric}"), mode="lines",
                           line=dict(width=2.5, color=SERIES_COLOURS[index % len(SERIES_COLOURS)]))
    rows_used = 0
    if annotations is not None and not annotations.empty:
        dates = [pd.Timestamp(d) for d in series["period"]] if not series.empty else []
        rows_used = _annotate(figure, annotations, min(dates, default=None), max(dates, default=None))
    # Numeric dates: plotly would write month names in English whatever the language.
    figure.update_xaxes(tickformat="%d/%m/%Y", hoverformat="%d/%m/%Y")
    styled = style(figure, height=360 + 18 * rows_used)
    styled.update_layout(margin=dict(t=30 + 18 * rows_used))
    return styled


# A laptop's chart is about 800 px wide; an 11 px label takes about 6.5 px a character.
CHART_PIXELS, LABEL_PIXELS_PER_CHARACTER, LABEL_CHARACTERS = 800, 6.5, 38


def annotation_rows(annotations: pd.DataFrame, first, last) -> list[tuple[pd.Timestamp, str, int]]:
    """Each dated label with the row it is written on, so that no two labels on a row overlap (greedy, by date)."""
    marks = sorted((pd.Timestamp(r.on_date), str(r.label)) for r in annotations.itertuples())
    first = first or marks[0][0]
    last = last or marks[-1][0]
    span = max((last - first).total_seconds(), 86400.0)
    rows_end: list[float] = []
    placed = []
    for when, label in marks:
        text = label if len(label) <= LABEL_CHARACTERS else label[:LABEL_CHARACTERS - 1] + "…"
        start = (when - first).total_seconds() / span * CHART_PIXELS
        end = start + len(text) * LABEL_PIXELS_PER_CHARACTER + 8
        row = next((i for i, taken in enumerate(rows_end) if taken <= start), None)
        if row is None:
            rows_end.append(end)
            row = len(rows_end) - 1
        else:
            rows_end[row] = end
        placed.append((when, text, row))
    return placed


def _annotate(figure: go.Figure, annotations: pd.DataFrame, first, last) -> int:
    placed = annotation_rows(annotations, first, last)
    for when, text, row in placed:
        x = when.timestamp() * 1000
        figure.add_vline(x=x, line=dict(color=ROUGE_MARIANNE, dash="dot"))
        figure.add_annotation(x=x, y=1, yref="paper", yshift=4 + 18 * row, text=text, showarrow=False,
                              xanchor="left", yanchor="bottom", font=dict(size=11, color=ROUGE_MARIANNE))
    return 1 + max((row for _, _, row in placed), default=0)


# -- pictures ---------------------------------------------------------------------------------------
@st.dialog(" ", width="large")
def _enlarged(path: str, caption: str, width: int | None, height: int | None) -> None:
    # As large as the dialog allows while the whole picture stays on screen (about 720 px high).
    shown = int(min(1000, width or 1000, 720 * (width / height))) if width and height else "stretch"
    st.image(path, caption=caption, width=shown, alt=caption or t("display.picture"))


def picture_caption(row) -> str:
    # Streamlit reads image captions as Markdown: the caption and the partner's name are made inert
    bits = [md(row.caption) if isinstance(row.caption, str) else ""]
    partner = md(row.partner) if isinstance(row.partner, str) else None
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
                st.image(str(thumb), caption=caption, width="stretch", alt=caption or t("display.picture"))
            else:
                st.warning(t("review.picture_missing", caption=caption))
                continue
            # The button says which picture it enlarges: screen readers list buttons out of context.
            if st.button(t("review.enlarge"), key=f"{key}-{row.asset_id}", icon=":material/zoom_in:",
                         help=t("display.enlarge_which", caption=caption) if caption else None):
                _enlarged(str(full), caption, int(row.width or 0) or None, int(row.height or 0) or None)


GO_TO_CAMPAIGN = "go_to_campaign"
# The campaign last chosen on any page: the next page opens on it, and the navigation links carry it in the address.
CURRENT_CAMPAIGN = "current_campaign"


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
    elif st.session_state.get(key) not in names:              # first visit (or the campaign is gone): the link's,
        current = st.session_state.get(CURRENT_CAMPAIGN)         # else the one chosen on another page, else the first
        st.session_state[key] = wanted if wanted in names else current if current in names else names[0]
    # The callback runs before the next run draws the sidebar's links: they already carry the new choice.
    choice = st.selectbox(label, names, key=key, placeholder=t("display.select.placeholder"),
                          on_change=lambda: st.session_state.__setitem__(CURRENT_CAMPAIGN, st.session_state[key]))
    st.session_state[CURRENT_CAMPAIGN] = choice
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
