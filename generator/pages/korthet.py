"""The answer on the first screen of a provider page: open or closed, the latest result
with its date and age, open and late measures, a few key measures against the region,
and how to choose this unit. Everything else on the page follows below it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.domain import aktualitet as akt
from generator.domain import jamforelse
from generator.domain.catalog import Catalog
from generator.models.region import SaValjerDu
from generator.pages.bedomning import Bedomt, senaste
from generator.pages.rader import Uppfoljningsutdrag, uppfoljningsrad

ANTAL_MATT = 4  # key measures in the summary: enough to judge, few enough for one screen


@dataclass(frozen=True)
class Resultat:
    id: str
    namn: str
    u: Uppfoljningsutdrag
    sedan: str  # 'för 8 månader sedan'


@dataclass(frozen=True)
class Valjvag:
    """How to choose or list with the unit, for one of its choice areas."""

    omrade: str
    vag: SaValjerDu


@dataclass(frozen=True)
class Korthet:
    stangd: bool
    slutdatum: dt.date | None  # the day it closed, or will close (then it is open)
    oppnar: dt.date | None  # the day it opens, when that is still ahead
    resultat: Resultat | None
    aktualitet: akt.Aktualitet
    oppna: int
    forsenade: int
    matt: tuple[Bedomt, ...]
    valj: tuple[Valjvag, ...]


def korthet(catalog: Catalog, uid: str) -> Korthet:
    u = catalog.utforare[uid]
    uppfoljning_id = catalog.senaste_bedomda(uid)
    resultat = None
    if uppfoljning_id:
        f = catalog.uppfoljningar[uppfoljning_id]
        sedan = akt.sedan(akt.manader_mellan(f.genomford, catalog.idag)) if f.genomford else ""
        rad = uppfoljningsrad(catalog, uppfoljning_id)
        resultat = Resultat(uppfoljning_id, rad.namn, rad.u, sedan)
    oppna = [a for uppfoljning_id in catalog.uppfoljningar_for(uid) for a in catalog.oppna_atgarder(uppfoljning_id)]
    nyckeltal_ids = list(dict.fromkeys(nyckeltal_id for omrade_id in u.verksamhetsomraden for nyckeltal_id in catalog.nyckeltal_for_omrade(omrade_id)))
    judged = [b for nyckeltal_id in nyckeltal_ids if (b := senaste(catalog, uid, catalog.nyckeltal[nyckeltal_id])).v is not None]
    judged.sort(key=lambda b: not jamforelse.jamforbar(b.n))  # stable: judged against the region first
    stangd = catalog.is_closed(uid)
    valj = () if stangd else tuple(
        Valjvag(o.namn, o.sa_valjer_du) for omrade_id in u.verksamhetsomraden
        if (o := catalog.omraden[omrade_id]).valfrihet and o.sa_valjer_du is not None and catalog.verksam_i(uid, omrade_id))
    return Korthet(stangd, u.slutdatum, catalog.oppnar(uid), resultat, akt.aktualitet(catalog, uid), len(oppna),
                   sum(1 for a in oppna if catalog.is_late(a)), tuple(judged[:ANTAL_MATT]), valj)
