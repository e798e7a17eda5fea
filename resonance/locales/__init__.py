"""Merges the per-area string modules into the one translation table, refusing a key defined twice."""
from __future__ import annotations

import importlib
import pkgutil

TABLE: dict[str, tuple[str, str]] = {}

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _strings = importlib.import_module(f"{__name__}.{_module.name}").STRINGS
    _twice = TABLE.keys() & _strings.keys()
    if _twice:
        raise RuntimeError(f"translation keys defined twice: {sorted(_twice)}")
    TABLE.update(_strings)
