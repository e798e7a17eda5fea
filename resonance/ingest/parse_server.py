"""Loaded once by the parsing sandbox's fork server (resonance/ingest/sandbox.py), so that every child it forks starts
with the import engine imported and the catalogues read, not only the first parse of a process."""
from __future__ import annotations

from resonance import i18n
from resonance.ingest import importing  # noqa: F401 - imported here for the children, which run its previews

i18n.read_all()
