"""The cells of a partner file: cleaned text, French numbers, total rows and blanks, columns by position."""
from __future__ import annotations

import math

from connectors.partner_file import settings
from connectors.partner_file.reader import PartnerFile
from connectors.partner_file.vocabulary import is_total_text


def clean(text: str | None) -> str | None:
    return text.strip() if isinstance(text, str) and text.strip() else None


def roles_by_index(partner_file: PartnerFile, mapping: dict[str, str]) -> dict[int, str]:
    return {i: mapping[h] for i, h in enumerate(partner_file.shape.headers)
            if h and mapping.get(h, settings.IGNORE) != settings.IGNORE}


def header_name(partner_file: PartnerFile, index: int) -> str:
    return partner_file.shape.headers[index]


#-------------------------------------------------------------------------------------------


def parse_number(text, decimal: str) -> float | None:
    cleaned = str(text).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("%", "").replace("€", "")
    cleaned = cleaned.replace(".", "").replace(",", ".") if decimal == "," else cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def is_total(text) -> bool:
    """A cell naming a total row (the reader's own word list: one rule for both)."""
    return isinstance(text, str) and is_total_text(text)


def is_nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
