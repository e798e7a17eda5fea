"""Bounds on reading a partner file (RESONANCE_PARSE_*), typed and read once per set of values: fold into settings.py."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

PREFIX = "RESONANCE_PARSE_"


@dataclass(frozen=True)
class ParseLimits:
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


@lru_cache(maxsize=8)
def _read(snapshot: tuple[tuple[str, str], ...]) -> ParseLimits:
    env = dict(snapshot)

    def get(name: str, default: str) -> str:
        return env.get(PREFIX + name) or default

    return ParseLimits(
        memory_mb=int(get("MEMORY_MB", "3072")),
        timeout_s=float(get("TIMEOUT_S", "180")),
        max_rows=int(get("MAX_ROWS", "1048576")),
        max_cells=int(get("MAX_CELLS", "5000000")),
        max_unpacked_mb=int(get("MAX_UNPACKED_MB", "400")),
        max_ratio=int(get("MAX_RATIO", "250")),
        max_line_kb=int(get("MAX_LINE_KB", "128")),
        sandbox=get("SANDBOX", "1") not in ("0", "false", "no"),
    )


def parse_limits() -> ParseLimits:
    """The limits, read again only when a RESONANCE_PARSE_* value changes (tests set them with monkeypatch)."""
    return _read(tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(PREFIX))))
