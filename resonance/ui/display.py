"""What the manager reads: tables made of readable cells, Streamlit's own texts in French, charts' figures for screen readers."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from resonance import formatting as fmt
from resonance import (
    i18n,
    ui,  # noqa: I001 - the package is whole by the time a page asks for this module
)
from resonance.i18n import codes as codes_module
from resonance.services.relationship import MEETING_KIND_KEYS

t = i18n.t

def readable(frame: pd.DataFrame, codes: dict[str, str] | None = None, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every cell as the reader's text (the one display rule for tables): "—", oui/non, 30/11/2026, "221,1", codes in words.

    `codes` maps a column to a translation pattern ("display.peso.{}") beyond the usual ones; `keep` names the
    columns left as they are (numbers a column_config formats, links).
    """
    language = i18n.language()
    shown = frame.copy()
    for column in shown.columns:
        if column in keep:
            continue
        shown[column] = [fmt.cell(codes_module.words(column, v, language, codes), language) for v in shown[column]]
    return shown


def widget_texts(limits: dict[str, int] | None = None) -> None:
    """Streamlit writes a few words of its own in English that no parameter changes: the file uploader's drop zone.

    The French words are drawn as CSS generated content. Streamlit's limit line is hidden; its button word
    ("Upload") is only visually hidden: hidden outright, the button would have no accessible name for axe-core, so a
    screen reader still hears "Upload" before "Parcourir" (no CSS changes a name; listed in the report).
    `limits` maps the start of an uploader's key to its own cap in MB, said instead of the server's.
    """
    limit_mb = st.get_option("server.maxUploadSize")
    browse = t("display.uploader.browse").replace('"', "'")
    limit = t("display.uploader.limit", mb=limit_mb).replace('"', "'")
    st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ position: absolute; width: 1px;
  height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{
  content: "{browse}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ visibility: hidden; position: absolute; width: 1px;
  overflow: hidden; white-space: nowrap; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "{limit}"; font-size: 0.875rem; }}
{"".join(f'[class*="st-key-{key}"] [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "'
         + t("display.uploader.limit", mb=mb).replace('"', "'") + '"; }' for key, mb in (limits or {}).items())}
</style>""")


def chart_figures(frame: pd.DataFrame, labels: dict[str, str], key: str) -> None:
    """The figures a chart draws, as a table under a closed expander: what a screen reader (or a careful reader) reads."""
    if frame.empty:
        return
    with st.expander(t("display.chart_figures"), icon=":material/table_rows:"):
        st.dataframe(readable(frame.rename(columns=labels)), hide_index=True, key=f"{key}-figures")


def series_figures(series: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """A long time series (period, metric, value) as one row a period and one column a metric."""
    rows = series[series["metric"].isin(metrics)]
    if rows.empty:
        return pd.DataFrame()
    wide = rows.pivot_table(index="period", columns="metric", values="value", aggfunc="sum").reset_index()
    wide["period"] = pd.to_datetime(wide["period"]).dt.date
    return wide[["period", *[m for m in metrics if m in wide.columns]]]


# -- navigation -------------------------------------------------------------------------------------
# Streamlit's own sidebar menu puts section titles inside its lists (axe-core: `list`, `listitem`, 8 a page):
# the menu is drawn with page links under real headings instead, and each link keeps the campaign being read.
OLD_ADDRESSES = {"overview": "accueil", "campaign_review": "bilan", "compare": "comparer", "partners": "partenaires",
                 "import_reports": "importer", "connectors": "connecteurs", "export": "exporter",
                 "admin": "administration"}


def _pages(sections: dict) -> list:
    return [page for pages in sections.values() for page in pages]


def navigation(sections: dict, menu) -> None:
    """The sidebar's menu: one heading a section, one link a page; the campaign being read goes with every link."""
    campaign = st.session_state.get(ui.CURRENT_CAMPAIGN)
    carried = {"campagne": campaign} if campaign else None
    language = st.session_state.get("lang")
    if language and language != "fr":
        carried = {**(carried or {}), "lang": language}
    with menu:
        for title, pages in sections.items():
            shown = [p for p in pages if p.visibility == "visible"]
            if not shown:
                continue
            st.markdown(f"#### {title}")
            for page in shown:
                st.page_link(page, query_params=carried, width="stretch")


