"""Loaded once by the parsing sandbox's fork server (resonance/ingest/sandbox.py), so that every child it forks starts
with the import engine imported, the catalogues read and the vocabulary's tables built, not only the first parse of a
process: each of those would otherwise cost every child again (~15 ms of a 60 ms preview)."""
from __future__ import annotations

import pandas as pd

from connectors.partner_file import vocabulary
from resonance import i18n
from resonance.ingest import importing  # noqa: F401 - imported here for the children, which run its previews

i18n.read_all()
vocabulary.preload()
# what pandas imports on first use, when a file's text columns become strings and its figures are pivoted
pd.Series([1], index=pd.MultiIndex.from_tuples([(1, pd.array(["a"], dtype="string")[0])])).unstack()
