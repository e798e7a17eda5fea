"""Helpers the tests import: the project's paths, AppTest on one page of the whole app, the text a reader sees."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PARTNER_FILES = ROOT / "tests" / "fixtures" / "partner_files"


def page(path: str, timeout: float = 30) -> AppTest:
    """AppTest of the whole app (navigation included) switched to one page, not yet run."""
    app = AppTest.from_file(APP, default_timeout=timeout)
    app.switch_page(path)
    return app


def texts(app: AppTest) -> str:
    """Everything a reader sees as text on the page (markdown, titles, metrics, captions, alerts)."""
    parts = [e.value for kind in ("markdown", "title", "header", "subheader", "caption", "info", "warning",
                                  "error", "success") for e in getattr(app, kind)]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in app.metric]
    return "\n".join(str(p) for p in parts)
