"""The connectors' paging and record helpers (connectors/http.py) on their edge cases, without a server."""
from __future__ import annotations

from datetime import date

import pytest

from connectors.http import objects, offset_pages, sent_day
from connectors.registry import ConnectorError


def served(pages: list):
    """A page_at() answering `pages` in turn, and the offsets it was asked for."""
    asked = []

    def page_at(offset: int):
        asked.append(offset)
        return pages[len(asked) - 1]
    return page_at, asked


def listed(pages: list) -> tuple[list, list]:
    page_at, asked = served(pages)
    items = list(offset_pages("src", "Plateforme", page_at, "items", "total", lambda offset: f"page {offset}"))
    return items, asked


@pytest.mark.parametrize(("pages", "items", "asked"), [
    ([{"items": [1, 2], "total": 3}, {"items": [3], "total": 3}], [1, 2, 3], [0, 2]),     # up to the total
    ([{"items": [1, 2], "total": "2"}], [1, 2], [0]),                                        # a total written as text
    ([{"items": [], "total": 0}], [], [0]),                                                  # nothing to list
    ([{"items": [1], "total": 9}, {"items": [], "total": 9}], [1], [0, 1]),                  # a total that lies ends
])
def test_pages_are_asked_from_the_offset_reached_until_the_total_or_an_empty_page(pages, items, asked):
    assert listed(pages) == (items, asked)


@pytest.mark.parametrize(("page", "message"), [
    ([1, 2], "forme"),                                      # not an object
    ({"total": 2}, "items"),                                # the list is missing: its field is named
    ({"items": [1]}, "total"),                              # the total is missing
    ({"items": {"a": 1}, "total": 1}, "forme"),             # not a list
    ({"items": [1], "total": "beaucoup"}, "total"),         # not a number
])
def test_a_page_of_the_wrong_shape_is_refused_naming_what_is_wrong(page, message):
    with pytest.raises(ConnectorError, match=message) as refused:
        listed([page])
    assert "src" in str(refused.value)


def test_objects_lets_objects_through_and_refuses_anything_else():
    assert list(objects("src", "Plateforme", [{"a": 1}, {}])) == [{"a": 1}, {}]
    with pytest.raises(ConnectorError, match="forme"):
        list(objects("src", "Plateforme", [{"a": 1}, "texte"]))


@pytest.mark.parametrize(("text", "day"), [
    ("2025-06-03T09:30:00Z", date(2025, 6, 3)),
    ("2025-06-03T23:30:00+02:00", date(2025, 6, 3)),        # the platform's own day, not moved to UTC
    ("2025-06-03", date(2025, 6, 3)),
])
def test_sent_day_reads_the_day_of_an_iso_timestamp(text, day):
    assert sent_day("src", "Plateforme", {"sent": text}, "sent", what="la campagne 1") == day


@pytest.mark.parametrize("record", [{"sent": "03/06/2025"}, {"sent": None}, {}])
def test_sent_day_refuses_what_is_not_a_timestamp_naming_the_field(record):
    with pytest.raises(ConnectorError, match="sent"):
        sent_day("src", "Plateforme", record, "sent", what="la campagne 1")
