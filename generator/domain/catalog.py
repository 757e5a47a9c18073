"""The validated dataset every later step reads: immutable, indexed, and public only.

Secrecy is enforced here, once: non-public follow-ups are dropped (only counted), withheld
fields are emptied, and a sole trader's personnummer is removed. No page, CSV or catalog
writer can leak what it never receives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

from generator.domain.period import Period, sort_key
from generator.models import (
    Atgard,
    Avtal,
    Kommun,
    Mal,
    Namnd,
    Nyckeltal,
    NyckeltalsVarde,
    Uppfoljning,
    Uppfoljningsplan,
    Utforare,
    Verksamhetsomrade,
)
from generator.models.region import Publicering, RegionInfo
from generator.sv.alfabetisk import svensk_nyckel


def public_uppfoljning(u: Uppfoljning) -> Uppfoljning:
    """The follow-up with every withheld field emptied; `sekretess` still names them."""
    if not u.sekretess:
        return u
    update: dict[str, Any] = {}
    for name in u.sekretess:
        default = Uppfoljning.model_fields[name].default
        update[name] = () if isinstance(default, tuple) else None
    return u.model_copy(update=update)


def public_utforare(u: Utforare) -> Utforare:
    """A sole trader's number is a personnummer: it never leaves the catalog."""
    return u.model_copy(update={"organisationsnummer": None}) if u.enskild_firma else u


def year_of(period: str) -> str:
    return str(Period.parse(period).year)


# The lookups each built from one field alone: a copy of the catalog that keeps the field
# keeps them too (Catalog.replaced).
_LOOKUPS = {"avtal": ("_avtal_by_utforare",), "uppfoljningar": ("_uppf_by_avtal",),
            "varden": ("_varden_index", "_varde_index", "_varden_by_nyckeltal")}


