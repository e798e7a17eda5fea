"""The figures of the reader's proposals (partner-defined metrics, figures as reported) for files read whole."""
from __future__ import annotations

import re

import pandas as pd

from connectors.partner_file import layout, mapping
from connectors.partner_file.shape import NULL_TEXTS, PartnerFile


def candidate_figures(partner_file: PartnerFile) -> list[dict]:
    """The shape's candidates with their figure for the whole file (`value`), for files read whole.

    A partner-defined metric that adds up is the sum of its column (scaled: "Contacts (000)" × 1000),
    total and sub-total rows left out; a figure as reported is the one a total row states, else the
    only row's, else None (several rows of a de-duplicated figure do not add up: the manager decides).
    """
    shape = partner_file.shape
    if partner_file.rows is None:
        return [dict(c, value=None) for c in shape.candidates]
    frame = partner_file.rows
    text_columns = [c for c in frame.columns if frame[c].map(
        lambda v: isinstance(v, str) and not layout._FIGURE.fullmatch(v)).any()]
    is_total = frame[text_columns].apply(lambda row: any(mapping.is_total_text(v) for v in row if isinstance(v, str)),
                                         axis=1) if text_columns else pd.Series(False, index=frame.index)
    kept = frame[~is_total]
    found = []
    for candidate in shape.candidates:
        column = f"c{candidate['index']}"
        values = [_figure(v, shape.decimal) for v in kept[column]] if column in kept else []
        values = [v for v in values if v is not None]
        value = None
        if candidate["additive"]:
            value = sum(values) * candidate["scale"] if values else None
        else:
            stated = [r["values"].get(candidate["header"]) for r in shape.totals_rows if candidate["header"] in r["values"]]
            stated += [_figure(v, shape.decimal) for v in frame.loc[is_total, column]] if column in frame else []
            stated = [v for v in stated if v is not None]
            value = stated[0] * candidate["scale"] if stated else (values[0] * candidate["scale"] if len(values) == 1
                                                                     else None)
        found.append(dict(candidate, value=value))
    return found


def _figure(text, decimal: str) -> float | None:
    if text is None:
        return None
    cleaned = re.sub(r"[\s\u00a0\u202f%€$]", "", str(text))
    if cleaned.lower() in NULL_TEXTS or not cleaned:
        return None
    cleaned = cleaned.replace(".", "").replace(",", ".") if decimal == "," else cleaned.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None