def old_addresses(sections: dict) -> list:
    """Hidden pages for the addresses of earlier versions (and the one just asked for, if unknown): they lead on."""
    by_path = {_address(p): p for p in _pages(sections)}
    known = set(by_path)
    asked = _asked_address()
    targets = dict(OLD_ADDRESSES)
    if asked and asked not in known and asked not in targets:
        targets[asked] = None                                    # an address that never existed: say so, in French
    return [st.Page(_leading_to(by_path.get(target), old), title=t("display.moved.title"), url_path=old,
                    visibility="hidden") for old, target in targets.items() if old not in known]


def _address(page) -> str:
    """A page's own pathname, the default page's included (Streamlit gives it as "")."""
    return page.url_path or getattr(page, "_url_path", "")


def _asked_address() -> str | None:
    """The page name in the address the browser asked for (Streamlit keeps it for its own "Page not found")."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        name = get_script_run_ctx().pages_manager.intended_page_name
    except Exception:                                      # an internal of Streamlit: without it, its own notice stays
        return None
    return name if name and all(c.isalnum() or c in "-_" for c in name) else None


def _leading_to(target, old: str):
    def page() -> None:
        if target is not None:
            st.switch_page(target, query_params=dict(st.query_params))
        st.title(t("display.moved.title"))
        st.info(t("display.not_found"), icon=":material/link_off:")
        st.page_link("pages/overview.py", label=t("nav.overview"), icon=":material/dashboard:")

    page.__name__ = f"address_{old}"
    return page


# -- charts: titles that fit, labels that do not collide -------------------------------------------------------------
def wrap_title(text: str, width: int = 26) -> str:
    """A chart title on as many lines as needed (plotly cuts a long one): words are never split."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "bottom left", "top left",
             "bottom right")


def label_positions(xs, ys, texts, width_px: float = 760, height_px: float = 380, log_x: bool = False,
                    marker_px=None) -> list[str]:
    """Where to write each point's name (plotly's textposition) so that no two names overlap when avoidable.

    Greedy: points from left to right, each takes the first position whose label box (about 6.5 px a character,
    14 px high, beside its marker) meets no box already placed and no other marker.
    """
    import math

    points = list(zip(xs, ys, texts, strict=True))
    if not points:
        return []
    fx = [math.log10(x) if log_x and x and x > 0 else float(x) for x, _, _ in points]
    fy = [float(y) for _, y, _ in points]
    span_x, span_y = (max(fx) - min(fx)) or 1.0, (max(fy) - min(fy)) or 1.0
    px = [(v - min(fx)) / span_x * width_px for v in fx]
    py = [(v - min(fy)) / span_y * height_px for v in fy]
    radius = [(m or 18) / 2 for m in (marker_px or [18] * len(points))]
    markers = [(px[i] - radius[i], py[i] - radius[i], px[i] + radius[i], py[i] + radius[i]) for i in range(len(points))]

    def box(i: int, where: str) -> tuple[float, float, float, float]:
        w, h, r = len(str(points[i][2])) * 6.5, 14.0, radius[i] + 2
        vertical, horizontal = where.split()
        left = {"center": px[i] - w / 2, "right": px[i] + r, "left": px[i] - r - w}[horizontal]
        bottom = {"top": py[i] + r, "bottom": py[i] - r - h, "middle": py[i] - h / 2}[vertical]
        return left, bottom, left + w, bottom + h

    def overlaps(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    placed: dict[int, tuple] = {}
    chosen = [POSITIONS[0]] * len(points)
    for i in sorted(range(len(points)), key=lambda k: (px[k], py[k])):
        others = [m for j, m in enumerate(markers) if j != i]
        for where in POSITIONS:
            candidate = box(i, where)
            if not any(overlaps(candidate, b) for b in placed.values()) and not any(overlaps(candidate, m) for m in others):
                break
        else:
            where = min(POSITIONS, key=lambda p: sum(overlaps(box(i, p), b) for b in placed.values()))
        chosen[i] = where
        placed[i] = box(i, where)
    return chosen


def meeting_kind_label(kind) -> str:
    """A stored kind code in the reader's language; a kind typed by hand before the codes is shown as typed."""
    return t(MEETING_KIND_KEYS[kind]) if kind in MEETING_KIND_KEYS else kind


def meeting_columns() -> dict:
    """Headings of the meetings' tables (their cells are written by display.readable)."""
    return {"met_on": t("relationship.met_on"), "partner": t("metric.partner"), "kind": t("relationship.kind"),
            "notes": t("relationship.notes"), "next_step": t("relationship.next_step"),
            "created_by": t("relationship.created_by"), "next_date": t("relationship.next_date")}
