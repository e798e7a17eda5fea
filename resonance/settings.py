"""Every RESONANCE_* setting, read from the environment in this one place into a frozen, typed `Settings`."""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent     # the project folder: data/, .streamlit/ and app.py live here
PREFIX = "RESONANCE_"


def _env(name: str, default: str = "", read: Callable[[str], Any] | None = None) -> Any:
    """A setting read from RESONANCE_<name> (`default` when unset or empty), converted by `read` or by its field's type."""
    return field(metadata={"env": name, "default": default, "read": read})


def _path(value: str) -> Path:
    return Path(value).resolve()


def _optional(value: str) -> str | None:
    return value or None


def _yes(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "oui", "yes")


def _hosts(value: str) -> frozenset[str]:
    return frozenset(h.strip().lower().rstrip(".") for h in value.split(",") if h.strip())


@dataclass(frozen=True)
class ParseLimits:
    """Bounds on reading one partner file (RESONANCE_PARSE_*): what a hostile file can cost, at most."""
    memory_mb: int = _env("PARSE_MEMORY_MB", "3072")           # address space of the process that parses one file
    timeout_s: float = _env("PARSE_TIMEOUT_S", "180")          # wall-clock time it may take
    max_rows: int = _env("PARSE_MAX_ROWS", "1048576")          # rows a sheet may declare or hold (Excel's own limit)
    max_cells: int = _env("PARSE_MAX_CELLS", "5000000")        # rows × columns a sheet may declare
    max_unpacked_mb: int = _env("PARSE_MAX_UNPACKED_MB", "400")  # bytes a workbook's zip may unpack to
    max_ratio: int = _env("PARSE_MAX_RATIO", "250")            # unpacked / packed size of one part of the zip
    max_line_kb: int = _env("PARSE_MAX_LINE_KB", "128")        # longest line of a CSV
    # RESONANCE_PARSE_SANDBOX=0 reads in the calling process (debugging only)
    sandbox: bool = _env("PARSE_SANDBOX", "1", lambda v: v not in ("0", "false", "no"))

    @property
    def memory_bytes(self) -> int:
        return self.memory_mb << 20

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_mb << 20


@dataclass(frozen=True)
class Settings:
    """Each field names its RESONANCE_* variable and its default; the README's table says the same for an admin."""
    db: Path = _env("DB", str(ROOT / "data" / "resonance.duckdb"), _path)       # the DuckDB store
    language: str = _env("LANG", "fr", lambda v: v if v in ("fr", "en") else "fr")  # the command line's; the app has a switch
    lock_timeout_s: float = _env("LOCK_TIMEOUT", "60")       # wait for another process holding the store
    # keep the store file open this long after the last unit of work (0: close at once), so that the reads of one
    # page or one load open it once; another process needing the file waits at most this long more
    store_linger_s: float = _env("STORE_LINGER", "0.3")
    # threads DuckDB runs one query on (0: one per core, DuckDB's default); 1 where processes already share the cores
    duckdb_threads: int = _env("DUCKDB_THREADS", "0", lambda v: max(0, int(v)))
    sources_file: Path = _env("SOURCES", str(ROOT / "data" / "sources.toml"), _path)  # the declared API sources (TOML)
    soffice: str | None = _env("SOFFICE", "", _optional)     # LibreOffice's command for the deck's PDF
    session_hours: float = _env("SESSION_HOURS", "10")       # how long a sign-in lasts
    signin_delay_s: float = _env("SIGNIN_DELAY_S", "0.5")    # pause per failed password (grows with failures)
    max_picture_mb: float = _env("MAX_PICTURE_MB", "25")     # largest picture file accepted
    max_image_pixels: int = _env("MAX_IMAGE_PIXELS", "60000000")  # Pillow's decompression-bomb threshold
    http_connect_timeout_s: float = _env("HTTP_CONNECT_TIMEOUT", "5")
    http_timeout_s: float = _env("HTTP_TIMEOUT", "30")       # read timeout of a connector's request
    http_attempts: int = _env("HTTP_ATTEMPTS", "3")          # tries on 429/5xx/timeouts
    http_backoff_s: float = _env("HTTP_BACKOFF", "1")        # first pause, doubled at each retry
    http_max_wait_s: float = _env("HTTP_MAX_WAIT", "60")     # a longer Retry-After is cut to this (a sync must end)
    http_max_bytes: int = _env("HTTP_MAX_BYTES", "50000000")  # largest answer read, counted after decompression
    # internal hosts an admin allows connectors to reach (host[:port],…)
    allow_hosts: frozenset[str] = _env("ALLOW_HOSTS", "", _hosts)
    idle_minutes: float = _env("IDLE_MINUTES", "60")         # an unused session ends (0: never)
    # password checks at once (scrypt takes 32 MiB each)
    signin_concurrency: int = _env("SIGNIN_CONCURRENCY", "4", lambda v: max(1, int(v)))
    signin_queue_s: float = _env("SIGNIN_QUEUE_S", "20")     # how long a sign-in waits for a check slot
    backup_key: str = _env("BACKUP_KEY", "", str.strip)      # the admin's key that signs and checks backups (HMAC)
    demo: bool = _env("DEMO", "", _yes)                      # demo mode chosen (`make run` sets it; loopback only)
    store: str | None = _env("STORE", "", _optional)         # unset → the file RESONANCE_DB; "ducklake:postgres:<dsn>" → a lake
    data_path: str | None = _env("DATA_PATH", "", _optional)  # the lake's Parquet files (a shared folder or s3://…)
    lake_schema: str = _env("LAKE_SCHEMA", "resonance")      # the lake's catalog schema in PostgreSQL
    # RESONANCE_ASSETS: pictures by content hash; by default beside the data every server shares (read in _read)
    assets: Path = field(default=Path())
    parse: ParseLimits = field(default_factory=ParseLimits)   # RESONANCE_PARSE_*: bounds on reading a partner file

    @property
    def max_picture_bytes(self) -> int:
        return int(self.max_picture_mb * 1024 * 1024)


_TYPES: dict[str, Callable[[str], Any]] = {"float": float, "int": int, "str": str}


def _values(kind: type, env: dict[str, str]) -> dict[str, Any]:
    """Every field of `kind` that names a variable, read from `env` and converted."""
    values = {}
    for item in fields(kind):
        if "env" in item.metadata:
            raw = env.get(PREFIX + item.metadata["env"]) or item.metadata["default"]
            values[item.name] = (item.metadata["read"] or _TYPES[item.type])(raw)
    return values


def _read(env: dict[str, str]) -> Settings:
    values = _values(Settings, env)
    store, data_path = values["store"], values["data_path"]
    # Pictures live beside the data every server shares: the lake's folder, or the file's
    shared = Path(data_path).resolve() if store and data_path and "://" not in data_path else values["db"].parent
    assets = Path(env[PREFIX + "ASSETS"]).resolve() if env.get(PREFIX + "ASSETS") else shared / "assets"
    return Settings(**values, assets=assets, parse=ParseLimits(**_values(ParseLimits, env)))


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
