"""The build stage: read the previous package, compare, and date the data truthfully."""

from __future__ import annotations

import datetime as dt

from generator.andringar.compare import compare
from generator.andringar.previous import read_previous
from generator.andringar.record import Andringsregister
from generator.andringar.sekretess import publicerbara
from generator.domain.catalog import Catalog
from generator.opendata.resources import all_rows


def register_for(catalog: Catalog, previous: str | None, publicering: dt.date) -> Andringsregister:
    """This publication's change record; empty for a first publication (no --previous). The
    rows carried over from the previous package are held to today's secrecy as the new ones are.

    Raises BuildError when the previous package cannot be read: a record with holes in it
    is never published.
    """
    if previous is None:
        return Andringsregister(publicering=publicering, sedan=publicering)
    before = read_previous(previous)
    first_nr = 1 + max((r.nr for r in before.andringar if r.publicering == publicering), default=0)
    new = compare(before.tables, all_rows(catalog), publicering, first_nr)
    return Andringsregister(publicering=publicering, sedan=min(before.sedan, publicering),
                            rows=publicerbara((*before.andringar, *new), catalog))


def _newest_public_date(catalog: Catalog) -> dt.date | None:
    dates = [d for u in catalog.uppfoljningar.values()
             for d in (u.genomford, u.redovisad.datum if u.redovisad else None,
                       u.handlingsplan.beslutad if u.handlingsplan else None) if d is not None]
    dates += [a.klar for u in catalog.uppfoljningar.values() if u.handlingsplan
              for a in u.handlingsplan.atgarder if a.klar is not None]
    return max((d for d in dates if d <= catalog.idag), default=None)


def with_true_date(catalog: Catalog, register: Andringsregister) -> Catalog:
    """"Uppdaterad" is the newest of: the hand-typed date, the newest public date in the data
    (not in the future), and the last publication that changed something. A hand-typed
    `publicering.uppdaterad` can no longer hold the date back after an edit."""
    candidates = [catalog.uppdaterad, _newest_public_date(catalog), register.senaste_andring()]
    return catalog.replaced(uppdaterad=max(d for d in candidates if d is not None))
