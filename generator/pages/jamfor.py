"""Comparison page per choice area: every provider, egen regi and private, on the same measures.

Where people choose their provider, the region must give comparable information about
all of them (KL 8:18, LOV 9:2). One table holds every open unit with the same columns;
closed units are listed apart, still linked, but not offered as a choice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from generator.domain.aktualitet import Aktualitet, aktualitet
from generator.domain.catalog import Catalog
from generator.domain.period import sort_key as period_sort_key
from generator.models import Kommun, Nyckeltal, NyckeltalsVarde, Verksamhetsomrade
from generator.models.utforare import Position
from generator.pages import format as fmt
from generator.pages.bedomning import Bedomt, senaste
from generator.pages.rader import Uppfoljningsrad, uppfoljningsrad
from generator.pages.render import page
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
    varden: tuple[Bedomt, ...]  # one per measure: the latest value, judged against target and region
    senaste: Uppfoljningsrad | None  # the newest assessed follow-up
    oppna: int
    forsenade: int
    aktualitet: Aktualitet
    position: Position | None
    oppnar: dt.date | None  # a startdatum still ahead
    stanger: dt.date | None  # a slutdatum still ahead (or today): an open unit that will close


@dataclass(frozen=True)
class Plats:
    """A kommun or postort a reader can sort by distance from: the middle of the units there."""

    namn: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Sortering:
    """One choice of the sort menu: the column it sorts by (its key) and the direction."""

    kolumn: str
    stigande: bool
    text: str


@dataclass(frozen=True)
class Jamforsida:
    """Everything the comparison page shows, gathered from the Catalog before rendering."""

    omrade: Verksamhetsomrade
    matt: tuple[Matt, ...]
    rader: tuple[Rad, ...]
    kommuner: tuple[Kommun, ...]
    stangda: tuple[Stangd, ...]
    org: str
    antal_privat: int
    sorteringar: tuple[Sortering, ...]
    kommunplatser: tuple[Plats, ...]
    orter: tuple[Plats, ...]
    minsta_antal: int

    @property
    def org_stor(self) -> str:
        return self.org[:1].upper() + self.org[1:]

    @staticmethod
    def sortvarde(val: Sortering) -> str:
        """The sort menu's option value: a column key (the header's data-kolumn) and a direction."""
        return f"{val.kolumn}:{'stigande' if val.stigande else 'fallande'}"


@dataclass(frozen=True)
class Stangd:
    """A unit that can no longer be chosen: closed, or (`avtal_upphorde`) its contract ended."""

    id: str
    namn: str
    kommun: Kommun | None
    slutdatum: dt.date | None
    avtal_upphorde: bool = False


def jamforelseperiod(catalog: Catalog, nyckeltal_id: str, utforare: list[str]) -> str | None:
    """The newest period any provider of the area has a total value for: the period reference
    values come from, and the one the units are ranked by when sorted (the newest of each
    provider's newest: a period orders one way only). A row without a number (missing, or too
    few answers) is no value to compare: it would leave every unit's number out of the ranking."""
    newest = (catalog.senaste_varde(uid, nyckeltal_id) for uid in utforare)
    periods = [v.period for v in newest if v is not None and v.varde is not None]
    return max(periods, key=period_sort_key) if periods else None


def matt(catalog: Catalog, omrade: str, utforare: list[str]) -> list[Matt]:
    out = []
    for nyckeltal_id in catalog.nyckeltal_for_omrade(omrade):
        period = jamforelseperiod(catalog, nyckeltal_id, utforare)
        region = catalog.varde_for_period("region", nyckeltal_id, period) if period else None
        riket = catalog.varde_for_period("riket", nyckeltal_id, period) if period else None
        out.append(Matt(catalog.nyckeltal[nyckeltal_id], period, region, riket))
    return out


def rad(catalog: Catalog, omrade: str, uid: str, matt_: list[Matt]) -> Rad:
    u = catalog.utforare[uid]
    uppf = [f for f in catalog.uppfoljningar_for(uid) if catalog.omrade_for_uppfoljning(f) == omrade]
    open_ = [a for f in uppf for a in catalog.oppna_atgarder(f)]
    uppfoljning_id = catalog.senaste_bedomda(uid, omrade)
    return Rad(
        id=uid, namn=u.namn, driftsform=u.driftsform, kommun=catalog.kommun_for(uid),
        varden=tuple(senaste(catalog, uid, m.n) for m in matt_),
        senaste=uppfoljningsrad(catalog, uppfoljning_id) if uppfoljning_id else None,
        oppna=len(open_), forsenade=sum(1 for a in open_ if catalog.is_late(a)),
        aktualitet=aktualitet(catalog, uid, (omrade,)), position=u.position,
        oppnar=catalog.oppnar(uid), stanger=u.slutdatum,
    )


