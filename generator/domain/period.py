"""A period as the data contract writes it: a year `2025`, a tertial `2025-T2`, a month `2025-10`.

One type parses, orders, formats and turns a period into days, so no page or catalog slices
the string itself.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from generator.models.patterns import PERIOD

# Tertials: January–April, May–August, September–December.
_TERTIAL_MONTHS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")


@dataclass(frozen=True, order=True)
class Period:
    """Ordered as a reader expects: a year, then its tertials, then its months."""

    year: int
    kind: int = 0  # 0 the whole year, 1 a tertial, 2 a month
    number: int = 0  # the tertial (1–3) or the month (1–12)

    @classmethod
    @functools.lru_cache(maxsize=4096)
    def parse(cls, text: str) -> Period:
        """Periods repeat: a national build parses the same few hundred about 400,000 times.
        A frozen Period can be shared."""
        match = PERIOD.match(text)
        if match is None:
            raise ValueError(f"ogiltig period: {text!r}")
        year, rest = int(text[:4]), text[5:]
        if rest.startswith("T"):
            return cls(year, 1, int(rest[1:]))
        if rest:
            return cls(year, 2, int(rest))
        return cls(year)

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month the period covers."""
        if self.kind == 1:
            return _TERTIAL_MONTHS[self.number]
        if self.kind == 2:
            return (self.number, self.number)
        return (1, 12)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.months[0], 1)

    @property
    def end(self) -> dt.date:
        last = self.months[1]
        following = dt.date(self.year + 1, 1, 1) if last == 12 else dt.date(self.year, last + 1, 1)
        return following - dt.timedelta(days=1)

    def __str__(self) -> str:
        if self.kind == 1:
            return f"{self.year}-T{self.number}"
        if self.kind == 2:
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    def in_words(self) -> str:
        """'2025' → '2025', '2025-T2' → '2025, tertial 2', '2025-10' → 'oktober 2025'."""
        if self.kind == 1:
            return f"{self.year}, tertial {self.number}"
        if self.kind == 2:
            return f"{MONTHS[self.number - 1]} {self.year}"
        return str(self.year)


def sort_key(text: str) -> Period:
    """For `sorted(..., key=sort_key)` on period strings; an unreadable one sorts first."""
    try:
        return Period.parse(text)
    except ValueError:
        return Period(0)
