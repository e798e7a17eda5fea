"""Property tests of the partner-file reader: one table written many ways gives the same totals.

Hypothesis draws a table of daily figures, then how a partner's tool or hand writes it: column order,
title lines, blank lines, encoding, delimiter, decimal and thousands style, date style and a total
row (first or last), a comment column with line breaks in quoted cells. The preview's totals must equal the figures drawn, whatever the writing.
"""
from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resonance.ingest import importing

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DATE_STYLES = {
    "fr": lambda d: d.strftime("%d/%m/%Y"),
    "iso": lambda d: d.isoformat(),
    "compact": lambda d: d.strftime("%Y%m%d"),
    "words_fr": lambda d: f"{d.day} {MONTHS_FR[d.month - 1]} {d.year}",
    "words_en": lambda d: f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}",
    "datetime": lambda d: f"{d.isoformat()}T00:00:00",
}
# thousands separator, decimal mark
NUMBER_STYLES = {"plain_point": ("", "."), "plain_comma": ("", ","), "fr_space": ("\u202f", ","),
                 "fr_nbsp": ("\u00a0", ","), "fr_dot": (".", ","), "en": (",", ".")}
HEADERS = {"date": "Date", "label": "Annonce", "impressions": "Impressions", "clicks": "Clics",
           "spend": "Dépense (€)"}


def _number(value: float, style: str, cents: bool) -> str:
    thousands, decimal = NUMBER_STYLES[style]
    text = f"{value:,.2f}" if cents else f"{int(value):,}"
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


@st.composite
def tables(draw):
    days = draw(st.integers(min_value=2, max_value=12))
    first = date(2025, 6, 2) + timedelta(days=draw(st.integers(0, 60)))
    rows = []
    for offset in range(days):
        impressions = draw(st.integers(0, 2_500_000))
        clicks = draw(st.integers(0, max(0, impressions // 10)))
        cents = draw(st.integers(1, 99))
        spend = draw(st.integers(0, 20_000)) + cents / 100
        rows.append({"date": first + timedelta(days=offset), "label": f"Visuel {offset % 3 + 1}",
                     "impressions": impressions, "clicks": clicks, "spend": round(spend, 2)})
    return {
        "rows": rows,
        "order": draw(st.permutations(list(HEADERS))),
        "titles": draw(st.lists(st.sampled_from(["Rapport de campagne", "Partenaire : Réseau Jeunes", "Export du jour"]),
                                max_size=3)),
        "blank_every": draw(st.sampled_from([0, 2, 3])),
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])),
        "delimiter": draw(st.sampled_from([";", ",", "\t", "|"])),
        "numbers": draw(st.sampled_from(sorted(NUMBER_STYLES))),
        "dates": draw(st.sampled_from(sorted(DATE_STYLES))),
        "total": draw(st.sampled_from(["none", "first", "last"])),
        "seed": draw(st.integers(0, 10_000)),
        "comments": draw(st.booleans()),
    }


def render(table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=table["delimiter"], lineterminator="\r\n" if table["seed"] % 2 else "\n")
    for title in table["titles"]:
        writer.writerow([title])
    if table["titles"]:
        writer.writerow([])
    order = list(table["order"]) + (["comment"] if table["comments"] else [])
    writer.writerow([{**HEADERS, "comment": "Commentaire"}[c] for c in order])

    def line(values):
        return [values[c] for c in order]

    body = []
    for row in table["rows"]:
        body.append(line({"date": DATE_STYLES[table["dates"]](row["date"]), "label": row["label"],
                          "impressions": _number(row["impressions"], table["numbers"], False),
                          "clicks": _number(row["clicks"], table["numbers"], False),
                          "spend": _number(row["spend"], table["numbers"], True),
                          "comment": "RAS" if row["date"].day % 2 else "Affluence forte,\nstand plein"}))
    total = line({"date": "Total", "label": "", "comment": "", "impressions": _number(sum(r["impressions"] for r in table["rows"]),
                                                                       table["numbers"], False),
                  "clicks": _number(sum(r["clicks"] for r in table["rows"]), table["numbers"], False),
                  "spend": _number(round(sum(r["spend"] for r in table["rows"]), 2), table["numbers"], True)})
    if table["total"] == "first":
        writer.writerow(total)
    for index, cells in enumerate(body):
        writer.writerow(cells)
        if table["blank_every"] and index % table["blank_every"] == 1:
            writer.writerow([])
    if table["total"] == "last":
        writer.writerow(total)
    text = out.getvalue()
    if table["encoding"] == "cp1252":       # Windows-1252 has no narrow no-break space: such files use U+00A0
        text = text.replace("\u202f", "\u00a0")
    return text.encode(table["encoding"])


def expected(table) -> dict[str, float]:
    rows = table["rows"]
    found = {"impressions": float(sum(r["impressions"] for r in rows)), "clicks": float(sum(r["clicks"] for r in rows)),
             "spend": round(sum(r["spend"] for r in rows), 2)}
    return {k: v for k, v in found.items() if v}


@pytest.mark.slow     # fuzzing: 40 generated tables through the parsing child: the full run only
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables())
def test_the_same_table_written_any_way_gives_the_same_totals(store, table):
    random.seed(table["seed"])
    result = importing.preview(store, render(table), "rapport.csv", campaign="Jobs d'été 2025", partner="Réseau")
    assert result.ok, result.errors
    assert result.rows_rejected == 0, result.rejected.to_dict("records")
    totals = {k: round(v, 2) for k, v in result.totals.items() if v}
    assert totals == pytest.approx(expected(table)), (table["numbers"], table["dates"], table["delimiter"])


@pytest.mark.slow     # fuzzing: 15 generated tables through the parsing child: the full run only
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables())
def test_a_total_row_is_never_added(store, table):
    table = {**table, "total": "last"}
    result = importing.preview(store, render(table), "rapport.csv", campaign="Jobs d'été 2025", partner="Réseau")
    assert result.ok, result.errors
    assert result.totals.get("impressions", 0) == pytest.approx(expected(table).get("impressions", 0))
