"""Comparison page per choice area: every provider, egen regi and private, on the same measures.

Where people choose their provider, the region must give comparable information about
all of them (KL 8:18, LOV 9:2). One table holds every open unit with the same columns;
closed units are listed apart, still linked, but not offered as a choice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.domain.catalog import Catalog
from generator.domain.period import sort_key as period_sort_key
from generator.models import Kommun, Nyckeltal, NyckeltalsVarde
from generator.pages import format as fmt
from generator.pages.render import page
from generator.pages.uppf_common import RESULTAT_RANK, helpers
from generator.sv import vocabulary as voc
from generator.sv.alfabetisk import svensk_nyckel


@dataclass(frozen=True)
class Matt:
    """One key figure as a column: its definition, the period compared, and the reference values."""

    n: Nyckeltal
    period: str | None
    region: NyckeltalsVarde | None
    riket: NyckeltalsVarde | None

    @property
    def rubrik(self) -> str:
        """The measure in words with its direction and target: the label of a value on a phone card."""
        kort = voc.RIKTNING_KORT[self.n.riktning]
        parts = [kort[:1].lower() + kort[1:]] if self.n.riktning != "neutral" else []
        if self.n.malvarde is not None:
            parts.append(f"mål {fmt.tal(self.n.malvarde, self.n.enhet)}")
        return f"{self.n.namn} ({', '.join(parts)})" if parts else self.n.namn


@dataclass(frozen=True)
class Rad:
    """One provider as a row."""

    id: str
    namn: str
    driftsform: str
    kommun: Kommun | None
    varden: tuple[NyckeltalsVarde | None, ...]
    senaste: str | None
    oppna: int
    forsenade: int


@dataclass(frozen=True)
class Stangd:
    id: str
    namn: str
    kommun: Kommun | None
    slutdatum: dt.date | None


def jamforelseperiod(catalog: Catalog, nid: str, utforare: list[str]) -> str | None:
    """The newest period any provider of the area has a total value for: the period reference values come from."""
    periods = {v.period for uid in utforare for v in catalog.varden_for(uid, nid) if v.kon == "T"}
    return max(periods, key=period_sort_key) if periods else None


def matt(catalog: Catalog, omrade: str, utforare: list[str]) -> list[Matt]:
    out = []
    for nid in catalog.nyckeltal_for_omrade(omrade):
        period = jamforelseperiod(catalog, nid, utforare)
        region = catalog.varde_for_period("region", nid, period) if period else None
        riket = catalog.varde_for_period("riket", nid, period) if period else None
        out.append(Matt(catalog.nyckeltal[nid], period, region, riket))
    return out


def rad(catalog: Catalog, omrade: str, uid: str, matt_: list[Matt]) -> Rad:
    u = catalog.utforare[uid]
    uppf = [f for f in catalog.uppfoljningar_for(uid) if catalog.omrade_for_uppfoljning(f) == omrade]
    open_ = [a for f in uppf for a in catalog.oppna_atgarder(f)]
    return Rad(
        id=uid, namn=u.namn, driftsform=u.driftsform, kommun=catalog.kommun_for(uid),
        varden=tuple(catalog.senaste_varde(uid, m.n.id) for m in matt_),
        senaste=catalog.senaste_bedomda(uid, omrade),
        oppna=len(open_), forsenade=sum(1 for a in open_ if catalog.is_late(a)),
    )


def render_omrade(catalog: Catalog, omrade: str) -> str:
    doc = f"jamfor/{omrade}.md"
    ids = catalog.utforare_i(omrade)
    open_ids = [uid for uid in ids if not catalog.is_closed(uid)]
    matt_ = matt(catalog, omrade, open_ids)
    rader = [rad(catalog, omrade, uid, matt_) for uid in open_ids]
    kommuner = sorted({r.kommun.kod: r.kommun for r in rader if r.kommun}.values(), key=lambda k: svensk_nyckel(k.namn))
    stangda = [Stangd(uid, catalog.utforare[uid].namn, catalog.kommun_for(uid), catalog.utforare[uid].slutdatum)
               for uid in ids if catalog.is_closed(uid)]
    o = catalog.omraden[omrade]
    kort = o.namn.split(" (")[0]
    context = {
        **helpers(catalog), "matvarde": fmt.matvarde,
        "omrade": o, "matt": matt_, "rader": rader, "kommuner": kommuner, "stangda": stangda,
        "RANK": RESULTAT_RANK, "antal_privat": sum(1 for r in rader if r.driftsform == "privat"),
    }
    return page(doc, f"Jämför {kort[:1].lower()}{kort[1:]}", "jamfor.html", **context)


def render(catalog: Catalog) -> dict[str, str]:
    return {f"jamfor/{oid}.md": render_omrade(catalog, oid)
            for oid, o in catalog.omraden.items() if o.valfrihet}

