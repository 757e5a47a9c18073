"""The change record as rows, and the questions the pages ask of it.

One row is one fact about one publication: a record added or removed, or one field of it
changed from one value to another. The page, the feed, `andringar.csv` and the xlsx all
read these rows, so they always tell the same story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TILLAGD, ANDRAD, BORTTAGEN = "tillagd", "andrad", "borttagen"
HANDELSER = (TILLAGD, ANDRAD, BORTTAGEN)

# Which page a table's rows belong to, and how its key names that page's record.
# Child rows (krav, brister, atgarder) have keys "<parent id>/<nr or id>".
SIDA = {"utforare": "utforare", "avtal": "avtal", "krav": "avtal", "uppfoljningar": "uppfoljning",
        "brister": "uppfoljning", "atgarder": "uppfoljning", "nyckeltalsvarden": "utforare",
        "jamforelsevarden": "jamforelse"}

# Fields whose history tells who ran a private unit.
AGARFALT = ("koncern", "organisationsnummer")


@dataclass(frozen=True)
class Andring:
    publicering: dt.date
    nr: int
    tabell: str
    nyckel: str
    handelse: str
    utforare: str | None
    utforare_namn: str | None
    falt: str | None = None
    fore: str | None = None
    efter: str | None = None

    @property
    def sida(self) -> tuple[str, str]:
        """(kind, id) of the page this change belongs to."""
        return SIDA[self.tabell], self.nyckel.split("/", 1)[0]


@dataclass(frozen=True)
class Agare:
    """Who ran a unit in one stretch between publications (None: not known before the record began)."""

    fran: dt.date | None
    till: dt.date | None
    koncern: str | None
    organisationsnummer: str | None


@dataclass(frozen=True)
class Andringsregister:
    publicering: dt.date  # this publication
    sedan: dt.date  # the first publication the record covers
    rows: tuple[Andring, ...] = ()
    _senast: dict[tuple[str, str], dt.date] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for row in self.rows:
            key = row.sida
            if row.tabell in ("nyckeltalsvarden", "jamforelsevarden"):
                continue  # a new key-figure value is not an edit of a provider's own record
            if key not in self._senast or self._senast[key] < row.publicering:
                self._senast[key] = row.publicering

    def senast_andrad(self, kind: str, id_: str) -> dt.date | None:
        """The last publication that changed this record; None: unchanged since `sedan`."""
        return self._senast.get((kind, id_))

    def nyast_forst(self) -> list[Andring]:
        return sorted(self.rows, key=lambda r: (r.publicering, -r.nr), reverse=True)

    def senaste_andring(self) -> dt.date | None:
        return max((r.publicering for r in self.rows), default=None)

    def agarhistorik(self, uid: str, koncern: str | None, organisationsnummer: str | None) -> list[Agare]:
        """Who ran the unit when, newest first; empty when its owner never changed in the record.

        Walks the owner changes backwards from today's values. A sole trader's number is
        never in the published tables, so it is never in the record either.
        """
        changes = sorted((r for r in self.rows if r.tabell == "utforare" and r.nyckel == uid
                          and r.handelse == ANDRAD and r.falt in AGARFALT), key=lambda r: (r.publicering, r.nr))
        if not changes:
            return []
        current = {"koncern": koncern, "organisationsnummer": organisationsnummer}
        out: list[Agare] = []
        till: dt.date | None = None
        by_day: dict[dt.date, list[Andring]] = {}
        for r in changes:
            by_day.setdefault(r.publicering, []).append(r)
        for day in sorted(by_day, reverse=True):
            out.append(Agare(day, till, current["koncern"], current["organisationsnummer"]))
            for r in by_day[day]:
                assert r.falt is not None
                current[r.falt] = r.fore or None
            till = day
        out.append(Agare(None, till, current["koncern"], current["organisationsnummer"]))
        return out

