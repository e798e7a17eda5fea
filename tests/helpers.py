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


def seed_punctuality(store) -> None:
    """Tinder's reports (issue 17): one late and one on time in 2025, one due 5 July 2026 never sent, one due
    15 September 2026 not sent either; Appli Campus+ owes nothing. At 1 August 2026: 1 on time, 1 late, 1 missing."""
    from datetime import date

    import queries
    from resonance.services import comparison, expected_reports
    match = int(comparison.resolve(store, "Match avec ton futur/Tinder")[2:])
    jobs = int(comparison.resolve(store, "Jobs d'été 2026/Tinder")[2:])
    expected_reports.add(store, match, what="Semaine 1", due_on=date(2025, 6, 10))
    expected_reports.add(store, match, what="Bilan final", due_on=date(2025, 7, 15), is_final=True)
    expected_reports.add(store, jobs, what="Bilan de juin", due_on=date(2026, 7, 5))
    expected_reports.add(store, jobs, what="Bilan final", due_on=date(2026, 9, 15), is_final=True)
    with store.transaction() as con:            # as validating a drop does: the earliest report still owed
        queries.run(con, "expected_deliver", {"partnership_id": match, "delivered_on": date(2025, 6, 20)})
        queries.run(con, "expected_deliver", {"partnership_id": match, "delivered_on": date(2025, 7, 10)})
