"""Where things live: every path and tunable read from the environment in one place."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def db_path() -> Path:
    """The DuckDB store: RESONANCE_DB, or data/resonance.duckdb beside the app."""
    return Path(os.environ.get("RESONANCE_DB") or ROOT / "data" / "resonance.duckdb").resolve()


def assets_dir() -> Path:
    """Pictures are stored by content hash next to the store, so a store and its pictures travel together."""
    override = os.environ.get("RESONANCE_ASSETS")
    return Path(override).resolve() if override else db_path().parent / "assets"


def lock_timeout_s() -> float:
    """How long a process waits for another one holding the store before giving up."""
    return float(os.environ.get("RESONANCE_LOCK_TIMEOUT", "60"))


def default_language() -> str:
    lang = os.environ.get("RESONANCE_LANG", "fr")
    return lang if lang in ("fr", "en") else "fr"
