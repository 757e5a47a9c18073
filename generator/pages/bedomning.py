"""A unit's latest value of a key figure, judged: reaches the target or not, and against the region.

Used by the provider page's summary and by every value in the comparison table, so the
two always say the same. The rules themselves live in generator.domain.jamforelse.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.domain import jamforelse
from generator.domain.catalog import Catalog
from generator.models import Nyckeltal, NyckeltalsVarde
from generator.sv import vocabulary as voc


@dataclass(frozen=True)
class Bedomt:
    """The unit's value (or None), and the region's value for the same period; `org` is the
    publisher's word (sv.vocabulary.organisation: "regionen" or "kommunen")."""

    n: Nyckeltal
    v: NyckeltalsVarde | None
    region: NyckeltalsVarde | None
    org: str

    @property
    def varde(self) -> float | None:
        return self.v.varde if self.v is not None else None

    @property
    def lage(self) -> jamforelse.Lage | None:
        region = self.region.varde if self.region is not None else None
        return jamforelse.mot_regionen(self.n, self.varde, region)

    @property
    def lage_symbol(self) -> str:
        return jamforelse.ORD[self.lage][0] if self.lage else ""

    @property
    def lage_ord(self) -> str:
        return f"{jamforelse.ORD[self.lage][1]} {self.org}" if self.lage else ""

    @property
    def nar_malet(self) -> bool | None:
        return jamforelse.nar_malet(self.n, self.varde)


def senaste(catalog: Catalog, utforare_id: str, n: Nyckeltal) -> Bedomt:
    """The unit's newest total value of the key figure, with the region's value of that period."""
    v = catalog.senaste_varde(utforare_id, n.id)
    region = catalog.varde_for_period("region", n.id, v.period) if v is not None else None
    return Bedomt(n, v, region, voc.organisation(catalog.region.typ))
