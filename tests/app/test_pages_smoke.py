"""Every page of pages/ runs without an exception, on the demo store and on an empty store (Streamlit's app action, in pytest)."""
from __future__ import annotations

import pytest

from tests.helpers import ROOT, page

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_on_the_demo_store(demo_store, path):
    app = page(path)
    app.run()
    assert not app.exception, app.exception[0].message if app.exception else ""


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_on_an_empty_store(store, path):
    app = page(path)
    app.run()
    assert not app.exception, app.exception[0].message if app.exception else ""