@dataclass(frozen=True)
class Catalog:
    region: RegionInfo
    publicering: Publicering
    kommuner: Mapping[str, Kommun]
    namnder: Mapping[str, Namnd]
    mal: Mapping[str, Mal]
    omraden: Mapping[str, Verksamhetsomrade]
    nyckeltal: Mapping[str, Nyckeltal]
    utforare: Mapping[str, Utforare]
    avtal: Mapping[str, Avtal]
    uppfoljningar: Mapping[str, Uppfoljning]
    planer: Mapping[str, Uppfoljningsplan]
    varden: tuple[NyckeltalsVarde, ...]
    dolda: Mapping[tuple[str, str], int]  # (verksamhetsområde, år) → non-public follow-ups
    idag: dt.date  # the day "late" is judged against
    uppdaterad: dt.date  # when the data was last updated

    def replaced(self, **changes: Any) -> Catalog:
        """dataclasses.replace, keeping every lookup built from fields that did not change: the
        build makes a copy for the true date and one for each report's day, and the key-figure
        lookups alone take about 0.3 s to build at national size."""
        copy = dataclasses.replace(self, **changes)
        for field, names in _LOOKUPS.items():
            if field not in changes:
                copy.__dict__.update({name: self.__dict__[name] for name in names if name in self.__dict__})
        return copy

    def with_lookups(self) -> Catalog:
        """This catalog with every lookup built now: the build does so before it forks its
        writers, which then share them instead of each building its own."""
        for names in _LOOKUPS.values():
            for name in names:
                getattr(self, name)
        return self

    # --- providers -------------------------------------------------------------------
    def is_closed(self, utforare_id: str) -> bool:
        end = self.utforare[utforare_id].slutdatum
        return end is not None and end < self.idag

    def oppnar(self, utforare_id: str) -> dt.date | None:
        """The day the unit opens, if that is still ahead: it is not open yet."""
        start = self.utforare[utforare_id].startdatum
        return start if start is not None and start > self.idag else None

    def is_ended(self, avtal_id: str) -> bool:
        """The contract's end date has passed (the contract is shown as ended, not hidden)."""
        end = self.avtal[avtal_id].slutdatum
        return end is not None and end < self.idag

    def avtal_upphorde(self, utforare_id: str, omrade_id: str) -> dt.date | None:
        """The day the unit's last contract in the area ended, when every one it has there has
        ended: it can no longer be chosen there, though the unit itself may be open. None when
        a contract there still runs, or when the unit has none there."""
        ends = [self.avtal[avtal_id].slutdatum for avtal_id in self.avtal_for(utforare_id)
                if self.avtal[avtal_id].verksamhetsomrade == omrade_id]
        if not ends or any(end is None or end >= self.idag for end in ends):
            return None
        return max(end for end in ends if end is not None)

    def verksam_i(self, utforare_id: str, omrade_id: str) -> bool:
        """The unit works in the area on the region's behalf: it is open, and its contracts there
        have not all ended. Where people choose, only such a unit is a choice."""
        return not self.is_closed(utforare_id) and self.avtal_upphorde(utforare_id, omrade_id) is None

    def utforare_i(self, omrade_id: str) -> list[str]:
        """Provider ids of an area, by name."""
        ids = [uid for uid, u in self.utforare.items() if omrade_id in u.verksamhetsomraden]
        return sorted(ids, key=lambda uid: (svensk_nyckel(self.utforare[uid].namn), uid))

    def kommun_for(self, utforare_id: str) -> Kommun | None:
        address = self.utforare[utforare_id].besoksadress
        return self.kommuner.get(address.kommun) if address else None

    # --- contracts and follow-ups ----------------------------------------------------
    @cached_property
    def _avtal_by_utforare(self) -> Mapping[str, tuple[str, ...]]:
        index: dict[str, list[str]] = defaultdict(list)
        for avtal_id, a in sorted(self.avtal.items(), key=lambda kv: (kv[1].startdatum, kv[0])):
            index[a.utforare].append(avtal_id)
        return MappingProxyType({k: tuple(v) for k, v in index.items()})

    def avtal_for(self, utforare_id: str) -> tuple[str, ...]:
        return self._avtal_by_utforare.get(utforare_id, ())

    def sort_key(self, uppfoljning_id: str) -> tuple[Any, ...]:
        """Newest first when sorted in reverse: by date done, then period, then id."""
        u = self.uppfoljningar[uppfoljning_id]
        return (u.genomford or dt.date.min, sort_key(u.period or ""), uppfoljning_id)

    @cached_property
    def _uppf_by_avtal(self) -> Mapping[str, tuple[str, ...]]:
        index: dict[str, list[str]] = defaultdict(list)
        for uppfoljning_id in sorted(self.uppfoljningar, key=self.sort_key, reverse=True):
            index[self.uppfoljningar[uppfoljning_id].avtal].append(uppfoljning_id)
        return MappingProxyType({k: tuple(v) for k, v in index.items()})

    def uppfoljningar_for_avtal(self, avtal_id: str) -> tuple[str, ...]:
        """Newest first."""
        return self._uppf_by_avtal.get(avtal_id, ())

    def uppfoljningar_for(self, utforare_id: str) -> list[str]:
        """Every public follow-up of a provider, newest first."""
        ids = [uppfoljning_id for avtal_id in self.avtal_for(utforare_id)
               for uppfoljning_id in self.uppfoljningar_for_avtal(avtal_id)]
        return sorted(ids, key=self.sort_key, reverse=True)

    def omrade_for_uppfoljning(self, uppfoljning_id: str) -> str:
        return self.avtal[self.uppfoljningar[uppfoljning_id].avtal].verksamhetsomrade

    def utforare_for_uppfoljning(self, uppfoljning_id: str) -> str:
        return self.avtal[self.uppfoljningar[uppfoljning_id].avtal].utforare

    def senaste_bedomda(self, utforare_id: str, omrade_id: str | None = None) -> str | None:
        """The newest completed follow-up that judged the requirements, optionally within one area.
        One marked ej_bedomd (a dialogue, a unit too new to judge) judged nothing: the result
        before it stands, and the unit's freshness still counts it (aktualitet). A result
        withheld is one too: passed over, an older result would be shown as the latest."""
        for uppfoljning_id in self.uppfoljningar_for(utforare_id):
            u = self.uppfoljningar[uppfoljning_id]
            if omrade_id and self.omrade_for_uppfoljning(uppfoljning_id) != omrade_id:
                continue
            if u.status == "genomford" and (u.resultat not in (None, "ej_bedomd") or "resultat" in u.sekretess):
                return uppfoljning_id
        return None

    def is_late(self, atgard: Atgard) -> bool:
        return atgard.status != "klar" and atgard.senast < self.idag

    def oppna_atgarder(self, uppfoljning_id: str) -> list[Atgard]:
        plan = self.uppfoljningar[uppfoljning_id].handlingsplan
        return [a for a in plan.atgarder if a.status != "klar"] if plan else []

    # --- key figures -------------------------------------------------------------------
    @cached_property
    def _varden_index(self) -> Mapping[tuple[str, str], tuple[NyckeltalsVarde, ...]]:
        index: dict[tuple[str, str], list[NyckeltalsVarde]] = defaultdict(list)
        for v in self.varden:
            index[(v.utforare, v.nyckeltal)].append(v)
        return MappingProxyType({
            k: tuple(sorted(v, key=lambda x: (sort_key(x.period), x.kon))) for k, v in index.items()
        })

    def varden_for(self, utforare_id: str, nyckeltal_id: str) -> tuple[NyckeltalsVarde, ...]:
        """Values of one provider (or `region`/`riket`) for one indicator, oldest first."""
        return self._varden_index.get((utforare_id, nyckeltal_id), ())

    @cached_property
    def _varden_by_nyckeltal(self) -> Mapping[str, tuple[NyckeltalsVarde, ...]]:
        index: dict[str, list[NyckeltalsVarde]] = defaultdict(list)
        for v in self.varden:
            index[v.nyckeltal].append(v)
        return MappingProxyType({k: tuple(v) for k, v in index.items()})

    def varden_of_nyckeltal(self, nyckeltal_id: str) -> tuple[NyckeltalsVarde, ...]:
        """Every value of one indicator, each provider's and the references', in the catalog's order:
        all a provider page's view of that indicator is made of, besides the provider's name."""
        return self._varden_by_nyckeltal.get(nyckeltal_id, ())

    def senaste_varde(self, utforare_id: str, nyckeltal_id: str, kon: str = "T") -> NyckeltalsVarde | None:
        """The newest value for `kon`: sought from the end of the values, oldest first (the
        comparison pages ask for every provider's, each of a list that grows with the years)."""
        for v in reversed(self.varden_for(utforare_id, nyckeltal_id)):
            if v.kon == kon:
                return v
        return None

    @cached_property
    def _varde_index(self) -> Mapping[tuple[str, str, str, str], NyckeltalsVarde]:
        """Each value by provider, indicator, period and sex: the provider pages of a national
        site ask about 500,000 times, each of a list that grows with the years."""
        index: dict[tuple[str, str, str, str], NyckeltalsVarde] = {}
        for v in self.varden:
            index.setdefault((v.utforare, v.nyckeltal, v.period, v.kon), v)
        return MappingProxyType(index)

    def varde_for_period(self, utforare_id: str, nyckeltal_id: str, period: str, kon: str = "T") -> NyckeltalsVarde | None:
        return self._varde_index.get((utforare_id, nyckeltal_id, period, kon))

    def nyckeltal_for_omrade(self, omrade_id: str) -> list[str]:
        return [nyckeltal_id for nyckeltal_id, n in self.nyckeltal.items() if omrade_id in n.verksamhetsomraden]
