"""Day/month or month/day for numeric dates both orders can read: the evidence, in its order, decides (dates5)."""
from __future__ import annotations

from datetime import date

import pytest

from connectors.partner_file import dates

JUNE = (date(2026, 6, 1), date(2026, 6, 30))
US_JUNE = [f"6/{d}/2026" for d in range(2, 13)]                      # LinkedIn en-US: June 2 … 12
FR_MONTHS = ["01/06/2026", "01/07/2026", "01/08/2026"]                # a French monthly recap: 1 June, 1 July …
FR_WEEKS = ["02/06/2026", "09/06/2026"]                               # two Mondays, day first
LINKEDIN_LINES = ["Campaign Performance Report (in UTC)", "Report Start: 06/02/2026, Report End: 06/12/2026",
                  "Start Date (in UTC)", "Account Name", "Campaign Name", "Total Spent", "Impressions", "Clicks"]
FRENCH_LINES = ["Date", "Affichages", "Clics", "Visites"]

CASES = [
    # (what, texts, keyword arguments, day first?, because, ambiguous)
    ("a day above 12 in first place", ["13/06/2026", "01/06/2026"], {}, True, "values", False),
    ("a day above 12 in second place", ["6/13/2026", "6/1/2026"], {}, False, "values", False),
    ("ISO dates: nothing to choose", ["2026-06-02", "2026-06-03"], {}, True, "values", False),
    ("the same number twice reads the same", ["06/06/2026"], {}, True, "values", False),
    ("13/06 and 6/14 in one column: the larger share, said", ["13/06/2026", "14/06/2026", "6/15/2026"], {},
     True, "conflict", True),
    ("the campaign's dates pick month first", US_JUNE, {"campaign": JUNE}, False, "campaign", True),
    ("the campaign's dates pick day first", ["05/06/2026", "06/06/2026"], {"campaign": JUNE}, True, "campaign", True),
    ("the campaign's dates beat the headers' language", US_JUNE, {"campaign": JUNE, "lines": FRENCH_LINES},
     False, "campaign", True),
    ("a campaign both readings fall in says nothing: the series then", US_JUNE,
     {"campaign": (date(2026, 1, 1), date(2026, 12, 31))}, False, "series", True),
    ("the title's period, when no campaign dates", ["6/2/2026", "6/3/2026"], {"title": (date(2026, 6, 1),
     date(2026, 6, 30))}, False, "title", True),
    ("US English headers and title lines", ["6/2/2026", "6/3/2026"], {"lines": LINKEDIN_LINES}, False,
     "language", True),
    ("a title line in US words ('Jun 1, 2026 - Jun 30, 2026')", ["6/2/2026"], {"lines": ["Jun 1, 2026 - Jun 30, 2026"]},
     False, "language", True),
    ("French headers", ["6/2/2026", "6/3/2026"], {"lines": FRENCH_LINES}, True, "language", True),
    ("French monthly file with French headers: day first", FR_MONTHS, {"lines": FRENCH_LINES}, True, "language", True),
    ("French monthly file, no words: both series are tight, French by default", FR_MONTHS, {}, True, "default", True),
    ("French weekly file: weeks beat jumps of seven months", FR_WEEKS, {}, True, "series", True),
    ("US daily file, no words: days beat jumps of a month", US_JUNE, {}, False, "series", True),
    ("one ambiguous date, nothing else: French by default", ["05/06/2026"], {}, True, "default", True),
    ("the manager's choice wins over everything", US_JUNE, {"campaign": JUNE, "chosen": "dmy"}, True, "manager", True),
    ("the manager's choice on an unambiguous file changes nothing to show", ["2026-06-02"], {"chosen": "mdy"},
     False, "manager", False),
]


@pytest.mark.parametrize(("what", "texts", "evidence", "dayfirst", "because", "ambiguous"), CASES,
                         ids=[c[0] for c in CASES])
def test_the_evidence_chooses_the_order(what, texts, evidence, dayfirst, because, ambiguous):
    reading = dates.choose_order(texts, **evidence)
    assert (reading.dayfirst, reading.because, reading.ambiguous) == (dayfirst, because, ambiguous), what


def test_the_reading_is_applied_to_every_date_and_shows_an_example():
    reading = dates.choose_order(US_JUNE, campaign=JUNE)
    parsed = dates.parse_many(US_JUNE, reading.dayfirst)
    assert parsed["6/2/2026"] == (date(2026, 6, 2), date(2026, 6, 2))
    assert {p[0].month for p in parsed.values()} == {6}
    assert reading.order == "mdy" and reading.example == "6/2/2026" and not reading.weak
    assert dates.choose_order(US_JUNE).weak                       # a series alone is weak evidence: the page asks


def test_weeks_and_ranges_are_weighed_too():
    assert dates.choose_order(["Semaine du 02/06/2026", "Semaine du 09/06/2026"], campaign=JUNE).dayfirst
    assert not dates.choose_order(["6/1/2026 - 6/7/2026"], campaign=JUNE).dayfirst


@pytest.mark.parametrize(("lines", "dayfirst"), [
    (["Start Date (in UTC)", "Total Spent"], False),
    (["Date Generated: 6/14/2025, 9:12 AM"], False),
    (["Report End: 6/13/2025"], False),                  # a date only the month-first order reads
    (["Période du 13/06/2025 au 20/06/2025"], True),
    (["Jour", "Dépenses", "Clics"], True),
    # British English: day first, by its currency or its spellings, whatever its English words
    (["Day", "Campaign name", "Impressions", "Clicks", "Amount spent (GBP)"], True),
    (["Reporting starts", "Reporting ends", "Cost (£)", "Link clicks"], True),
    (["Campaign", "Programme", "Start date", "End date", "Views"], True),
    (["Day", "Campaign name", "Impressions", "Clicks", "Amount spent (USD)"], False),
    (["Date", "Impressions"], None),
    ([], None),
])
def test_the_tool_is_told_by_its_words(lines, dayfirst):
    assert dates.tool_order(lines) is dayfirst
