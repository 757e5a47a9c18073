"""What the change record may still show: today's secrecy applies to every row, the rows
carried over from earlier publications as much as this publication's own.

The record is cumulative, so without this a value recorded while it was public would be
published again with every later publication after it was withheld: a field put under
`sekretess`, a follow-up made non-public (`publik: false`), a personnummer that an earlier
version let through. Secrecy is usually set because something was published that should
not have been; the record must not keep it public.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from generator.andringar.compare import BY_TABLE, SEKRETESS_FALT, SEKRETESS_TABELL
from generator.andringar.record import ANDRAD, Andring
from generator.domain.catalog import Catalog
from generator.sv.personnummer import redact

# The tables whose rows belong to one follow-up: its id is the key's first part.
_UPPFOLJNING = frozenset({"uppfoljningar", *SEKRETESS_TABELL})


def publicerbara(rows: Iterable[Andring], catalog: Catalog) -> tuple[Andring, ...]:
    """The rows that the data as it is now lets be published, every value with any personnummer
    in it masked. A follow-up no longer published (non-public now, or removed) keeps only its
    own "added" and "removed" rows, which carry no value; a changed field is kept only where it
    is compared now (a derived column, such as when a unit was last followed up, is not: it
    would tell a date that is now withheld)."""
    kept = []
    for row in rows:
        compared = BY_TABLE.get(row.tabell)
        if row.handelse == ANDRAD and (compared is None or row.falt not in compared.falt):
            continue
        if row.tabell in _UPPFOLJNING and not _shown(row, catalog):
            continue
        kept.append(row if row.fore is None and row.efter is None else _masked(row))
    return tuple(kept)


def _shown(row: Andring, catalog: Catalog) -> bool:
    uppfoljning = catalog.uppfoljningar.get(row.nyckel.split("/", 1)[0])
    if uppfoljning is None:
        return row.tabell == "uppfoljningar" and row.handelse != ANDRAD
    withheld = set(uppfoljning.sekretess)
    if row.tabell in SEKRETESS_TABELL:
        return SEKRETESS_TABELL[row.tabell] not in withheld
    return row.falt is None or SEKRETESS_FALT.get(row.falt, row.falt) not in withheld


def _masked(row: Andring) -> Andring:
    fore, efter = (redact(value) if value is not None else None for value in (row.fore, row.efter))
    return row if (fore, efter) == (row.fore, row.efter) else dataclasses.replace(row, fore=fore, efter=efter)
