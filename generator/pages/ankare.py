"""HTML ids for values that are not ids: a requirement numbered "Krav 4 a" gets `krav-4-a`.

Only a page needs a slug; the data keeps the id exactly as the contract writes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.sv.slug import slug


def ankare(ids: Iterable[str]) -> dict[str, str]:
    """A distinct slug for each id in one list ('K1' and 'k1' get 'k1' and 'k1-2')."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for position, value in enumerate(ids, start=1):
        base = slug(value) or str(position)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        out[value] = candidate
    return out