def platser(catalog: Catalog) -> tuple[tuple[Plats, ...], tuple[Plats, ...]]:
    """Kommuner and postorter with the mean position of every unit there (any area), by name."""
    by_kommun: dict[str, list[Position]] = defaultdict(list)
    by_ort: dict[str, list[Position]] = defaultdict(list)
    for u in catalog.utforare.values():
        if u.position is None or u.besoksadress is None:
            continue
        kommun = catalog.kommuner.get(u.besoksadress.kommun)
        if kommun:
            by_kommun[kommun.namn].append(u.position)
        by_ort[u.besoksadress.ort].append(u.position)

    def mean(groups: dict[str, list[Position]]) -> tuple[Plats, ...]:
        return tuple(Plats(name, round(sum(p.lat for p in ps) / len(ps), 5), round(sum(p.lon for p in ps) / len(ps), 5))
                     for name, ps in sorted(groups.items(), key=lambda kv: svensk_nyckel(kv[0])))

    return mean(by_kommun), mean(by_ort)


def sorteringar(matt_: list[Matt]) -> tuple[Sortering, ...]:
    """The sort menu: by name is the written order; every measure best first; then the follow-up columns."""
    out = [Sortering("kommun", True, "Kommun, A–Ö")]
    for mt in matt_:
        if mt.n.riktning == "hogre_ar_battre":
            out.append(Sortering(mt.n.id, False, f"{mt.n.namn}, bäst (högst) först"))
        elif mt.n.riktning == "lagre_ar_battre":
            out.append(Sortering(mt.n.id, True, f"{mt.n.namn}, bäst (lägst) först"))
        else:  # neither is better (a count, a size): either end may be what one looks for
            out.append(Sortering(mt.n.id, True, f"{mt.n.namn}, lägst först"))
            out.append(Sortering(mt.n.id, False, f"{mt.n.namn}, högst först"))
    out.append(Sortering("senaste", True, "Senaste uppföljning, bäst resultat först"))
    out.append(Sortering("uppfoljd", True, "Senast uppföljd, nyast först"))
    out.append(Sortering("atgarder", True, "Åtgärder som inte är klara, färst först"))
    return tuple(out)


def stangd(catalog: Catalog, uid: str, omrade: str) -> Stangd:
    """A unit that can no longer be chosen in the area, with the day: it closed, or its contracts ended."""
    closed = catalog.is_closed(uid)
    day = catalog.utforare[uid].slutdatum if closed else catalog.avtal_upphorde(uid, omrade)
    return Stangd(uid, catalog.utforare[uid].namn, catalog.kommun_for(uid), day, not closed)


def jamforsida(catalog: Catalog, omrade: str) -> Jamforsida:
    ids = catalog.utforare_i(omrade)
    open_ids = [uid for uid in ids if catalog.verksam_i(uid, omrade)]
    matt_ = matt(catalog, omrade, open_ids)
    rader = tuple(rad(catalog, omrade, uid, matt_) for uid in open_ids)
    kommuner = sorted({r.kommun.kod: r.kommun for r in rader if r.kommun}.values(), key=lambda k: svensk_nyckel(k.namn))
    stangda = tuple(stangd(catalog, uid, omrade) for uid in ids if not catalog.verksam_i(uid, omrade))
    kommunplatser, orter = platser(catalog)
    return Jamforsida(
        omrade=catalog.omraden[omrade], matt=tuple(matt_), rader=rader, kommuner=tuple(kommuner), stangda=stangda,
        org=voc.organisation(catalog.region.typ), antal_privat=sum(1 for r in rader if r.driftsform == "privat"),
        sorteringar=sorteringar(matt_), kommunplatser=kommunplatser, orter=orter,
        minsta_antal=catalog.publicering.minsta_antal,
    )


def render_omrade(catalog: Catalog, omrade: str) -> str:
    sida = jamforsida(catalog, omrade)
    kort = sida.omrade.namn.split(" (")[0]
    return page(f"jamfor/{omrade}.md", f"Jämför {kort[:1].lower()}{kort[1:]}", "jamfor.html", s=sida)


def render(catalog: Catalog) -> dict[str, str]:
    return {f"jamfor/{omrade_id}.md": render_omrade(catalog, omrade_id)
            for omrade_id, o in catalog.omraden.items() if o.valfrihet}

