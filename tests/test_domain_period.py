"""The Period value type and the page anchors for requirement ids: small pure functions,
checked directly."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.domain.period import Period, sort_key
from generator.pages.ankare import ankare, slug


@pytest.mark.parametrize(("text", "start", "end", "words"), [
    ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025"),
    ("2025-T1", dt.date(2025, 1, 1), dt.date(2025, 4, 30), "2025, tertial 1"),
    ("2025-T2", dt.date(2025, 5, 1), dt.date(2025, 8, 31), "2025, tertial 2"),
    ("2024-T3", dt.date(2024, 9, 1), dt.date(2024, 12, 31), "2024, tertial 3"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "februari 2024"),
    ("2100-12", dt.date(2100, 12, 1), dt.date(2100, 12, 31), "december 2100"),
])
def test_a_period_parses_formats_and_covers_its_days(text: str, start: dt.date, end: dt.date, words: str) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.in_words(), str(period)) == (start, end, words, text)
    assert period.year == int(text[:4])


def test_periods_sort_year_then_tertials_then_months() -> None:
    given = ["2025-02", "2025-T2", "2024", "2025", "2025-T1", "2025-01", "2024-12"]
    assert sorted(given, key=sort_key) == ["2024", "2024-12", "2025", "2025-T1", "2025-T2", "2025-01", "2025-02"]


@pytest.mark.parametrize("text", ["2025-T4", "2025-13", "25", "2025-1", ""])
def test_an_unreadable_period_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)


def test_requirement_ids_get_distinct_anchors() -> None:
    assert slug("Krav 4 a") == "krav-4-a" and slug("3.2.1") == "3-2-1" and slug("Öppettider") == "oppettider"
    assert ankare(["K1", "k1", "§", "tillganglighet"]) == {"K1": "k1", "k1": "k1-2", "§": "3", "tillganglighet": "tillganglighet"}
