"""Every RESONANCE_* setting, read from the environment in this one place into a frozen, typed `Settings`."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent     # the project folder: data/, .streamlit/ and app.py live here
PREFIX = "RESONANCE_"


@dataclass(frozen=True)
class ParseLimits:
    """Bounds on reading one partner file (RESONANCE_PARSE_*): what a hostile file can cost, at most."""
    memory_mb: int            # RESONANCE_PARSE_MEMORY_MB: address space of the process that parses one file
    timeout_s: float          # RESONANCE_PARSE_TIMEOUT_S: wall-clock time it may take
    max_rows: int             # RESONANCE_PARSE_MAX_ROWS: rows a sheet may declare or hold (Excel's own limit)
    max_cells: int            # RESONANCE_PARSE_MAX_CELLS: rows × columns a sheet may declare
    max_unpacked_mb: int      # RESONANCE_PARSE_MAX_UNPACKED_MB: bytes a workbook's zip may unpack to
    max_ratio: int            # RESONANCE_PARSE_MAX_RATIO: unpacked / packed size of one part of the zip
    max_line_kb: int          # RESONANCE_PARSE_MAX_LINE_KB: longest line of a CSV
    sandbox: bool             # RESONANCE_PARSE_SANDBOX=0 reads in the calling process (debugging only)

    @property
    def memory_bytes(self) -> int:
        return self.memory_mb << 20

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_mb << 20


@dataclass(frozen=True)
class Settings:
    db: Path                      # RESONANCE_DB: the DuckDB store
    assets: Path                  # RESONANCE_ASSETS: pictures by content hash (next to the store by default)
    language: str                 # RESONANCE_LANG: "fr" or "en" (the command line's; the app has a switch)
    lock_timeout_s: float         # RESONANCE_LOCK_TIMEOUT: wait for another process holding the store
    sources_file: Path            # RESONANCE_SOURCES: the declared API sources (TOML)
    soffice: str | None           # RESONANCE_SOFFICE: LibreOffice's command for the deck's PDF
    session_hours: float          # RESONANCE_SESSION_HOURS: how long a sign-in lasts
    signin_delay_s: float         # RESONANCE_SIGNIN_DELAY_S: pause per failed password (grows with failures)
    max_picture_mb: float         # RESONANCE_MAX_PICTURE_MB: largest picture file accepted
    max_image_pixels: int         # RESONANCE_MAX_IMAGE_PIXELS: Pillow's decompression-bomb threshold
    http_connect_timeout_s: float  # RESONANCE_HTTP_CONNECT_TIMEOUT
    http_timeout_s: float         # RESONANCE_HTTP_TIMEOUT: read timeout of a connector's request
    http_attempts: int            # RESONANCE_HTTP_ATTEMPTS: tries on 429/5xx/timeouts
    http_backoff_s: float         # RESONANCE_HTTP_BACKOFF: first pause, doubled at each retry
    http_max_wait_s: float        # RESONANCE_HTTP_MAX_WAIT: a longer Retry-After is cut to this (a sync must end)
    http_max_bytes: int           # RESONANCE_HTTP_MAX_BYTES: largest answer read, counted after decompression
    allow_hosts: frozenset[str]   # RESONANCE_ALLOW_HOSTS: internal hosts an admin allows connectors to reach (host[:port],…)
    idle_minutes: float           # RESONANCE_IDLE_MINUTES: an unused session ends (0: never)
    signin_concurrency: int       # RESONANCE_SIGNIN_CONCURRENCY: password checks at once (scrypt takes 32 MiB each)
    signin_queue_s: float         # RESONANCE_SIGNIN_QUEUE_S: how long a sign-in waits for a check slot
    backup_key: str               # RESONANCE_BACKUP_KEY: the admin's key that signs and checks backups (HMAC)
    demo: bool                    # RESONANCE_DEMO: demo mode chosen (`make run` sets it; loopback only)
    parse: ParseLimits            # RESONANCE_PARSE_*: bounds on reading a partner file
    store: str | None = None      # RESONANCE_STORE: unset → the file RESONANCE_DB; "ducklake:postgres:<dsn>" → a lake
    data_path: str | None = None  # RESONANCE_DATA_PATH: the lake's Parquet files (a shared folder or s3://…)
    lake_schema: str = "resonance"  # RESONANCE_LAKE_SCHEMA: the lake's catalog schema in PostgreSQL

    @property
    def max_picture_bytes(self) -> int:
        return int(self.max_picture_mb * 1024 * 1024)


def _read(env: dict[str, str]) -> Settings:
    def get(name: str, default: str) -> str:
        return env.get(PREFIX + name) or default

    db = Path(get("DB", str(ROOT / "data" / "resonance.duckdb"))).resolve()
    language = get("LANG", "fr")
    store = env.get(PREFIX + "STORE") or None
    data_path = env.get(PREFIX + "DATA_PATH") or None
    # Pictures live beside the data every server shares: the lake's folder, or the file's
    shared = Path(data_path).resolve() if store and data_path and "://" not in data_path else db.parent
    return Settings(
        db=db,
        assets=Path(env[PREFIX + "ASSETS"]).resolve() if env.get(PREFIX + "ASSETS") else shared / "assets",
        language=language if language in ("fr", "en") else "fr",
        lock_timeout_s=float(get("LOCK_TIMEOUT", "60")),
        sources_file=Path(get("SOURCES", str(ROOT / "data" / "sources.toml"))).resolve(),
        soffice=env.get(PREFIX + "SOFFICE") or None,
        session_hours=float(get("SESSION_HOURS", "10")),
        signin_delay_s=float(get("SIGNIN_DELAY_S", "0.5")),
        max_picture_mb=float(get("MAX_PICTURE_MB", "25")),
        max_image_pixels=int(get("MAX_IMAGE_PIXELS", "60000000")),
        http_connect_timeout_s=float(get("HTTP_CONNECT_TIMEOUT", "5")),
        http_timeout_s=float(get("HTTP_TIMEOUT", "30")),
        http_attempts=int(get("HTTP_ATTEMPTS", "3")),
        http_backoff_s=float(get("HTTP_BACKOFF", "1")),
        http_max_wait_s=float(get("HTTP_MAX_WAIT", "60")),
        http_max_bytes=int(get("HTTP_MAX_BYTES", "50000000")),
        allow_hosts=frozenset(h.strip().lower().rstrip(".") for h in get("ALLOW_HOSTS", "").split(",") if h.strip()),
        idle_minutes=float(get("IDLE_MINUTES", "60")),
        signin_concurrency=max(1, int(get("SIGNIN_CONCURRENCY", "4"))),
        signin_queue_s=float(get("SIGNIN_QUEUE_S", "20")),
        backup_key=get("BACKUP_KEY", "").strip(),
        demo=get("DEMO", "").strip().lower() in ("1", "true", "oui", "yes"),
        parse=ParseLimits(
            memory_mb=int(get("PARSE_MEMORY_MB", "3072")),
            timeout_s=float(get("PARSE_TIMEOUT_S", "180")),
            max_rows=int(get("PARSE_MAX_ROWS", "1048576")),
            max_cells=int(get("PARSE_MAX_CELLS", "5000000")),
            max_unpacked_mb=int(get("PARSE_MAX_UNPACKED_MB", "400")),
            max_ratio=int(get("PARSE_MAX_RATIO", "250")),
            max_line_kb=int(get("PARSE_MAX_LINE_KB", "128")),
            sandbox=get("PARSE_SANDBOX", "1") not in ("0", "false", "no"),
        ),
        store=store,
        data_path=data_path,
        lake_schema=get("LAKE_SCHEMA", "resonance"),
    )


@lru_cache(maxsize=8)
def _cached(snapshot: tuple[tuple[str, str], ...]) -> Settings:
    return _read(dict(snapshot))


def settings() -> Settings:
    """The settings, parsed once per set of RESONANCE_* values.

    The cache is keyed on those values, so a test's `monkeypatch.setenv` (or a command that sets one)
    is read again without anyone having to remember to clear it; `reload()` forces a fresh read.
    """
    return _cached(tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(PREFIX))))


def reload() -> Settings:
    _cached.cache_clear()
    return settings()


def parse_limits() -> ParseLimits:
    """The bounds on reading a partner file, from the settings (read again when a RESONANCE_* value changes)."""
    return settings().parse


def environment() -> dict[str, str]:
    """The RESONANCE_* variables as they are now: what a child process (the bounded parser) must start with."""
    return {k: v for k, v in os.environ.items() if k.startswith(PREFIX)}


def use_environment(env: dict[str, str]) -> None:
    """Replace this process's RESONANCE_* variables by `env` (a long-lived child taking its parent's of the moment)."""
    for name in [n for n in os.environ if n.startswith(PREFIX)]:
        del os.environ[name]
    os.environ.update(env)
